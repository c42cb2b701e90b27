#!/usr/bin/env bash
# Create .venv with Python 3.11 and install Vern with its pinned dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
python=""
for candidate in python3.11 python3 python; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  echo "error: Vern needs Python 3.11 (e.g. 'sudo apt-get install python3.11 python3.11-venv' or pyenv)" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip>=24" 2>/dev/null || true
# the lock pins every transitive dependency too (`make lock` refreshes it, `make audit-deps` audits it)
.venv/bin/python -m pip install --quiet --constraint deploy/requirements.lock -e '.[test]'
