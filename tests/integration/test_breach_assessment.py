"""ENISA breach assessment over HTTP: stored versions, recommendations, escalation, validation."""
import pytest

from tests.integration.test_escalation import report, tasks_when

VALID = {"data_types": ["sensitive"], "ease_of_identification": "maximum",
         "cb": {"confidentiality": 0.5, "integrity": 0, "availability": 0, "malicious": False},
         "data_subjects": 240, "unintelligible": False, "vulnerable_subjects": True}


def breach(coordinator):
    return report(coordinator, kind="personal_data_breach", category="misdirected_email_or_letter")


def test_a_breach_assessment_scores_recommends_and_escalates(vern, coordinator):
    incident = breach(coordinator)
    response = coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json=VALID)
    assert response.status_code == 201, response.text
    assessed = response.json()
    assert (assessed["dpc"], assessed["ei"], assessed["cb"], assessed["score"]) == (4, 1.0, 0.5, 4.5)
    assert assessed["severity"] == "very_high" and assessed["many_subjects"] is True
    assert assessed["notify_authority"]["decision"] == "required"
    assert assessed["notify_data_subjects"]["decision"] == "required"
    assert assessed["version"] == 1

    # very high is serious: the five recipients, Datatilsynet among them
    found = tasks_when(coordinator, incident["id"], 5)
    assert "datatilsynet" in {task["recipient_role"] for task in found}

    lower = {**VALID, "unintelligible": True}
    second = coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json=lower).json()
    assert second["version"] == 2 and second["notify_authority"]["decision"] == "not_required"
    stored = coordinator.get(f"/incidents/{incident['id']}").json()
    assert [b["version"] for b in stored["breach_assessments"]] == [1, 2]
    assert stored["breach_severity"] == "very_high"


@pytest.mark.parametrize("change, field", [
    ({"dpc": 5}, "dpc"),
    ({"ease_of_identification": "high"}, "ease_of_identification"),
    ({"cb": {**VALID["cb"], "confidentiality": 0.3}}, "cb"),
    ({"data_subjects": -1}, "data_subjects"),
    ({"data_types": ["gossip"]}, "data_types"),
    ({"dpc": 2}, "dpc_justification"),
])
def test_bad_breach_assessment_names_the_field_and_stores_nothing(vern, coordinator, change, field):
    incident = breach(coordinator)
    response = coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json={**VALID, **change})
    assert response.status_code == 400, response.text
    assert field in response.json()["error"]["fields"]
    assert coordinator.get(f"/incidents/{incident['id']}").json()["breach_assessments"] == []


def test_a_justified_dpc_is_kept(vern, coordinator):
    incident = breach(coordinator)
    body = {**VALID, "dpc": 2, "dpc_justification": "Bare en helseattest som sier at personen er frisk."}
    assessed = coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json=body).json()
    assert assessed["dpc"] == 2 and assessed["dpc_justification"].startswith("Bare")


def test_only_incidents_with_personal_data_and_only_coordinators_of_the_agency(vern, coordinator):
    plain = report(coordinator)  # a security incident without personal data
    assert coordinator.post(f"/incidents/{plain['id']}/breach-assessment", json=VALID).status_code == 409
    incident = breach(coordinator)
    outsider = vern.client(roles=("pko",), agency="other")
    assert outsider.post(f"/incidents/{incident['id']}/breach-assessment", json=VALID).status_code == 404
    employee = vern.client(roles=("employee",), agency="demo")
    assert employee.post(f"/incidents/{incident['id']}/breach-assessment", json=VALID).status_code == 403


def test_the_decision_is_kept_beside_the_recommendation(vern, coordinator):
    incident = breach(coordinator)
    path = f"/incidents/{incident['id']}/breach-decision"
    agree = {"notify_authority": "required", "notify_data_subjects": "required"}
    assert coordinator.post(path, json=agree).status_code == 409  # nothing assessed yet

    coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json=VALID)
    followed = coordinator.post(path, json=agree)
    assert followed.status_code == 201 and followed.json()["follows_recommendation"] is True

    no_ground = coordinator.post(path, json={"notify_authority": "required", "notify_data_subjects": "exempt"})
    assert no_ground.status_code == 400 and "subject_exemption" in no_ground.json()["error"]["fields"]

    departs = {"notify_authority": "required", "notify_data_subjects": "exempt", "subject_exemption": "34_3_c"}
    unjustified = coordinator.post(path, json=departs)
    assert unjustified.status_code == 400
    assert "justification" in unjustified.json()["error"]["fields"]

    justified = coordinator.post(path, json={**departs, "justification": "Offentlig kunngjøring i stedet (34(3)(c))."})
    assert justified.status_code == 201 and justified.json()["follows_recommendation"] is False
    stored = coordinator.get(f"/incidents/{incident['id']}").json()
    assert [d["follows_recommendation"] for d in stored["breach_decisions"]] == [True, False]
    assert stored["breach_assessments"][-1]["notify_data_subjects"]["decision"] == "required"
