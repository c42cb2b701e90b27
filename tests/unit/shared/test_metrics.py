"""shared.metrics: workers timed by outcome, HTTP requests counted by route and status, the gauges read
from a real SQLite database at scrape time, and /metrics served on the service's own port (nameko
containers without a broker: dummy and @http entrypoints only)."""
import socket
from datetime import timedelta

import pytest
import requests
from nameko.rpc import Rpc
from nameko.testing.services import dummy, entrypoint_hook
from nameko.timer import Timer
from nameko.web.handlers import http
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from shared.clock import shifted, utcnow
from shared.config import ConfigError, settings
from shared.database import MessagingBase, transaction
from shared.inbox import DeadLetter, park
from shared.metrics import (PORT_OFFSETS, DatabaseCollector, Metrics, counts_by_state, entrypoint_kind, metrics_port,
                            outbox_lag)
from shared.outbox import OutboxEvent, add_to_outbox
from shared.service_database import ServiceDatabase
from tests.integration.harness import free_ports

BASE = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32}


def scrape(port: int, path: str = "/metrics") -> requests.Response:
    return requests.get(f"http://127.0.0.1:{port}{path}", timeout=5)


def samples(text: str) -> dict:
    """(name, sorted labels) -> value, from the exposition format."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def sample(found: dict, name: str, **labels) -> float | None:
    return found.get((name, tuple(sorted(labels.items()))))


class Refused(Exception):
    pass


class Probe:
    name = "incidents"  # a service Vern knows: its metrics port is METRICS_PORT + 0
    metrics = Metrics()

    @dummy
    def works(self):
        return "ok"

    @dummy(expected_exceptions=Refused)
    def refuses(self):
        raise Refused("bad input")

    @dummy
    def breaks(self):
        raise RuntimeError("a bug")


class Gateway:
    name = "gateway"
    metrics = Metrics()

    @http("GET", "/things/<int:thing_id>")
    def thing(self, request, thing_id):
        return 200 if thing_id < 10 else 404, "thing"

    @http("GET", "/broken")
    def broken(self, request):
        raise RuntimeError("a bug")


def test_each_service_has_its_own_port_above_metrics_port_and_none_without_it():
    assert metrics_port(None, "incidents") is None
    assert metrics_port(9100, "incidents") == 9100
    assert metrics_port(9100, "webhooks") == 9105
    assert metrics_port(9100, "gateway") == 9106  # as before the notifications service, which came after it
    assert metrics_port(9100, "notifications") == 9107
    assert len(set(PORT_OFFSETS.values())) == len(PORT_OFFSETS) == 8


def test_metrics_port_is_off_by_default_and_validated():
    assert settings(BASE).metrics_port is None and settings(BASE).metrics_host == "127.0.0.1"
    assert settings({**BASE, "METRICS_PORT": 9100}).metrics_port == 9100
    assert settings({**BASE, "METRICS_PORT": ""}).metrics_port is None  # ${VERN_METRICS_PORT:} unset
    with pytest.raises(ConfigError, match="METRICS_PORT: must be between 1 and 65528"):
        settings({**BASE, "METRICS_PORT": 65535})


def test_entrypoints_are_named_by_kind():
    assert entrypoint_kind(Rpc()) == "rpc"
    assert entrypoint_kind(Timer(interval=1)) == "timer"


def test_workers_are_timed_by_entrypoint_and_outcome_and_served_on_the_service_port(container_factory):
    port = free_ports(1)
    container = container_factory(Probe, {**BASE, "METRICS_PORT": port})
    container.start()
    for method, times in (("works", 3), ("refuses", 1), ("breaks", 2)):
        with entrypoint_hook(container, method) as call:
            for _ in range(times):
                try:
                    call()
                except (Refused, RuntimeError):
                    pass
    response = scrape(port)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/plain")
    found = samples(response.text)
    count = "vern_entrypoint_duration_seconds_count"
    assert sample(found, count, service="incidents", entrypoint="works", kind="entrypoint", outcome="success") == 3
    assert sample(found, count, service="incidents", entrypoint="refuses", kind="entrypoint",
                  outcome="expected_error") == 1
    assert sample(found, count, service="incidents", entrypoint="breaks", kind="entrypoint", outcome="error") == 2
    assert sample(found, "process_open_fds") is not None  # the process' own metrics come along
    assert scrape(port, "/").status_code == 404  # only /metrics
    container.stop()
    with pytest.raises(requests.ConnectionError):  # the port is given back when the service stops
        scrape(port)


def test_http_requests_are_counted_by_route_template_and_status(container_factory, web_config):
    base = free_ports(PORT_OFFSETS["gateway"] + 1)
    container = container_factory(Gateway, {**BASE, **web_config, "METRICS_PORT": base})
    container.start()
    web = f"http://{web_config['WEB_SERVER_ADDRESS']}"
    statuses = [requests.get(f"{web}{path}", timeout=5).status_code
                for path in ("/things/1", "/things/2", "/things/12", "/broken")]
    assert statuses == [200, 200, 404, 500]
    found = samples(scrape(base + PORT_OFFSETS["gateway"]).text)
    route = {"service": "gateway", "method": "GET"}
    assert sample(found, "vern_http_requests_total", route="/things/<int:thing_id>", status="200", **route) == 2
    assert sample(found, "vern_http_requests_total", route="/things/<int:thing_id>", status="404", **route) == 1
    assert sample(found, "vern_http_requests_total", route="/broken", status="500", **route) == 1
    assert sample(found, "vern_http_request_duration_seconds_count", route="/things/<int:thing_id>", **route) == 3
    assert sample(found, "vern_entrypoint_duration_seconds_count", service="gateway", entrypoint="broken",
                  kind="http", outcome="error") == 1


def test_a_port_in_use_leaves_the_service_running_without_metrics(container_factory, caplog):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        container = container_factory(Probe, {**BASE, "METRICS_PORT": port})
        container.start()
        with entrypoint_hook(container, "works") as call:
            assert call() == "ok"
    assert "cannot serve /metrics" in caplog.text


@pytest.fixture
def database(tmp_path):
    database = ServiceDatabase("incidents", {**BASE, "DATABASES": {"incidents": f"sqlite:///{tmp_path / 'i.db'}"}})
    MessagingBase.metadata.create_all(database.engine)
    yield database
    database.dispose()


def write_event(database, event_id: str):
    with database.unit_of_work() as uow:
        add_to_outbox(uow.session, "incident_reported", {"id": event_id})


def test_outbox_lag_is_the_count_and_age_of_events_not_yet_relayed(database):
    with transaction(database.sessions) as session:
        assert outbox_lag(session, utcnow()) == (0, 0.0, 0)
    with shifted(timedelta(minutes=-5)):
        write_event(database, "old")
    write_event(database, "new")
    write_event(database, "sent")
    write_event(database, "nowhere")
    with transaction(database.sessions) as session:
        session.execute(update(OutboxEvent).where(OutboxEvent.event_id == "sent").values(published_at=utcnow()))
        session.execute(update(OutboxEvent).where(OutboxEvent.event_id == "nowhere").values(unrouted_at=utcnow()))
    with transaction(database.sessions) as session:
        waiting, age, unrouted = outbox_lag(session, utcnow())
    assert waiting == 2 and unrouted == 1
    assert 300 <= age < 360


def test_deliveries_are_counted_by_state_with_every_known_state_present(database):
    column = OutboxEvent.routing_key  # any string column serves as a state
    write_event(database, "a")
    write_event(database, "b")
    with transaction(database.sessions) as session:
        assert counts_by_state(session, column, ("incident_reported", "other")) == {
            "incident_reported": 2, "other": 0}


def collected(collector) -> dict:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for family in collector.collect() for s in family.samples}


def test_the_database_gauges_are_read_at_each_scrape(database):
    collector = DatabaseCollector("incidents", database, OutboxEvent.routing_key, ("incident_reported",))
    write_event(database, "a")
    with transaction(database.sessions) as session:
        park(session, "risk.on_incident_closed", "evt-incidents--risk.on_incident_closed", {"id": "x"},
             {"handler": ["broke"]}, 5)
        park(session, "risk.on_incident_closed", None, {"id": "y"}, {"handler": ["broke"]}, 5)
        session.execute(update(DeadLetter).where(DeadLetter.event_id == "y").values(replayed_at=utcnow()))
    found = collected(collector)
    assert sample(found, "vern_database_up", service="incidents") == 1
    assert sample(found, "vern_outbox_pending_events", service="incidents") == 1
    assert sample(found, "vern_outbox_unrouted_events", service="incidents") == 0
    assert sample(found, "vern_outbox_oldest_pending_age_seconds", service="incidents") >= 0
    assert sample(found, "vern_dead_letters", service="incidents") == 1  # the replayed one is done
    assert sample(found, "vern_deliveries", service="incidents", state="incident_reported") == 1
    write_event(database, "b")
    found = collected(collector)
    assert sample(found, "vern_outbox_pending_events", service="incidents") == 2


def test_a_database_away_is_a_gauge_at_zero_not_a_failed_scrape(database):
    database.engine.dispose()
    MessagingBase.metadata.drop_all(database.engine)  # the tables gone: every query fails
    families = list(DatabaseCollector("incidents", database).collect())
    assert [(family.name, family.samples[0].value) for family in families] == [("vern_database_up", 0)]
