"""The 72-hour clock over RabbitMQ: authority_deadline_missed fires once, and only when it should."""
from datetime import datetime, timedelta, timezone

import eventlet
import pytest

from services.incidents.notification import flag_missed_deadlines
from shared.clock import shifted
from shared.service_database import ServiceDatabase
from tests.integration.harness import wait_for
from tests.integration.subscriber import Subscriber
from tests.integration.test_escalation import report

TICKS = 1.0  # five timer intervals in the test configuration


@pytest.fixture
def missed(vern):
    subscriber = Subscriber(vern.config["AMQP_URI"], "incidents", "authority_deadline_missed")
    yield subscriber
    subscriber.close()


def breach(client, aware_hours_ago=2):
    now = datetime.now(timezone.utc)
    return report(client, kind="personal_data_breach", category="misdirected_email_or_letter",
                  occurred_at=(now - timedelta(hours=aware_hours_ago + 1)).isoformat(),
                  aware_at=(now - timedelta(hours=aware_hours_ago)).isoformat())


def test_the_missed_deadline_is_announced_once(vern, coordinator, missed):
    incident = breach(coordinator)
    assert missed.about(incident["id"], TICKS) == []
    with shifted(timedelta(hours=69)):  # 71 hours after awareness: still in time
        assert missed.about(incident["id"], TICKS) == []
    with shifted(timedelta(hours=71)):  # 73 hours after awareness
        events = wait_for(lambda: missed.about(incident["id"]), timeout=10)
        assert len(events) == 1
        assert missed.about(incident["id"], TICKS) == events  # later ticks add nothing
        stored = coordinator.get(f"/incidents/{incident['id']}").json()
        assert stored["authority_deadline_missed_at"] is not None and stored["authority_overdue"] is True

    event = events[0]
    assert event["type"] == "no.vern.incidents.authority_deadline_missed.v1" and event["agency"] == "demo"
    assert datetime.fromisoformat(event["data"]["deadline"]) == datetime.fromisoformat(incident["authority_deadline"])
    assert [e["entry_type"] for e in stored["journal"]].count("authority_deadline_missed") == 1


def test_no_alarm_when_notified_or_decided_not_to(vern, coordinator, missed):
    notified = breach(coordinator)
    submitted = coordinator.post(f"/incidents/{notified['id']}/authority-notifications",
                                 json={"reference": "AR-1"})
    assert submitted.status_code == 201, submitted.text

    not_required = breach(coordinator)
    coordinator.post(f"/incidents/{not_required['id']}/breach-assessment", json={
        "data_types": ["simple"], "ease_of_identification": "negligible",
        "cb": {"confidentiality": 0, "integrity": 0, "availability": 0, "malicious": False},
        "data_subjects": 3, "unintelligible": True, "vulnerable_subjects": False})
    decided = coordinator.post(f"/incidents/{not_required['id']}/breach-decision",
                               json={"notify_authority": "not_required", "notify_data_subjects": "not_required"})
    assert decided.status_code == 201, decided.text

    security_only = report(coordinator)
    with shifted(timedelta(hours=80)):
        missed.drain(TICKS * 2)
    for incident in (notified, not_required, security_only):
        assert missed.about(incident["id"]) == []
    states = {i["id"]: coordinator.get(f"/incidents/{i['id']}").json()["authority_notification"]
              for i in (notified, not_required, security_only)}
    assert states == {notified["id"]: "submitted", not_required["id"]: "not_required", security_only["id"]: None}


def test_concurrent_instances_claim_each_deadline_once(vern, coordinator):
    """Three checkers (two extra instances and the running service's timer) race for the same incidents."""
    incidents = [breach(coordinator) for _ in range(5)]
    later = datetime.now(timezone.utc) + timedelta(hours=100)
    databases = [ServiceDatabase("incidents", vern.config) for _ in range(2)]

    def check(database):
        with database.unit_of_work() as uow:
            return flag_missed_deadlines(uow, later)

    try:
        results = [thread.wait() for thread in [eventlet.spawn(check, db) for db in databases]]
    finally:
        for database in databases:
            database.dispose()
    ids = {incident["id"] for incident in incidents}
    claimed = [i for result in results for i in result if i in ids]
    assert sorted(claimed) == sorted(ids)  # each incident claimed by exactly one instance
    for incident in incidents:
        rows = vern.sql("incidents", "SELECT COUNT(*) FROM outbox_events WHERE routing_key = "
                                     "'authority_deadline_missed' AND CAST(envelope AS TEXT) LIKE :p",
                        p=f"%{incident['id']}%")
        assert rows[0][0] == 1


def test_a_late_notification_needs_the_reason_for_delay(vern, coordinator):
    incident = breach(coordinator, aware_hours_ago=80)
    assert incident["authority_overdue"] is True
    path = f"/incidents/{incident['id']}/authority-notifications"
    refused = coordinator.post(path, json={"reference": "AR-9"})
    assert refused.status_code == 400 and "delay_reason" in refused.json()["error"]["fields"]
    assert coordinator.get(f"/incidents/{incident['id']}").json()["authority_notifications"] == []

    subscriber = Subscriber(vern.config["AMQP_URI"], "incidents", "authority_notification_submitted")
    try:
        late = coordinator.post(path, json={"reference": "AR-9", "phased": True,
                                            "delay_reason": "Omfanget var uklart til leverandøren svarte."})
        assert late.status_code == 201 and late.json()["late"] is True
        supplement = coordinator.post(path, json={"phase": "supplementary", "summary": "Endelig antall berørte."})
        assert supplement.status_code == 201 and supplement.json()["late"] is True
        events = wait_for(lambda: len(subscriber.about(incident["id"])) >= 2 and subscriber.about(incident["id"]))
    finally:
        subscriber.close()
    assert [(e["data"]["phase"], e["data"]["late"]) for e in events] == [("initial", True), ("supplementary", True)]
    assert events[0]["data"]["delay_reason"].startswith("Omfanget")
    stored = coordinator.get(f"/incidents/{incident['id']}").json()
    assert stored["authority_notification"] == "late" and stored["authority_overdue"] is False
    again = coordinator.post(path, json={"phase": "initial", "delay_reason": "x"})
    assert again.status_code == 400 and "phase" in again.json()["error"]["fields"]
