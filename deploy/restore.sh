#!/usr/bin/env bash
# Restore the archives deploy/backup.sh wrote in DIR into the databases of the *_DATABASE_URL variables,
# which must be empty: fresh ones, as `vern database roles` creates them. Each archive is restored as the
# service's own role (the URL's), in one transaction, stopping at the first error; the objects are that
# role's. Then `vern audit verify` and start the services (docs/operations.md).
#   deploy/restore.sh /var/backups/vern/2026-12-01
set -euo pipefail
dir=${1:?usage: deploy/restore.sh DIR}
restored=0
for service in incidents risk privacy_register training reporting notifications webhooks; do
  variable="$(printf %s "$service" | tr '[:lower:]' '[:upper:]')_DATABASE_URL"
  url=${!variable:-}
  case "$url" in postgresql*) ;; *) continue ;; esac
  url=$(printf %s "$url" | sed 's|^postgresql+[a-z0-9]*://|postgresql://|')
  dump="$dir/$service.dump"
  if [ ! -f "$dump" ]; then
    echo "error: $service: no $dump" >&2
    exit 1
  fi
  tables=$(psql --no-psqlrc --tuples-only --no-align --dbname="$url" \
    --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  if [ "$tables" != 0 ]; then
    echo "error: $service: the database of $variable is not empty; restore into a fresh one (vern database roles)" >&2
    exit 1
  fi
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$dump"
  echo "$service: restored from $dump"
  restored=$((restored + 1))
done
if [ "$restored" = 0 ]; then
  echo "error: no PostgreSQL *_DATABASE_URL is set (INCIDENTS_DATABASE_URL, ...)" >&2
  exit 1
fi
