"""Each service's /metrics while Vern works: a request through the gateway, the events it causes,
an event that cannot be handled; scraped from every service's own port, on SQLite and PostgreSQL."""
import uuid

import pytest
import requests
from kombu import Connection, Producer
from prometheus_client.parser import text_string_to_metric_families

from shared.config import SERVICE_NAMES
from shared.metrics import PORT_OFFSETS
from shared.outbox import event_exchange
from tests.integration.harness import Vern, free_ports, wait_for
from tests.integration.test_escalation import assess, report, tasks_when

SERVICES = SERVICE_NAMES + ("gateway",)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def measured(request, tmp_path_factory):
    system = Vern(request.param, tmp_path_factory.mktemp(f"metrics-{request.param}"),
                  METRICS_PORT=free_ports(len(SERVICES)))
    try:
        yield system.start()
    finally:
        system.stop()


def scrape(vern, service: str) -> list:
    """Every sample `service` shows now, as (name, labels, value)."""
    port = vern.config["METRICS_PORT"] + PORT_OFFSETS[service]
    response = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    assert response.status_code == 200, response.text
    return [(sample.name, sample.labels, sample.value)
            for family in text_string_to_metric_families(response.text) for sample in family.samples]


def total(samples: list, name: str, **labels) -> float:
    """The sum of the samples of `name` whose labels include `labels` (0 when there is none)."""
    return sum(value for sample, found, value in samples if sample == name and labels.items() <= found.items())


def present(samples: list, name: str, **labels) -> bool:
    return any(sample == name and labels.items() <= found.items() for sample, found, _ in samples)


def test_every_service_shows_its_work_its_outbox_dead_letters_and_deliveries(measured):
    coordinator = measured.client(roles=("pko",), agency="demo")
    before = {service: scrape(measured, service) for service in SERVICES}

    incident = report(coordinator)  # gateway -> incidents over RPC
    assess(coordinator, incident["id"], "high")  # incident_escalated -> the notification tasks
    assert len(tasks_when(coordinator, incident["id"], 3)) == 3
    anonymous = requests.get(f"{measured.base_url}/incidents", timeout=10)
    assert anonymous.status_code == 401
    # an escalation event without its payload: notifications parks it as a dead letter at once
    with Connection(measured.config["AMQP_URI"]) as connection:
        Producer(connection.default_channel).publish(
            {"specversion": "1.0", "id": str(uuid.uuid4()), "type": "no.vern.incidents.incident_escalated.v1"},
            exchange=event_exchange("incidents"), routing_key="incident_escalated", serializer="json",
            delivery_mode=2)
    assert wait_for(lambda: total(scrape(measured, "notifications"), "vern_dead_letters") == 1, timeout=15)
    # the incidents outbox empties once the relay has published the events of the request
    assert wait_for(lambda: total(scrape(measured, "incidents"), "vern_outbox_pending_events") == 0, timeout=15)
    after = {service: scrape(measured, service) for service in SERVICES}

    duration = "vern_entrypoint_duration_seconds_count"
    for entrypoint in ("report_incident", "assess_incident"):
        labels = {"service": "incidents", "entrypoint": entrypoint, "kind": "rpc", "outcome": "success"}
        assert total(after["incidents"], duration, **labels) == total(before["incidents"], duration, **labels) + 1
    handled = {"service": "notifications", "entrypoint": "on_incident_escalated", "kind": "event"}
    assert total(after["notifications"], duration, **handled) >= total(before["notifications"], duration, **handled) + 2
    assert total(after["notifications"], duration, kind="rpc") > total(before["notifications"], duration, kind="rpc")

    requests_total = "vern_http_requests_total"
    posted = {"route": "/api/v1/incidents", "method": "POST", "status": "201"}
    assert total(after["gateway"], requests_total, **posted) == total(before["gateway"], requests_total, **posted) + 1
    refused = {"route": "/api/v1/incidents", "method": "GET", "status": "401"}
    assert total(after["gateway"], requests_total, **refused) == total(before["gateway"], requests_total, **refused) + 1
    assert total(after["gateway"], duration, service="gateway", kind="http") > 0

    for service in SERVICE_NAMES:
        samples = after[service]
        assert total(samples, "vern_database_up", service=service) == 1, service
        for gauge in ("vern_outbox_pending_events", "vern_outbox_oldest_pending_age_seconds",
                      "vern_outbox_unrouted_events", "vern_dead_letters"):
            assert present(samples, gauge, service=service), f"{service}: {gauge}"
        assert present(samples, duration), service
    assert total(after["incidents"], "vern_outbox_oldest_pending_age_seconds") == 0
    assert total(after["incidents"], "vern_dead_letters") == 0
    assert not present(after["gateway"], "vern_outbox_pending_events")  # the gateway has no database

    # e-mail waits without an SMTP server: the four messages are pending
    assert total(after["notifications"], "vern_deliveries", service="notifications", state="pending") >= 3
    for state in ("pending", "delivered", "failed"):
        assert present(after["webhooks"], "vern_deliveries", service="webhooks", state=state)
    assert not present(after["incidents"], "vern_deliveries")
