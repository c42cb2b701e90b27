#!/bin/sh
# The Secrets deploy/kubernetes refers to, with random values (none is ever in the repository):
#   NAMESPACE=vern RABBIT_ADMIN_USER=vern RABBIT_ADMIN_PASSWORD=... \
#   DATABASE_ADMIN_URL=postgresql://postgres:PASSWORD@postgres.example:5432/postgres \
#   DATABASE_HOST=postgres.example:5432 [SMTP_PASSWORD=...] deploy/kubernetes/create-secrets.sh
# RABBIT_ADMIN_* is RabbitMQ's administrator and DATABASE_ADMIN_URL PostgreSQL's (one allowed to create roles
# and databases); only the bootstrap Job gets them. Each service and the gateway get a broker password of
# their own, and each service a database URL of its own: role vern_<service>, with a random password, on
# database vern_<service> at DATABASE_HOST, both created by the bootstrap Job (vern database roles).
# SMTP_PASSWORD, if the mail server wants a login, goes to notifications alone (it sends the e-mail).
# Existing Secrets are left as they are (rotate: docs/security.md, Secrets); OIDC's client secret, if any:
#   kubectl -n vern create secret generic vern-oidc --from-literal=client-secret=...
set -eu
namespace=${NAMESPACE:-vern}
: "${RABBIT_ADMIN_PASSWORD:?set RABBIT_ADMIN_PASSWORD (RabbitMQ's administrator)}"
: "${DATABASE_ADMIN_URL:?set DATABASE_ADMIN_URL, e.g. postgresql://postgres:PASSWORD@db:5432/postgres}"
: "${DATABASE_HOST:?set DATABASE_HOST, the database server as host:port, e.g. db:5432}"

random() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }
database_url() {  # a service's own role and database, with a new random password
    echo "postgresql+psycopg2://vern_$1:$(random)@${DATABASE_HOST}/vern_$1"
}
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
for service in incidents risk privacy-register training reporting notifications webhooks gateway; do
    create "vern-broker-$service" --from-literal=password="$(random)"
done
create vern-database-admin --from-literal=url="$DATABASE_ADMIN_URL"
create vern-databases \
    --from-literal=INCIDENTS_DATABASE_URL="$(database_url incidents)" \
    --from-literal=RISK_DATABASE_URL="$(database_url risk)" \
    --from-literal=PRIVACY_REGISTER_DATABASE_URL="$(database_url privacy_register)" \
    --from-literal=TRAINING_DATABASE_URL="$(database_url training)" \
    --from-literal=REPORTING_DATABASE_URL="$(database_url reporting)" \
    --from-literal=NOTIFICATIONS_DATABASE_URL="$(database_url notifications)" \
    --from-literal=WEBHOOKS_DATABASE_URL="$(database_url webhooks)"
if [ -n "${SMTP_PASSWORD:-}" ]; then
    create vern-smtp --from-literal=password="$SMTP_PASSWORD"
fi
