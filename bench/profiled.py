"""A service under cProfile, counting CPU time (not wall time, which would charge a green thread for the
time others ran), and counting the SQL statements each Vern function issues. `nameko run` imports this
module as the service module; it starts the profiler and re-exports the service class named by
BENCH_PROFILED_SERVICE. SIGUSR2 writes the profile to BENCH_PROFILE_OUT and the statement counts beside it
(suffix .sql.json).

bench.system starts services this way when BENCH_PROFILE names them (e.g. BENCH_PROFILE=reporting);
`python -m bench.profile_report OUT.prof [escalations]` shows what they say.
"""
import cProfile
import json
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from shared.deployment import service_class


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


_statements = Counter()


@event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    _statements[_where(sys._getframe(1))] += 1


_out = Path(os.environ["BENCH_PROFILE_OUT"])
_profiler = cProfile.Profile(time.process_time)


def _dump(*_):
    _profiler.dump_stats(str(_out))
    _out.with_suffix(".sql.json").write_text(json.dumps(dict(_statements.most_common()), indent=1))


signal.signal(signal.SIGUSR2, _dump)
_service = service_class(os.environ["BENCH_PROFILED_SERVICE"])
globals()[_service.__name__] = _service  # what `nameko run bench.profiled` finds and runs
_profiler.enable()
