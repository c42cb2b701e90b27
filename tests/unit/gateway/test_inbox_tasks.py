"""The inbox: a task's action decides its control. The addressee confirms their own acknowledgement;
a coordinator confirms someone else's only with a note (shown as "on behalf of" once done);
Datatilsynet's task is done by recording the notification on the breach page, never by a button."""
import pytest

from services.gateway.web import i18n, task_actions
from services.gateway.web.inbox_pages import InboxPages
from services.gateway.web.page_route import View
from shared.auth import Principal
from shared.errors import BadInput, Conflict

INCIDENT = "5e8a1c3d-7b2f-4e6a-9d0c-4f1b2a3c5d6e"


def task(task_id, action, role, **more):
    return {"id": task_id, "title": f"Oppgave {task_id}", "recipient_role": role, "action": action,
            "subject_type": "incident", "subject_id": INCIDENT, "message": "Et alvorlig brudd er meldt.",
            "due_at": None, "overdue": False, "status": "open", "created_at": "2026-11-20T13:20:00+00:00", **more}


@pytest.mark.parametrize("action, role, roles, expected", [
    ("acknowledge", "leader", {"leader"}, "acknowledge"),
    ("acknowledge", "leader", {"pko"}, "on_behalf"),
    ("notify_authority", "datatilsynet", {"pko"}, "record_notification"),
    ("notify_authority", "datatilsynet", {"auditor"}, "record_notification"),
    ("decide", "leader", {"leader"}, "decide"),
    ("triage", "pko", {"pko"}, "mark_done"),
    ("follow_up", "isk", {"pko"}, "mark_done"),
    (None, "leader", {"pko"}, "acknowledge"),  # a task made before the service named actions
])
def test_the_action_decides_the_control(action, role, roles, expected):
    assert task_actions.control(task("t", action, role), roles, may_complete=True) == expected


def test_who_may_not_complete_tasks_gets_no_button():
    assert task_actions.control(task("t", "acknowledge", "ombud"), {"ombud"}, may_complete=False) is None
    assert task_actions.control(task("t", None, "ombud"), {"ombud"}, may_complete=False) is None


def test_on_behalf_needs_a_note_of_ones_own():
    assert task_actions.completion_payload({}, "t1", on_behalf=False) == ({"note": task_actions.OWN_NOTE}, {})
    assert task_actions.completion_payload({}, "t1", False, "follow_up")[0] == {"note": task_actions.DONE_NOTE}
    assert task_actions.completion_payload({"note": " x "}, "t1", on_behalf=True)[1] == {
        "note-t1": ["err.on_behalf_note_required"]}
    assert task_actions.completion_payload({"note": "y" * 5_001}, "t1", on_behalf=True)[1] == {
        "note-t1": ["err.text_too_long"]}
    assert task_actions.completion_payload({"note": " Orientert på telefon kl. 10.15 "}, "t1", True) == (
        {"note": "Orientert på telefon kl. 10.15"}, {})


class Reporting:
    def __init__(self, open_tasks, done=(), refuse=None):
        self.open_tasks, self.done, self.refuse, self.completed = list(open_tasks), list(done), refuse, []

    def list_tasks(self, query):
        items = self.open_tasks if query["status"] == "open" else self.done
        return {"items": items, "total": len(items), "page": 1, "page_size": query.get("page_size", 25)}

    def list_reports(self, query):
        return {"items": []}

    def complete_task(self, task_id, payload):
        if self.refuse:
            raise self.refuse
        self.completed.append((task_id, payload))
        return {}


class PrivacyRegister:
    def list_dpias(self, query):
        return {"items": []}


class Incidents:
    """The incident every task is about; counts its reads (the inbox reads each subject once)."""

    def __init__(self):
        self.reads = []

    def get_incident(self, incident_id):
        self.reads.append(incident_id)
        return {"id": incident_id, "title": "E-post med elevdata til feil mottaker", "kind": "personal_data_breach",
                "severity": "high", "status": "triage", "authority_notification": "pending",
                "authority_deadline": "2026-11-23T13:05:00+00:00"}


class Inbox(InboxPages):
    """The inbox with one fake for both services it asks: the tasks (notifications) and the reports (reporting)."""

    def __init__(self, services):
        self.notifications = self.reporting = services
        self.privacy_register, self.incidents = PrivacyRegister(), Incidents()


def view(roles, lang="nb", form=None, query=None):
    return View(lang=lang, principal=Principal(sub="x", roles=frozenset(roles), agency="demo"), csrf_token="c",
                path="/inbox", form=form or {}, query=query or {})


def cards(html):
    """Each open task's card, by its task's title."""
    parts = html.split('<li class="task card">')[1:]
    return {part.split('<h3 class="task__title">', 1)[1].split("<", 1)[0]: part for part in parts if "task__title" in part}


def test_the_agency_head_confirms_their_own_task_and_is_never_asked_to_approve_a_notification():
    reporting = Reporting([task("a", "acknowledge", "leader")])
    for lang in ("nb", "en"):
        html = Inbox(reporting).web_inbox(None, view({"leader"}, lang)).get_data(as_text=True)
        card = cards(html)["Oppgave a"]
        assert i18n.text("inbox.acknowledge", lang) in card and 'name="on_behalf"' not in card
        lowered = html.lower()
        assert "approve the notification" not in lowered and "godkjenn meldingen" not in lowered


def test_a_coordinator_confirms_anothers_task_only_with_a_note():
    reporting = Reporting([task("a", "acknowledge", "leader")])
    card = cards(Inbox(reporting).web_inbox(None, view({"pko"})).get_data(as_text=True))["Oppgave a"]
    assert "Bekreft at jeg er orientert" not in card
    assert 'name="on_behalf" value="1"' in card and '<textarea id="note-a" name="note"' in card
    assert "Bekreft på vegne av virksomhetsleder" in card


def test_datatilsynets_task_is_a_link_to_the_breach_page_not_a_button():
    reporting = Reporting([task("d", "notify_authority", "datatilsynet")])
    card = cards(Inbox(reporting).web_inbox(None, view({"pko"})).get_data(as_text=True))["Oppgave d"]
    assert f'href="/incidents/{INCIDENT}/breach#notification"' in card
    assert "Registrer meldingen til Datatilsynet" in card
    assert 'action="/inbox/d/complete"' not in card


def test_a_task_done_on_behalf_is_shown_as_such():
    done = [task("b", "acknowledge", "leader", status="completed", completed_at="2026-11-23T09:00:00+00:00",
                 acknowledged_on_behalf=True, completion_note="Orientert på telefon.")]
    html = Inbox(Reporting([], done)).web_inbox(None, view({"pko"}, "en")).get_data(as_text=True)
    assert "confirmed on behalf of the addressee" in html and "Orientert på telefon." in html


def test_posting_on_behalf_without_a_note_comes_back_beside_the_field():
    reporting = Reporting([task("a", "acknowledge", "leader")])
    response = Inbox(reporting).web_complete_task(None, view({"pko"}, form={"on_behalf": "1", "note": "ok",
                                                                           "action": "acknowledge"}), "a")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and reporting.completed == []
    assert 'id="note-a-error"' in html and "Skriv hvordan mottakeren ble orientert." in html
    assert '<a href="#note-a">' in html and ">ok</textarea>" in html  # the summary links to it; input kept


def test_posting_on_behalf_with_a_note_completes_the_task():
    reporting = Reporting([task("a", "acknowledge", "leader")])
    response = Inbox(reporting).web_complete_task(None, view({"pko"}, form={"on_behalf": "1",
                                                                           "note": "Orientert i møte."}), "a")
    assert response.status_code == 303 and response.location.endswith("/inbox?done=on_behalf")
    assert reporting.completed == [("a", {"note": "Orientert i møte."})]
    notice = Inbox(Reporting([])).web_inbox(None, view({"pko"}, query={"done": "on_behalf"})).get_data(as_text=True)
    assert "Bekreftet på vegne av mottakeren." in notice


def test_the_services_refusals_land_beside_the_note_or_in_the_summary():
    refused = Reporting([task("a", "acknowledge", "leader")],
                        refuse=BadInput("Invalid input", {"note": ["Write a note / Skriv en merknad."]}))
    html = Inbox(refused).web_complete_task(None, view({"pko"}), "a").get_data(as_text=True)
    assert 'id="note-a-error"' in html and "Skriv en merknad." in html
    conflict = Reporting([task("d", "notify_authority", "datatilsynet")],
                         refuse=Conflict("Record the notification instead / Registrer meldingen i stedet"))
    response = Inbox(conflict).web_complete_task(None, view({"pko"}), "d")
    assert response.status_code == 400 and "Registrer meldingen i stedet" in response.get_data(as_text=True)


def test_a_card_shows_its_incidents_facts_as_fields_and_not_the_messages_text():
    inbox = Inbox(Reporting([task("t1", "acknowledge", "leader"), task("t2", "decide", "leader")]))
    for lang, severity, deadline in (("nb", "høy", "Frist for melding til Datatilsynet"),
                                     ("en", "high", "Deadline for notifying Datatilsynet")):
        page = inbox.web_inbox(None, view({"leader"}, lang)).get_data(as_text=True)
        assert page.count("E-post med elevdata til feil mottaker") == 2
        assert f">{severity}</span>" in page and deadline in page and "23.11.2026 14:05" in page
        assert "5E8A1C3D" in page and INCIDENT not in page.replace(f"/incidents/{INCIDENT}", "")
        assert "Et alvorlig brudd er meldt." not in page
    assert inbox.incidents.reads == [INCIDENT, INCIDENT]  # once per page, not once per card
