"""A required prior consultation (art. 36) becomes a submission task for the PKO and a contact-point task
for the DPO, and Datatilsynet's recorded answer closes them.

The events are published on the real RabbitMQ exactly as the privacy register publishes them
(a CloudEvents envelope on "privacy_register.events", persistent), so these tests need no privacy register.
"""
import time
import uuid
from datetime import datetime, timedelta, timezone

from kombu import Connection, Producer

from shared.clock import shifted
from shared.contracts.privacy_register import PRIOR_CONSULTATION_OUTCOME, PRIOR_CONSULTATION_REQUIRED
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.integration.harness import wait_for

DPO = "Personvernombud <pvo@example.test>"  # the demo agency's ombud in directory.yaml


def moment(hours_ago: float = 1) -> datetime:
    return (datetime.now(timezone.utc) - timedelta(hours=hours_ago)).replace(microsecond=0)


def dpia_reference(dpia_id: str) -> dict:
    return {"dpia_id": dpia_id, "processing_id": str(uuid.uuid4()), "processing_name": "Elevregister",
            "title": "DPIA for elevregisteret", "residual_risk": "high"}


def publish(vern, event_type, agency: str, data: dict, times: int = 1) -> dict:
    envelope = build_envelope(event_type, data["dpia_id"], agency, data)
    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        for _ in range(times):
            producer.publish(envelope, exchange=event_exchange("privacy_register"), routing_key=event_type.name,
                             serializer="json", delivery_mode=2)
    return envelope


def require(vern, agency="demo", times=1):
    """Publishes privacy_register.prior_consultation_required for a new DPIA; returns its id, the time and
    the envelope."""
    dpia_id, required_at = str(uuid.uuid4()), moment()
    envelope = publish(vern, PRIOR_CONSULTATION_REQUIRED, agency, {
        **dpia_reference(dpia_id), "high_risks": ["Uautorisert innsyn i fravær", "Profilering av elever"],
        "dpo_contact_needed": True, "approved_at": required_at - timedelta(minutes=5), "required_at": required_at},
        times)
    return dpia_id, required_at, envelope


def record_outcome(vern, dpia_id, outcome="advice_given", times=1) -> datetime:
    recorded_at = moment(0)
    publish(vern, PRIOR_CONSULTATION_OUTCOME, "demo", {
        **dpia_reference(dpia_id), "outcome": outcome, "submitted_on": (recorded_at - timedelta(days=40)).date(),
        "answered_on": recorded_at.date(), "reference": "26/01234", "recorded_at": recorded_at,
        "recorded_by": "pko-demo"}, times)
    return recorded_at


def dpia_tasks(client, dpia_id, **params):
    response = client.get("/notification-tasks", params={"dpia_id": dpia_id, "page_size": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def dpia_tasks_when(client, dpia_id, count):
    wait_for(lambda: len(dpia_tasks(client, dpia_id)) >= count)
    return dpia_tasks(client, dpia_id)


def dpia_tasks_after_a_while(client, dpia_id):
    """Long enough for a redelivered (or wrongly routed) event to have been handled."""
    time.sleep(0.8)
    return dpia_tasks(client, dpia_id)


def by_role(tasks) -> dict:
    return {task["recipient_role"]: task for task in tasks}


def all_completed(client, dpia_id):
    found = dpia_tasks(client, dpia_id)
    return found if found and all(task["status"] == "completed" for task in found) else None


def test_a_required_consultation_gives_one_submission_task_and_one_dpo_task_even_when_delivered_twice(
        vern, coordinator):
    dpia_id, required_at, envelope = require(vern, times=2)

    dpia_tasks_when(coordinator, dpia_id, 2)
    found = by_role(dpia_tasks_after_a_while(coordinator, dpia_id))
    assert sorted(found) == ["datatilsynet", "ombud"], "one task each, though the event came twice"
    assert vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id",
                    id=envelope["id"])[0][0] == 1

    submission = found["datatilsynet"]
    assert (submission["subject_type"], submission["subject_id"]) == ("dpia", dpia_id)
    assert submission["source_event_type"] == PRIOR_CONSULTATION_REQUIRED.type
    assert submission["channel"] == "manual" and submission["deliveries"] == [], "the PKO sends it by hand"
    assert datetime.fromisoformat(submission["due_at"]) == required_at + timedelta(days=14)
    assert [datetime.fromisoformat(r["send_at"]) for r in submission["reminders"]] == \
        [required_at + timedelta(days=7), required_at + timedelta(days=12)]
    assert submission["title"] == "Send forhåndsdrøftelse til Datatilsynet: Elevregister – DPIA for elevregisteret"
    message = submission["message"]
    assert "Til personvernkoordinatoren i Demo-etaten" in message and "HVA SOM SKAL SENDES (art. 36 nr. 3)" in message
    assert f"kontaktopplysningene til personvernombudet: {DPO}" in message
    assert "- Profilering av elever" in message and "BEHANDLINGEN MÅ IKKE STARTE" in message

    ombud = found["ombud"]
    assert ombud["channel"] == "email" and ombud["recipient_address"] == "pvo@example.test"
    assert datetime.fromisoformat(ombud["due_at"]) == required_at + timedelta(days=7) and ombud["reminders"] == []
    assert ombud["title"] == "Forhåndsdrøftelse med Datatilsynet: Elevregister – DPIA for elevregisteret"
    assert "du virksomhetens kontaktpunkt mot Datatilsynet" in ombud["message"]
    assert [d["status"] for d in ombud["deliveries"]] == ["pending"]


def test_datatilsynets_answer_completes_every_open_task_of_the_dpia_and_no_others(vern, coordinator):
    answered, _, _ = require(vern)
    other, _, _ = require(vern)
    dpia_tasks_when(coordinator, answered, 2)
    dpia_tasks_when(coordinator, other, 2)

    recorded_at = record_outcome(vern, answered, "advice_given", times=2)

    done = wait_for(lambda: all_completed(coordinator, answered))
    assert done and len(done) == 2
    for task in done:
        assert task["completed_by"] == "pko-demo"
        assert task["completion_note"] == ("Forhåndsdrøftelse avsluttet: Datatilsynet har gitt skriftlige råd / "
                                           "Prior consultation concluded: Datatilsynet gave written advice (26/01234)")
        assert datetime.fromisoformat(task["completed_at"]) == recorded_at
    completed_events = vern.sql("notifications", "SELECT envelope FROM outbox_events WHERE routing_key = "
                                             "'notification_task_completed' AND CAST(envelope AS TEXT) LIKE :pattern",
                                pattern=f"%{answered}%")
    assert len(completed_events) == 2, "one notification_task_completed per task, though answered twice"
    assert {task["status"] for task in dpia_tasks_after_a_while(coordinator, other)} == {"open"}


def test_a_task_done_by_hand_stays_as_it_was_when_the_answer_comes(vern, coordinator):
    dpia_id, _, _ = require(vern)
    submission = by_role(dpia_tasks_when(coordinator, dpia_id, 2))["datatilsynet"]
    sent = coordinator.post(f"/notification-tasks/{submission['id']}/complete", json={"note": "Sendt 24.11."})
    assert sent.status_code == 200, sent.text

    record_outcome(vern, dpia_id, "withdrawn")

    found = by_role(wait_for(lambda: all_completed(coordinator, dpia_id)))
    assert found["datatilsynet"]["completion_note"] == "Sendt 24.11."
    assert found["ombud"]["completion_note"] == ("Forhåndsdrøftelse avsluttet: trukket tilbake av virksomheten / "
                                                 "Prior consultation concluded: withdrawn by the agency (26/01234)")


def test_tasks_are_listed_by_dpia_and_by_what_they_are_about(vern, coordinator):
    dpia_id, _, _ = require(vern)
    dpia_tasks_when(coordinator, dpia_id, 2)

    def listed(**params):
        response = coordinator.get("/notification-tasks", params={"page_size": 100, **params})
        assert response.status_code == 200, response.text
        return response.json()["items"]

    assert {task["subject_id"] for task in listed(dpia_id=dpia_id)} == {dpia_id}
    assert listed(risk_id=dpia_id) == [] and listed(incident_id=dpia_id) == [], "other filters never find a DPIA"
    about_dpias = listed(subject_type="dpia")
    assert {task["subject_type"] for task in about_dpias} == {"dpia"}
    assert {task["subject_id"] for task in about_dpias} >= {dpia_id}
    ombud = vern.client(("ombud",), "demo")
    assert [task["recipient_role"] for task in dpia_tasks(ombud, dpia_id)] == ["ombud"]
    assert dpia_tasks(vern.client(("pko",), "other"), dpia_id) == [], "another agency's DPIA does not exist"
    assert coordinator.get("/notification-tasks", params={"subject_type": "processing"}).status_code == 400


def test_the_reminders_of_the_submission_task_go_to_the_privacy_coordinator(vern, coordinator):
    dpia_id, _, _ = require(vern)
    submission = by_role(dpia_tasks_when(coordinator, dpia_id, 2))["datatilsynet"]

    def first_reminder_queued():
        task = by_role(dpia_tasks(coordinator, dpia_id))["datatilsynet"]
        # both, not one: on PostgreSQL the listing reads deliveries and reminders in two statements,
        # and a reminder committed between them can be in one and not yet in the other
        reminded = [d for d in task["deliveries"] if d["kind"] == "reminder"] and task["reminders"][0]["status"] == "sent"
        return task if reminded else None

    with shifted(timedelta(days=8)):  # past the 7-day reminder, before the 12-day one and the due time
        task = wait_for(first_reminder_queued)
    assert task and task["id"] == submission["id"]
    assert [r["status"] for r in task["reminders"]] == ["sent", "scheduled"]
    (reminder,) = [d for d in task["deliveries"] if d["kind"] == "reminder"]
    assert (reminder["channel"], reminder["address"]) == ("email", "pko@demo.example.test")
