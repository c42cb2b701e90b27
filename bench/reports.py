"""Building the annual management review (ledelsens gjennomgang) over a large read model: 100 000
incidents, 10 000 risks and 5 000 processing activities in reporting's facts, seeded in bulk; the time of
the HTTP call that drafts the report (POST /reports builds its content), then of reading the draft again
(GET /reports/{id} builds it anew).

    python -m bench.reports [postgresql|sqlite ...]
"""
import sys
import time
from datetime import date

from bench import report, seed
from bench.system import running

INCIDENTS, RISKS, PROCESSINGS = 100_000, 10_000, 5_000
READS = 3
YEAR = date.today().year - 1  # a whole year of facts, as an agency reviews the year that ended


def build(vern) -> dict:
    client = vern.client(roles=("pko",))
    body = {"kind": "management_review", "period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31",
            "inputs": {"b": "Ny personopplysningslov ventes.", "decisions": "Innføre MFA for alle."}}
    clock = time.perf_counter()
    drafted = client.post("/reports", json=body)
    draft_s = time.perf_counter() - clock
    if drafted.status_code != 201:
        raise RuntimeError(f"drafting the review failed: {drafted.status_code} {drafted.text[:300]}")
    reported = drafted.json()["content"]["sections"]
    reads = []
    for _ in range(READS):
        clock = time.perf_counter()
        client.get(f"/reports/{drafted.json()['id']}").raise_for_status()
        reads.append(time.perf_counter() - clock)
    return {"draft_s": round(draft_s, 3), "read_s": round(sorted(reads)[len(reads) // 2], 3),
            "response_bytes": len(drafted.content), "sections": len(reported)}


def run_backend(backend: str) -> dict:
    with running(backend, "reports", services=("reporting",)) as vern:
        started = time.monotonic()
        seed.report_facts(vern.config["DATABASES"]["reporting"], YEAR, INCIDENTS, RISKS, PROCESSINGS)
        seeded_s = time.monotonic() - started
        figures = {**build(vern), "seed_s": round(seeded_s, 1)}
    print(f"  management review {backend}: {figures}", flush=True)
    return figures


def run(backends=("postgresql", "sqlite")) -> dict:
    details = {backend: run_backend(backend) for backend in backends}
    figures = {}
    for backend, found in details.items():
        prefix = "management_review_100k" if backend == "postgresql" else f"management_review_100k_{backend}"
        figures[f"{prefix}_s"] = found["draft_s"]
        figures[f"{prefix}_read_s"] = found["read_s"]
    return {**figures, "reports_details": details}


if __name__ == "__main__":
    report.save_and_print("reports", run(tuple(sys.argv[1:]) or ("postgresql", "sqlite")))
