"""An unacceptable risk becomes a decision task for the agency head, and the decision closes it.

The risk events are published on the real RabbitMQ exactly as the risk service publishes them
(a CloudEvents envelope on "risk.events", persistent), so these tests need no risk service.
"""
import time
import uuid
from datetime import datetime, timedelta, timezone

from kombu import Connection, Producer

from shared.clock import shifted
from shared.contracts.risk import (RISK_ACCEPTED, TREATMENT_DECIDED, UNACCEPTABLE_RISK_IDENTIFIED,
                                   UNACCEPTABLE_RISK_RESOLVED)
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report, tasks_when

UNACCEPTABLE = UNACCEPTABLE_RISK_IDENTIFIED.key
JUSTIFICATION = "Tiltakene koster mer enn skaden de hindrer; vurderes på nytt om ett år."


def moment(hours_ago: float = 1) -> datetime:
    return (datetime.now(timezone.utc) - timedelta(hours=hours_ago)).replace(microsecond=0)


def risk_reference(risk_id: str, scope: str) -> dict:
    return {"risk_id": risk_id, "reference": "R3", "title": "Uautorisert innsyn i pasientjournal",
            "assessment_id": str(uuid.uuid4()), "assessment_title": "Helhetlig ROS 2026", "assessment_scope": scope,
            "likelihood": 4, "consequence": 5, "level": "high", "residual_likelihood": 4,
            "residual_consequence": 4, "residual_level": "high", "treatment": None, "owner": "isk",
            "matrix_version": 1}


def publish(vern, event_type, agency: str, data: dict, times: int = 1) -> dict:
    envelope = build_envelope(event_type, data["risk_id"], agency, data)
    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        for _ in range(times):
            producer.publish(envelope, exchange=event_exchange("risk"), routing_key=event_type.name,
                             serializer="json", delivery_mode=2)
    return envelope


def identify(vern, agency="demo", scope="overall", identified_at=None, times=1):
    """Publishes risk.unacceptable_risk_identified for a new risk; returns its id, the time and the envelope."""
    risk_id, identified_at = str(uuid.uuid4()), identified_at or moment()
    envelope = publish(vern, UNACCEPTABLE_RISK_IDENTIFIED, agency, {
        **risk_reference(risk_id, scope), "reason": "evaluated", "identified_at": identified_at, "open_measures": 2},
        times)
    return risk_id, identified_at, envelope


def accept(vern, risk_id, agency="demo", times=1) -> datetime:
    accepted_at = moment(0)
    publish(vern, RISK_ACCEPTED, agency, {
        **risk_reference(risk_id, "overall"), "acceptance_id": 1, "accepted_by": "leder-demo",
        "accepted_at": accepted_at, "justification": JUSTIFICATION,
        "valid_until": (accepted_at + timedelta(days=365)).date()}, times)
    return accepted_at


def risk_tasks(client, risk_id, **params):
    response = client.get("/notification-tasks", params={"risk_id": risk_id, "page_size": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def risk_tasks_when(client, risk_id, count):
    wait_for(lambda: len(risk_tasks(client, risk_id)) >= count)
    return risk_tasks(client, risk_id)


def risk_tasks_after_a_while(client, risk_id):
    """Long enough for a redelivered (or wrongly routed) event to have been handled."""
    time.sleep(0.8)
    return risk_tasks(client, risk_id)


def by_role(tasks) -> dict:
    return {task["recipient_role"]: task for task in tasks}


def all_completed(client, risk_id):
    found = risk_tasks(client, risk_id)
    return found if found and all(task["status"] == "completed" for task in found) else None


def test_an_unacceptable_risk_gives_the_agency_head_one_decision_task_even_when_delivered_twice(vern, coordinator):
    risk_id, identified_at, envelope = identify(vern, scope="overall", times=2)

    risk_tasks_when(coordinator, risk_id, 2)
    found = by_role(risk_tasks_after_a_while(coordinator, risk_id))
    assert sorted(found) == ["central", "leader"], "one leader task and the central team's, once"
    assert vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id AND consumer = :c",
                    id=envelope["id"], c="notifications.on_unacceptable_risk_identified")[0][0] == 1

    leader = found["leader"]
    assert (leader["subject_type"], leader["subject_id"]) == ("risk", risk_id)
    assert leader["source_event_type"] == UNACCEPTABLE_RISK_IDENTIFIED.type
    assert datetime.fromisoformat(leader["due_at"]) == identified_at + timedelta(days=30)
    assert [datetime.fromisoformat(r["send_at"]) for r in leader["reminders"]] == \
        [identified_at + timedelta(days=21), identified_at + timedelta(days=28)]
    assert leader["channel"] == "email" and leader["recipient_address"] == "leder@demo.example.test"
    assert leader["title"].startswith("Uakseptabel risiko – beslutning trengs: R3 Uautorisert innsyn")
    assert "aksepter risikoen formelt" in leader["message"] and "Risiko " + risk_id in leader["message"]
    assert [d["status"] for d in leader["deliveries"]] == ["pending"]

    central = found["central"]
    assert central["due_at"] is None and central["reminders"] == []
    assert central["recipient_address"] == "fin@example.test"
    assert central["title"].startswith("Uakseptabel risiko: R3") and "Til orientering" in central["message"]


def test_an_unacceptable_risk_outside_the_overall_assessment_goes_to_the_agency_head_only(vern, coordinator):
    risk_id, _, _ = identify(vern, scope="system")
    risk_tasks_when(coordinator, risk_id, 1)
    assert [task["recipient_role"] for task in risk_tasks_after_a_while(coordinator, risk_id)] == ["leader"]


def test_accepting_the_risk_completes_its_open_tasks_and_no_others(vern, coordinator):
    accepted, _, _ = identify(vern, scope="overall")
    other, _, _ = identify(vern, scope="overall")
    risk_tasks_when(coordinator, accepted, 2)
    risk_tasks_when(coordinator, other, 2)

    accepted_at = accept(vern, accepted, times=2)

    done = wait_for(lambda: all_completed(coordinator, accepted))
    assert done and len(done) == 2
    for task in done:
        assert task["completed_by"] == "leder-demo"
        assert task["completion_note"] == f"Akseptert av virksomhetsleder / Accepted by the agency head: {JUSTIFICATION}"
        assert datetime.fromisoformat(task["completed_at"]) == accepted_at
    assert risk_tasks(coordinator, accepted, status="open") == []
    completed_events = vern.sql("notifications", "SELECT envelope FROM outbox_events WHERE routing_key = "
                                             "'notification_task_completed' AND CAST(envelope AS TEXT) LIKE :pattern",
                                pattern=f"%{accepted}%")
    assert len(completed_events) == 2, "one notification_task_completed per task, though accepted twice"
    assert {task["status"] for task in risk_tasks_after_a_while(coordinator, other)} == {"open"}


def test_a_treatment_decision_or_a_resolution_also_closes_the_decision(vern, coordinator):
    treated, _, _ = identify(vern, scope="system")
    resolved, _, _ = identify(vern, scope="system")
    risk_tasks_when(coordinator, treated, 1)
    risk_tasks_when(coordinator, resolved, 1)

    publish(vern, TREATMENT_DECIDED, "demo", {
        **risk_reference(treated, "system"), "decided_by": "leder-demo", "decided_at": moment(0),
        "justification": "Tofaktor innføres i 2027-budsjettet.", "measure_ids": [4, 7]})
    publish(vern, UNACCEPTABLE_RISK_RESOLVED, "demo", {
        **risk_reference(resolved, "system"), "resolution": "residual_acceptable", "resolved_at": moment(0)})

    (treatment,) = wait_for(lambda: all_completed(coordinator, treated))
    assert treatment["completed_by"] == "leder-demo"
    assert treatment["completion_note"] == "Tiltak besluttet / Treatment decided: Tofaktor innføres i 2027-budsjettet."
    (resolution,) = wait_for(lambda: all_completed(coordinator, resolved))
    assert resolution["completed_by"] == "risk"
    assert resolution["completion_note"] == \
        "Risikoen er innenfor akseptkriteriene / The risk is within the acceptance criteria"


def test_tasks_are_listed_by_risk_by_incident_and_by_what_they_are_about(vern, coordinator):
    risk_id, _, _ = identify(vern, scope="overall")
    incident = report(coordinator)
    assess(coordinator, incident["id"], "high")
    assert len(tasks_when(coordinator, incident["id"], 3)) == 3
    assert len(risk_tasks_when(coordinator, risk_id, 2)) == 2

    def listed(**params):
        response = coordinator.get("/notification-tasks", params={"page_size": 100, **params})
        assert response.status_code == 200, response.text
        return response.json()["items"]

    assert {task["subject_id"] for task in listed(risk_id=risk_id)} == {risk_id}
    assert listed(incident_id=risk_id) == [], "an incident filter never finds a risk's tasks"
    assert {task["subject_id"] for task in listed(incident_id=incident["id"])} == {incident["id"]}
    about_risks = listed(subject_type="risk")
    assert {task["subject_type"] for task in about_risks} == {"risk"}
    assert {task["subject_id"] for task in about_risks} >= {risk_id}
    leader = vern.client(("leader",), "demo")
    assert [task["recipient_role"] for task in risk_tasks(leader, risk_id)] == ["leader"]
    assert coordinator.get("/notification-tasks", params={"subject_type": "asset"}).status_code == 400


def test_an_agency_rule_changes_the_due_time_for_that_agency_only(vern):
    agency = f"r{uuid.uuid4().hex[:8]}"
    pko = vern.client(("pko",), agency)
    wrong = pko.post("/routing-rules", json={"event_type": UNACCEPTABLE, "recipient_role": "leader",
                                             "due_field": "aware_at", "due_hours": 72})
    assert wrong.status_code == 400 and set(wrong.json()["error"]["fields"]) == {"due_field"}
    created = pko.post("/routing-rules", json={"event_type": UNACCEPTABLE, "recipient_role": "leader",
                                               "due_field": "identified_at", "due_hours": 24 * 14})
    assert created.status_code == 201, created.text
    in_force = [r for r in pko.get("/routing-rules", params={"event_type": UNACCEPTABLE}).json()["items"]
                if r["in_force"]]
    assert [r["id"] for r in in_force] == [created.json()["id"]]

    identified_at = moment()
    own, _, _ = identify(vern, agency=agency, scope="overall", identified_at=identified_at)
    default, _, _ = identify(vern, agency="demo", scope="overall", identified_at=identified_at)

    (leader,) = risk_tasks_when(pko, own, 1)
    assert leader["recipient_role"] == "leader" and leader["agency"] == agency
    assert datetime.fromisoformat(leader["due_at"]) == identified_at + timedelta(days=14)
    assert len(risk_tasks_after_a_while(pko, own)) == 1, "the agency's own rules replace the defaults"
    demo = by_role(risk_tasks_when(vern.client(("pko",), "demo"), default, 2))
    assert datetime.fromisoformat(demo["leader"]["due_at"]) == identified_at + timedelta(days=30)
    assert "central" in demo


def test_a_decision_stops_the_reminders_and_an_undecided_risk_goes_to_the_isk_after_30_days(vern, coordinator):
    decided, _, _ = identify(vern, scope="system")
    undecided, _, _ = identify(vern, scope="system")
    decided_task = risk_tasks_when(coordinator, decided, 1)[0]
    undecided_task = risk_tasks_when(coordinator, undecided, 1)[0]
    accept(vern, decided)
    assert wait_for(lambda: all_completed(coordinator, decided))

    def reminders_and_escalation_done():
        reminders = vern.sql("notifications", "SELECT count(*) FROM reminders WHERE task_id IN (:a, :b) "
                                          "AND status = 'scheduled'", a=decided_task["id"], b=undecided_task["id"])
        escalated = vern.sql("notifications", "SELECT count(*) FROM notification_tasks WHERE follows_task_id = :id",
                             id=undecided_task["id"])
        return reminders[0][0] == 0 and escalated[0][0] == 1

    with shifted(timedelta(days=31)):  # past the 21- and 28-day reminders and the 30-day due time
        assert wait_for(reminders_and_escalation_done, timeout=30)

    decided_after = by_role(risk_tasks(coordinator, decided))
    assert list(decided_after) == ["leader"], "a decided risk is not escalated"
    assert [r["status"] for r in decided_after["leader"]["reminders"]] == ["skipped", "skipped"]
    assert decided_after["leader"]["overdue_at"] is None

    undecided_after = by_role(risk_tasks(coordinator, undecided))
    assert sorted(undecided_after) == ["isk", "leader"]
    assert [r["status"] for r in undecided_after["leader"]["reminders"]] == ["sent", "sent"]
    assert undecided_after["leader"]["overdue_at"] is not None
    isk = undecided_after["isk"]
    assert isk["follows_task_id"] == undecided_task["id"] and isk["subject_id"] == undecided
    assert isk["language"] == "en" and isk["title"].startswith("Due time passed: Uautorisert innsyn")
    assert "The task concerns this risk:" in isk["message"] and "Risk assessment: Helhetlig ROS 2026" in isk["message"]
