#!/bin/sh
# Entrypoint of the Vern image: wait for the broker and database, bring the started
# service's own database to head, then exec the command (e.g. `nameko run ...`).
set -eu

# WAIT_FOR="host:port ...": TCP endpoints that must accept connections first.
for target in ${WAIT_FOR:-}; do
    python - "$target" "${WAIT_TIMEOUT:-60}" <<'PY'
import socket, sys, time
host, port = sys.argv[1].rsplit(":", 1)
deadline = time.monotonic() + float(sys.argv[2])
while True:
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
        break
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit(f"entrypoint: {host}:{port} not reachable: {error}")
        time.sleep(1)
PY
done

# `nameko run ... services.<name>.service`: migrate that service first (a no-op for a database
# already at head; the gateway has none). Replicas and the bootstrap job may do so at once: each
# migration holds PostgreSQL's advisory lock, so one migrates and the others find it done.
for arg in "$@"; do
    case "$arg" in
        services.gateway.service) ;;
        services.*.service)
            name=${arg#services.}
            vern migrate --service "${name%.service}"
            ;;
    esac
done

exec "$@"
