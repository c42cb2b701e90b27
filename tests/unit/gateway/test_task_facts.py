"""A task card's facts as fields from its subject, and the header search's words: pure functions."""
from services.gateway.web import task_facts
from services.gateway.web.search_pages import full_list, search_words

INCIDENT_ID = "5e8a1c3d-7b2f-4e6a-9d0c-4f1b2a3c5d6e"
TASK = {"subject_type": "incident", "subject_id": INCIDENT_ID,
        "message": f"Hendelse {INCIDENT_ID} er meldt som alvorlig."}


def test_an_incidents_task_shows_its_reference_title_severity_and_running_deadline():
    incident = {"title": "E-post til feil mottaker", "kind": "personal_data_breach", "severity": "high",
                "status": "triage", "authority_notification": "pending",
                "authority_deadline": "2026-11-23T13:05:00+00:00"}
    fields = {field["key"]: field["value"] for field in task_facts.facts(TASK, incident)}
    assert fields == {"inbox.fact_reference": "5E8A1C3D", "col.title": "E-post til feil mottaker",
                      "col.kind": "personal_data_breach", "col.severity": "high", "col.status": "triage",
                      "inbox.fact_deadline": "2026-11-23T13:05:00+00:00"}
    submitted = task_facts.facts(TASK, {**incident, "authority_notification": "submitted", "severity": None})
    assert {field["key"] for field in submitted} == {"inbox.fact_reference", "col.title", "col.kind", "col.status"}


def test_a_risks_task_shows_the_risk_by_name_with_its_levels():
    task = {"subject_type": "risk", "subject_id": "9b2e4c71-3f5a-4d8e-a1b6-2c7d9e0f4a13"}
    risk = {"title": "Delt konto i fagsystemet", "reference": "R-03", "level": "high", "residual_level": "medium",
            "acceptable": False, "assessment_title": "Helhetlig risikovurdering"}
    fields = {field["key"]: field["value"] for field in task_facts.facts(task, risk)}
    assert fields["inbox.fact_reference"] == "R-03 (9B2E4C71)" and fields["inbox.fact_risk"] == risk["title"]
    assert (fields["col.level"], fields["inbox.fact_residual"], fields["risks.acceptable"]) == ("high", "medium", False)


def test_without_its_subject_a_card_has_the_reference_and_a_message_without_long_ids():
    assert task_facts.facts(TASK, None) == [{"key": "inbox.fact_reference", "value": "5E8A1C3D", "kind": "text"}]
    assert task_facts.readable(TASK["message"]) == "Hendelse 5E8A1C3D er meldt som alvorlig."
    assert task_facts.readable(None) == ""


def test_the_search_takes_two_to_a_hundred_characters_and_links_to_the_filtered_list():
    assert search_words({"q": "  phishing   lønn "}) == ("phishing lønn", None)
    assert search_words({"q": "a"}) == ("a", "search.too_short")
    assert search_words({"q": "x" * 101})[1] == "search.too_long"
    assert search_words({}) == ("", None)
    assert full_list("/incidents", "phishing lønn") == "/incidents?q=phishing+l%C3%B8nn"
    assert full_list(None, "rutine") is None
