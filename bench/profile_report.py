"""What a profile written by bench.profiled shows: own CPU time summed by library (SQLAlchemy, the
PostgreSQL driver, Jinja2, kombu/amqp, eventlet, Vern's own modules, ...), then the heaviest functions.

Green threads switch inside functions, so cProfile's cumulative times mix in other threads' work and are
not shown; own time ("tottime") is exact enough to say where the CPU goes.

    python -m bench.profile_report OUT.prof [escalations] [limit]
"""
import io
import json
import pstats
import re
import sys
from collections import Counter
from pathlib import Path

_SITE = re.compile(r"site-packages/([^/]+)")
_VERN = re.compile(r"/(services/[a-z_]+|shared)/")
LIBRARIES = {"amqp": "kombu/amqp", "kombu": "kombu/amqp", "vine": "kombu/amqp", "psycopg2": "psycopg2",
             "markupsafe": "jinja2", "greenlet": "eventlet", "dns": "eventlet"}


def area(filename: str, name: str) -> str:
    if filename == "~":  # a builtin: the C function's name says whose it is
        for key in ("psycopg2", "greenlet", "socket", "select", "epoll"):
            if key in name:
                return {"socket": "socket I/O", "select": "eventlet", "epoll": "eventlet"}.get(key, LIBRARIES.get(key, key))
        return "builtins"
    if found := _SITE.search(filename):
        package = found.group(1).split(".")[0]
        return LIBRARIES.get(package, package)
    if found := _VERN.search(filename):
        return "vern " + found.group(1).replace("/", ".")
    return "stdlib " + filename.rsplit("/", 1)[-1].removesuffix(".py")


def by_area(stats: pstats.Stats) -> list[tuple[str, float, float]]:
    """(area, own CPU seconds, share of the total) heaviest first."""
    own = Counter()
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        own[area(filename, name)] += tottime
    total = sum(own.values()) or 1.0
    return [(name, seconds, seconds / total) for name, seconds in own.most_common()]


def heaviest(path: str, limit: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(path, stream=out)
    print(f"{path}: {stats.total_tt:.1f} s of CPU profiled\n\nown CPU by library:", file=out)
    for name, seconds, share in by_area(stats)[:limit]:
        print(f"  {share:6.1%}  {seconds:7.2f} s  {name}", file=out)
    print("\nheaviest functions (own time):", file=out)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def statements(path: str, per: int = 1, limit: int = 25) -> str:
    """The SQL statements counted beside the profile (bench.profiled), by the use case (outermost Vern
    function) and the function that issued them, divided by `per` (e.g. the escalations of the run)."""
    counts = json.loads(Path(path).with_suffix(".sql.json").read_text())
    total = sum(counts.values())
    lines = [f"SQL statements{f' per {per}' if per > 1 else ''}: {total / per:.1f}, by use case > issuing function"]
    lines += [f"  {count / per:8.2f}  {where}" for where, count in
              sorted(counts.items(), key=lambda item: -item[1])[:limit]]
    return "\n".join(lines)


if __name__ == "__main__":
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    print(heaviest(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 else 25))
    if Path(sys.argv[1]).with_suffix(".sql.json").exists():
        print(statements(sys.argv[1], per))

