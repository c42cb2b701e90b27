#!/usr/bin/env bash
# Make sure the local infrastructure answers: RabbitMQ (with its management API,
# which the tests use to make a vhost per run) and, when asked, PostgreSQL.
# Starts an installed but stopped server; installs RabbitMQ from the system's
# packages when it is missing and we may; otherwise says exactly what to run.
# Usage: deploy/ensure-infra.sh rabbitmq [postgresql]
set -uo pipefail

answers() { # host port
  python3 - "$1" "$2" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1).close()
except OSError:
    sys.exit(1)
PY
}

wait_for() { # name host port seconds
  for _ in $(seq 1 "$4"); do answers "$2" "$3" && return 0; sleep 1; done
  echo "error: $1 did not answer on $2:$3 within $4 s" >&2
  return 1
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }

ensure_rabbitmq() {
  local host=${RABBIT_HOST:-127.0.0.1} port=${RABBIT_PORT:-5672}
  if ! answers "$host" "$port"; then
    if [ "$host" != 127.0.0.1 ] && [ "$host" != localhost ]; then
      echo "error: RabbitMQ at $host:$port does not answer" >&2; return 1
    fi
    if ! command -v rabbitmq-server >/dev/null; then
      if command -v apt-get >/dev/null && as_root true; then
        echo "RabbitMQ is not installed: installing it from the system's packages"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server >/dev/null || return 1
      else
        echo "error: RabbitMQ is not installed. Install and start it with:" >&2
        echo "  sudo apt-get install -y rabbitmq-server && sudo rabbitmq-server -detached" >&2
        echo "or point RABBIT_HOST/RABBIT_PORT at a running broker." >&2
        return 1
      fi
    fi
    echo "starting RabbitMQ (rabbitmq-server -detached)"
    as_root rabbitmq-server -detached || { echo "error: could not start RabbitMQ; run: sudo rabbitmq-server -detached" >&2; return 1; }
    wait_for RabbitMQ "$host" "$port" 90 || return 1
  fi
  if [ "$host" = 127.0.0.1 ] && ! answers 127.0.0.1 15672; then
    if command -v rabbitmq-plugins >/dev/null && as_root rabbitmq-plugins enable rabbitmq_management >/dev/null; then
      wait_for "RabbitMQ management API" 127.0.0.1 15672 60 || return 1
    else
      echo "warning: RabbitMQ's management API (port 15672) is off; the tests need it:" >&2
      echo "  sudo rabbitmq-plugins enable rabbitmq_management" >&2
    fi
  fi
}

ensure_postgresql() {
  answers 127.0.0.1 5432 && return 0
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
    echo "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    wait_for PostgreSQL 127.0.0.1 5432 60 && return 0
  fi
  echo "error: PostgreSQL does not answer on 127.0.0.1:5432. Start it with:" >&2
  echo "  sudo pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
  return 1
}

status=0
for what in "$@"; do
  case "$what" in
    rabbitmq) ensure_rabbitmq || status=1 ;;
    postgresql) ensure_postgresql || status=1 ;;
    *) echo "unknown: $what" >&2; status=2 ;;
  esac
done
exit $status
