#!/bin/sh
# The Secrets deploy/kubernetes refers to, with random values (none is ever in the repository):
#   NAMESPACE=vern RABBIT_ADMIN_USER=vern RABBIT_ADMIN_PASSWORD=... \
#   DATABASE_URL_PREFIX=postgresql+psycopg2://vern:PASSWORD@postgres.example:5432/vern_ deploy/kubernetes/create-secrets.sh
# RABBIT_ADMIN_* is RabbitMQ's administrator (only the bootstrap Job gets it); each service and the gateway get
# a broker password of their own; DATABASE_URL_PREFIX + <service> names each service's database.
# Existing Secrets are left as they are (rotate: README, Security); OIDC's client secret, if any:
#   kubectl -n vern create secret generic vern-oidc --from-literal=client-secret=...
set -eu
namespace=${NAMESPACE:-vern}
: "${RABBIT_ADMIN_PASSWORD:?set RABBIT_ADMIN_PASSWORD (RabbitMQ's administrator)}"
: "${DATABASE_URL_PREFIX:?set DATABASE_URL_PREFIX, e.g. postgresql+psycopg2://vern:PASSWORD@db:5432/vern_}"

random() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }
create() {  # a Secret's name, then its keys and values as kubectl takes them
    name=$1; shift
    if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
        echo "secret $name exists: left as it is"
    else
        kubectl -n "$namespace" create secret generic "$name" "$@"
    fi
}

create vern-jwt --from-literal=jwt-secret="$(random)"
create vern-broker-admin --from-literal=user="${RABBIT_ADMIN_USER:-vern}" --from-literal=password="$RABBIT_ADMIN_PASSWORD"
for service in incidents risk privacy-register training reporting webhooks gateway; do
    create "vern-broker-$service" --from-literal=password="$(random)"
done
create vern-databases \
    --from-literal=INCIDENTS_DATABASE_URL="${DATABASE_URL_PREFIX}incidents" \
    --from-literal=RISK_DATABASE_URL="${DATABASE_URL_PREFIX}risk" \
    --from-literal=PRIVACY_REGISTER_DATABASE_URL="${DATABASE_URL_PREFIX}privacy_register" \
    --from-literal=TRAINING_DATABASE_URL="${DATABASE_URL_PREFIX}training" \
    --from-literal=REPORTING_DATABASE_URL="${DATABASE_URL_PREFIX}reporting" \
    --from-literal=WEBHOOKS_DATABASE_URL="${DATABASE_URL_PREFIX}webhooks"
