"""`make bench`: every benchmark in one run (under ten minutes on two cores), then bench/results/summary.json
and a markdown table. `python -m bench fanout gateway` runs some of them only."""
import sys
import time
import traceback

from bench import fanout, gateway, raw_kombu, report, reports, summary, throughput

MODULES = {"raw_kombu": raw_kombu.run, "fanout": fanout.run, "throughput": throughput.run,
           "gateway": gateway.run, "reports": reports.run}


def main(names: list[str]) -> int:
    started, figures, failed = time.monotonic(), {}, []
    for name in names or MODULES:
        print(f"== {name}", flush=True)
        clock = time.monotonic()
        try:
            found = MODULES[name]()
        except Exception:  # one broken benchmark still leaves the others' figures in the summary
            traceback.print_exc()
            failed.append(name)
            continue
        report.save(name, found)
        figures.update(found)
        print(f"   {name} took {time.monotonic() - clock:.0f} s", flush=True)
    result = summary.summarise({**figures, "failed": failed}, time.monotonic() - started)
    summary.write(result, report.RESULTS / "summary.json")
    print("\n" + summary.markdown(result))
    print(f"\n(written to {report.RESULTS / 'summary.json'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
