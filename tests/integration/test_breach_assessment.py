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
    # the reasons in both languages beside the English sentences of old
    texts = assessed["notify_authority_reason_texts"]
    assert [r["code"] for r in texts] == ["enisa_severity", "art33_required"]
    assert texts[0] == {"code": "enisa_severity", "text_nb": "Alvorlighetsgrad etter ENISA: svært høy",
                        "text_en": "ENISA severity: very high"}
    assert assessed["notify_authority"]["reasons"] == [r["text_en"] for r in texts]
    assert assessed["notify_authority"]["reason_texts"] == texts
    assert "art34_required" in [r["code"] for r in assessed["notify_data_subjects_reason_texts"]]

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


def test_a_reassessment_needs_a_new_decision(vern, coordinator):
    """The latest decision counts only for the assessment it answered; new facts bring back the recommendation."""
    from tests.integration.test_case_work import PATH_TO_RESOLVED, close, walk_to

    incident = breach(coordinator)
    iid = incident["id"]
    unlikely = {**VALID, "unintelligible": True}
    assert coordinator.post(f"/incidents/{iid}/breach-assessment", json=unlikely).status_code == 201
    # undecided: the recommendation (not notifiable) is the duty
    assert coordinator.get(f"/incidents/{iid}").json()["authority_notification"] == "not_required"
    decided = coordinator.post(f"/incidents/{iid}/breach-decision",
                               json={"notify_authority": "not_required", "notify_data_subjects": "not_required"})
    assert decided.status_code == 201, decided.text
    assert coordinator.get(f"/incidents/{iid}").json()["authority_notification"] == "not_required"

    # new facts: the key was on the stolen laptop after all; the decision on version 1 no longer counts
    assert coordinator.post(f"/incidents/{iid}/breach-assessment", json=VALID).status_code == 201
    stored = coordinator.get(f"/incidents/{iid}").json()
    assert stored["authority_notification"] == "pending"
    walk_to(coordinator, iid, *PATH_TO_RESOLVED)
    refused = close(coordinator, iid)
    assert refused.status_code == 409 and "breach_decision" in refused.json()["error"]["details"]

    # the coordinator decides again on version 2 (against the recommendation, with a reason)
    again = coordinator.post(f"/incidents/{iid}/breach-decision", json={
        "notify_authority": "not_required", "notify_data_subjects": "not_required",
        "justification": "Nøkkelen var likevel ikke på den stjålne maskinen."})
    assert again.status_code == 201 and again.json()["assessment_version"] == 2
    stored = coordinator.get(f"/incidents/{iid}").json()
    assert stored["authority_notification"] == "not_required"
    closed = close(coordinator, iid)
    assert closed.status_code == 200, closed.text


def test_the_breach_events_carry_the_current_duty(vern):
    """breach_assessed and breach_decided: what the reporting service routes on (notify_authority)."""
    from datetime import datetime

    from tests.integration.harness import wait_for
    from tests.integration.subscriber import Subscriber

    coordinator = vern.client(roles=("pko",), sub="pko-events")

    assessed_events = Subscriber(vern.config["AMQP_URI"], "incidents", "breach_assessed")
    decided_events = Subscriber(vern.config["AMQP_URI"], "incidents", "breach_decided")
    try:
        incident = breach(coordinator)
        iid = incident["id"]
        coordinator.post(f"/incidents/{iid}/breach-assessment", json=VALID)
        decision = {"notify_authority": "required", "notify_data_subjects": "exempt", "subject_exemption": "34_3_c",
                    "justification": "Offentlig kunngjøring i stedet."}
        assert coordinator.post(f"/incidents/{iid}/breach-decision", json=decision).status_code == 201
        coordinator.post(f"/incidents/{iid}/breach-assessment", json={**VALID, "unintelligible": True})
        assessed = wait_for(lambda: len(assessed_events.about(iid)) >= 2 and assessed_events.about(iid))
        decided = wait_for(lambda: decided_events.about(iid))
    finally:
        assessed_events.close()
        decided_events.close()

    first, second = (event["data"] for event in assessed)
    assert assessed[0]["type"] == "no.vern.incidents.breach_assessed.v1" and assessed[0]["agency"] == "demo"
    assert {key: first[key] for key in ("version", "severity", "score", "risk", "recommended_notify_authority",
                                        "recommended_notify_data_subjects", "notify_authority", "decided",
                                        "personal_data_involved", "approx_data_subjects", "category")} == {
        "version": 1, "severity": "very_high", "score": 4.5, "risk": "high_risk",
        "recommended_notify_authority": "required", "recommended_notify_data_subjects": "required",
        "notify_authority": "required", "decided": False, "personal_data_involved": True,
        "approx_data_subjects": 240, "category": "misdirected_email_or_letter"}
    assert datetime.fromisoformat(first["deadline"]) == datetime.fromisoformat(incident["authority_deadline"])
    assert datetime.fromisoformat(first["aware_at"]) == datetime.fromisoformat(incident["aware_at"])
    assert first["assessed_by"] == "pko-events" and first["title"] == incident["title"]
    # the reassessment's recommendation stands until the coordinator decides again
    assert (second["version"], second["recommended_notify_authority"]) == (2, "not_required")
    assert (second["notify_authority"], second["decided"]) == ("not_required", False)

    data = decided[0]["data"]
    assert decided[0]["type"] == "no.vern.incidents.breach_decided.v1"
    assert {key: data[key] for key in ("assessment_version", "severity", "notify_authority", "notify_data_subjects",
                                       "subject_exemption", "follows_recommendation", "justification",
                                       "personal_data_involved", "decided_by")} == {
        "assessment_version": 1, "severity": "very_high", "notify_authority": "required",
        "notify_data_subjects": "exempt", "subject_exemption": "34_3_c", "follows_recommendation": False,
        "justification": "Offentlig kunngjøring i stedet.", "personal_data_involved": True,
        "decided_by": "pko-events"}
    assert datetime.fromisoformat(data["deadline"]) == datetime.fromisoformat(incident["authority_deadline"])
