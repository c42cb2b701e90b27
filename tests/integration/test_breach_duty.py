"""The 72-hour duty follows the law for every notifiable breach, and each recipient is told what the
role cards say: over the real RabbitMQ, a real SMTP sink and both databases, with the clock shifted."""
import re
import uuid
from datetime import datetime, timedelta, timezone

from shared.clock import shifted
from tests.integration.breach_inputs import MEDIUM_MISDIRECTED
from tests.integration.harness import Client, wait_for
from tests.integration.test_notifications import ACK_LINK, World, by_role, tasks_of, unique, world  # noqa: F401
from tests.integration.test_notifications import assess_as_notifiable as assess_breach


def report_breach(client, title, aware_hours_ago=1.0):
    aware_at = datetime.now(timezone.utc) - timedelta(hours=aware_hours_ago)
    reported = client.post("/incidents", json={
        "title": title, "description": "Elevliste sendt til feil foresatt.", "kind": "personal_data_breach",
        "category": "misdirected_email_or_letter", "occurred_at": (aware_at - timedelta(hours=1)).isoformat(),
        "aware_at": aware_at.isoformat()})
    assert reported.status_code == 201, reported.text
    return reported.json()


def outage(client, title, severity="critical"):
    now = datetime.now(timezone.utc)
    reported = client.post("/incidents", json={
        "title": title, "description": "Fagsystemet er nede for alle.", "kind": "security_incident",
        "category": "system_outage", "occurred_at": (now - timedelta(hours=2)).isoformat(),
        "aware_at": (now - timedelta(hours=1)).isoformat()})
    assert reported.status_code == 201, reported.text
    incident = reported.json()
    escalate(client, incident["id"], severity)
    return incident


def escalate(client, incident_id, severity):
    assessed = client.post(f"/incidents/{incident_id}/assessment",
                           json={"severity": severity, "personal_data_involved": False})
    assert assessed.status_code == 200, assessed.text


def open_tasks(client, incident_id):
    return [task for task in tasks_of(client, incident_id) if task["status"] == "open"]


def task_for(client, incident_id, role, action=None, status=None):
    def find():
        return next((task for task in tasks_of(client, incident_id) if task["recipient_role"] == role
                     and (action is None or task["action"] == action)
                     and (status is None or task["status"] == status)), None)
    return wait_for(find)


def text_of(mail):
    return mail.message.get_body(("plain",)).get_content()


def test_a_medium_misdirected_email_is_chased_to_datatilsynet_and_past_72_hours_to_leader_and_pko(world):
    agency = world.agency("/ok/duty-medium")
    pko = world.vern.client(("pko",), agency)
    title = unique("Elevliste til feil foresatt")
    incident = report_breach(pko, title)

    triage = task_for(pko, incident["id"], "pko", "triage")
    assert datetime.fromisoformat(triage["due_at"]) == datetime.fromisoformat(incident["aware_at"]) + timedelta(hours=24)
    assert wait_for(lambda: world.mails_to(f"pko@{agency}.test", title)), "a reported breach never sits unseen"

    assess_breach(pko, incident["id"])
    authority = task_for(pko, incident["id"], "datatilsynet", "notify_authority")
    assert datetime.fromisoformat(authority["due_at"]) == \
        datetime.fromisoformat(incident["aware_at"]) + timedelta(hours=72)
    assert authority["channel"] == "manual" and [r["number"] for r in authority["reminders"]] == [1, 2, 3]
    assert task_for(pko, incident["id"], "pko", "triage", status="completed"), "the assessment ends the triage"
    assert not [t for t in tasks_of(pko, incident["id"]) if t["recipient_role"] in ("leader", "ombud")], \
        "a medium breach is not escalated: only the duty runs"

    for hours, reminders in ((24, 1), (48, 2), (66, 3)):
        with shifted(timedelta(hours=hours)):
            assert wait_for(lambda: len([m for m in world.mails_to(f"pko@{agency}.test", title)
                                         if "Påminnelse" in m.message["Subject"]]) >= reminders), hours

    with shifted(timedelta(hours=73)):
        leader = task_for(pko, incident["id"], "leader")
        chase = task_for(pko, incident["id"], "pko", "acknowledge")
        overdue = task_for(pko, incident["id"], "datatilsynet")
        assert wait_for(lambda: world.mails_to(f"leder@{agency}.test", title))
    assert overdue["overdue_at"] is not None and overdue["status"] == "open"
    assert leader["follows_task_id"] == chase["follows_task_id"] == authority["id"]
    assert len([t for t in tasks_of(pko, incident["id"]) if t["recipient_role"] == "leader"]) == 1, \
        "one task for the agency head, whoever noticed the deadline first"
    leader_text = text_of(world.mails_to(f"leder@{agency}.test", title)[0])
    assert "72" in leader_text and "godkjenne" not in leader_text

    # the late notification carries its reason (art. 33(1)); it closes Datatilsynet's task and the chase
    with shifted(timedelta(hours=74)):
        path = f"/incidents/{incident['id']}/authority-notifications"
        refused = pko.post(path, json={"reference": "AR-2026-77"})
        assert refused.status_code == 400 and "delay_reason" in refused.json()["error"]["fields"]
        late = pko.post(path, json={"reference": "AR-2026-77", "delay_reason": "Omfanget ble klart først i dag."})
        assert late.status_code == 201 and late.json()["late"] is True
        assert wait_for(lambda: task_for(pko, incident["id"], "datatilsynet")["status"] == "completed")
        assert wait_for(lambda: task_for(pko, incident["id"], "leader")["status"] == "completed")


def test_a_breach_decided_not_notifiable_closes_datatilsynets_task_with_the_reason_and_can_reopen(world):
    agency = world.agency("/ok/duty-not-required")
    pko = world.vern.client(("pko",), agency)
    incident = report_breach(pko, unique("Brev til feil adresse"))
    assess_breach(pko, incident["id"])
    authority = task_for(pko, incident["id"], "datatilsynet", "notify_authority", status="open")

    decided = pko.post(f"/incidents/{incident['id']}/breach-decision", json={
        "notify_authority": "not_required", "notify_data_subjects": "not_required",
        "justification": "Mottaker er en kollega i samme etat som har bekreftet sletting."})
    assert decided.status_code == 201, decided.text
    closed = task_for(pko, incident["id"], "datatilsynet", status="completed")
    assert closed["id"] == authority["id"] and closed["closed_reason"] == "not_required"
    assert "art. 33 nr. 5" in closed["completion_note"] and "bekreftet sletting" in closed["completion_note"]

    reopened = pko.post(f"/incidents/{incident['id']}/breach-decision", json={
        "notify_authority": "required", "notify_data_subjects": "not_required"})
    assert reopened.status_code == 201, reopened.text
    again = task_for(pko, incident["id"], "datatilsynet", status="open")
    assert again["id"] == authority["id"], "the same task re-opens; none is added"

    with shifted(timedelta(hours=80)):  # decided not notifiable in time: nobody is chased
        pass
    assert len([t for t in tasks_of(pko, incident["id"]) if t["recipient_role"] == "datatilsynet"]) == 1


def test_a_breach_decided_not_notifiable_before_any_task_gets_none(world):
    agency = world.agency("/ok/duty-none")
    pko = world.vern.client(("pko",), agency)
    incident = report_breach(pko, unique("Kryptert minnepinne"))
    encrypted = {**MEDIUM_MISDIRECTED, "unintelligible": True}
    assess_breach(pko, incident["id"], encrypted)
    decided = pko.post(f"/incidents/{incident['id']}/breach-decision", json={
        "notify_authority": "not_required", "notify_data_subjects": "not_required"})
    assert decided.status_code == 201, decided.text
    with shifted(timedelta(hours=80)):
        wait_for(lambda: task_for(pko, incident["id"], "pko", "triage", status="completed"))
    assert [t for t in tasks_of(pko, incident["id"]) if t["recipient_role"] in ("datatilsynet", "leader")] == []


def test_a_critical_outage_without_personal_data_goes_to_leader_parent_department_and_central(world):
    agency = world.agency("/ok/duty-outage")
    isk = world.vern.client(("isk",), agency)
    title = unique("Fagsystem nede")
    incident = outage(isk, title)
    tasks = by_role(tasks_of(isk, incident["id"], 3))
    assert set(tasks) == {"leader", "parent_department", "central"}
    assert not world.mails_to(f"pvo@{agency}.test", title), "the personvernombud is not told of a security incident"
    escalated = datetime.fromisoformat(tasks["leader"]["created_at"])
    assert timedelta(hours=23) < datetime.fromisoformat(tasks["leader"]["due_at"]) - escalated <= timedelta(hours=24)
    assert datetime.fromisoformat(tasks["central"]["due_at"]) - escalated > timedelta(hours=71)
    assert {task["action"] for task in tasks.values()} == {"acknowledge"}


def test_a_second_escalation_updates_the_tasks_and_tells_each_recipient_what_changed(world):
    path = f"/ok/duty-twice-{uuid.uuid4().hex[:6]}"
    agency = world.agency(path)
    isk = world.vern.client(("isk",), agency)
    title = unique("Løsepengevirus")
    incident = outage(isk, title, "high")
    first = by_role(tasks_of(isk, incident["id"], 3))
    assert wait_for(lambda: world.mails_to(f"leder@{agency}.test", title))

    escalate(isk, incident["id"], "critical")
    changed = wait_for(lambda: [m for m in world.mails_to(f"leder@{agency}.test", title)
                                if "Endret" in m.message["Subject"]])
    assert len(changed) == 1
    text = text_of(changed[0])
    assert re.search(r"høy\W+kritisk", text), text
    assert wait_for(lambda: [m for m in world.mails_to("fin@central.test", title) if "Endret" in m.message["Subject"]])
    assert wait_for(lambda: [r for r in world.hooks_to(path) if title in r["body"] and "kritisk" in r["body"]])
    now = tasks_of(isk, incident["id"])
    assert len(now) == 3 and {t["id"] for t in now} == {t["id"] for t in first.values()}
    assert len(world.mails_to(f"leder@{agency}.test", title)) == 2, "the first message and one change, no repeat"


def test_datatilsynets_task_is_not_acknowledged_and_nobody_acknowledges_for_the_head_without_a_note(world):
    agency = world.agency("/ok/duty-actions")
    pko = world.vern.client(("pko",), agency)
    incident = report_breach(pko, unique("Feilsendt vedtak"))
    pko.post(f"/incidents/{incident['id']}/assessment", json={"severity": "high", "personal_data_involved": True})
    authority = task_for(pko, incident["id"], "datatilsynet")
    refused = pko.post(f"/notification-tasks/{authority['id']}/complete", json={"note": "Bekreft"})
    assert refused.status_code == 409 and "Altinn" in refused.json()["error"]["message"]

    leader = task_for(pko, incident["id"], "leader")
    no_note = pko.post(f"/notification-tasks/{leader['id']}/complete", json={})
    assert no_note.status_code == 400 and "note" in no_note.json()["error"]["fields"]
    on_behalf = pko.post(f"/notification-tasks/{leader['id']}/complete",
                         json={"note": "Orientert muntlig i ledermøtet 7. desember."})
    assert on_behalf.status_code == 200, on_behalf.text
    done = task_for(pko, incident["id"], "leader", status="completed")
    assert done["acknowledged_on_behalf"] is True and done["completion_note"].startswith("Orientert muntlig")

    head = world.vern.client(("leader",), agency)
    ombud = task_for(pko, incident["id"], "ombud")
    assert head.post(f"/notification-tasks/{ombud['id']}/complete", json={"note": "x"}).status_code == 404


def test_a_comment_on_the_acknowledgement_page_reaches_the_journal_and_the_coordinator(world):
    agency = world.agency("/ok/duty-comment")
    pko = world.vern.client(("pko",), agency)
    title = unique("Helseopplysninger på avveie")
    incident = report_breach(pko, title)
    pko.post(f"/incidents/{incident['id']}/assessment", json={"severity": "high", "personal_data_involved": True})
    mail = wait_for(lambda: [m for m in world.mails_to(f"leder@{agency}.test", title)])
    link = ACK_LINK.search(text_of(mail[0])).group(0).split("/api/v1", 1)[1]
    anonymous = Client(world.vern.base_url, None)

    too_long = anonymous.post(link, json={"comment": "x" * 2001})
    assert too_long.status_code == 400 and "comment" in too_long.json()["error"]["fields"]
    answered = anonymous.post(link, json={"comment": "Må vi varsle foreldrene i dag?"})
    assert answered.status_code == 200, answered.text

    question = task_for(pko, incident["id"], "pko", "follow_up")
    assert "Må vi varsle foreldrene i dag?" in question["message"]
    assert task_for(pko, incident["id"], "leader", status="completed")["comment"] == "Må vi varsle foreldrene i dag?"
    journal = wait_for(lambda: [line for line in pko.get(f"/incidents/{incident['id']}").json()["journal"]
                                if "Må vi varsle foreldrene i dag?" in str(line)])
    assert journal
