"""An agency that deploys only incidents and reporting: every report still renders, and each section
whose source is not deployed says so instead of failing."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from services.reporting.report_content import KINDS
from tests.integration.harness import Vern, wait_for
from tests.integration.test_reports import PERIOD, ok

SOURCES = ("incidents", "risk", "privacy_register", "training")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def incidents_and_reporting(request, tmp_path_factory):
    system = Vern(request.param, tmp_path_factory.mktemp(f"selected-{request.param}"),
                  SERVICES=["incidents", "reporting"])
    try:
        yield system.start()
    finally:
        system.stop()


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
        approved = ok(leader.post(f"/reports/{report['id']}/approval"))
        assert approved["status"] == "approved" and approved["seal_valid"] is True

    summary = ok(coordinator.post("/reports", json={"kind": "incident_summary", **PERIOD}), 201)
    assert wait_for(lambda: ok(coordinator.get(f"/reports/{summary['id']}"))["content"]["sections"][0]
                    ["figures"]["reported"] == 3, timeout=20)


def test_an_event_no_deployed_service_subscribes_to_is_marked_unrouted(incidents_and_reporting):
    """Without the webhooks service (which takes every event) nothing subscribes to incident_status_changed:
    the outbox marks it unrouted, visible to operators, never silently dropped."""
    vern = incidents_and_reporting
    coordinator = vern.client(("pko",), f"sel-{uuid.uuid4().hex[:8]}")
    now = datetime.now(timezone.utc)
    incident = ok(coordinator.post("/incidents", json={
        "title": "Hendelse", "description": "Meldt av ansatt.", "kind": "deviation", "category": "phishing",
        "occurred_at": (now - timedelta(hours=2)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()}),
        201)
    assert coordinator.post(f"/incidents/{incident['id']}/status", json={"status": "triage"}).status_code == 200

    def state():
        rows = vern.sql("incidents", "SELECT published_at, unrouted_at FROM outbox_events "
                                     "WHERE routing_key = 'incident_status_changed' AND CAST(envelope AS TEXT) LIKE :p",
                        p=f"%{incident['id']}%")
        return rows and rows[0].unrouted_at and rows[0]
    moved = wait_for(state)
    assert moved and moved.unrouted_at is not None and moved.published_at is None
