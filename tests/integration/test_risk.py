"""Risk management through the gateway, over the real RabbitMQ: assessments, risks, measures, decisions."""
import csv
import io
import json
import uuid
from datetime import datetime, timedelta, timezone

import requests
from kombu import Connection, Producer
from openpyxl import load_workbook

from shared.clock import shifted, today as oslo_today
from shared.contracts.training import EXERCISE_COMPLETED
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.integration.harness import RABBIT_API, wait_for
from tests.integration.test_case_work import PATH_TO_RESOLVED, walk_to


def agency() -> str:
    return f"risk-{uuid.uuid4().hex[:8]}"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def new_assessment(isk, scope="system", title="ROS for fagsystemet", start=True):
    assessment = ok(isk.post("/risk-assessments", json={
        "scope": scope, "title": title, "assessed": "Fagsystemet og integrasjonene", "asset_ids": ["sys-42"],
        "participants": ["isk", "systemeier", "driftsleverandør"], "owner": "systemeier",
        "assessment_date": oslo_today().isoformat(),
        "next_review_date": (oslo_today() + timedelta(days=365)).isoformat()}), 201)
    if start:
        assessment = ok(isk.post(f"/risk-assessments/{assessment['id']}/status", json={"status": "in_progress"}))
    return assessment


def new_risk(isk, assessment_id, likelihood, consequence, **extra):
    body = {"title": extra.pop("title", "Uautorisert tilgang via delt konto"), "likelihood": likelihood,
            "consequence": consequence, "threat": "Tidligere ansatt", "vulnerability": "Delte kontoer",
            "asset": "Fagsystemet", "affects": ["confidentiality", "privacy"], "owner": "systemeier", **extra}
    return ok(isk.post(f"/risk-assessments/{assessment_id}/risks", json=body), 201)


def complete(isk, assessment_id):
    return ok(isk.post(f"/risk-assessments/{assessment_id}/status", json={"status": "completed"}))


def events(vern, routing_key, subject=None):
    rows = vern.sql("risk", "SELECT envelope FROM outbox_events WHERE routing_key = :key", key=routing_key)
    found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [e for e in found if subject is None or e["subject"] == subject]


def risk_tasks(client, risk_id):
    found = client.get("/notification-tasks", params={"risk_id": risk_id, "page_size": 100})
    return ok(found)["items"]


def test_a_whole_assessment_with_an_unacceptable_risk_decided_by_the_agency_head(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk, scope="overall", title="Helhetlig risikovurdering 2026")
    assert assessment["matrix"]["version"] == 1 and assessment["matrix"]["acceptable_up_to"] == "medium"

    high = new_risk(isk, assessment["id"], 5, 4)
    assert (high["reference"], high["level"], high["residual_level"], high["acceptable"]) == ("R1", "high", "high",
                                                                                             False)
    assert high["score"] == 20 and high["residual_likelihood"] == 5
    treated = new_risk(isk, assessment["id"], 4, 4, title="Løsepengevirus", treatment="reduce",
                       residual_likelihood=2, residual_consequence=3)
    assert (treated["level"], treated["residual_level"], treated["acceptable"]) == ("high", "medium", True)
    measure = ok(isk.post(f"/risks/{high['id']}/measures", json={
        "title": "Innfør personlige kontoer og MFA", "owner": "driftsleder", "effect": "likelihood",
        "due_date": (oslo_today() + timedelta(days=60)).isoformat()}), 201)
    assert measure["status"] == "proposed" and measure["overdue"] is False
    assert events(vern, "unacceptable_risk_identified", high["id"]) == [], "not announced before evaluation"

    completed = complete(isk, assessment["id"])
    assert completed["status"] == "completed"
    identified = wait_for(lambda: events(vern, "unacceptable_risk_identified", high["id"]))
    assert len(identified) == 1 and identified[0]["data"]["reason"] == "evaluated"
    assert events(vern, "unacceptable_risk_identified", treated["id"]) == []
    assert len(events(vern, "assessment_completed", assessment["id"])) == 1

    approved = ok(leader.post(f"/risk-assessments/{assessment['id']}/approval", json={"note": "Godkjent"}))
    assert approved["status"] == "approved" and approved["approved_by"]
    assert [h["to_status"] for h in approved["history"]] == ["planned", "in_progress", "completed", "approved"]
    assert {r["reference"] for r in approved["history"][-1]["approved_risks"]} == {"R1", "R2"}
    changed = isk.patch(f"/risks/{high['id']}", json={"likelihood": 4})
    assert changed.status_code == 409, "an approved assessment is locked until revised"

    decided = ok(leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Tiltaket er finansiert i 2027; risikoen aksepteres til da.",
        "valid_until": (oslo_today() + timedelta(days=180)).isoformat()}), 201)
    assert decided["acceptable"] is True and decided["residual_level"] == "high"
    acceptance = decided["decisions"][-1]
    assert acceptance["kind"] == "accept" and acceptance["in_force"] is True
    assert acceptance["risk_state"]["residual_level"] == "high"
    assert len(wait_for(lambda: events(vern, "risk_accepted", high["id"]))) == 1
    again = leader.post(f"/risks/{high['id']}/decision", json={"decision": "accept", "justification": "x" * 20,
                                                              "valid_until": "2030-01-01"})
    assert again.status_code == 409, "an accepted risk needs no further decision"


def test_the_agency_heads_task_is_created_once_and_closed_by_the_acceptance(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk)
    high = new_risk(isk, assessment["id"], 4, 5)
    complete(isk, assessment["id"])
    tasks = wait_for(lambda: risk_tasks(isk, high["id"]))
    assert [t["recipient_role"] for t in tasks] == ["leader"], "a system assessment does not inform the centre"
    task = tasks[0]
    assert task["status"] == "open" and task["subject_type"] == "risk"
    due = datetime.fromisoformat(task["due_at"]) - datetime.fromisoformat(
        events(vern, "unacceptable_risk_identified", high["id"])[0]["data"]["identified_at"])
    assert due == timedelta(days=30)
    assert [t["id"] for t in ok(leader.get("/notification-tasks"))["items"] if t["subject_id"] == high["id"]] == \
        [task["id"]], "the agency head sees the decision in the inbox"

    ok(leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Akseptert i påvente av nytt system.",
        "valid_until": (oslo_today() + timedelta(days=90)).isoformat()}), 201)
    assert wait_for(lambda: risk_tasks(isk, high["id"])[0]["status"] == "completed")
    assert len(risk_tasks(isk, high["id"])) == 1


def test_funding_the_measures_closes_the_task_and_the_risk_stays_unacceptable_until_treated(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk)
    high = new_risk(isk, assessment["id"], 5, 5)
    measure = ok(isk.post(f"/risks/{high['id']}/measures", json={
        "title": "Segmenter nettet", "owner": "IKT", "due_date": (oslo_today() + timedelta(days=30)).isoformat()}),
        201)
    complete(isk, assessment["id"])
    assert wait_for(lambda: risk_tasks(isk, high["id"]))
    decided = ok(leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "treat", "justification": "Tiltaket finansieres over driftsbudsjettet."}), 201)
    assert decided["acceptable"] is False and decided["measures"][0]["status"] == "decided"
    assert decided["decisions"][-1]["measure_ids"] == [measure["id"]]
    assert wait_for(lambda: risk_tasks(isk, high["id"])[0]["status"] == "completed")

    # The measure worked: revise, rate the residual risk, complete again.
    ok(isk.patch(f"/risks/{high['id']}/measures/{measure['id']}", json={"status": "done"}))
    ok(isk.post(f"/risk-assessments/{assessment['id']}/status", json={"status": "in_progress", "note": "Revisjon"}))
    rerated = ok(isk.patch(f"/risks/{high['id']}", json={"residual_likelihood": 2, "residual_consequence": 3}))
    assert (rerated["residual_level"], rerated["acceptable"]) == ("medium", True)
    complete(isk, assessment["id"])
    resolved = wait_for(lambda: events(vern, "unacceptable_risk_resolved", high["id"]))
    assert [e["data"]["resolution"] for e in resolved] == ["residual_acceptable"]
    assert len(events(vern, "unacceptable_risk_identified", high["id"])) == 1


def test_a_material_change_voids_the_acceptance_and_the_risk_is_announced_again(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk)
    high = new_risk(isk, assessment["id"], 4, 4)
    complete(isk, assessment["id"])
    ok(leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Akseptert for ett år.",
        "valid_until": (oslo_today() + timedelta(days=365)).isoformat()}), 201)
    ok(isk.post(f"/risk-assessments/{assessment['id']}/status", json={"status": "in_progress"}))
    owner_only = ok(isk.patch(f"/risks/{high['id']}", json={"owner": "ny systemeier"}))
    assert owner_only["decisions"][-1]["in_force"] is True, "a new owner is not a material change"
    worse = ok(isk.patch(f"/risks/{high['id']}", json={"consequence": 5}))
    assert worse["acceptable"] is False and worse["decisions"][-1]["voided_at"]
    assert "consequence" in worse["decisions"][-1]["void_reason"]
    complete(isk, assessment["id"])
    announced = wait_for(lambda: len(events(vern, "unacceptable_risk_identified", high["id"])) == 2 and
                         events(vern, "unacceptable_risk_identified", high["id"]))
    assert sorted(e["data"]["reason"] for e in announced) == ["acceptance_voided", "evaluated"]


def test_an_acceptance_that_runs_out_makes_the_risk_unacceptable_again(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk)
    high = new_risk(isk, assessment["id"], 5, 3)
    complete(isk, assessment["id"])
    ok(leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Akseptert til systemet byttes ut i morgen.",
        "valid_until": (oslo_today() + timedelta(days=1)).isoformat()}), 201)
    assert ok(isk.get(f"/risks/{high['id']}"))["acceptable"] is True
    with shifted(timedelta(days=3)):
        announced = wait_for(lambda: len(events(vern, "unacceptable_risk_identified", high["id"])) == 2 and
                             events(vern, "unacceptable_risk_identified", high["id"]))
        shown = ok(isk.get(f"/risks/{high['id']}"))
    assert sorted(e["data"]["reason"] for e in announced) == ["acceptance_expired", "evaluated"]
    assert shown["acceptable"] is False and shown["decisions"][-1]["in_force"] is False


def test_bad_input_is_refused_naming_the_field_and_nothing_changes(vern):
    code = agency()
    isk, leader = vern.client(("isk",), code), vern.client(("leader",), code)
    assessment = new_assessment(isk)
    off_scale = isk.post(f"/risk-assessments/{assessment['id']}/risks",
                         json={"title": "For høy", "likelihood": 7, "consequence": 3})
    assert off_scale.status_code == 400 and "likelihood" in off_scale.json()["error"]["fields"]
    assert "1 and 5" in off_scale.json()["error"]["fields"]["likelihood"][0]
    assert ok(isk.get("/risks", params={"assessment_id": assessment["id"]}))["total"] == 0

    high = new_risk(isk, assessment["id"], 5, 5)
    no_owner = isk.post(f"/risks/{high['id']}/measures", json={"title": "Uten eier", "due_date": "2027-01-01"})
    assert no_owner.status_code == 400 and "owner" in no_owner.json()["error"]["fields"]
    complete(isk, assessment["id"])
    by_coordinator = isk.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Jeg aksepterer selv.", "valid_until": "2030-01-01"})
    assert by_coordinator.status_code == 403
    no_validity = leader.post(f"/risks/{high['id']}/decision", json={
        "decision": "accept", "justification": "Akseptert uten frist."})
    assert no_validity.status_code == 400 and "valid_until" in no_validity.json()["error"]["fields"]
    unchanged = ok(isk.get(f"/risks/{high['id']}"))
    assert unchanged["measures"] == [] and unchanged["decisions"] == [] and unchanged["acceptable"] is False
    not_a_leader_approval = isk.post(f"/risk-assessments/{assessment['id']}/approval", json={})
    assert not_a_leader_approval.status_code == 403
    assert ok(isk.get(f"/risk-assessments/{assessment['id']}"))["status"] == "completed"
    bad_matrix = isk.put("/risk-matrix", json={
        "name": "Feil", "likelihood_scale": [{"label_nb": "a", "label_en": "a"}] * 2,
        "consequence_scale": [{"label_nb": "a", "label_en": "a"}] * 2, "cells": [["high", "low"], ["low", "low"]],
        "acceptable_up_to": "low"})
    assert bad_matrix.status_code == 400 and "cells" in bad_matrix.json()["error"]["fields"]


def test_another_agency_sees_nothing_and_the_centre_reads_across_agencies(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    assessment = new_assessment(isk)
    risk = new_risk(isk, assessment["id"], 2, 2)
    stranger = vern.client(("isk",), agency())
    assert stranger.get(f"/risks/{risk['id']}").status_code == 404
    assert stranger.get(f"/risk-assessments/{assessment['id']}").status_code == 404
    assert stranger.post(f"/risks/{risk['id']}/measures", json={
        "title": "Inntrenging", "owner": "x", "due_date": "2027-01-01"}).status_code == 404
    central = vern.client(("central",), "fin")
    assert ok(central.get(f"/risks/{risk['id']}"))["agency"] == code
    assert ok(central.get("/risks", params={"agency": code}))["total"] == 1
    auditor = vern.client(("auditor",), code)
    assert ok(auditor.get("/risks"))["total"] == 1
    assert auditor.post(f"/risk-assessments/{assessment['id']}/risks",
                        json={"title": "Revisor", "likelihood": 1, "consequence": 1}).status_code == 403


def test_a_new_matrix_applies_to_new_assessments_and_never_rewrites_old_ones(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    old = new_assessment(isk)
    old_risk = new_risk(isk, old["id"], 2, 2)
    assert old_risk["level"] == "low"
    strict = ok(isk.put("/risk-matrix", json={
        "name": "Strengere 4x4", "likelihood_scale": [{"label_nb": f"S{i}", "label_en": f"L{i}"} for i in range(4)],
        "consequence_scale": [{"label_nb": f"K{i}", "label_en": f"C{i}"} for i in range(4)],
        "cells": [["low", "medium", "medium", "high"], ["medium", "medium", "high", "high"],
                  ["medium", "high", "high", "high"], ["high", "high", "high", "high"]],
        "acceptable_up_to": "low"}))
    assert strict["version"] == 2
    versions = ok(isk.get("/risk-matrix/versions"))["items"]
    assert [v["version"] for v in versions] == [2, 1]
    new = new_assessment(isk, title="Etter nye kriterier")
    assert new["matrix"]["version"] == 2
    new_high = new_risk(isk, new["id"], 2, 2)
    assert (new_high["level"], new_high["acceptable"]) == ("medium", False)
    assert isk.post(f"/risk-assessments/{new['id']}/risks",
                    json={"title": "Femmer", "likelihood": 5, "consequence": 1}).status_code == 400
    assert ok(isk.get(f"/risks/{old_risk['id']}"))["level"] == "low"
    assert ok(isk.get(f"/risk-assessments/{old['id']}"))["matrix"]["version"] == 1


def test_the_register_filters_the_heat_map_counts_and_the_export_downloads(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    assessment = new_assessment(isk)
    high = new_risk(isk, assessment["id"], 5, 5, title="=HYPERLINK(\"http://x\")")
    new_risk(isk, assessment["id"], 5, 5, title="Strømbrudd", treatment="reduce", residual_likelihood=1,
             residual_consequence=1, owner="driftsleder")
    new_risk(isk, assessment["id"], 1, 1, title="Lite sannsynlig")
    ok(isk.post(f"/risks/{high['id']}/measures", json={
        "title": "Allerede forsinket", "owner": "IKT", "due_date": (oslo_today() - timedelta(days=3)).isoformat()}),
        201)
    assert ok(isk.get("/risks", params={"level": "high"}))["total"] == 2
    assert ok(isk.get("/risks", params={"residual_level": "high"}))["total"] == 1
    assert ok(isk.get("/risks", params={"acceptable": "false"}))["total"] == 1
    assert ok(isk.get("/risks", params={"owner": "driftsleder"}))["total"] == 1
    assert [r["id"] for r in ok(isk.get("/risks", params={"overdue": "true"}))["items"]] == [high["id"]]
    assert isk.get("/risks", params={"level": "extreme"}).status_code == 400
    late = ok(isk.get("/risk-measures", params={"overdue": "true"}))["items"]
    assert [m["title"] for m in late] == ["Allerede forsinket"]

    heat = ok(isk.get("/risks/heat-map", params={"assessment_id": assessment["id"]}))
    assert heat["inherent"][4][4] == 2 and heat["inherent"][0][0] == 1
    assert heat["residual"][4][4] == 1 and heat["residual"][0][0] == 2
    assert heat["matrix"]["cells"][4][4] == "high" and heat["not_shown"] == 0

    exported = isk.get("/risks/export", params={"format": "csv", "assessment_id": assessment["id"]})
    assert exported.status_code == 200 and exported.headers["Content-Type"].startswith("text/csv")
    assert 'filename="risikoregister.csv"' in exported.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][3] == "Risiko" and len(rows) == 4
    assert rows[1][3].startswith("'="), "a title that looks like a formula stays text"
    levels = {row[rows[0].index("Risikonivå")] for row in rows[1:]}
    assert levels <= {"lav", "middels", "høy"} and "høy" in levels, "words, not codes, under bokmål headings"
    workbook = isk.get("/risks/export", params={"format": "xlsx", "assessment_id": assessment["id"], "language": "en"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row == 4 and sheet.cell(1, 4).value == "Risk" and sheet.title == "Risk register"
    assert sheet.cell(2, 4).data_type == "s"
    headings = [cell.value for cell in sheet[1]]
    assert {sheet.cell(row, headings.index("Risk level") + 1).value for row in (2, 3, 4)} <= {"low", "medium", "high"}
    assert isk.get("/risks/export", params={"language": "de"}).status_code == 400


def test_an_exercise_finding_arrives_as_a_draft_risk_for_the_isk(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    exercise_id = f"ex-{uuid.uuid4().hex[:6]}"
    envelope = build_envelope(EXERCISE_COMPLETED, exercise_id, code, {
        "exercise_id": exercise_id, "title": "Bortfall av fagsystem", "type": "tabletop",
        "scenario": "Fagsystemet er nede i tre dager", "held_on": oslo_today(), "services_exercised": ["sak"],
        "completed_at": datetime.now(timezone.utc), "findings": [
            {"finding_id": "f1", "title": "Reserverutinen er ukjent for de ansatte", "severity": "high",
             "description": "Ingen visste hvor papirskjemaene lå.", "proposed_measure": "Øv reserverutinen årlig"},
            {"finding_id": "f2", "title": "Kontaktlisten er utdatert", "severity": "low"}]})
    publish(vern, "training", "exercise_completed", envelope, times=2)
    drafts = wait_for(lambda: ok(isk.get("/risks", params={"status": "draft"}))["items"])
    wait_for(lambda: False, timeout=0.5)  # room for the duplicate delivery
    drafts = ok(isk.get("/risks", params={"status": "draft"}))["items"]
    assert sorted(d["title"] for d in drafts) == ["Kontaktlisten er utdatert", "Reserverutinen er ukjent for de ansatte"]
    draft = next(d for d in drafts if d["origin"]["finding_id"] == "f1")
    assert draft["level"] is None and draft["acceptable"] is None
    assert draft["origin"]["proposed_measure"] == "Øv reserverutinen årlig"

    assessment = new_assessment(isk, title="Beredskap")
    adopted = ok(isk.post(f"/risks/{draft['id']}/adoption", json={
        "assessment_id": assessment["id"], "likelihood": 3, "consequence": 4, "owner": "isk"}))
    assert (adopted["status"], adopted["reference"], adopted["level"]) == ("open", "R1", "high")
    other = next(d for d in drafts if d["origin"]["finding_id"] == "f2")
    dismissed = ok(isk.post(f"/risks/{other['id']}/dismissal", json={"reason": "Rettet på stedet"}))
    assert dismissed["status"] == "dismissed"
    assert ok(isk.get("/risks", params={"status": "draft"}))["total"] == 0


def test_a_closed_incident_linked_to_a_risk_flags_it_for_reassessment(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    assessment = new_assessment(isk)
    risk = new_risk(isk, assessment["id"], 2, 3)
    incident = ok(isk.post("/incidents", json={
        "title": "Phishing ga tilgang til fagsystemet", "description": "En konto ble overtatt.",
        "kind": "security_incident", "category": "phishing",
        "occurred_at": (datetime.now(timezone.utc) - timedelta(hours=5)).isoformat(),
        "aware_at": (datetime.now(timezone.utc) - timedelta(hours=4)).isoformat()}), 201)
    ok(isk.post(f"/incidents/{incident['id']}/assessment", json={"severity": "medium",
                                                                 "personal_data_involved": False}))
    walk_to(isk, incident["id"], *PATH_TO_RESOLVED)
    ok(isk.post(f"/incidents/{incident['id']}/close", json={
        "root_cause": "Manglende MFA", "lessons_learned": "MFA på alle kontoer", "linked_risk_ids": [risk["id"]]}))
    flagged = wait_for(lambda: ok(isk.get(f"/risks/{risk['id']}"))["needs_reassessment"])
    assert flagged
    shown = ok(isk.get(f"/risks/{risk['id']}"))
    assert shown["reassessment_reasons"][0]["incident_id"] == incident["id"]
    assert [r["id"] for r in ok(isk.get("/risks", params={"needs_reassessment": "true"}))["items"]] == [risk["id"]]
    assert len(wait_for(lambda: events(vern, "risk_flagged_for_reassessment", risk["id"]))) == 1
    rerated = ok(isk.patch(f"/risks/{risk['id']}", json={"likelihood": 4}))
    assert rerated["needs_reassessment"] is False


def test_an_overdue_measure_is_announced_once_with_two_risk_instances_running(vern):
    second = vern.start_process("risk")
    try:
        assert wait_for(lambda: rpc_consumers(vern, "risk") >= 2, timeout=30), "the second instance started"
        code = agency()
        isk = vern.client(("isk",), code)
        assessment = new_assessment(isk)
        risk = new_risk(isk, assessment["id"], 3, 3)
        yesterday = (oslo_today() - timedelta(days=1)).isoformat()
        measures = [ok(isk.post(f"/risks/{risk['id']}/measures", json={
            "title": f"Tiltak {n}", "owner": "IKT", "due_date": yesterday}), 201)["id"] for n in range(10)]
        announced = wait_for(lambda: len(overdue_events(vern, measures)) >= 10 and overdue_events(vern, measures),
                             timeout=20)
        wait_for(lambda: False, timeout=1.0)  # both instances get several more turns
    finally:
        second.terminate()
        second.wait(10)
    announced = overdue_events(vern, measures)
    assert sorted(e["data"]["measure_id"] for e in announced) == sorted(measures)
    assert len(announced) == 10

    # A new due date that passes is announced again, once.
    moved = ok(isk.patch(f"/risks/{risk['id']}/measures/{measures[0]}",
                         json={"due_date": (oslo_today() - timedelta(days=2)).isoformat()}))
    assert moved["overdue"] is True
    assert wait_for(lambda: len(overdue_events(vern, measures[:1])) == 2)


def overdue_events(vern, measure_ids):
    return [e for e in events(vern, "measure_overdue") if e["data"]["measure_id"] in measure_ids]


def rpc_consumers(vern, service) -> int:
    queue = requests.get(f"{RABBIT_API}/queues/{vern.vhost.name}/rpc-{service}", timeout=5)
    return queue.json().get("consumers", 0) if queue.ok else 0


def publish(vern, source, routing_key, envelope, times=1):
    with Connection(vern.config["AMQP_URI"]) as connection:
        producer = Producer(connection.default_channel)
        for _ in range(times):
            producer.publish(envelope, exchange=event_exchange(source), routing_key=routing_key,
                             serializer="json", delivery_mode=2)



def test_first_assessments_made_at_once_share_the_one_default_matrix(vern):
    """Several coordinators starting an agency's first assessments at the same moment each get theirs;
    the default criteria are stored once (a race on version 1 was a 500 on PostgreSQL)."""
    import eventlet

    isk = vern.client(("isk",), f"first-{uuid.uuid4().hex[:8]}")
    made = list(eventlet.GreenPool(6).imap(lambda n: new_assessment(isk, title=f"ROS {n}", start=False), range(6)))
    assert len({assessment["id"] for assessment in made}) == 6
    assert [version["version"] for version in ok(isk.get("/risk-matrix/versions"))["items"]] == [1]
