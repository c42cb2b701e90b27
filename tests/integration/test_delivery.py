"""The delivery guarantees behind the fan-out: outbox states, dead letters, services re-checking callers."""
from datetime import datetime, timezone

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from services.notifications.handlers import create_tasks_for_escalated_incident
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.events import build_envelope
from shared.errors import Forbidden, Unauthenticated
from shared.service_database import ServiceDatabase
from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report, tasks_when


def outbox_state(vern, incident_id, routing_key):
    rows = vern.sql("incidents", "SELECT published_at, unrouted_at FROM outbox_events WHERE routing_key = :key "
                                 "AND CAST(envelope AS TEXT) LIKE :pattern",
                    key=routing_key, pattern=f"%{incident_id}%")
    return rows[0] if rows else None


def test_every_event_is_either_published_or_marked_unrouted(vern, coordinator):
    incident = report(coordinator)
    assess(coordinator, incident["id"], "critical")
    tasks_when(coordinator, incident["id"], 3)

    escalated = wait_for(lambda: (row := outbox_state(vern, incident["id"], "incident_escalated")) and row[0] and row)
    assert escalated.published_at is not None and escalated.unrouted_at is None
    # only the webhooks service subscribes to incident_status_changed (it takes every event for the
    # endpoints agencies register): routed to it; without it the event is unrouted (test_selected_services)
    assert coordinator.post(f"/incidents/{incident['id']}/status", json={"status": "triage"}).status_code == 200
    moved = wait_for(lambda: (row := outbox_state(vern, incident["id"], "incident_status_changed")) and row[0] and row)
    assert moved.published_at is not None and moved.unrouted_at is None


def test_a_message_that_can_never_be_valid_is_parked_not_requeued(vern):
    database = ServiceDatabase("notifications", vern.config)
    poison = {"specversion": "1.0", "id": "poison-1", "type": "no.vern.incidents.incident_escalated.v1"}
    try:
        database.handle_once("notifications.on_incident_escalated", poison, INCIDENT_ESCALATED, _must_not_run)
    finally:
        database.dispose()
    parked = vern.sql("notifications", "SELECT consumer, errors FROM dead_letters WHERE event_id = 'poison-1'")
    assert len(parked) == 1 and parked[0].consumer == "notifications.on_incident_escalated"
    assert "source" in str(parked[0].errors)


def test_a_failing_handler_leaves_no_trace_and_can_be_retried(vern):
    now = datetime.now(timezone.utc)
    envelope = build_envelope(INCIDENT_ESCALATED, "i-x", "demo", {
        "incident_id": "i-x", "title": "t", "kind": "security_incident", "category": "other",
        "severity": "high", "personal_data_involved": False, "reason": "severity",
        "occurred_at": now, "aware_at": now, "escalated_at": now})
    database = ServiceDatabase("notifications", vern.config)
    try:
        with pytest.raises(RuntimeError):
            database.handle_once("test.consumer", envelope, INCIDENT_ESCALATED, _fail_after_writing)
        assert vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id",
                        id=envelope["id"])[0][0] == 0
        assert vern.sql("notifications", "SELECT count(*) FROM notification_tasks WHERE subject_id = 'i-x'")[0][0] == 0
        assert database.handle_once("test.consumer", envelope, INCIDENT_ESCALATED, lambda uow, event: "done") == "done"
        assert database.handle_once("test.consumer", envelope, INCIDENT_ESCALATED, _must_not_run) is None
    finally:
        database.dispose()


def test_services_do_not_trust_callers_without_a_valid_token(vern):
    with ClusterRpcProxy(vern.config) as rpc:
        with pytest.raises(Unauthenticated):
            rpc.incidents.list_incidents({})
    with ClusterRpcProxy(vern.config, context_data={"authorization": vern.token(roles=("employee",))}) as rpc:
        with pytest.raises(Forbidden):
            rpc.incidents.assess_incident("any", {"severity": "high", "personal_data_involved": False})


def _must_not_run(uow, event):
    raise AssertionError("the use case must not run")


def _fail_after_writing(uow, event):
    create_tasks_for_escalated_incident(uow, event)
    raise RuntimeError("boom")
