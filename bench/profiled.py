"""`nameko run` under cProfile, counting CPU time (not wall time, which would charge a green thread for
the time others ran); SIGUSR2 writes the statistics so far.

    python -m bench.profiled OUT.prof nameko run --config FILE services.reporting.service

Used by bench.system when BENCH_PROFILE names services (e.g. BENCH_PROFILE=reporting,incidents);
`python -m bench.profile_report OUT.prof` prints the heaviest functions.
"""
import cProfile
import signal
import sys
import time


def main():
    out, sys.argv = sys.argv[1], sys.argv[2:]
    profiler = cProfile.Profile(time.process_time)
    signal.signal(signal.SIGUSR2, lambda *_: profiler.dump_stats(out))
    profiler.enable()
    from nameko.cli.main import main as nameko_main

    nameko_main()


if __name__ == "__main__":
    main()
