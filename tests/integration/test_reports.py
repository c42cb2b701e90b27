"""Reports for leadership over the real RabbitMQ: figures from every service's events, equal to what the
services' own listings count; approval freezes a sealed version that later events do not change."""
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_risk import complete, new_assessment, new_risk

YEAR = oslo_today().year
PERIOD = {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"}
KINDS = ("security_incident", "personal_data_breach", "deviation", "near_miss")


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def report_incident(client, n):
    now = datetime.now(timezone.utc)
    return ok(client.post("/incidents", json={
        "title": f"Hendelse {n}", "description": "Meldt av ansatt.", "kind": KINDS[n % len(KINDS)],
        "category": ("phishing", "misdirected_email_or_letter", "lost_or_stolen_device")[n % 3],
        "occurred_at": (now - timedelta(hours=3)).isoformat(), "aware_at": (now - timedelta(hours=2)).isoformat()}),
        201)


def a_year_of_activity(vern, code):
    """Incidents, an unacceptable risk decided by the agency head, processing activities, a campaign, an exercise."""
    coordinator = vern.client(("pko", "isk"), code)
    leader = vern.client(("leader",), code)
    incidents = [report_incident(coordinator, n) for n in range(14)]
    for n, incident in enumerate(incidents[:6]):
        ok(coordinator.post(f"/incidents/{incident['id']}/assessment", json={
            "severity": ("low", "medium")[n % 2], "personal_data_involved": incident["kind"] == "personal_data_breach"}))
    assessment = new_assessment(coordinator)
    risks = [new_risk(coordinator, assessment["id"], 5, 5, title="Løsepengevirus"),
             new_risk(coordinator, assessment["id"], 1, 2, title="Strømbrudd")]
    complete(coordinator, assessment["id"])
    wait_for(lambda: coordinator.get(f"/risks/{risks[0]['id']}").json().get("unacceptable_since"))
    ok(leader.post(f"/risks/{risks[0]['id']}/decision", json={
        "decision": "accept", "justification": "Tiltak er bestilt", "valid_until": f"{YEAR + 1}-06-30"}), 201)
    pko = vern.client(("pko",), code)
    for name in ("Elevadministrasjon", "Lønn"):
        ok(pko.post("/processing-activities", json=complete_record(name=name)), 201)
    ok(pko.post("/processing-activities", json={"name": "Utkast uten innhold", "status": "draft"}), 201)
    course = ok(pko.post("/training/courses", json={"code": "PV-1", "title": "Personvern", "topic": "privacy"}), 201)
    ok(pko.put("/training/participants", json={"participants": [
        {"participant_id": f"u-{n}", "unit": "Skole A", "role": "lærer"} for n in range(4)]}))
    campaign = ok(pko.post("/training/campaigns", json={
        # starting tomorrow, so that the timer cannot launch it first; launching now moves the start to today
        "title": "Personvernuka", "topic": "privacy", "course_id": course["id"],
        "starts_on": (oslo_today() + timedelta(days=1)).isoformat(),
        "ends_on": (oslo_today() + timedelta(days=1)).isoformat(), "target_rate": 50}), 201)
    ok(pko.post(f"/training/campaigns/{campaign['id']}/launch"))
    for n in range(3):
        ok(pko.post("/training/completions", json={"course_id": course["id"], "participant_id": f"u-{n}",
                                                   "completed_on": oslo_today().isoformat()}), 201)
    ok(pko.post(f"/training/campaigns/{campaign['id']}/complete"))
    exercise = ok(coordinator.post("/training/exercises", json={
        "title": "Bortfall av nett", "type": "tabletop", "scenario": "Nettet er nede en dag",
        "held_on": oslo_today().isoformat(), "findings": [{"title": "Ingen reserveløsning", "severity": "high"}]}),
        201)
    ok(coordinator.post(f"/training/exercises/{exercise['id']}/complete", json={"evaluation": "Ett funn."}))
    return coordinator, leader


def listed_total(client, path, **params):
    return ok(client.get(path, params={"page_size": 1, **params}))["total"]


def test_reports_equal_the_services_own_counts_and_approval_freezes_a_sealed_version(vern):
    code = f"rep-{uuid.uuid4().hex[:8]}"
    coordinator, leader = a_year_of_activity(vern, code)
    review = ok(coordinator.post("/reports", json={"kind": "management_review", **PERIOD,
                                                   "inputs": {"b": "Ny personopplysningslov ventes."}}), 201)

    def performance():
        shown = ok(coordinator.get(f"/reports/{review['id']}"))["content"]
        parts = {p["key"]: p for s in shown["sections"] for p in s.get("parts", [])}
        return parts

    # the facts arrive over the bus; wait until the last of them is in
    wait_for(lambda: performance()["training"]["figures"]["exercises_held"] == 1
             and performance()["incidents"]["figures"]["reported"] == 14
             and performance()["privacy_register"]["figures"]["processing_activities"] == 3, timeout=20)
    parts = performance()
    incidents = parts["incidents"]["figures"]
    since = {"reported_from": f"{YEAR}-01-01T00:00:00+01:00"}
    assert incidents["reported"] == listed_total(coordinator, "/incidents", **since)
    for kind in KINDS:
        assert incidents["by_kind"].get(kind, 0) == listed_total(coordinator, "/incidents", kind=kind, **since)
    for severity in ("low", "medium"):
        assert incidents["by_severity"][severity] == listed_total(coordinator, "/incidents", severity=severity)
    assert incidents["breaches"]["total"] == listed_total(coordinator, "/incidents", kind="personal_data_breach")
    risk = parts["risk"]["figures"]
    assert (risk["assessments_approved"], risk["unacceptable_identified"], risk["decisions"]) == (
        0, 1, {"accepted": 1})  # the assessment is completed, not yet approved by the agency head
    # high is above Oslo's acceptance criteria: every high risk was announced, once
    assert risk["unacceptable_identified"] == listed_total(coordinator, "/risks", level="high")
    privacy = parts["privacy_register"]["figures"]
    assert privacy["processing_activities"] == listed_total(coordinator, "/processing-activities")
    assert privacy["complete"] == listed_total(coordinator, "/processing-activities", complete="true")
    training = parts["training"]["figures"]
    assert (training["campaigns_completed"], training["enrolled"], training["completed"]) == (1, 4, 3)
    assert training["exercise_findings"] == {"high": 1}

    # the agency head approves: the content is frozen and sealed
    assert coordinator.post(f"/reports/{review['id']}/approval", json={"read_confirmed": True}).status_code == 403
    approved = ok(leader.post(f"/reports/{review['id']}/approval", json={"read_confirmed": True}))
    assert (approved["status"], approved["version"], approved["seal_valid"]) == ("approved", 1, True)
    assert approved["approved_by"] and len(approved["content_sha256"]) == 64
    summary = ok(coordinator.post("/reports", json={"kind": "incident_summary", **PERIOD}), 201)
    report_incident(coordinator, 99)
    assert wait_for(lambda: ok(coordinator.get(f"/reports/{summary['id']}"))["content"]["sections"][0]
                    ["figures"]["reported"] == 15)
    frozen = ok(leader.get(f"/reports/{review['id']}"))
    assert frozen["content"] == approved["content"] and frozen["seal_valid"] is True
    assert coordinator.patch(f"/reports/{review['id']}", json={"inputs": {"b": "Endret"}}).status_code == 409

    # a new version of the same period shows the new figures; the approved one stays as it was
    second = ok(coordinator.post("/reports", json={"kind": "management_review", **PERIOD}), 201)
    assert second["version"] == 2
    new_parts = {p["key"]: p for s in second["content"]["sections"] for p in s.get("parts", [])}
    assert new_parts["incidents"]["figures"]["reported"] == 15
    assert second["content"]["sections"][0]["key"] == "a"

    # a tampered row no longer carries a valid seal
    tampering = create_engine(vern.config["DATABASES"]["reporting"])
    with tampering.begin() as connection:
        connection.execute(text("UPDATE reports SET approved_by = 'someone else' WHERE id = :id"), {"id": review["id"]})
    tampering.dispose()
    assert ok(leader.get(f"/reports/{review['id']}"))["seal_valid"] is False
    listed = {r["id"]: r for r in ok(leader.get("/reports", params={"kind": "management_review"}))["items"]}
    assert listed[review["id"]]["seal_valid"] is False and listed[second["id"]]["seal_valid"] is None
    assert "content" not in listed[review["id"]] and listed[review["id"]]["title_nb"] == "Ledelsens gjennomgang"


def test_the_self_declaration_answers_from_the_figures_and_the_central_team_compares_agencies(vern):
    code = f"rep-{uuid.uuid4().hex[:8]}"
    coordinator, leader = a_year_of_activity(vern, code)
    declaration = ok(leader.post("/reports", json={"kind": "self_declaration", **PERIOD, "inputs": {
        "comment_ropa_complete": "Ett utkast gjenstår."}}), 201)
    statements = wait_for(lambda: (s := {x["key"]: x for x in ok(leader.get(
        f"/reports/{declaration['id']}"))["content"]["statements"]})["exercise_held"]["answer"] == "yes" and s,
        timeout=20)
    # the record holds what is in operation: the incomplete draft is not counted, the two active ones are complete
    assert statements["ropa_complete"]["answer"] == "yes" and len(statements["ropa_complete"]["records"]) == 2
    assert statements["ropa_complete"]["comment"] == "Ett utkast gjenstår."
    assert statements["training_conducted"]["answer"] == "yes"
    assert statements["risk_assessed_and_decided"]["answer"] == "no"  # no assessment approved yet
    assert statements["management_review_held"]["answer"] == "no"
    refused = leader.patch(f"/reports/{declaration['id']}", json={"inputs": {"nonsense": "x"}})
    assert refused.status_code == 400 and "inputs" in refused.json()["error"]["fields"]

    central = vern.client(("central",), "fin")
    compared = ok(central.get("/reports/comparison", params=PERIOD))["agencies"]
    mine = next(a for a in compared if a["agency"] == code)
    assert mine["incidents"]["reported"] == 14 and mine["training"]["exercises_held"] == 1
    assert len(compared) >= 1
    own = ok(coordinator.get("/reports/comparison", params=PERIOD))["agencies"]
    assert [a["agency"] for a in own] == [code]
    assert vern.client(("pko",), "other").get(f"/reports/{declaration['id']}").status_code == 404
