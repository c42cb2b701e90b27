"""A serious incident reported over HTTP becomes notification tasks, carried by real AMQP events."""
import time
import uuid
from datetime import datetime, timedelta, timezone

from kombu import Connection, Producer

from shared.contracts.incidents import BREACH_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.integration.harness import wait_for

# the role cards: a serious security incident goes to the agency head, the parent department and the central
# team; the personvernombud only when personal data are involved
SECURITY_ROLES = {"leader", "central", "parent_department"}
BREACH_ROLES = SECURITY_ROLES | {"ombud", "datatilsynet"}


def report(client, **overrides):
    now = datetime.now(timezone.utc)
    body = {"title": "Phishing mot lønnsavdelingen", "description": "Flere ansatte fikk falsk e-post.",
            "kind": "security_incident", "category": "phishing",
            "occurred_at": (now - timedelta(hours=5)).isoformat(),
            "aware_at": (now - timedelta(hours=2)).isoformat()}
    body.update(overrides)
    response = client.post("/incidents", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def assess(client, incident_id, severity, personal_data=False, **extra):
    response = client.post(f"/incidents/{incident_id}/assessment",
                           json={"severity": severity, "personal_data_involved": personal_data, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def tasks(client, incident_id):
    response = client.get("/notification-tasks", params={"incident_id": incident_id, "page_size": 100})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def tasks_when(client, incident_id, count):
    wait_for(lambda: len(tasks(client, incident_id)) >= count)
    return tasks(client, incident_id)


def tasks_after_a_while(client, incident_id):
    """Long enough for any further (wrong) event to have been relayed and handled."""
    time.sleep(0.8)
    return tasks(client, incident_id)


def escalations_in_outbox(vern, incident_id):
    rows = vern.sql("incidents", "SELECT routing_key FROM outbox_events WHERE routing_key = 'incident_escalated' "
                                 "AND CAST(envelope AS TEXT) LIKE :pattern", pattern=f"%{incident_id}%")
    return len(rows)


def test_serious_security_incident_yields_three_tasks(vern, coordinator):
    incident = report(coordinator)
    assessed = assess(coordinator, incident["id"], "high")
    assert assessed["serious"] is True and assessed["escalation_reason"] == "severity"

    found = tasks_when(coordinator, incident["id"], 3)
    assert {task["recipient_role"] for task in found} == SECURITY_ROLES
    assert len(found) == 3
    leader = next(task for task in found if task["recipient_role"] == "leader")
    assert leader["recipient_address"] == "leder@demo.example.test"
    assert leader["status"] == "open" and leader["channel"] == "email"
    assert "Phishing mot lønnsavdelingen" in leader["title"]
    # every task with an address is queued for delivery, once, with its own message id
    queued = vern.sql("notifications", "SELECT d.channel, d.address, d.status FROM deliveries d JOIN notification_tasks t "
                                   "ON t.id = d.task_id WHERE t.subject_id = :id ORDER BY d.address", id=incident["id"])
    assert [tuple(row) for row in queued] == [
        ("email", "dig@example.test", "pending"), ("email", "fin@example.test", "pending"),
        ("email", "leder@demo.example.test", "pending")]


def test_serious_breach_yields_five_tasks_with_datatilsynet_due_72_hours_after_awareness(vern, coordinator):
    """Five recipients of the escalation, beside the PKO's triage task of the reported breach."""
    # within the 72 hours: a breach escalated after them would at once also go to the ISK and leader (overdue)
    aware_at = (datetime.now(timezone.utc) - timedelta(hours=3)).replace(second=0, microsecond=0)
    incident = report(coordinator, kind="personal_data_breach", category="misdirected_email_or_letter",
                      occurred_at=(aware_at - timedelta(hours=1)).isoformat(), aware_at=aware_at.isoformat())
    assess(coordinator, incident["id"], "critical", personal_data=True)

    found = tasks_when(coordinator, incident["id"], 6)
    assert {task["recipient_role"] for task in found} == BREACH_ROLES | {"pko"}
    assert [task["action"] for task in found if task["recipient_role"] == "pko"] == ["triage"]
    datatilsynet = next(task for task in found if task["recipient_role"] == "datatilsynet")
    assert datetime.fromisoformat(datatilsynet["due_at"]) == aware_at + timedelta(hours=72)
    assert datatilsynet["recipient_name"] == "Datatilsynet"


def test_low_incident_yields_no_tasks(vern, coordinator):
    incident = report(coordinator)
    assessed = assess(coordinator, incident["id"], "low")
    assert assessed["serious"] is False

    assert escalations_in_outbox(vern, incident["id"]) == 0
    assert tasks_after_a_while(coordinator, incident["id"]) == []


def test_escalates_when_serious_and_again_only_when_severity_rises(vern, coordinator):
    incident = report(coordinator)
    assess(coordinator, incident["id"], "medium")
    assert escalations_in_outbox(vern, incident["id"]) == 0

    raised = assess(coordinator, incident["id"], "high")
    assert raised["escalated_at"] is not None
    first = tasks_when(coordinator, incident["id"], 3)
    assess(coordinator, incident["id"], "high", rationale="same severity, new facts")
    assert escalations_in_outbox(vern, incident["id"]) == 1

    assess(coordinator, incident["id"], "critical")  # rises: the recipients are told what changed
    wait_for(lambda: vern.sql("notifications", "SELECT count(*) FROM deliveries d JOIN notification_tasks t ON "
                                           "t.id = d.task_id WHERE t.subject_id = :id AND d.kind = 'change'",
                              id=incident["id"])[0][0] == 3)
    assess(coordinator, incident["id"], "medium")  # falls: not again
    assert escalations_in_outbox(vern, incident["id"]) == 2
    after = tasks_after_a_while(coordinator, incident["id"])
    assert sorted(task["id"] for task in after) == sorted(task["id"] for task in first), "updated, not repeated"
    assert [a["severity"] for a in coordinator.get(f"/incidents/{incident['id']}").json()["assessments"]] == \
        ["medium", "high", "high", "critical", "medium"]


def test_coordinator_marking_serious_escalates_a_low_incident(vern, coordinator):
    incident = report(coordinator)
    assessed = assess(coordinator, incident["id"], "low", marked_serious=True)
    assert assessed["serious"] is True and assessed["escalation_reason"] == "marked_serious"
    assert len(tasks_when(coordinator, incident["id"], 3)) == 3


def test_the_same_escalation_delivered_twice_yields_one_set_of_tasks(vern, coordinator):
    incident = report(coordinator)  # a real incident, so the tasks are visible to its agency
    now = datetime.now(timezone.utc)
    envelope = build_envelope(INCIDENT_ESCALATED, incident["id"], "demo", {
        "incident_id": incident["id"], "title": incident["title"], "kind": "personal_data_breach",
        "category": "phishing", "severity": "high", "personal_data_involved": True, "reason": "severity",
        "occurred_at": now - timedelta(hours=3), "aware_at": now - timedelta(hours=1), "escalated_at": now})

    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        for _ in range(2):
            producer.publish(envelope, exchange=event_exchange("incidents"), routing_key="incident_escalated",
                             serializer="json", delivery_mode=2)

    assert len(tasks_when(coordinator, incident["id"], 5)) == 5  # a breach: BREACH_ROLES
    processed = vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id",
                         id=envelope["id"])
    assert processed[0][0] == 1
    assert len(tasks_after_a_while(coordinator, incident["id"])) == 5


def test_a_task_is_completed_by_hand_once(vern, coordinator):
    incident = report(coordinator)
    assess(coordinator, incident["id"], "high")
    task = next(t for t in tasks_when(coordinator, incident["id"], 3) if t["recipient_role"] == "central")

    done = coordinator.post(f"/notification-tasks/{task['id']}/complete", json={"note": "Ringt Finans 09:10"})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed" and done.json()["completion_note"] == "Ringt Finans 09:10"

    again = coordinator.post(f"/notification-tasks/{task['id']}/complete", json={})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    still_open = {t["id"] for t in tasks(coordinator, incident["id"]) if t["status"] == "open"}
    assert task["id"] not in still_open and len(still_open) == 2


def test_a_report_handled_after_its_breach_assessment_leaves_no_triage_open(vern, coordinator):
    """Each event has its own queue: the assessment may be handled before the report that came first."""
    incident = report(coordinator, kind="personal_data_breach", category="misdirected_email_or_letter")
    wait_for(lambda: [t for t in tasks(coordinator, incident["id"]) if t["action"] == "triage"])
    now = datetime.now(timezone.utc)
    other = str(uuid.uuid4())  # an incident whose report reporting has not seen yet
    common = {"incident_id": other, "title": "Feilsendt brev", "kind": "personal_data_breach",
              "category": "misdirected_email_or_letter", "personal_data_involved": True,
              "aware_at": now - timedelta(hours=1), "deadline": now + timedelta(hours=71)}
    assessed = build_envelope(BREACH_ASSESSED, other, "demo", {
        **common, "version": 1, "severity": "low", "score": 1.0, "risk": "unlikely",
        "recommended_notify_authority": "not_required", "recommended_notify_data_subjects": "not_required",
        "notify_authority": "not_required", "decided": False, "assessed_at": now, "assessed_by": "u-1"})
    reported = build_envelope(INCIDENT_REPORTED, other, "demo", {
        "incident_id": other, "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "title": "Feilsendt brev", "occurred_at": now - timedelta(hours=2), "aware_at": now - timedelta(hours=1),
        "reported_at": now, "reported_by": "u-2"})
    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        producer.publish(assessed, exchange=event_exchange("incidents"), routing_key="breach_assessed",
                         serializer="json", delivery_mode=2)
        triage = wait_for(lambda: [t for t in tasks(coordinator, other) if t["action"] == "triage"])
        producer.publish(reported, exchange=event_exchange("incidents"), routing_key="incident_reported",
                         serializer="json", delivery_mode=2)
    wait_for(lambda: vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id",
                              id=reported["id"])[0][0] == 1)
    after = tasks(coordinator, other)
    assert [(t["id"], t["status"]) for t in after] == [(triage[0]["id"], "completed")]
    assert after[0]["deliveries"] == [], "nobody is asked to assess a breach already assessed"
