"""An incident's life over HTTP: every allowed and forbidden move, the journal, measures, closing, reopening."""
import pytest

from tests.integration.test_escalation import report


def move(client, incident_id, status, note=None):
    return client.post(f"/incidents/{incident_id}/status", json={"status": status, "note": note})


def walk_to(client, incident_id, *statuses):
    for status in statuses:
        response = move(client, incident_id, status)
        assert response.status_code == 200, response.text
    return response.json()


def close(client, incident_id, **overrides):
    body = {"root_cause": "Feil mottaker valgt fra adresseboken.",
            "lessons_learned": "Slå av autofullføring for eksterne adresser.", "linked_risk_ids": ["risk-17"]}
    return client.post(f"/incidents/{incident_id}/close", json={**body, **overrides})


PATH_TO_RESOLVED = ("triage", "investigating", "contained", "resolved")
# (statuses to walk first, status the incident is then in)
REACH = {"reported": (), "triage": ("triage",), "investigating": ("triage", "investigating"),
         "contained": ("triage", "investigating", "contained"), "resolved": PATH_TO_RESOLVED,
         "rejected": ("rejected",)}
ALLOWED = {"reported": {"triage", "rejected"}, "triage": {"investigating", "rejected"},
           "investigating": {"contained", "resolved"}, "contained": {"resolved", "investigating"},
           "resolved": {"investigating"}, "rejected": set()}
TARGETS = ("reported", "triage", "investigating", "contained", "resolved", "rejected")


@pytest.mark.parametrize("start", list(REACH))
def test_each_status_allows_exactly_its_moves(vern, coordinator, start):
    for target in TARGETS:
        incident = report(coordinator)
        if start == "rejected":
            move(coordinator, incident["id"], "rejected", "Ikke en hendelse: testvarsel.")
        elif REACH[start]:
            walk_to(coordinator, incident["id"], *REACH[start])
        response = move(coordinator, incident["id"], target, "Begrunnelse.")
        expected = 200 if target in ALLOWED[start] else 409
        assert response.status_code == expected, (start, target, response.text)
        if expected == 409:
            assert response.json()["error"]["details"]["status"] == start
            assert coordinator.get(f"/incidents/{incident['id']}").json()["status"] == start


def test_closing_goes_through_its_own_route(vern, coordinator):
    incident = report(coordinator)
    walk_to(coordinator, incident["id"], *PATH_TO_RESOLVED)
    refused = move(coordinator, incident["id"], "closed")
    assert refused.status_code == 400 and "status" in refused.json()["error"]["fields"]


def test_rejecting_needs_a_reason(vern, coordinator):
    incident = report(coordinator)
    response = move(coordinator, incident["id"], "rejected")
    assert response.status_code == 400 and "note" in response.json()["error"]["fields"]


def test_only_a_resolved_incident_closes(vern, coordinator):
    incident = report(coordinator)
    walk_to(coordinator, incident["id"], "triage", "investigating")
    assert close(coordinator, incident["id"]).status_code == 409


def test_the_journal_holds_every_step_with_who_and_when(vern):
    pko = vern.client(roles=("pko",), sub="pko-1")
    isk = vern.client(roles=("isk",), sub="isk-7")
    incident = report(pko)
    iid = incident["id"]
    assert isk.put(f"/incidents/{iid}/handler", json={"handler": "isk-7", "role": "isk"}).status_code == 200
    walk_to(isk, iid, "triage", "investigating")
    assert isk.post(f"/incidents/{iid}/notes", json={"text": "Loggene fra e-postsystemet er hentet."}).status_code == 201
    measure = isk.post(f"/incidents/{iid}/measures", json={"title": "Sperr kontoen", "kind": "containment",
                                                           "owner": "isk", "due_date": "2026-12-01"}).json()
    assert measure["status"] == "planned"
    done = isk.patch(f"/incidents/{iid}/measures/{measure['id']}", json={"status": "done"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert isk.patch(f"/incidents/{iid}", json={"reporting_unit": "Lønn", "scope": "unit"}).status_code == 200
    walk_to(isk, iid, "contained", "resolved")
    closed = close(isk, iid)
    assert closed.status_code == 200, closed.text

    stored = pko.get(f"/incidents/{iid}").json()
    assert stored["status"] == "closed" and stored["handler"] == "isk-7"
    assert stored["root_cause"].startswith("Feil mottaker") and stored["linked_risk_ids"] == ["risk-17"]
    journal = stored["journal"]
    assert [e["entry_type"] for e in journal] == [
        "reported", "handler_assigned", "status_changed", "status_changed", "note", "measure_added",
        "measure_updated", "updated", "status_changed", "status_changed", "closed", "status_changed"]
    assert journal[0]["by"] == "pko-1" and all(e["by"] == "isk-7" for e in journal[1:])
    assert all(e["at"] for e in journal)
    assert [(e["details"]["from_status"], e["details"]["to_status"]) for e in journal
            if e["entry_type"] == "status_changed"] == [
        ("reported", "triage"), ("triage", "investigating"), ("investigating", "contained"),
        ("contained", "resolved"), ("resolved", "closed")]
    assert journal[4]["text"] == "Loggene fra e-postsystemet er hentet."
    assert journal[6]["details"]["changes"] == {"status": {"before": "planned", "after": "done"}}
    assert journal[7]["details"]["changes"]["scope"] == {"before": None, "after": "unit"}

    published = vern.sql("incidents", "SELECT routing_key FROM outbox_events WHERE CAST(envelope AS TEXT) "
                                      "LIKE :pattern ORDER BY seq", pattern=f"%{iid}%")
    keys = [row[0] for row in published]
    assert keys.count("incident_status_changed") == 5 and keys.count("incident_closed") == 1


def test_journal_entries_cannot_be_changed(vern, coordinator):
    """Append-only is enforced below the API too: the ORM refuses to update or delete an entry."""
    from sqlalchemy import select

    from services.incidents.models import JournalEntry
    from shared.service_database import ServiceDatabase

    incident = report(coordinator)
    database = ServiceDatabase("incidents", vern.config)
    try:
        with pytest.raises(PermissionError):
            with database.unit_of_work() as uow:
                entry = uow.session.scalars(select(JournalEntry).where(JournalEntry.incident_id == incident["id"])).one()
                entry.text = "omskrevet"
        with pytest.raises(PermissionError):
            with database.unit_of_work() as uow:
                uow.session.delete(uow.session.scalars(
                    select(JournalEntry).where(JournalEntry.incident_id == incident["id"])).one())
    finally:
        database.dispose()
    assert [e["text"] for e in coordinator.get(f"/incidents/{incident['id']}").json()["journal"]] == [None]


def resolved_incident(client):
    incident = report(client)
    walk_to(client, incident["id"], *PATH_TO_RESOLVED)
    return incident


def test_open_measures_keep_an_incident_open(vern, coordinator):
    incident = resolved_incident(coordinator)
    coordinator.post(f"/incidents/{incident['id']}/measures", json={"title": "Opplæring", "owner": "pko"})
    refused = close(coordinator, incident["id"])
    assert refused.status_code == 409 and "measures" in refused.json()["error"]["details"]


def test_a_closed_incident_cannot_be_edited_until_reopened(vern, coordinator):
    incident = resolved_incident(coordinator)
    iid = incident["id"]
    measure = coordinator.post(f"/incidents/{iid}/measures", json={"title": "Opplæring", "owner": "pko",
                                                                    "status": "done"}).json()
    assert close(coordinator, iid).status_code == 200

    edits = [
        ("patch", f"/incidents/{iid}", {"description": "Ny tekst"}),
        ("post", f"/incidents/{iid}/notes", {"text": "Etterpåklokskap"}),
        ("post", f"/incidents/{iid}/measures", {"title": "Nytt tiltak", "owner": "isk"}),
        ("patch", f"/incidents/{iid}/measures/{measure['id']}", {"status": "cancelled"}),
        ("put", f"/incidents/{iid}/handler", {"handler": "x", "role": "pko"}),
        ("post", f"/incidents/{iid}/assessment", {"severity": "high", "personal_data_involved": False}),
        ("post", f"/incidents/{iid}/status", {"status": "investigating"}),
        ("post", f"/incidents/{iid}/close", {"root_cause": "abc", "lessons_learned": "def"}),
    ]
    for method, path, body in edits:
        response = getattr(coordinator, method)(path, json=body)
        assert response.status_code == 409, (path, response.text)
    frozen = coordinator.get(f"/incidents/{iid}").json()
    assert frozen["description"] == incident["description"] and len(frozen["journal"]) == 8

    assert coordinator.post(f"/incidents/{iid}/reopen", json={}).status_code == 400  # a reason is required
    reopened = coordinator.post(f"/incidents/{iid}/reopen", json={"reason": "Nye opplysninger fra leverandøren."})
    assert reopened.status_code == 200 and reopened.json()["status"] == "investigating"
    assert reopened.json()["closed_at"] is None
    assert coordinator.patch(f"/incidents/{iid}", json={"description": "Ny tekst"}).status_code == 200
    assert coordinator.post(f"/incidents/{iid}/reopen", json={"reason": "igjen"}).status_code == 409


def test_a_rejected_incident_reopens_to_triage(vern, coordinator):
    incident = report(coordinator)
    move(coordinator, incident["id"], "rejected", "Planlagt vedlikehold, ikke en hendelse.")
    assert coordinator.post(f"/incidents/{incident['id']}/notes", json={"text": "x"}).status_code == 409
    reopened = coordinator.post(f"/incidents/{incident['id']}/reopen", json={"reason": "Det var likevel en hendelse."})
    assert reopened.json()["status"] == "triage"


def test_a_recipients_comment_reaches_the_incidents_journal(vern, coordinator):
    """notifications.notification_task_acknowledged with a comment: a journal line in the incident, once, and
    only from the incident's own agency."""
    from datetime import datetime, timezone

    from kombu import Connection, Producer

    from shared.contracts.notifications import NOTIFICATION_TASK_ACKNOWLEDGED
    from shared.events import build_envelope
    from shared.outbox import event_exchange
    from tests.integration.harness import wait_for

    incident = report(coordinator)

    def acknowledged(agency, comment):
        return build_envelope(NOTIFICATION_TASK_ACKNOWLEDGED, incident["id"], agency, {
            "task_id": "2f3e4d5c-6b7a-4890-a1b2-c3d4e5f60718", "recipient_role": "leader",
            "subject_type": "incident", "subject_id": incident["id"], "message_id": "<1.vern@demo.example.test>",
            "acknowledged_at": datetime.now(timezone.utc), "comment": comment, "acknowledged_by_role": "leader"})

    foreign = acknowledged("other", "Skrevet fra en annen virksomhet.")
    plain = acknowledged("demo", None)
    commented = acknowledged("demo", "Hvem tar kontakt med foresatte?")
    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        for envelope in (foreign, plain, commented, commented):  # the last one delivered twice
            producer.publish(envelope, exchange=event_exchange("notifications"),
                             routing_key="notification_task_acknowledged", serializer="json", delivery_mode=2)

    def comments():
        journal = coordinator.get(f"/incidents/{incident['id']}").json()["journal"]
        return [entry for entry in journal if entry["entry_type"] == "recipient_comment"]

    found = wait_for(comments)
    processed = wait_for(lambda: vern.sql("incidents", "SELECT count(*) FROM processed_events WHERE event_id IN "
                                                       "(:a, :b, :c)", a=foreign["id"], b=plain["id"],
                                          c=commented["id"])[0][0] == 3)
    assert processed
    found = comments()
    assert [(entry["text"], entry["by"]) for entry in found] == [("Hvem tar kontakt med foresatte?", "leader")]
    assert found[0]["details"]["recipient_role"] == "leader"
