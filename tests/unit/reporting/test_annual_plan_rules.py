from datetime import date, datetime, timezone

import pytest

from services.reporting import annual_plan_rules as rules
from services.reporting import report_content


def activity(id_, kind="risk_assessment", due_month=3, status="planned", year=2026, agency="a", **extra):
    return {"id": id_, "agency": agency, "year": year, "area": "security", "kind": kind, "status": status,
            "due_month": due_month, "done_at": None, "expects_reference": None, "evidence": [],
            "cancel_reason": None, **extra}


def approved(assessment_id="ra-1", at=datetime(2026, 5, 10, 9, tzinfo=timezone.utc), event_id="e-1", agency="a"):
    return rules.happening_from_event("risk.assessment_approved", event_id, agency, at, {
        "assessment_id": assessment_id, "title": "ROS for fagsystemet", "approved_at": at})


def test_the_mapped_events_and_nothing_else_tick():
    assert approved().kind == "risk_assessment"
    at = datetime(2026, 2, 1, tzinfo=timezone.utc)
    dpia = rules.happening_from_event("privacy_register.dpia_completed", "e", "a", at, {
        "dpia_id": "d-1", "processing_id": "p-1", "title": "DPIA", "approved_at": at})
    assert (dpia.kind, dpia.reference, dpia.subjects) == ("dpia_review", "d-1", ("d-1", "p-1"))
    assert rules.happening_from_event("training.campaign_completed", "e", "a", at, {
        "campaign_id": "c", "title": "Uka", "completed_at": at}).kind == "campaign"
    assert rules.happening_from_event("training.exercise_completed", "e", "a", at, {
        "exercise_id": "x", "title": "Øvelse", "completed_at": at}).kind == "exercise"
    assert rules.happening_from_event("risk.unacceptable_risk_identified", "e", "a", at, {}) is None


def test_the_first_open_activity_of_the_kind_earliest_due_month_first():
    plan = [activity(1, due_month=9), activity(2, due_month=3), activity(3, due_month=1, status="done"),
            activity(4, due_month=2, status="cancelled"), activity(5, kind="exercise", due_month=1),
            activity(6, due_month=1, year=2025), activity(7, due_month=1, agency="b"),
            activity(8, due_month=3, status="in_progress")]
    assert rules.choose(plan, approved())["id"] == 2
    assert [a["id"] for a in rules.candidates(plan, approved())] == [2, 8, 1]


def test_the_year_is_the_happenings_year_in_oslo():
    plan = [activity(1, year=2026), activity(2, year=2027)]
    new_years_eve = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)  # 00:30 on 1 January in Oslo
    assert rules.choose(plan, approved(at=new_years_eve))["id"] == 2


def test_an_activity_that_names_its_subject_takes_only_that_subject_and_comes_first():
    plan = [activity(1, due_month=1, expects_reference="ra-other"), activity(2, due_month=6),
            activity(3, due_month=8, expects_reference="ra-1")]
    assert rules.choose(plan, approved("ra-1"))["id"] == 3
    assert rules.choose(plan, approved("ra-2"))["id"] == 2
    assert rules.choose([activity(1, expects_reference="ra-other")], approved("ra-2")) is None


def test_a_happening_held_as_evidence_ticks_nothing_again():
    first = approved(event_id="e-1")
    ticked = activity(1, status="done", evidence=[first.evidence()])
    plan = [ticked, activity(2)]
    assert rules.choose(plan, first) is None, "the same event redelivered"
    assert rules.choose(plan, approved(event_id="e-2")) is None, "the same approval announced again"
    assert rules.choose(plan, approved("ra-2", event_id="e-3"))["id"] == 2


@pytest.mark.parametrize("status, due_month, done_at, on, expected", [
    ("planned", 3, None, date(2026, 3, 31), "upcoming"),
    ("planned", 3, None, date(2026, 4, 1), "overdue"),
    ("in_progress", 3, None, date(2026, 4, 1), "overdue"),
    ("done", 3, datetime(2026, 3, 31, 21, tzinfo=timezone.utc), date(2026, 9, 1), "done"),   # 23:00 in Oslo
    ("done", 3, datetime(2026, 3, 31, 22, tzinfo=timezone.utc), date(2026, 9, 1), "done_late"),  # 1 April
    ("done", 12, datetime(2026, 1, 5, tzinfo=timezone.utc), date(2026, 1, 6), "done"),
    ("cancelled", 1, None, date(2026, 6, 1), "cancelled"),
])
def test_standing_against_the_plan(status, due_month, done_at, on, expected):
    assert rules.standing(activity(1, status=status, due_month=due_month, done_at=done_at), on) == expected


def test_figures_count_plan_versus_actual_by_area_and_kind():
    on = date(2026, 6, 15)
    plan = [activity(1, due_month=3, status="done", done_at=datetime(2026, 3, 2, tzinfo=timezone.utc)),
            activity(2, due_month=3, status="done", done_at=datetime(2026, 5, 2, tzinfo=timezone.utc)),
            activity(3, due_month=4), activity(4, due_month=10, kind="campaign", area="privacy"),
            activity(5, due_month=2, status="cancelled", cancel_reason="Flyttet")]
    found = rules.figures(plan, on)
    assert {k: v for k, v in found.items() if not k.startswith("by_")} == {
        "planned": 4, "done": 2, "done_on_time": 1, "done_late": 1, "overdue": 1, "upcoming": 1, "cancelled": 1}
    assert found["by_area"]["privacy"]["upcoming"] == 1 and found["by_area"]["security"]["planned"] == 3
    assert found["by_kind"]["risk_assessment"]["done"] == 2 and found["by_kind"]["exercise"]["planned"] == 0


def test_cancelling_needs_a_reason_and_status_moves_derive_done_at():
    assert "cancel_reason" in rules.change_problems(activity(1), {"status": "cancelled"})
    assert rules.change_problems(activity(1), {"status": "cancelled", "cancel_reason": "Ikke aktuelt"}) == {}
    assert rules.change_problems(activity(1, status="cancelled", cancel_reason="x"), {"title": "Ny"}) == {}
    now = datetime(2026, 5, 1, tzinfo=timezone.utc)
    assert rules.after_status_change("planned", "done", now, None, None)["done_at"] == now
    assert rules.after_status_change("done", "planned", now, now, None) == {"done_at": None, "cancel_reason": None}
    assert rules.after_status_change("cancelled", "planned", now, None, "x")["cancel_reason"] is None


def test_a_copy_is_planned_without_evidence():
    done = activity(1, status="done", done_at=datetime(2026, 3, 2, tzinfo=timezone.utc), title="ROS",
                    description=None, owner_role="isk", evidence=[approved().evidence()])
    assert rules.copied(done, 2027) == {
        "year": 2027, "status": "planned", "evidence": [], "done_at": None, "cancel_reason": None, "area": "security",
        "kind": "risk_assessment", "title": "ROS", "description": None, "owner_role": "isk", "due_month": 3,
        "expects_reference": None}


def test_the_follow_up_report_gives_the_plan_as_a_generic_table():
    on = date(2026, 6, 15)
    plan = [activity(1, status="done", done_at=datetime(2026, 3, 2, tzinfo=timezone.utc), title="ROS",
                     owner_role="isk", evidence=[approved().evidence()])]
    content = report_content.compose("annual_plan_followup", {"annual_plan": {
        "year": 2026, "activities": [{**plan[0], "standing": rules.standing(plan[0], on)}],
        "figures": rules.figures(plan, on)}}, {"assessment": "God framdrift."}, set(), None)
    sections = {s["key"]: s for s in content["sections"]}
    assert all({"key", "title_nb", "title_en"} <= set(s) for s in content["sections"])
    table = sections["activities"]["table"]
    keys = [c["key"] for c in table["columns"]]
    assert all({"key", "title_nb", "title_en"} == set(c) for c in table["columns"])
    assert table["rows"][0]["done_on"] == "2026-03-02" and table["rows"][0]["evidence"] == "ROS for fagsystemet"
    assert set(keys) == set(table["rows"][0])
    assert sections["figures"]["figures"]["done_on_time"] == 1 and sections["assessment"]["text"] == "God framdrift."
    assert report_content.INPUT_KEYS["annual_plan_followup"] == ("assessment", "next_year")
