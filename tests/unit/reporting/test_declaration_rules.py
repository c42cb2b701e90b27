"""The self-declaration's statements as plain rules: each answers yes, no or no data from the records it
counts, says what it counted in both languages, and links those records."""
from datetime import date, datetime, timedelta, timezone

import pytest

from services.reporting import declaration_rules as rules
from services.reporting import facts, read_model
from shared.contracts import incidents

START, END = date(2026, 1, 1), date(2026, 12, 31)
NOW = datetime(2026, 12, 20, 12, tzinfo=timezone.utc)
AWARE = "2026-03-02T08:00:00+00:00"


def breach(id_="b1", **extra):
    return {"id": id_, "kind": "personal_data_breach", "title": f"Brudd {id_}",
            "reported_at": "2026-03-02T09:00:00+00:00", "aware_at": AWARE, "deadline": "2026-03-05T08:00:00+00:00",
            **extra}


def at(hours_after_aware: int) -> str:
    return (datetime.fromisoformat(AWARE) + timedelta(hours=hours_after_aware)).isoformat()


@pytest.mark.parametrize("found,outcome,detail_nb", [
    (breach(notified_at=at(10), notified_late=False), "in_time", "meldt Datatilsynet etter 10 timer"),
    (breach(decision="not_required", decided_at=at(20)), "in_time", "dokumentert som ikke meldepliktig etter 20 timer"),
    (breach(notified_at=at(80), notified_late=True), "late", "meldt Datatilsynet for sent, etter 80 timer"),
    (breach(decision="not_required", decided_at=at(75)), "late", "dokumentert som ikke meldepliktig for sent, etter 75 "
                                                                   "timer"),
    (breach(), "late", "ingen avgjørelse etter 72 timer"),
    (breach(decision="required", decided_at=at(5)), "late", "avgjort som meldepliktig, men ikke meldt innen 72 timer"),
    # a breach decided notifiable, notified in time: the decision to notify is no decision "not to"
    (breach(decision="required", decided_at=at(5), notified_at=at(30), notified_late=False), "in_time",
     "meldt Datatilsynet etter 30 timer"),
], ids=["notified", "not_notifiable", "notified_late", "not_notifiable_late", "undecided", "decided_not_notified",
        "decided_and_notified"])
def test_each_breach_is_decided_in_time_or_late(found, outcome, detail_nb):
    assert rules.breach_outcome(found, NOW)[:2] == (outcome, detail_nb)


def test_a_breach_whose_72_hours_have_not_passed_is_still_open():
    fresh = breach(aware_at=at(0), deadline="2026-12-22T08:00:00+00:00", reported_at="2026-12-19T09:00:00+00:00")
    assert rules.breach_outcome(fresh, NOW)[0] == "pending"
    only_open = rules.breaches_decided_in_time([fresh], START, END, NOW)
    assert only_open["answer"] == "no_data" and only_open["records"][0]["ok"] is None
    with_late = rules.breaches_decided_in_time([fresh, breach("b2")], START, END, NOW)
    assert with_late["answer"] == "no" and "1 venter på avgjørelse" in with_late["rule_nb"]


@pytest.mark.parametrize("found,answer,rule_nb,rule_en", [
    ([], "no_data", "Ingen brudd registrert i perioden", "No breach recorded in the period"),
    ([breach(decision="not_required", decided_at=at(20))], "yes",
     "1 av 1 brudd ble avgjort innen 72 timer: meldt i tide eller dokumentert som ikke meldepliktig",
     "1 of 1 breach was decided within 72 hours: notified in time or documented as not notifiable"),
    ([breach(notified_at=at(10), notified_late=False), breach("b2", notified_at=at(80), notified_late=True),
      breach("b3", decision="not_required", decided_at=at(2))], "no",
     "2 av 3 brudd ble avgjort innen 72 timer: meldt i tide eller dokumentert som ikke meldepliktig; 1 for sent "
     "(meldt etter 72 timer eller uten avgjørelse etter 72 timer)",
     "2 of 3 breaches were decided within 72 hours: notified in time or documented as not notifiable; 1 late "
     "(notified after 72 hours or no decision after 72 hours)"),
    ([breach(reported_at="2025-12-30T09:00:00+00:00"), {**breach("dev"), "kind": "deviation"},
      breach("rej", status="rejected")], "no_data",
     "Ingen brudd registrert i perioden", "No breach recorded in the period"),
], ids=["none", "not_notifiable_in_time", "one_late", "outside_period_not_a_breach_or_rejected"])
def test_the_72_hour_statement(found, answer, rule_nb, rule_en):
    verdict = rules.breaches_decided_in_time(found, START, END, NOW)
    assert (verdict["answer"], verdict["rule_nb"], verdict["rule_en"]) == (answer, rule_nb, rule_en)


def test_the_72_hour_statement_links_every_breach_it_counted():
    verdict = rules.breaches_decided_in_time([breach(notified_at=at(10), notified_late=False),
                                              breach("b2", notified_at=at(80), notified_late=True)], START, END, NOW)
    assert [(r["subject_type"], r["id"], r["title"], r["ok"]) for r in verdict["records"]] == [
        ("incident", "b1", "Brudd b1", True), ("incident", "b2", "Brudd b2", False)]
    assert verdict["records"][1]["detail_en"] == "notified to Datatilsynet late, after 80 hours"


MISSING = [{"key": "purposes", "article": "30(1)(b)", "label_nb": "Formål", "label_en": "Purposes"},
           {"key": "retention", "article": "30(1)(f)", "label_nb": "Sletting", "label_en": "Erasure"}]


def processing(id_, name, status="active", complete=True, **extra):
    return {"id": id_, "name": name, "status": status, "complete": complete, **extra}


@pytest.mark.parametrize("found,answer,rule_nb", [
    ([], "no_data", "Ingen aktive behandlingsaktiviteter i protokollen"),
    ([processing("d", "Utkast", status="draft", complete=False), processing("r", "Gammel", status="retired")],
     "no_data", "Ingen aktive behandlingsaktiviteter i protokollen"),
    ([processing("a", "Lønn"), processing("d", "Utkast", status="draft", complete=False)], "yes",
     "1 av 1 aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1)"),
    ([processing("a", "Lønn"), processing("b", "Elevadministrasjon", complete=False, missing=MISSING)], "no",
     "1 av 2 aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1). Ufullstendig: "
     "Elevadministrasjon (mangler: Formål (art. 30(1)(b)), Sletting (art. 30(1)(f)))"),
    ([processing("b", "Elevadministrasjon", complete=False)], "no",  # events without the optional list
     "0 av 1 aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1). Ufullstendig: "
     "Elevadministrasjon (ufullstendig beskrevet)"),
    # complete again: a list left from an earlier event names nothing
    ([processing("a", "Lønn", missing=MISSING)], "yes",
     "1 av 1 aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1)"),
], ids=["empty", "only_drafts_and_retired", "complete", "missing_items", "without_missing_list", "stale_list"])
def test_the_record_of_processing_activities(found, answer, rule_nb):
    verdict = rules.ropa_complete(found)
    assert (verdict["answer"], verdict["rule_nb"]) == (answer, rule_nb)


def test_an_incomplete_activity_is_linked_with_its_missing_items_in_english_too():
    verdict = rules.ropa_complete([processing("b", "Elevadministrasjon", complete=False, missing=MISSING)])
    assert verdict["records"] == [{"subject_type": "processing", "id": "b", "title": "Elevadministrasjon", "ok": False,
                                   "detail_nb": "mangler: Formål (art. 30(1)(b)), Sletting (art. 30(1)(f))",
                                   "detail_en": "missing: Purposes (art. 30(1)(b)), Erasure (art. 30(1)(f))"}]
    assert verdict["rule_en"].endswith("Incomplete: Elevadministrasjon (missing: Purposes (art. 30(1)(b)), "
                                       "Erasure (art. 30(1)(f)))")


@pytest.mark.parametrize("found,answer,lacking", [
    ([processing("a", "Lønn")], "no_data", []),
    ([processing("a", "Lønn", dpia_required_at="2026-01-01", dpia_approved_at="2026-02-01")], "yes", []),
    ([processing("a", "Lønn", dpia_required_at="2026-01-01"),
      processing("b", "Kamera", dpia_required_at="2026-01-01", dpia_approved_at="2026-02-01",
                 dpia_outdated_at="2026-06-01"),
      processing("c", "Utkast", status="draft", dpia_required_at="2026-01-01")], "no", ["b", "a"]),
], ids=["none_required", "approved", "required_and_outdated"])
def test_a_dpia_wherever_the_screening_required_one(found, answer, lacking):
    verdict = rules.dpias_in_place(found)
    assert verdict["answer"] == answer
    assert [r["id"] for r in verdict["records"] if not r["ok"]] == lacking


@pytest.mark.parametrize("found,answer,rule_nb", [
    ([processing("a", "Lønn")], "no_data", "Ingen aktive behandlinger med databehandler registrert"),
    ([processing("a", "Lønn", agreement_coverage_at="2026-01-01", processors_without_agreement=[])], "yes",
     "1 av 1 aktive behandlinger med databehandler har gyldig avtale med alle"),
    ([processing("a", "Lønn", agreement_coverage_at="2026-01-01", processors_without_agreement=["Visma AS"])], "no",
     "0 av 1 aktive behandlinger med databehandler har gyldig avtale med alle. Lønn (uten gyldig avtale: Visma AS)"),
], ids=["no_processor", "covered", "lacking"])
def test_agreements_with_every_processor(found, answer, rule_nb):
    verdict = rules.processor_agreements_in_place(found)
    assert (verdict["answer"], verdict["rule_nb"]) == (answer, rule_nb)


APPROVED = {"id": "as1", "title": "ROS skole", "approved_at": "2026-04-01T10:00:00+00:00"}
OPEN_RISK = {"id": "r1", "title": "Løsepengevirus", "identified_at": "2026-04-01T10:00:00+00:00"}


@pytest.mark.parametrize("assessments,risks,answer,rule_nb", [
    ([], [], "no", "Ingen risikovurdering godkjent i perioden; ingen uakseptabel risiko står åpen"),
    ([{**APPROVED, "approved_at": "2025-04-01T10:00:00+00:00"}], [], "no",
     "Ingen risikovurdering godkjent i perioden; ingen uakseptabel risiko står åpen"),
    ([APPROVED], [OPEN_RISK], "no",
     "1 risikovurdering godkjent i perioden; 0 av 1 uakseptable risikoer er besluttet av virksomhetsleder"),
    ([APPROVED], [{**OPEN_RISK, "decision": "accepted"}], "yes",
     "1 risikovurdering godkjent i perioden; 1 av 1 uakseptable risikoer er besluttet av virksomhetsleder"),
    ([APPROVED], [{**OPEN_RISK, "resolved_at": "2026-05-01T00:00:00+00:00"}], "yes",
     "1 risikovurdering godkjent i perioden; ingen uakseptabel risiko står åpen"),
], ids=["nothing", "approved_last_year", "undecided", "decided", "resolved"])
def test_risk_assessed_and_decided(assessments, risks, answer, rule_nb):
    verdict = rules.risk_assessed_and_decided(assessments, risks, START, END)
    assert (verdict["answer"], verdict["rule_nb"]) == (answer, rule_nb)


@pytest.mark.parametrize("rule,items,answer,rule_en", [
    (rules.training_conducted, [], "no", "No training campaign completed in the period"),
    (rules.training_conducted, [{"id": "c1", "title": "Personvernuka", "completed_at": "2026-05-01T10:00:00+00:00"},
                                {"id": "c2", "title": "Phishing", "completed_at": "2026-09-01T10:00:00+00:00"}],
     "yes", "2 training campaigns completed in the period"),
    (rules.exercise_held, [{"id": "e1", "title": "Nett nede", "completed_at": "2025-05-01T10:00:00+00:00"}], "no",
     "No preparedness exercise completed in the period"),
    (rules.exercise_held, [{"id": "e1", "title": "Nett nede", "completed_at": "2026-05-01T10:00:00+00:00"}], "yes",
     "1 preparedness exercise completed in the period"),
], ids=["no_training", "training", "exercise_last_year", "exercise"])
def test_held_in_the_period(rule, items, answer, rule_en):
    verdict = rule(items, START, END)
    assert (verdict["answer"], verdict["rule_en"]) == (answer, rule_en)
    assert [r["id"] for r in verdict["records"]] == [i["id"] for i in items if answer == "yes"]


def test_the_management_review_links_the_approved_report():
    assert rules.management_review_held([])["answer"] == "no"
    verdict = rules.management_review_held([{"id": "rep-1", "version": 2, "approved_at": "2026-11-30T10:00:00+00:00"}])
    assert verdict["answer"] == "yes" and verdict["rule_nb"] == "1 ledelsens gjennomgang for perioden er godkjent"
    assert verdict["records"][0]["subject_type"] == "report" and verdict["records"][0]["id"] == "rep-1"


def test_the_decision_folds_from_breach_decided_and_an_older_one_arriving_late_changes_nothing():
    fold = next(f for f in facts.FOLDS if f.event is incidents.BREACH_DECIDED)
    example = {**incidents.EXAMPLES["breach_decided"], "notify_authority": "not_required"}
    state = read_model._json_safe(facts.fold({"kind": "personal_data_breach"}, fold, example))
    assert (state["decision"], state["decided_at"], state["aware_at"]) == (
        "not_required", "2026-11-22T11:30:00Z", "2026-11-22T09:05:00Z")
    older = {**example, "notify_authority": "required", "decided_at": "2026-11-22T10:00:00+00:00"}
    assert facts.fold(state, fold, older) == state


def test_a_rejected_report_reopened_counts_again_whatever_order_the_changes_arrive_in():
    fold = next(f for f in facts.FOLDS if f.event is incidents.INCIDENT_STATUS_CHANGED)

    def changed(to_status, hour):
        return {**incidents.EXAMPLES["incident_status_changed"], "to_status": to_status,
                "changed_at": datetime(2026, 3, 3, hour, tzinfo=timezone.utc)}

    reopened = read_model._json_safe(facts.fold({}, fold, changed("triage", 12)))
    assert facts.fold(reopened, fold, changed("rejected", 10))["status"] == "triage"  # older, arriving late
    late = rules.breaches_decided_in_time([breach(**reopened)], START, END, NOW)
    assert late["answer"] == "no" and late["records"][0]["id"] == "b1"
