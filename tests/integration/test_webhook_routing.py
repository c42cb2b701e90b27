"""The broker routes to the webhooks service only the event types an active subscription wants: with no
subscription an incident's events never reach it (the publisher's outbox marks them unrouted, nothing is
consumed); a subscription is routed before the API answers its creation, and deleting it stops the
routing. On SQLite and PostgreSQL, over the real RabbitMQ."""
import uuid

import pytest
import requests

from tests.integration.harness import RABBIT_API, Vern, wait_for
from tests.integration.receivers import WebhookSink, self_signed_certificate
from tests.integration.test_escalation import report

INCIDENTS_QUEUE = "evt-incidents-#--webhooks.on_incidents_event"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"webhook-routing-{request.param}")
    certificate = self_signed_certificate(folder)
    with WebhookSink(certificate, folder=folder / "hooks") as sink:
        vern = Vern(request.param, folder, SERVICES=["incidents", "webhooks"], TLS_CA_BUNDLE=str(certificate.cert),
                    WEBHOOK_POLL_SECONDS=0.2, WEBHOOK_ALLOWED_TARGETS=[f"127.0.0.1:{sink.port}"])
        try:
            vern.start()
            yield vern, sink
        finally:
            vern.stop()


def routing_keys(vern, queue=INCIDENTS_QUEUE) -> set[str]:
    """The queue's bindings from exchanges, as RabbitMQ's management API lists them."""
    response = requests.get(f"{RABBIT_API}/queues/{vern.vhost.name}/{requests.utils.quote(queue, safe='')}/bindings",
                            timeout=10)
    response.raise_for_status()
    return {binding["routing_key"] for binding in response.json() if binding["source"]}


def fate(vern, incident_id):
    """(published, unrouted) of the incident's incident_reported event in the incidents outbox, once settled."""
    def settled():
        rows = vern.sql("incidents", "SELECT published_at, unrouted_at FROM outbox_events WHERE routing_key = "
                                     "'incident_reported' AND CAST(envelope AS TEXT) LIKE :p", p=f"%{incident_id}%")
        return rows and (rows[0].published_at or rows[0].unrouted_at) and rows[0]
    row = wait_for(settled, timeout=20)
    assert row, "the event was never relayed"
    return row.published_at is not None, row.unrouted_at is not None


def consumed_by_webhooks(vern) -> int:
    return vern.sql("webhooks", "SELECT COUNT(*) AS n FROM processed_events")[0].n


def test_only_the_event_types_subscriptions_want_reach_the_webhooks_service(world):
    vern, sink = world
    code = f"wr-{uuid.uuid4().hex[:8]}"
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)

    # nobody subscribes: the queue exists, bound to nothing, and an incident's event is not routed to it
    assert routing_keys(vern) == set()
    incident = report(pko, title="Ingen abonnerer")
    assert fate(vern, incident["id"]) == (False, True)
    assert consumed_by_webhooks(vern) == 0

    created = admin.post("/webhooks/subscriptions", json={"url": sink.url(f"/ok/{code}"),
                                                          "event_types": ["incidents.incident_reported"]})
    assert created.status_code == 201, created.text
    assert routing_keys(vern) == {"incident_reported"}  # in place before the API answered
    assert routing_keys(vern, "evt-risk-#--webhooks.on_risk_event") == set()

    wanted = report(pko, title="Abonnert")
    assert fate(vern, wanted["id"]) == (True, False)
    delivered = wait_for(lambda: [hook for hook in sink.requests() if hook["path"] == f"/ok/{code}"], timeout=20)
    assert delivered and wanted["id"] in delivered[0]["body"]
    assert consumed_by_webhooks(vern) == 1

    assert admin.delete(f"/webhooks/subscriptions/{created.json()['id']}").status_code in (200, 204)
    assert routing_keys(vern) == set()
    after = report(pko, title="Abonnementet er slettet")
    assert fate(vern, after["id"]) == (False, True)
    assert consumed_by_webhooks(vern) == 1
