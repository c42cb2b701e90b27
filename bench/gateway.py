"""The gateway's list: requests per second and latency of `GET /api/v1/incidents` (first page, 25 newest)
with 100 000 incidents stored, on PostgreSQL, by closed-loop clients.

    python -m bench.gateway
"""
import time

from bench import load, report, seed
from bench.cpu import CpuMeter
from bench.stats import summary_ms
from bench.system import running

INCIDENTS = 100_000
SECONDS = 15
THREADS = 8  # fewer than the gateway's 10 workers: latency is the server's, not a queue in front of it


def lister(base_url: str, token: str):
    headers = {"Authorization": f"Bearer {token}"}

    def list_first_page(session) -> float:
        clock = time.perf_counter()
        found = session.get(f"{base_url}/incidents", headers=headers, timeout=30)
        found.raise_for_status()
        if found.json()["total"] < INCIDENTS:
            raise AssertionError(f"only {found.json()['total']} incidents listed")
        return time.perf_counter() - clock

    return list_first_page


def run() -> dict:
    with running("postgresql", "gateway", services=("incidents",)) as vern:
        started = time.monotonic()
        seed.incidents(vern.config["DATABASES"]["incidents"], INCIDENTS)
        seeded_s = time.monotonic() - started
        action = lister(vern.base_url, vern.token(roles=("pko",)))
        load.batch(action, 20, threads=2)  # warm-up
        meter = CpuMeter(vern).start()
        outcome = load.closed_loop(action, SECONDS, THREADS)
        cpu = meter.stop()
    latency = summary_ms(outcome.results)
    per_request = {name: round(1000 * used / max(1, len(outcome.results)), 2) for name, used in cpu.items()
                   if used > 0.05}
    figures = {"gateway_list_requests_per_s": round(len(outcome.results) / (outcome.ended - outcome.started), 1),
               "gateway_list_p50_ms": latency["p50_ms"], "gateway_list_p99_ms": latency["p99_ms"],
               "gateway_list_errors": len(outcome.errors), "gateway_seed_100k_s": round(seeded_s, 1)}
    print(f"  gateway: {figures} {latency}", flush=True)
    return {**figures, "gateway_details": {"latency": latency, "threads": THREADS, "seconds": SECONDS,
                                           "cpu_ms_per_request": per_request, "error_samples": outcome.errors[:3]}}


if __name__ == "__main__":
    report.save_and_print("gateway", run())
