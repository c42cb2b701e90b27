#!/usr/bin/env bash
# Back up every Vern service's PostgreSQL database into DIR: one pg_dump archive (custom format) per
# service, DIR/<service>.dump. The databases are those of the *_DATABASE_URL variables, as the bootstrap
# container or Job holds them (docs/operations.md); pg_dump must be at least the server's version.
#   deploy/backup.sh /var/backups/vern/$(date +%F)
# Each archive is one consistent snapshot of its database; for a set consistent across the services,
# stop the services (not PostgreSQL) while it runs.
set -euo pipefail
dir=${1:?usage: deploy/backup.sh DIR}
mkdir -p "$dir"
dumped=0
for service in incidents risk privacy_register training reporting notifications webhooks; do
  variable="$(printf %s "$service" | tr '[:lower:]' '[:upper:]')_DATABASE_URL"
  url=${!variable:-}
  [ -n "$url" ] || continue
  case "$url" in
    postgresql*) ;;
    *) echo "$service: $variable is not PostgreSQL (SQLite: docs/operations.md): skipped" >&2; continue ;;
  esac
  # libpq reads postgresql://, without SQLAlchemy's +psycopg2
  pg_dump --format=custom --no-owner --no-privileges --file="$dir/$service.dump" \
    "$(printf %s "$url" | sed 's|^postgresql+[a-z0-9]*://|postgresql://|')"
  echo "$service: $dir/$service.dump"
  dumped=$((dumped + 1))
done
if [ "$dumped" = 0 ]; then
  echo "error: no PostgreSQL *_DATABASE_URL is set (INCIDENTS_DATABASE_URL, ...)" >&2
  exit 1
fi
