"""Deployments of some services only (SERVICES): incidents and reporting; the privacy register alone.

The gateway reports the absent services as not deployed and answers 503 for their routes at once; every
report still renders, each section whose source is not deployed saying so; no service fails to start
because another is missing, and an event nobody deployed subscribes to is marked unrouted, not lost.
"""
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests

from services.reporting.report_content import KINDS
from tests.integration.harness import Vern, wait_for
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_reports import PERIOD, ok

SOURCES = ("incidents", "risk", "privacy_register", "training")
# one listing per service, to see how the gateway answers for it
LISTING = {"incidents": "/incidents", "risk": "/risks", "privacy_register": "/processing-activities",
           "training": "/training/courses", "reporting": "/reports", "notifications": "/notification-tasks",
           "webhooks": "/webhooks/subscriptions"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def incidents_and_reporting(request, tmp_path_factory):
    system = Vern(request.param, tmp_path_factory.mktemp(f"selected-{request.param}"),
                  SERVICES=["incidents", "reporting", "notifications"])
    try:
        yield system.start()
    finally:
        system.stop()


def health(vern) -> dict:
    return ok(requests.get(f"{vern.base_url}/health", timeout=15))  # answers without a token


def assert_answers_only_for(vern, deployed: set):
    """200 for each deployed service's listing; 503 `service_not_deployed` at once for the others."""
    caller = vern.client(("pko", "isk", "admin"), f"sel-{uuid.uuid4().hex[:8]}")
    for service, path in LISTING.items():
        started = time.monotonic()
        response = caller.get(path)
        if service in deployed:
            assert response.status_code == 200, (service, response.text)
            continue
        assert response.status_code == 503, (service, response.text)
        error = response.json()["error"]
        assert error["code"] == "service_not_deployed"
        assert f"The {service} service is not deployed in this installation" in error["message"]
        assert f"Tjenesten {service} er ikke installert her" in error["message"]
        assert time.monotonic() - started < 2, f"{service}: the 503 waited for an RPC timeout"


def test_health_shows_the_absent_services_as_not_deployed_and_is_ok(incidents_and_reporting):
    vern = incidents_and_reporting
    report = wait_for(lambda: (lambda h: h["status"] == "ok" and h)(health(vern)))
    assert report, health(vern)
    assert report["services"] == {"incidents": {"status": "up"}, "reporting": {"status": "up"},
                                  "notifications": {"status": "up"},
                                  **{name: {"status": "not_deployed"}
                                     for name in ("risk", "privacy_register", "training", "webhooks")}}
    assert_answers_only_for(vern, {"incidents", "reporting", "notifications"})


def sections_by_source(content: dict) -> dict:
    """Every part of the content that names its source, by source."""
    found = {}
    for section in content.get("sections", []):
        for part in [section, *section.get("parts", [])]:
            if "source" in part:
                found.setdefault(part["source"], []).append(part)
    return found


def test_every_report_renders_and_names_the_sections_without_a_source(incidents_and_reporting):
    vern = incidents_and_reporting
    code = f"sel-{uuid.uuid4().hex[:8]}"
    coordinator, leader = vern.client(("pko", "isk"), code), vern.client(("leader",), code)
    now = datetime.now(timezone.utc)
    for n in range(3):
        ok(coordinator.post("/incidents", json={
            "title": f"Hendelse {n}", "description": "Meldt av ansatt.", "kind": "deviation", "category": "phishing",
            "occurred_at": (now - timedelta(hours=2)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()}),
            201)
    assert coordinator.get("/risks").status_code == 503  # the gateway: risk is not deployed here

    for kind in KINDS:
        report = ok(coordinator.post("/reports", json={"kind": kind, **PERIOD}), 201)
        content = report["content"]
        assert content["sources"] == {source: source == "incidents" for source in SOURCES}
        for source, parts in sections_by_source(content).items():
            for part in parts:
                if source == "incidents":
                    assert part["available"] is True
                else:
                    assert part["available"] is False and "not deployed" in part["note"]
        for statement in content.get("statements", []):
            if statement["source"] not in (None, "incidents"):
                assert statement["answer"] == "no_source" and statement["figures"] is None
        approved = ok(leader.post(f"/reports/{report['id']}/approval", json={"read_confirmed": True}))
        assert approved["status"] == "approved" and approved["seal_valid"] is True

    summary = ok(coordinator.post("/reports", json={"kind": "incident_summary", **PERIOD}), 201)
    assert wait_for(lambda: ok(coordinator.get(f"/reports/{summary['id']}"))["content"]["sections"][0]
                    ["figures"]["reported"] == 3, timeout=20)


@pytest.fixture(scope="module")
def privacy_register_alone(tmp_path_factory):
    """Only the privacy register and the gateway run (SQLite: what is shown does not depend on the database)."""
    system = Vern("sqlite", tmp_path_factory.mktemp("selected-privacy"), SERVICES=["privacy_register"])
    try:
        yield system.start()
    finally:
        system.stop()


def test_the_privacy_register_alone_works_and_the_others_answer_not_deployed(privacy_register_alone):
    vern = privacy_register_alone
    assert set(vern.runner.service_map) == {"privacy_register", "gateway"}
    report = wait_for(lambda: (lambda h: h["status"] == "ok" and h)(health(vern)))
    assert report, health(vern)
    assert report["services"] == {name: {"status": "up" if name == "privacy_register" else "not_deployed"}
                                  for name in LISTING}
    assert_answers_only_for(vern, {"privacy_register"})

    pko = vern.client(("pko",), f"sel-{uuid.uuid4().hex[:8]}")
    created = ok(pko.post("/processing-activities", json=complete_record()), 201)
    assert ok(pko.get(f"/processing-activities/{created['id']}"))["name"] == complete_record()["name"]
    listed = ok(pko.get("/processing-activities"))
    assert [item["id"] for item in listed["items"]] == [created["id"]]

    # reporting (and webhooks) would consume processing_registered; with neither deployed no queue is bound,
    # so the relay marks it unrouted: visible in the outbox, never silently dropped, and the service runs on
    def registered():
        rows = vern.sql("privacy_register", "SELECT published_at, unrouted_at FROM outbox_events "
                                            "WHERE routing_key = 'processing_registered' "
                                            "AND CAST(envelope AS TEXT) LIKE :p", p=f"%{created['id']}%")
        return rows and rows[0].unrouted_at and rows[0]
    event = wait_for(registered)
    assert event and event.unrouted_at is not None and event.published_at is None
    assert ok(pko.get("/processing-activities"))["items"]


def test_a_deployed_service_that_does_not_answer_is_down_not_absent(incidents_and_reporting):
    """Last of its deployment: reporting stays stopped (an in-process restart on SQLite can leave the stopped
    instance's killed relay holding the database's write lock)."""
    vern = incidents_and_reporting
    vern.stop_service("reporting")
    report = health(vern)
    assert report["status"] == "degraded"
    assert report["services"]["reporting"] == {"status": "down"}
    assert report["services"]["incidents"] == {"status": "up"}
    assert report["services"]["risk"] == {"status": "not_deployed"}
