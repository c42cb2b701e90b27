"""`nameko run` under cProfile, counting CPU time (not wall time, which would charge a green thread for
the time others ran), and counting the SQL statements each Vern function issues. SIGUSR2 writes both:
the profile to OUT and the statement counts to OUT with the suffix .sql.json.

    python -m bench.profiled OUT.prof nameko run --config FILE services.reporting.service

Used by bench.system when BENCH_PROFILE names services (e.g. BENCH_PROFILE=reporting,incidents);
`python -m bench.profile_report OUT.prof [escalations]` shows them.
"""
import cProfile
import json
import signal
import sys
import time
from collections import Counter
from pathlib import Path


def _where(frame) -> str:
    """`use case > issuing function`: the outermost and innermost Vern service frames of this green
    thread's own stack (frames link within a greenlet, so this is exact where cProfile's callers are not);
    the shared/ frame (the outbox relay, the inbox) when no service function is on the stack."""
    services, shared = [], None
    while frame is not None:
        filename = frame.f_code.co_filename
        if "/services/" in filename:
            services.append(f"{filename.split('/services/')[-1].removesuffix('.py')}.{frame.f_code.co_name}")
        elif shared is None and "/shared/" in filename:
            shared = f"shared/{filename.split('/shared/')[-1].removesuffix('.py')}.{frame.f_code.co_name}"
        frame = frame.f_back
    if not services:
        return shared or "(outside Vern)"
    return services[-1] if len(services) == 1 else f"{services[-1]} > {services[0]}"


def count_statements() -> Counter:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    counts = Counter()

    @event.listens_for(Engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        counts[_where(sys._getframe(1))] += 1

    return counts


def main():
    out, sys.argv = Path(sys.argv[1]), sys.argv[2:]
    profiler = cProfile.Profile(time.process_time)
    statements = count_statements()

    def dump(*_):
        profiler.dump_stats(str(out))
        out.with_suffix(".sql.json").write_text(json.dumps(dict(statements.most_common()), indent=1))

    signal.signal(signal.SIGUSR2, dump)
    profiler.enable()
    from nameko.cli.main import main as nameko_main

    nameko_main()


if __name__ == "__main__":
    main()
