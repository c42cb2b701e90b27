"""Fan-out latency: from the HTTP response of the assessment that makes an incident serious to the last of
its notification tasks persisted in the notifications service's database (`notification_tasks.created_at`, read after the
run), at a paced (open-loop) 1, 10 and 50 incidents a second.

    python -m bench.fanout [postgresql|sqlite ...]
"""
import sys
import time

from bench import load, persisted, report
from bench.stats import summary_ms
from bench.system import running
from bench.workload import TASKS_PER_ESCALATION, escalator

# rate (incidents/s) -> seconds of load: enough samples for a p99 to mean something at 10/s and 50/s
RATES = {1: 20, 10: 15, 50: 10}
WARM_UP = 20  # escalations first, so lazy imports and empty connection pools are not measured
DRAIN_SECONDS = 60


def threads_for(rate: float) -> int:
    """Enough client threads that slow answers do not hold back the next scheduled incident: an
    overloaded gateway answers the two requests of an escalation in ~0.8 s, so 40 keep up 50 a second."""
    return max(2, min(48, int(rate * 0.8)))


def measure(vern, rate: float, duration: float, already: int) -> tuple[dict, int]:
    """One rate; `already` tasks exist from earlier rates. Returns the figures and the task count now."""
    action = escalator(vern.base_url, vern.token(roles=("pko",)))
    outcome = load.open_loop(action, rate, duration, threads_for(rate))
    expected = already + TASKS_PER_ESCALATION * len(outcome.results)
    found = persisted.wait_for_tasks(vern.config["DATABASES"]["notifications"], expected, DRAIN_SECONDS)
    made = persisted.tasks_by_incident(vern.config["DATABASES"]["notifications"])
    complete = [e for e in outcome.results if made.get(e.incident_id, (0, 0))[0] == TASKS_PER_ESCALATION]
    figures = summary_ms([made[e.incident_id][1] - e.assessed for e in complete])
    figures.update(rate_per_s=rate, seconds=duration, sent=len(outcome.results) + len(outcome.errors),
                   # below the rate when the clients could not keep the pace (the system answered too slowly)
                   achieved_per_s=round(len(outcome.results) / max(duration, outcome.ended - outcome.started), 1),
                   errors=len(outcome.errors), incomplete=len(outcome.results) - len(complete),
                   max_lateness_ms=round(outcome.max_lateness_s * 1000, 1),
                   assessment_http=summary_ms([e.assess_s for e in outcome.results]))
    return figures, found


def run_backend(backend: str) -> dict:
    with running(backend, "fanout") as vern:
        warm = load.batch(escalator(vern.base_url, vern.token()), WARM_UP, threads=4)
        tasks = persisted.wait_for_tasks(vern.config["DATABASES"]["notifications"],
                                         TASKS_PER_ESCALATION * len(warm.results), DRAIN_SECONDS)
        persisted.analyze(vern.config["DATABASES"])
        by_rate = {}
        for rate, duration in RATES.items():
            by_rate[rate], tasks = measure(vern, rate, duration, tasks)
            print(f"  fan-out {backend} {rate}/s: {by_rate[rate]}", flush=True)
    return by_rate


def run(backends=("postgresql", "sqlite")) -> dict:
    """Flat figures for the summary: `fanout_p99_ms_at_10_per_s` is PostgreSQL's; SQLite's keys say sqlite."""
    figures, details = {}, {}
    for backend in backends:
        started = time.monotonic()
        details[backend] = run_backend(backend)
        prefix = "fanout" if backend == "postgresql" else f"fanout_{backend}"
        for rate, found in details[backend].items():
            for p in ("p50", "p95", "p99"):
                figures[f"{prefix}_{p}_ms_at_{rate}_per_s"] = found[f"{p}_ms"]
        figures[f"{prefix}_seconds"] = round(time.monotonic() - started, 1)
    return {**figures, "fanout_details": details}


if __name__ == "__main__":
    report.save_and_print("fanout", run(tuple(sys.argv[1:]) or ("postgresql", "sqlite")))
