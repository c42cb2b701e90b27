"""A personal-data breach from report to closure through the API, as a coordinator takes it."""
from datetime import datetime, timedelta, timezone

from tests.integration.harness import wait_for
from tests.integration.subscriber import Subscriber
from tests.integration.test_breach_assessment import VALID
from tests.integration.test_case_work import close, walk_to
from tests.integration.test_escalation import report, tasks_when


def test_a_breach_from_report_to_closure(vern):
    employee = vern.client(roles=("employee",), sub="emp-42")
    pko = vern.client(roles=("pko",), sub="pko-1")
    now = datetime.now(timezone.utc)
    closings = Subscriber(vern.config["AMQP_URI"], "incidents", "incident_closed")

    # An employee reports within two minutes: what happened and when.
    incident = report(employee, kind="personal_data_breach", category="misdirected_email_or_letter",
                      title="Elevliste sendt til feil foresatt",
                      description="En liste med elevers helseopplysninger ble sendt til feil e-postadresse.",
                      occurred_at=(now - timedelta(hours=6)).isoformat(),
                      detected_at=(now - timedelta(hours=5)).isoformat(),
                      aware_at=(now - timedelta(hours=4)).isoformat(), reporting_unit="Skole A")
    iid = incident["id"]
    assert incident["status"] == "reported" and incident["authority_notification"] == "pending"
    deadline = datetime.fromisoformat(incident["authority_deadline"])
    assert deadline == datetime.fromisoformat(incident["aware_at"]) + timedelta(hours=72)

    # The coordinator takes it, adds the facts, assesses it.
    assert pko.put(f"/incidents/{iid}/handler", json={"handler": "pko-1", "role": "pko"}).status_code == 200
    walk_to(pko, iid, "triage")
    facts = {"approx_data_subjects": 28, "approx_records": 28, "data_subject_categories": ["pupils_students"],
             "personal_data_categories": ["health", "identity_contact"],
             "impact": {"confidentiality": "high", "integrity": "none", "availability": "none"},
             "scope": "unit", "likely_consequences": "Foresatte kan ha lest helseopplysninger om andre barn.",
             "data_whereabouts": "Hos én mottaker, som har bekreftet sletting."}
    updated = pko.patch(f"/incidents/{iid}", json=facts)
    assert updated.status_code == 200, updated.text
    assert updated.json()["security_severity"] == "high"
    assessed = pko.post(f"/incidents/{iid}/breach-assessment", json={**VALID, "data_subjects": 28})
    assert assessed.status_code == 201, assessed.text
    recommendation = assessed.json()
    decision = pko.post(f"/incidents/{iid}/breach-decision", json={
        "notify_authority": recommendation["notify_authority"]["decision"],
        "notify_data_subjects": recommendation["notify_data_subjects"]["decision"]})
    assert decision.status_code == 201 and decision.json()["follows_recommendation"] is True
    walk_to(pko, iid, "investigating")
    pko.post(f"/incidents/{iid}/measures", json={"title": "Be mottaker slette e-posten", "kind": "containment",
                                                 "owner": "pko", "status": "done"})

    # The draft for Datatilsynet, with the DPO from the directory.
    draft = pko.get(f"/incidents/{iid}/authority-notification")
    assert draft.status_code == 200, draft.text
    draft = draft.json()
    sections = {s["key"]: {f["key"]: f["value"] for f in s["fields"]} for s in draft["sections"]}
    assert list(sections) == ["description", "consequences", "measures", "information", "contact"]
    assert sections["description"]["data_subjects"] == 28
    assert sections["contact"] == {"name": "Personvernombud", "address": "pvo@example.test"}
    assert sections["measures"]["taken"] == ["Be mottaker slette e-posten (gjennomført)"]
    missing = [item["key"] for item in draft["missing"]]
    assert "description.how" in missing and "contact.name" not in missing
    assert "Hvordan oppstod avviket" in draft["missing_labels_nb"]
    assert "How the breach came about" in draft["missing_labels_en"]
    assert "helseopplysninger" in draft["text"] and "pvo@example.test" in draft["text"]
    assert draft["late"] is False

    # Notified in phases, within 72 hours; the data subjects told.
    first = pko.post(f"/incidents/{iid}/authority-notifications",
                     json={"phased": True, "reference": "ALTINN-123", "summary": "Første melding."})
    assert first.status_code == 201 and first.json()["late"] is False
    assert pko.post(f"/incidents/{iid}/authority-notifications",
                    json={"phase": "supplementary", "summary": "Bekreftet sletting."}).status_code == 201
    pending = pko.get(f"/incidents/{iid}").json()
    assert pending["authority_notification"] == "submitted" and pending["subject_communication"] == "pending"
    walk_to(pko, iid, "contained", "resolved")
    refused = close(pko, iid)
    assert refused.status_code == 409 and "subject_communication" in refused.json()["error"]["details"]
    walk_to(pko, iid, "investigating")
    told = pko.post(f"/incidents/{iid}/subject-communications",
                    json={"channel": "letter", "subjects_reached": 28, "summary": "Brev til foresatte."})
    assert told.status_code == 201
    walk_to(pko, iid, "resolved")
    closed = close(pko, iid, root_cause="Autofullføring valgte feil adresse.", linked_risk_ids=["risk-3"])
    assert closed.status_code == 200, closed.text

    final = pko.get(f"/incidents/{iid}").json()
    assert final["status"] == "closed" and final["subject_communication"] == "communicated"
    assert [n["phase"] for n in final["authority_notifications"]] == ["initial", "supplementary"]
    entry_types = [e["entry_type"] for e in final["journal"]]
    for expected in ("reported", "handler_assigned", "updated", "breach_assessed", "breach_decision",
                     "measure_added", "authority_notification_submitted", "subject_communication", "closed"):
        assert expected in entry_types
    # the leader was told (serious), and the closing reached the bus with its lessons
    assert len(tasks_when(pko, iid, 6)) == 6  # five recipients and the PKO's (completed) triage
    closed_events = wait_for(lambda: closings.about(iid))
    closings.close()
    assert len(closed_events) == 1
    data = closed_events[0]["data"]
    assert data["root_cause"] == "Autofullføring valgte feil adresse." and data["linked_risk_ids"] == ["risk-3"]
    assert data["authority_notification"] == "submitted" and data["category"] == "misdirected_email_or_letter"
    assert data["measures"] == [{"title": "Be mottaker slette e-posten", "kind": "containment", "status": "done"}]
    # the employee still sees the receipt, not the case work controls
    assert employee.get(f"/incidents/{iid}").status_code == 200
    assert employee.get(f"/incidents/{iid}/authority-notification").status_code == 403


def test_the_draft_says_when_the_directory_has_no_dpo(vern):
    other = vern.client(roles=("pko",), agency="other")
    incident = report(other, kind="personal_data_breach", category="data_loss")
    draft = other.get(f"/incidents/{incident['id']}/authority-notification").json()
    assert {"contact.name", "contact.address"} <= {item["key"] for item in draft["missing"]}
    assert "Personvernombud eller annet kontaktpunkt: Ikke oppgitt" in draft["text"]


def test_only_personal_data_incidents_have_a_notification(vern, coordinator):
    incident = report(coordinator)
    assert coordinator.get(f"/incidents/{incident['id']}/authority-notification").status_code == 409
    assert coordinator.post(f"/incidents/{incident['id']}/authority-notifications", json={}).status_code == 409
    assert coordinator.post(f"/incidents/{incident['id']}/subject-communications",
                            json={"channel": "letter"}).status_code == 409


def test_the_draft_uses_the_assessment_and_the_actions_taken(vern, coordinator):
    """The number of people from the breach assessment, what was done at once from the report."""
    incident = report(coordinator, kind="personal_data_breach", category="misdirected_email_or_letter",
                      actions_taken="Ringte mottakeren, som slettet e-posten straks.")
    iid = incident["id"]
    assert incident["actions_taken"] == "Ringte mottakeren, som slettet e-posten straks."
    assessed = coordinator.post(f"/incidents/{iid}/breach-assessment", json={**VALID, "data_subjects": 24})
    assert assessed.status_code == 201, assessed.text

    draft = coordinator.get(f"/incidents/{iid}/authority-notification").json()
    sections = {s["key"]: {f["key"]: f["value"] for f in s["fields"]} for s in draft["sections"]}
    assert sections["description"]["data_subjects"] == 24
    assert sections["measures"]["taken"] == ["Ringte mottakeren, som slettet e-posten straks."]
    assert "Antall berørte personer (omtrent): 24" in draft["text"]
    assert "Ringte mottakeren, som slettet e-posten straks." in draft["text"]
    missing = {item["key"] for item in draft["missing"]}
    assert not missing & {"description.data_subjects", "measures.taken", "description.personal_data"}
    assert "Antall berørte personer (omtrent)" not in draft["missing_labels_nb"]
    assert "description.detected_at" in missing  # not given in the report

    # a coordinator corrects what was done; the journal keeps the change
    corrected = coordinator.patch(f"/incidents/{iid}", json={"actions_taken": "Mottakeren bekreftet sletting."})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["actions_taken"] == "Mottakeren bekreftet sletting."
    changes = [e["details"]["changes"] for e in corrected.json()["journal"] if e["entry_type"] == "updated"]
    assert changes[-1]["actions_taken"]["after"] == "Mottakeren bekreftet sletting."
    draft = coordinator.get(f"/incidents/{iid}/authority-notification").json()
    assert "Mottakeren bekreftet sletting." in draft["text"]
    too_long = coordinator.patch(f"/incidents/{iid}", json={"actions_taken": "x" * 5001})
    assert too_long.status_code == 400 and "actions_taken" in too_long.json()["error"]["fields"]
