"""The annual plan (årsplan / årshjul) through the gateway, over the real RabbitMQ: a coordinator plans
the year; the risk service's approval ticks the planned risk assessment with its event as evidence,
once; an attestation ticks the internal control; plan versus actual; copy to the next year; the
follow-up report frozen at approval; who may do what."""
import json
import uuid
from datetime import timedelta

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_governance import routine
from tests.integration.test_risk import complete, new_assessment, new_risk, publish

YEAR = oslo_today().year
MONTH = oslo_today().month
FACTS_CONSUMER = "reporting.facts.risk.assessment_approved"


def agency() -> str:
    return f"plan-{uuid.uuid4().hex[:8]}"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def activity(**overrides) -> dict:
    return {"year": YEAR, "area": "security", "kind": "risk_assessment", "title": "ROS for fagsystemene",
            "owner_role": "isk", "due_month": MONTH, **overrides}


def approved_assessment(isk, leader):
    assessment = new_assessment(isk)
    new_risk(isk, assessment["id"], 1, 2, title="Strømbrudd")
    complete(isk, assessment["id"])
    return ok(leader.post(f"/risk-assessments/{assessment['id']}/approval", json={"note": "Godkjent"}))


def approval_events(vern, assessment_id):
    rows = vern.sql("risk", "SELECT envelope FROM outbox_events WHERE routing_key = :key", key="assessment_approved")
    found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [e for e in found if e["subject"] == assessment_id]


def processed(vern, event_id) -> bool:
    return bool(vern.sql("reporting", "SELECT 1 FROM processed_events WHERE event_id = :id AND consumer = :consumer",
                         id=event_id, consumer=FACTS_CONSUMER))


def plan(client, **params):
    return ok(client.get("/annual-plan", params={"year": YEAR, **params}))


def test_an_approved_assessment_ticks_the_planned_activity_once_with_its_event_as_evidence(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    first = ok(isk.post("/annual-plan", json=activity(title="ROS for skolesystemet")), 201)
    later = ok(isk.post("/annual-plan", json=activity(title="ROS for lønnssystemet", due_month=12)), 201)
    campaign = ok(isk.post("/annual-plan", json=activity(kind="campaign", area="privacy", owner_role="pko",
                                                         title="Personvernuka", due_month=12)), 201)
    assert (first["status"], first["standing"], first["evidence"], first["done_at"]) == (
        "planned", "upcoming", [], None)

    assessment = approved_assessment(isk, leader)
    ticked = wait_for(lambda: (a := ok(isk.get(f"/annual-plan/{first['id']}")))["status"] == "done" and a)
    assert ticked["standing"] == "done" and ticked["done_at"]
    [evidence] = ticked["evidence"]
    [event] = approval_events(vern, assessment["id"])
    assert (evidence["source"], evidence["type"], evidence["reference"], evidence["event_id"]) == (
        "event", "risk.assessment_approved", assessment["id"], event["id"])
    assert evidence["title"] == assessment["title"]

    # the same event redelivered, and the same approval announced again under a new id: nothing more
    publish(vern, "risk", "assessment_approved", event)
    again = {**event, "id": str(uuid.uuid4())}
    publish(vern, "risk", "assessment_approved", again)
    assert wait_for(lambda: processed(vern, again["id"]))
    assert ok(isk.get(f"/annual-plan/{later['id']}"))["status"] == "planned"
    assert len(ok(isk.get(f"/annual-plan/{first['id']}"))["evidence"]) == 1

    # another assessment ticks the next one; a campaign is not a risk assessment
    second = approved_assessment(isk, leader)
    wait_for(lambda: ok(isk.get(f"/annual-plan/{later['id']}"))["status"] == "done")
    assert ok(isk.get(f"/annual-plan/{later['id']}"))["evidence"][0]["reference"] == second["id"]
    assert ok(isk.get(f"/annual-plan/{campaign['id']}"))["status"] == "planned"
    summary = plan(isk)["summary"]
    assert (summary["planned"], summary["done"], summary["upcoming"]) == (3, 2, 1)
    assert summary["by_kind"]["risk_assessment"]["done_on_time"] == 2 and summary["by_area"]["privacy"]["planned"] == 1


def test_an_activity_naming_its_subject_waits_for_that_subject_and_an_attestation_ticks_internal_control(vern):
    code = agency()
    pko, isk = vern.client(("pko",), code), vern.client(("isk",), code)
    document = ok(isk.post("/governing-documents", json=routine()), 201)
    other = ok(isk.post("/governing-documents", json=routine(title="Rutine for logging")), 201)
    control = ok(pko.post("/annual-plan", json=activity(
        kind="internal_control", area="privacy", owner_role="pko", title="Kontroll av tilgangsrutinen",
        expects_reference=str(document["id"]))), 201)
    review = ok(isk.post("/annual-plan", json=activity(kind="document_review", title="Gjennomgang av rutiner")), 201)

    ok(isk.post(f"/governing-documents/{other['id']}/attestations", json={"period": str(YEAR), "result": "complied"}),
       201)
    assert ok(pko.get(f"/annual-plan/{control['id']}"))["status"] == "planned", "another routine's attestation"
    attestation = ok(isk.post(f"/governing-documents/{document['id']}/attestations", json={
        "period": f"{YEAR}-H1", "result": "partly", "comment": "To enheter manglet."}), 201)
    ticked = ok(pko.get(f"/annual-plan/{control['id']}"))
    assert ticked["status"] == "done", "ticked in the same transaction as the attestation"
    assert [(e["type"], e["reference"]) for e in ticked["evidence"]] == [
        ("reporting.attestation_recorded", str(attestation["id"]))]

    ok(isk.post(f"/governing-documents/{document['id']}/reviews", json={"reviewed_on": oslo_today().isoformat()}), 201)
    assert ok(isk.get(f"/annual-plan/{review['id']}"))["evidence"][0]["type"] == "reporting.document_reviewed"


def test_plan_versus_actual_cancelling_manual_evidence_and_copying_to_next_year(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    last_year = ok(isk.post("/annual-plan", json=activity(year=YEAR - 1, kind="exercise", due_month=3,
                                                          title="Beredskapsøvelse IKT")), 201)
    assert last_year["standing"] == "overdue"
    assert [a["id"] for a in ok(isk.get("/annual-plan", params={"year": YEAR - 1, "standing": "overdue"}))["items"]] \
        == [last_year["id"]]

    exercise = ok(isk.post("/annual-plan", json=activity(kind="exercise", title="Tabletop", due_month=12)), 201)
    # planned for another month, then moved to this one, so the evidence recorded today is on time in
    # every month of the year (in December a move to November made it 'done_late')
    first_month = 12 if MONTH < 12 else 1
    register = ok(isk.post("/annual-plan", json=activity(kind="register_review", area="privacy", owner_role="pko",
                                                         title="Gjennomgang av protokollen", due_month=first_month,
                                                         description="Alle behandlinger")), 201)
    no_reason = isk.patch(f"/annual-plan/{exercise['id']}", json={"status": "cancelled"})
    assert no_reason.status_code == 400 and "cancel_reason" in no_reason.json()["error"]["fields"]
    cancelled = ok(isk.patch(f"/annual-plan/{exercise['id']}", json={
        "status": "cancelled", "cancel_reason": "Slått sammen med kommunens øvelse"}))
    assert (cancelled["standing"], cancelled["cancel_reason"]) == ("cancelled", "Slått sammen med kommunens øvelse")
    moved = ok(isk.patch(f"/annual-plan/{register['id']}", json={"due_month": MONTH, "owner_role": "ombud"}))
    assert (moved["due_month"], moved["owner_role"]) == (MONTH, "ombud")

    done = ok(isk.post(f"/annual-plan/{register['id']}/evidence", json={
        "type": "minutes", "reference": "2026/1234", "title": "Referat fra gjennomgangen"}), 201)
    assert done["status"] == "done" and done["standing"] == "done" and done["evidence"][0]["source"] == "manual"
    assert isk.post(f"/annual-plan/{exercise['id']}/evidence", json={
        "type": "link", "reference": "https://x", "title": "Notat"}).status_code == 409
    summary = plan(isk)["summary"]
    assert (summary["planned"], summary["done"], summary["cancelled"]) == (1, 1, 1)

    copied = ok(isk.post("/annual-plan/copy", json={"from_year": YEAR}), 201)
    assert (copied["to_year"], copied["copied"]) == (YEAR + 1, 2)
    assert {(a["title"], a["status"], a["due_month"], len(a["evidence"]), a["done_at"]) for a in copied["items"]} == {
        ("Tabletop", "planned", 12, 0, None), ("Gjennomgang av protokollen", "planned", MONTH, 0, None)}
    assert ok(isk.get("/annual-plan", params={"year": YEAR + 1}))["summary"]["planned"] == 2
    assert isk.post("/annual-plan/copy", json={"from_year": YEAR}).status_code == 409
    assert isk.post("/annual-plan/copy", json={"from_year": YEAR - 5}).status_code == 409  # nothing to copy


def test_the_follow_up_report_drafts_live_and_stays_frozen_once_approved(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    ok(isk.post("/annual-plan", json=activity(kind="exercise", title="Beredskapsøvelse", due_month=12)), 201)
    report_activity = ok(isk.post("/annual-plan", json=activity(
        kind="report", owner_role="leader", title="Oppfølging av årsplanen", due_month=12,
        expects_reference="annual_plan_followup")), 201)
    period = {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"}
    split = isk.post("/reports", json={"kind": "annual_plan_followup", "period_start": f"{YEAR}-07-01",
                                       "period_end": f"{YEAR + 1}-06-30"})
    assert split.status_code == 400 and "period_end" in split.json()["error"]["fields"]
    unknown = isk.post("/reports", json={"kind": "annual_plan_followup", **period, "inputs": {"b": "x"}})
    assert unknown.status_code == 400 and "inputs" in unknown.json()["error"]["fields"]
    report = ok(isk.post("/reports", json={"kind": "annual_plan_followup", **period,
                                           "inputs": {"assessment": "Planen følges."}}), 201)
    assert (report["title_nb"], report["title_en"]) == ("Årsplan – oppfølging", "Annual plan follow-up")
    sections = {s["key"]: s for s in report["content"]["sections"]}
    assert sections["figures"]["figures"]["planned"] == 2 and sections["assessment"]["text"] == "Planen følges."
    table = sections["activities"]["table"]
    assert [c["key"] for c in table["columns"]][:4] == ["due_month", "area", "kind", "title"]
    assert [row["title"] for row in table["rows"]] == ["Beredskapsøvelse", "Oppfølging av årsplanen"]

    # live while a draft
    ok(isk.post("/annual-plan", json=activity(title="Ekstra ROS", due_month=12)), 201)
    assert ok(isk.get(f"/reports/{report['id']}"))["content"]["sections"][0]["figures"]["planned"] == 3
    approved = ok(leader.post(f"/reports/{report['id']}/approval", json={"read_confirmed": True}))
    assert approved["status"] == "approved" and approved["seal_valid"] is True
    # the approval ticks the planned report; the frozen content shows the plan as it was before
    ticked = ok(isk.get(f"/annual-plan/{report_activity['id']}"))
    assert ticked["status"] == "done" and ticked["evidence"][0]["reference"] == report["id"]
    ok(isk.post("/annual-plan", json=activity(title="Enda en ROS", due_month=12)), 201)
    frozen = ok(leader.get(f"/reports/{report['id']}"))
    assert frozen["content"] == approved["content"] and frozen["seal_valid"] is True
    assert frozen["content"]["sections"][0]["figures"]["planned"] == 3
    assert frozen["content"]["sections"][0]["figures"]["done"] == 0


def test_bad_input_names_the_field_and_who_may_do_what(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    missing = isk.post("/annual-plan", json={"year": YEAR})
    assert missing.status_code == 400
    assert {"area", "kind", "title", "owner_role", "due_month"} <= set(missing.json()["error"]["fields"])
    bad = isk.post("/annual-plan", json=activity(due_month=13, kind="party", area="both"))
    assert bad.status_code == 400 and {"due_month", "kind", "area"} <= set(bad.json()["error"]["fields"])
    assert isk.get("/annual-plan").status_code == 400  # the year is required
    created = ok(isk.post("/annual-plan", json=activity()), 201)
    assert isk.patch(f"/annual-plan/{created['id']}", json={}).status_code == 400
    future = isk.post(f"/annual-plan/{created['id']}/evidence", json={
        "type": "document", "reference": "x", "title": "Rapport",
        "at": (oslo_today() + timedelta(days=3)).isoformat() + "T12:00:00"})
    assert future.status_code == 400 and "at" in future.json()["error"]["fields"]

    employee = vern.client(("employee",), code)
    assert employee.get("/annual-plan", params={"year": YEAR}).status_code == 403
    assert employee.get(f"/annual-plan/{created['id']}").status_code == 403
    leader = vern.client(("leader",), code)
    assert ok(leader.get(f"/annual-plan/{created['id']}"))["id"] == created["id"]
    assert leader.post("/annual-plan", json=activity()).status_code == 403
    assert leader.patch(f"/annual-plan/{created['id']}", json={"due_month": 1}).status_code == 403
    assert leader.post("/annual-plan/copy", json={"from_year": YEAR}).status_code == 403

    stranger = vern.client(("isk",), agency())
    assert stranger.get(f"/annual-plan/{created['id']}").status_code == 404
    assert stranger.patch(f"/annual-plan/{created['id']}", json={"due_month": 1}).status_code == 404
    assert created["id"] not in [a["id"] for a in plan(stranger)["items"]]
    central = vern.client(("central",), "fin")
    assert ok(central.get(f"/annual-plan/{created['id']}"))["agency"] == code
    assert [a["id"] for a in plan(central, agency=code)["items"]] == [created["id"]]
    assert central.patch(f"/annual-plan/{created['id']}", json={"due_month": 1}).status_code == 403
