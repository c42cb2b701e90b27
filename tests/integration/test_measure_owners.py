"""A measure's owner is told (issue 25): a risk measure owned by a system's systemeier gives that contact a
task with the due date, reminders before it, the ISK a task when it runs past due, and the owner reports
progress with the link in the message, without an account; the measure and its history show it.

Time is moved with shared.clock.shifted, never slept away; dates count from today as Vern sees it.
"""
import functools
import uuid
from datetime import datetime, time, timedelta, timezone

from services.notifications import progress
from shared.clock import OSLO, shifted, today as oslo_today
from tests.integration import harness
from tests.integration.harness import Client
from tests.integration.test_risk import new_assessment, new_risk, ok

# the tasks come through incidents or risk, the bus and notifications, with a timer's reminder and chase:
# more than the default 10 s when a loaded machine runs the whole suite
wait_for = functools.partial(harness.wait_for, timeout=30)

DEFAULTS = {"contacts": {"central": {"name": "Byrådsavdeling for finans", "address": "fin@example.test"},
                         "datatilsynet": {"name": "Datatilsynet", "address": "postkasse@datatilsynet.example"}}}


def agency_with_owners(vern) -> str:
    """A fresh agency whose pupil system has a systemeier and a systemforvalter, with an ISK and a
    sikkerhetsleder of its own."""
    code = f"own-{uuid.uuid4().hex[:8]}"
    vern.register_agency(code)
    vern.load_directory({"defaults": DEFAULTS, "agencies": [{
        "code": code, "name": f"Etat {code}", "contacts": {
            "isk": {"name": "ISK", "address": f"isk@{code}.test"},
            "pko": {"name": "PKO", "address": f"pko@{code}.test"},
            "security_manager": {"name": "Sikkerhetsleder", "address": f"sikkerhet@{code}.test"}},
        "systems": [{"key": "elevsystem", "name": "Elevadministrativt system", "contacts": {
            "system_owner": {"name": "Systemeier Elev", "address": f"systemeier.elev@{code}.test"},
            "system_administrator": {"name": "Forvalter Elev", "address": f"forvalter.elev@{code}.test"}}}]}]})
    return code


def tasks(client, **params) -> list:
    return ok(client.get("/notification-tasks", params={"page_size": 100, **params}))["items"]


def measure_tasks(client, measure_id, **params) -> list:
    return [task for task in tasks(client, subject_type="measure", **params) if task["subject_id"] == str(measure_id)]


def end_of(day) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), OSLO).astimezone(timezone.utc)


def measure_of(isk, risk_id, measure_id) -> dict:
    return next(m for m in ok(isk.get(f"/risks/{risk_id}"))["measures"] if m["id"] == measure_id)


def test_a_system_owner_gets_the_measure_is_reminded_chased_and_reports_progress_with_the_link(vern):
    code = agency_with_owners(vern)
    isk = vern.client(("isk",), code)
    risk = new_risk(isk, new_assessment(isk)["id"], 4, 4)
    due = oslo_today() + timedelta(days=10)
    measure = ok(isk.post(f"/risks/{risk['id']}/measures", json={
        "title": "Rollebasert tilgang i elevsystemet", "owner": "Systemeier elevsystemet",
        "owner_role": "system_owner", "owner_system": "elevsystem", "due_date": due.isoformat(),
        "status": "decided"}), 201)
    assert (measure["owner_role"], measure["owner_system"]) == ("system_owner", "elevsystem")

    (task,) = wait_for(lambda: measure_tasks(isk, measure["id"], role="system_owner"))
    assert task["recipient_address"] == f"systemeier.elev@{code}.test", "the system's owner, not the agency's"
    assert task["action"] == "carry_out" and task["status"] == "open"
    assert datetime.fromisoformat(task["due_at"]) == end_of(due)
    assert [datetime.fromisoformat(r["send_at"]) for r in task["reminders"]] == [
        end_of(due) - timedelta(days=7), end_of(due) - timedelta(days=1)]
    assert "Rollebasert tilgang i elevsystemet" in task["message"]

    # The owner opens the link without an account and reports the work started.
    token = progress.token_for(vern.config["JWT_SECRET"], task["id"])
    anonymous = Client(vern.base_url, None)
    shown = ok(anonymous.get(f"/progress/{token}"))
    assert shown["title"] == "Rollebasert tilgang i elevsystemet" and shown["due_date"] == due.isoformat()
    assert shown["open"] is True and shown["owner_title"] == risk["title"]
    page = anonymous.get(f"/progress/{token}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Rollebasert tilgang i elevsystemet" in page.text and "<form" in page.text
    ok(anonymous.post(f"/progress/{token}", json={"progress": "in_progress",
                                                  "comment": "Bestilt hos leverandøren."}))
    started = wait_for(lambda: measure_of(isk, risk["id"], measure["id"])
                       if measure_of(isk, risk["id"], measure["id"])["status"] == "in_progress" else None)
    reported = started["history"][-1]
    assert reported["kind"] == "progress" and reported["comment"] == "Bestilt hos leverandøren."
    assert f"systemeier.elev@{code}.test" in reported["by"], "the coordinator sees who reported it"

    # A forged or foreign link shows nothing.
    assert anonymous.get(f"/progress/{task['id']}.{'A' * 43}").status_code == 404

    with shifted(timedelta(days=4)):  # a week before the due date: the first reminder goes out
        wait_for(lambda: measure_tasks(isk, measure["id"], role="system_owner")[0]["reminders"][0]["status"]
                 == "sent")
    reminders = measure_tasks(isk, measure["id"], role="system_owner")[0]["reminders"]
    assert [r["status"] for r in reminders] == ["sent", "scheduled"]

    with shifted(timedelta(days=12)):  # past due, still open: the ISK is told
        chased = wait_for(lambda: [t for t in measure_tasks(isk, measure["id"], role="isk")
                                   if t["follows_task_id"] == task["id"]])
        assert chased[0]["action"] == "follow_up" and chased[0]["recipient_address"] == f"isk@{code}.test"
        assert measure_tasks(isk, measure["id"], role="system_owner")[0]["overdue"] is True

        # The owner reports it done: the measure is done and the owner's task closes with it.
        ok(anonymous.post(f"/progress/{token}", json={"progress": "done", "comment": "Innført for alle skoler."}))
        done = wait_for(lambda: measure_of(isk, risk["id"], measure["id"])
                        if measure_of(isk, risk["id"], measure["id"])["status"] == "done" else None)
        closed = wait_for(lambda: [t for t in measure_tasks(isk, measure["id"], role="system_owner")
                                   if t["status"] == "completed"])
    assert done["completed_at"] is not None
    assert [h["kind"] for h in done["history"]] == ["created", "progress", "progress"]
    assert "gjennomført" in closed[0]["completion_note"]
    refused = anonymous.post(f"/progress/{token}", json={"progress": "in_progress"})
    assert refused.status_code == 409, refused.text
    assert ok(anonymous.get(f"/progress/{token}"))["open"] is False


def test_a_new_owner_takes_over_the_task_and_the_old_owners_task_closes(vern):
    code = agency_with_owners(vern)
    isk = vern.client(("isk",), code)
    risk = new_risk(isk, new_assessment(isk)["id"], 3, 4)
    due = oslo_today() + timedelta(days=30)
    measure = ok(isk.post(f"/risks/{risk['id']}/measures", json={
        "title": "Logganalyse", "owner": "Forvalter", "owner_role": "system_administrator",
        "owner_system": "elevsystem", "due_date": due.isoformat()}), 201)
    (first,) = wait_for(lambda: measure_tasks(isk, measure["id"], role="system_administrator"))
    assert first["recipient_address"] == f"forvalter.elev@{code}.test"

    later = due + timedelta(days=14)
    ok(isk.patch(f"/risks/{risk['id']}/measures/{measure['id']}", json={
        "owner_role": "security_manager", "owner_system": None, "due_date": later.isoformat()}))
    (moved,) = wait_for(lambda: measure_tasks(isk, measure["id"], role="security_manager"))
    assert moved["recipient_address"] == f"sikkerhet@{code}.test", "no system: the agency's own sikkerhetsleder"
    assert datetime.fromisoformat(moved["due_at"]) == end_of(later)
    old = wait_for(lambda: [t for t in measure_tasks(isk, measure["id"], role="system_administrator")
                            if t["status"] == "completed"])
    assert old[0]["closed_reason"] == "reassigned"


def test_an_owner_role_is_validated_and_nothing_is_stored(vern):
    code = agency_with_owners(vern)
    isk = vern.client(("isk",), code)
    risk = new_risk(isk, new_assessment(isk)["id"], 2, 2)
    body = {"title": "Tiltak", "owner": "IKT", "due_date": (oslo_today() + timedelta(days=5)).isoformat()}
    wrong_role = isk.post(f"/risks/{risk['id']}/measures", json={**body, "owner_role": "systemeier"})
    assert wrong_role.status_code == 400 and "owner_role" in wrong_role.text
    no_role = isk.post(f"/risks/{risk['id']}/measures", json={**body, "owner_system": "elevsystem"})
    assert no_role.status_code == 400 and "owner_role" in no_role.text
    assert ok(isk.get(f"/risks/{risk['id']}"))["measures"] == []


def incident_of(isk) -> dict:
    """A security incident without personal data: the ISK is its coordinator."""
    now = datetime.now(timezone.utc)
    incident = ok(isk.post("/incidents", json={
        "title": "Løsepengevirus på filserver", "description": "Filserveren ble kryptert.",
        "kind": "security_incident", "category": "malware_ransomware",
        "occurred_at": (now - timedelta(hours=3)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()}),
        201)
    ok(isk.post(f"/incidents/{incident['id']}/assessment", json={"severity": "medium",
                                                                 "personal_data_involved": False}))
    return incident


def test_an_incident_measure_owned_by_the_security_manager_gives_a_task_chased_and_closed(vern):
    code = agency_with_owners(vern)
    isk = vern.client(("isk",), code)
    incident = incident_of(isk)
    due = oslo_today() + timedelta(days=5)
    measure = ok(isk.post(f"/incidents/{incident['id']}/measures", json={
        "title": "Segmenter filserveren fra klientnettet", "kind": "preventive", "owner": "Sikkerhetsleder",
        "owner_role": "security_manager", "due_date": due.isoformat()}), 201)
    assert measure["owner_role"] == "security_manager"

    def owner_tasks():
        return [t for t in tasks(isk, subject_type="incident_measure", role="security_manager")
                if t["subject_id"] == str(measure["id"])]

    (task,) = wait_for(owner_tasks)
    assert task["recipient_address"] == f"sikkerhet@{code}.test" and task["action"] == "carry_out"
    assert datetime.fromisoformat(task["due_at"]) == end_of(due)
    assert "Løsepengevirus på filserver" in task["message"]
    assert len(task["reminders"]) == 1, "given five days before: only the reminder a day before"

    token = progress.token_for(vern.config["JWT_SECRET"], task["id"])
    anonymous = Client(vern.base_url, None)
    assert ok(anonymous.get(f"/progress/{token}"))["owner_title"] == "Løsepengevirus på filserver"

    with shifted(timedelta(days=7)):  # past due and open: the case's coordinator (the ISK) is told
        chased = wait_for(lambda: [t for t in tasks(isk, subject_type="incident_measure", role="isk")
                                   if t["follows_task_id"] == task["id"]])
        assert chased[0]["recipient_address"] == f"isk@{code}.test"
        ok(anonymous.post(f"/progress/{token}", json={"progress": "done", "comment": "Egen VLAN for filservere."}))
        shown = wait_for(lambda: ok(isk.get(f"/incidents/{incident['id']}"))
                         if ok(isk.get(f"/incidents/{incident['id']}"))["measures"][0]["status"] == "done" else None)
        closed = wait_for(lambda: [t for t in owner_tasks() if t["status"] == "completed"])
    (line,) = [entry for entry in shown["journal"] if entry["entry_type"] == "measure_progress"]
    assert line["text"] == "Egen VLAN for filservere." and f"sikkerhet@{code}.test" in line["by"]
    assert line["details"]["progress"] == "done"
    assert closed[0]["completion_note"].startswith("Tiltaket er avsluttet")
