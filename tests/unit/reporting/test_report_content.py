"""Reports from facts as plain functions: figures for a period, order-independent folds, missing sources."""
from datetime import date, datetime, timezone

from services.reporting import declaration_rules, facts, read_model, report_content, report_figures
from shared.contracts import privacy_register, risk

START, END = date(2026, 1, 1), date(2026, 12, 31)


def incident(id_, reported, kind="security_incident", **extra):
    return {"id": id_, "reported_at": f"{reported}T09:00:00+00:00", "kind": kind, "category": "phishing", **extra}


def test_incident_figures_count_the_period_and_the_72_hours():
    found = [incident("a", "2026-01-05", severity="low"),
             incident("b", "2026-03-02", "personal_data_breach", severity="high", serious=True,
                      notified_at="2026-03-03T10:00:00+00:00", notified_late=False),
             incident("c", "2026-03-20", "personal_data_breach", notified_at="x", notified_late=True),
             incident("d", "2026-04-01", "personal_data_breach"),
             incident("e", "2026-04-02", "personal_data_breach", decision="not_required"),
             incident("old", "2025-12-31")]
    figures = report_figures.incident_figures(found, START, END)
    assert figures["reported"] == 5 and figures["by_month"] == {"2026-01": 1, "2026-03": 2, "2026-04": 2}
    assert figures["by_severity"] == {"high": 1, "low": 1, "not_assessed": 3} and figures["serious"] == 1
    assert figures["breaches"] == {"total": 4, "notified": 2, "within_72_hours": 1, "late": 1, "late_ids": ["c"],
                                   "not_notified": 2, "not_notifiable": 1}


def test_a_risk_resolved_before_its_identification_arrives_is_still_counted_right():
    fold_identified = next(f for f in facts.FOLDS if f.event is risk.UNACCEPTABLE_RISK_IDENTIFIED)
    fold_resolved = next(f for f in facts.FOLDS if f.event is risk.UNACCEPTABLE_RISK_RESOLVED)
    resolved_first = facts.fold({}, fold_resolved, {"resolution": "within_criteria",
                                                   "resolved_at": "2026-05-02T00:00:00+00:00",
                                                   "residual_level": "low"})
    both = facts.fold(resolved_first, fold_identified, {"title": "R", "reference": "R1", "assessment_id": "a",
                                                        "level": "high", "residual_level": "high",
                                                        "identified_at": "2026-05-01T00:00:00+00:00"})
    assert report_figures.unacceptable(both) is False
    again = {**both, "identified_at": "2026-06-01T00:00:00+00:00"}
    assert report_figures.unacceptable(again) is True


def test_an_older_agreement_coverage_arriving_late_does_not_undo_the_newer_one():
    fold = next(f for f in facts.FOLDS if f.event is privacy_register.AGREEMENT_COVERAGE_CHANGED)

    def changed(missing, at):
        return {"processing_id": "p", "name": "Lønn", "processors_without_agreement": missing,
                "changed_at": datetime(2026, 5, at, tzinfo=timezone.utc)}

    newer = read_model._json_safe(facts.fold({"status": "active"}, fold, changed(["Visma AS"], 3)))  # as stored
    assert facts.fold(newer, fold, changed([], 2)) == newer
    assert facts.fold(newer, fold, changed([], 4))["processors_without_agreement"] == []
    figures = report_figures.privacy_figures([{**newer, "complete": True}, {"status": "active", "complete": True}])
    assert (figures["without_agreement"], figures["processors_without_agreement"]) == (1, {"Visma AS": 1})


def test_a_section_without_its_service_says_so_and_the_declaration_answers_no_source():
    figures = {"incidents": report_figures.incident_figures([], START, END), "management_review_approved": False}
    review = report_content.compose("management_review", figures, {"a": "Alle tiltak gjennomført"}, {"incidents"},
                                    "Innføre MFA")
    d = next(s for s in review["sections"] if s["key"] == "d")
    assert [p["available"] for p in d["parts"]] == [True, False]
    assert "training" in d["parts"][1]["note"]
    assert review["sections"][0]["previous_decisions"] == "Innføre MFA"
    verdicts = declaration_rules.evidence({}, START, END, datetime(2026, 12, 31, tzinfo=timezone.utc), [])
    declaration = report_content.compose("self_declaration", {**figures, "declaration": verdicts}, {}, {"incidents"},
                                         None)
    answers = {s["key"]: s for s in declaration["statements"]}
    # no breach at all is no evidence that breaches were handled in time
    assert answers["breaches_notified_in_time"]["answer"] == "no_data"
    assert answers["breaches_notified_in_time"]["rule_en"] == "No breach recorded in the period"
    assert answers["ropa_complete"]["answer"] == "no_source" and answers["ropa_complete"]["records"] == []
    assert answers["management_review_held"]["answer"] == "no"


def test_dpia_status_follows_the_latest_of_approval_and_outdating():
    assert report_figures.dpia_status({"dpia_required_at": "1"}) == "required"
    assert report_figures.dpia_status({"dpia_approved_at": "2", "dpia_outdated_at": "3"}) == "outdated"
    assert report_figures.dpia_status({"dpia_approved_at": "4", "dpia_outdated_at": "3"}) == "approved"
