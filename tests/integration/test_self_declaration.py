"""The agency head's self-declaration over the real RabbitMQ, through the gateway API: each statement
answers yes, no or "ingen data" from the records it counted, says what it counted, links those records,
and the PDF prints answer and rule in both languages (issue 25)."""
import re
import subprocess
import uuid
from datetime import datetime, timedelta, timezone

from shared.clock import today as oslo_today
from shared.contracts.privacy_register import ProcessingV1
from tests.integration.harness import wait_for
from tests.integration.test_escalation import report
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_reports import ok

ANSWERS = {"nb": {"yes": "Ja", "no": "Nei", "no_data": "Ingen data"},
           "en": {"yes": "Yes", "no": "No", "no_data": "No data"}}
NOT_NOTIFIABLE = {"data_types": ["simple"], "ease_of_identification": "negligible",
                  "cb": {"confidentiality": 0, "integrity": 0, "availability": 0, "malicious": False},
                  "data_subjects": 3, "unintelligible": True, "vulnerable_subjects": False}


def period():
    """A period around today, so that no test depends on the date (a year's end included)."""
    return {"period_start": (oslo_today() - timedelta(days=10)).isoformat(),
            "period_end": (oslo_today() + timedelta(days=10)).isoformat()}


def agency(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def breach(client, aware_hours_ago):
    now = datetime.now(timezone.utc)
    return report(client, kind="personal_data_breach", category="misdirected_email_or_letter",
                  title="Elevliste sendt til feil foresatt",
                  occurred_at=(now - timedelta(hours=aware_hours_ago + 1)).isoformat(),
                  aware_at=(now - timedelta(hours=aware_hours_ago)).isoformat())


def declaration(client):
    return ok(client.post("/reports", json={"kind": "self_declaration", **period()}), 201)


def statements(client, report_id):
    return {s["key"]: s for s in ok(client.get(f"/reports/{report_id}"))["content"]["statements"]}


def statement_when(client, report_id, key, answer):
    return wait_for(lambda: (s := statements(client, report_id)[key])["answer"] == answer and s, timeout=20)


def pdf_text(client, report_id, language):
    response = client.get(f"/reports/{report_id}/document", params={"format": "pdf", "language": language})
    assert response.status_code == 200, response.text
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    # without the running footer, which can fall between a heading and its table
    return " ".join(" ".join(line.split()) for line in text.splitlines() if " · " not in line).replace("  ", " ")


def test_a_breach_decided_not_notifiable_in_time_answers_yes_and_the_pdf_prints_every_rule(vern):
    code = agency("sd")
    coordinator, leader = vern.client(("pko",), code), vern.client(("leader",), code)
    incident = breach(coordinator, aware_hours_ago=2)
    ok(coordinator.post(f"/incidents/{incident['id']}/breach-assessment", json=NOT_NOTIFIABLE), 201)
    ok(coordinator.post(f"/incidents/{incident['id']}/breach-decision",
                        json={"notify_authority": "not_required", "notify_data_subjects": "not_required"}), 201)
    report_ = declaration(leader)

    # art. 33(5): documented as not notifiable within 72 hours is a breach decided in time
    decided = statement_when(leader, report_["id"], "breaches_notified_in_time", "yes")
    assert decided["rule_nb"] == ("1 av 1 brudd ble avgjort innen 72 timer: meldt i tide eller dokumentert som ikke "
                                  "meldepliktig")
    assert decided["rule_en"].startswith("1 of 1 breach was decided within 72 hours")
    assert [(r["subject_type"], r["id"], r["ok"]) for r in decided["records"]] == [("incident", incident["id"], True)]
    assert decided["records"][0]["detail_nb"].startswith("dokumentert som ikke meldepliktig etter")

    # what the agency head seals is what the PDF prints (approved: no draft watermark among the words)
    approved = ok(leader.post(f"/reports/{report_['id']}/approval", json={"read_confirmed": True}))
    found = {s["key"]: s for s in approved["content"]["statements"]}
    for language in ("nb", "en"):
        text = pdf_text(leader, report_["id"], language)
        for statement in found.values():
            heading = " ".join(statement[f"statement_{language}"].split())
            answer = ANSWERS[language][statement["answer"]]
            word = "Svar" if language == "nb" else "Answer"
            assert f"{heading} {word} {answer}" in text, (heading, text)
            assert f"{'Regel' if language == 'nb' else 'Rule'}: {statement[f'rule_{language}']}." in text, text
        assert incident["id"] in text.replace(" ", "")  # the breach it counted, by its id


def test_a_breach_notified_after_80_hours_answers_no_and_is_linked(vern):
    code = agency("sd")
    coordinator, leader = vern.client(("pko",), code), vern.client(("leader",), code)
    incident = breach(coordinator, aware_hours_ago=80)
    ok(coordinator.post(f"/incidents/{incident['id']}/authority-notifications", json={
        "reference": "AR-80", "delay_reason": "Omfanget var uklart til leverandøren svarte."}), 201)
    report_ = declaration(leader)

    late = wait_for(lambda: (s := statements(leader, report_["id"])["breaches_notified_in_time"])["records"]
                    and s["records"][0]["ok"] is False and s, timeout=20)
    assert late["answer"] == "no"
    assert late["rule_nb"] == ("0 av 1 brudd ble avgjort innen 72 timer: meldt i tide eller dokumentert som ikke "
                               "meldepliktig; 1 for sent (meldt etter 72 timer eller uten avgjørelse etter 72 timer)")
    assert [(r["subject_type"], r["id"], r["title"]) for r in late["records"]] == [
        ("incident", incident["id"], "Elevliste sendt til feil foresatt")]
    assert late["records"][0]["detail_en"] == "notified to Datatilsynet late, after 80 hours"
    text = pdf_text(leader, report_["id"], "nb")
    assert "Nei Kommentar" in text and incident["id"] in text.replace(" ", "")


def test_an_active_activity_not_complete_answers_no_and_is_named(vern):
    code = agency("sd")
    pko, leader = vern.client(("pko",), code), vern.client(("leader",), code)
    ok(pko.post("/processing-activities", json=complete_record(name="Lønn")), 201)
    lacking = ok(pko.post("/processing-activities", json=complete_record(name="Elevadministrasjon", recipients=[])),
                 201)
    ok(pko.post("/processing-activities", json={"name": "Utkast uten innhold", "status": "draft"}), 201)
    report_ = declaration(leader)

    ropa = wait_for(lambda: (s := statements(leader, report_["id"])["ropa_complete"])["answer"] == "no"
                    and len(s["records"]) == 2 and s, timeout=20)
    assert ropa["rule_nb"].startswith("1 av 2 aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1). "
                                      "Ufullstendig: Elevadministrasjon (")
    assert [(r["id"], r["ok"]) for r in ropa["records"] if not r["ok"]] == [(lacking["id"], False)]
    if "missing" in ProcessingV1._declared_fields:  # the register names what is missing (art. 30(1)(d))
        assert "30(1)(d)" in ropa["rule_nb"] and "30(1)(d)" in ropa["records"][0]["detail_en"]


def test_an_agency_with_no_data_answers_ingen_data(vern):
    leader = vern.client(("leader",), agency("sd"))
    report_ = declaration(leader)
    found = statements(leader, report_["id"])
    answers = {key: s["answer"] for key, s in found.items()}
    assert answers == {"ropa_complete": "no_data", "dpias_in_place": "no_data",
                       "processor_agreements_in_place": "no_data", "breaches_notified_in_time": "no_data",
                       # what must be done each period, and was not: the absence is the answer
                       "risk_assessed_and_decided": "no", "training_conducted": "no", "exercise_held": "no",
                       "management_review_held": "no"}
    assert (found["breaches_notified_in_time"]["rule_nb"], found["breaches_notified_in_time"]["rule_en"]) == (
        "Ingen brudd registrert i perioden", "No breach recorded in the period")
    assert all(s["records"] == [] for s in found.values())
    assert re.search(r"Ingen brudd registrert i perioden\.", pdf_text(leader, report_["id"], "nb"))
