"""`python -m shared.catalogue [--check]`: write docs/events.md and docs/asyncapi.yaml, or with
--check only say whether the checked-in ones are current (exit 1 if not)."""
import sys

from shared.catalogue.documents import stale, write

if __name__ == "__main__":
    if "--check" in sys.argv[1:]:
        outdated = stale()
        for path in outdated:
            print(f"{path} is stale: run make catalogue", file=sys.stderr)
        sys.exit(1 if outdated else 0)
    for path in write():
        print(f"wrote {path}")
