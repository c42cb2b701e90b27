#!/usr/bin/env bash
# `make run`: migrate, declare the broker topology, load the agency directory, and
# run every service and the gateway in one process on http://127.0.0.1:8000.
# Data stay in var/ (VERN_VAR_DIR) between runs. VERN_DEMO=0 skips loading the demo directory.
# VERN_SERVICES=incidents,notifications runs only those (and the gateway; docs/operations.md: Selected services).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONWARNINGS="ignore::Warning:nameko.cli.commands"
deploy/ensure-infra.sh rabbitmq

var=${VERN_VAR_DIR:-var}
mkdir -p "$var"
if [ -z "${VERN_JWT_SECRET:-}" ]; then
  [ -s "$var/jwt-secret" ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))' > "$var/jwt-secret"
  chmod 600 "$var/jwt-secret"
  VERN_JWT_SECRET=$(cat "$var/jwt-secret")
  export VERN_JWT_SECRET
fi
address=${GATEWAY_ADDRESS:-127.0.0.1:8000}
if .venv/bin/python -c "import socket,sys; h,p='$address'.rsplit(':',1); socket.create_connection((h,int(p)),1)" 2>/dev/null; then
  echo "error: $address is already in use (another 'make run'?). Stop it or set GATEWAY_ADDRESS." >&2
  exit 1
fi

# Whatever ends this script (nameko's death, Ctrl-C, an error before nameko started): stop nameko and
# the mail sink, and wait for both.
cleanup() {
  trap - EXIT INT TERM
  if [ -n "${nameko_pid:-}" ] && kill -TERM "$nameko_pid" 2>/dev/null; then wait "$nameko_pid" 2>/dev/null || true; fi
  if [ -n "${sink_pid:-}" ]; then
    exec {sink_input}>&-  # end of its stdin: the sink stops
    kill -TERM "$sink_pid" 2>/dev/null || true
    wait "$sink_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The demo keeps its e-mail: with no SMTP_HOST, a local SMTP sink writes every message to var/mail/.
# The sink runs until its stdin closes, and only this script holds the other end (its children are
# started without it): killed even with SIGKILL, the script takes the sink with it.
if [ "${VERN_DEMO:-1}" != 0 ] && [ -z "${SMTP_HOST:-}" ] && .venv/bin/python -c 'import aiosmtpd' 2>/dev/null; then
  mkdir -p "$var/mail"
  exec {sink_input}> >(exec .venv/bin/python -m tests.integration.mail_sink --port "${DEMO_SMTP_PORT:-8025}" \
     --folder "$var/mail" >"$var/mail/sink.log" 2>&1)
  sink_pid=$!
  export SMTP_HOST=127.0.0.1 SMTP_PORT=${DEMO_SMTP_PORT:-8025} SMTP_STARTTLS=false
fi

vern=.venv/bin/vern
# A var/ from before the notifications service: its first migration copies the directory, rules and
# tasks from reporting's database (docs/operations.md: Upgrade).
if [ ! -e "$var/notifications.db" ] && [ -s "$var/reporting.db" ] && [ -z "${NOTIFICATIONS_IMPORT_FROM:-}" ]; then
  NOTIFICATIONS_IMPORT_FROM="sqlite:///$(cd "$var" && pwd)/reporting.db"
  export NOTIFICATIONS_IMPORT_FROM
fi
$vern migrate
$vern bootstrap >/dev/null
if [ "${VERN_DEMO:-1}" != 0 ]; then $vern directory load; fi

# The deployed services as the config reads them (SERVICES, VERN_SERVICES), so this and vern agree.
services=$(.venv/bin/python -c 'from shared.config import deployed_services, load_config
print(" ".join(deployed_services(load_config())))')
modules=()
for name in $services gateway; do modules+=("services.$name.service"); done
echo "running: $services and the gateway"
if [ -n "${sink_pid:-}" ]; then
  .venv/bin/nameko run --config deploy/config.yaml "${modules[@]}" {sink_input}>&- &
else
  .venv/bin/nameko run --config deploy/config.yaml "${modules[@]}" &
fi
nameko_pid=$!

base="http://$address/api/v1"
for _ in $(seq 1 60); do
  if curl -fs "$base/health" 2>/dev/null | grep -q '"status": "ok"'; then break; fi
  kill -0 $nameko_pid 2>/dev/null || { echo "error: the services stopped; see the log above" >&2; exit 1; }
  sleep 0.5
done

token=$($vern token --sub demo-pko --roles pko,isk --agency demo)
# sign-in tokens for the web interface, one per role of the demo agency (8 h)
web_tokens=""
for who in "employee:demo-ansatt" "pko,isk:demo-pko" "leader:demo-leder" "auditor:demo-revisor" "central:demo-sentralt"; do
  roles=${who%%:*}; sub=${who#*:}
  [ "$roles" = central ] && agency=fin || agency=demo
  web_tokens+="  $(printf '%-9s' "$roles") $($vern token --sub "$sub" --roles "$roles" --agency "$agency")"$'\n'
done
cat <<MSG

Vern runs on $base  (OpenAPI: $base/openapi.json, health: $base/health)

The web interface: open http://$address/ and paste one of these tokens on the sign-in page
(employee: report a deviation; pko,isk: the coordinators' dashboard; leader: the agency head's inbox;
central: the municipality view):

$web_tokens
Demo token (pko+isk, agency demo, 8 h):

export TOKEN=$token

Report a personal-data breach, assess it as serious, and see its notification tasks:

  ID=\$(curl -s -X POST $base/incidents -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"title":"E-post med elevdata sendt til feil mottaker","description":"Sendt til ekstern adresse.","kind":"personal_data_breach","category":"misdirected_email_or_letter","occurred_at":"'\$(date -u -d '-3 hours' +%FT%TZ)'","aware_at":"'\$(date -u -d '-1 hour' +%FT%TZ)'"}' \\
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST $base/incidents/\$ID/assessment -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' \\
    -d '{"severity":"high","personal_data_involved":true}' >/dev/null
  curl -s "$base/notification-tasks?incident_id=\$ID" -H "Authorization: Bearer \$TOKEN" | python3 -m json.tool

The e-mails (agency head, DPO, central team, parent department) arrive within seconds in $var/mail/
(*.eml, each with its acknowledgement link), unless SMTP_HOST points at a real mail server.

Stop with Ctrl-C.
MSG
status=0
wait "$nameko_pid" || status=$?
nameko_pid=""
echo "the services stopped (exit status $status)" >&2
exit "$status"
