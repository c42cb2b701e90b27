#!/usr/bin/env bash
# pip-audit over the locked dependencies (deploy/requirements.lock), in a tool venv of its own so that
# the auditor's dependencies never enter Vern's. Verdict: deploy/audit_dependencies.py.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=var/tools-venv
if [ ! -x "$tools/bin/pip-audit" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet "pip-audit==2.10.1" 2>/dev/null
fi
report=$(timeout 300 "$tools/bin/pip-audit" --requirement deploy/requirements.lock --no-deps --disable-pip \
           --progress-spinner off --format json 2>/dev/null || true)
[ -n "$report" ] || report='{"dependencies": []}'
echo "$report" | python3 deploy/audit_dependencies.py
