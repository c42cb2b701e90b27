"""Issue 25 item 6: the coordinators' coverage of the central team's courses and events, per agency and for
the municipality, as plain functions over the facts reporting keeps."""
from datetime import date

from services.reporting import facts
from services.reporting.report_figures import (coordinator_courses_held, coordinator_coverage, coverage_share,
                                               municipality_coverage)
from shared.contracts import training

YEAR = (date(2026, 1, 1), date(2026, 12, 31))
ON = date(2026, 6, 15)
COURSES = [
    {"id": "both", "starts_on": "2026-02-10", "ends_on": None, "roles": ["pko", "isk"]},
    {"id": "pko-two-days", "starts_on": "2026-03-30", "ends_on": "2026-03-31", "roles": ["pko"]},
    {"id": "isk", "starts_on": "2026-05-05", "ends_on": None, "roles": ["isk"]},
    {"id": "last-year", "starts_on": "2025-11-01", "ends_on": None, "roles": ["pko", "isk"]},
    {"id": "coming", "starts_on": "2026-09-01", "ends_on": None, "roles": ["pko", "isk"]},
    {"id": "going-on", "starts_on": "2026-06-14", "ends_on": "2026-06-16", "roles": ["pko"]},
]


def took_part(course_id, role, attended=True):
    return {"course_id": course_id, "role": role, "attended": attended}


def test_held_means_its_last_day_is_in_the_period_and_has_passed():
    assert [c["id"] for c in coordinator_courses_held(COURSES, *YEAR, ON)] == ["both", "pko-two-days", "isk"]
    assert "coming" in [c["id"] for c in coordinator_courses_held(COURSES, *YEAR, date(2026, 12, 31))]


def test_an_agency_counts_each_course_once_per_role_and_only_attendance():
    participations = [took_part("both", "pko"), took_part("both", "pko"),  # two PKOs: the course counts once
                      took_part("both", "isk", attended=False),  # said no: not attended
                      took_part("isk", "isk"), took_part("last-year", "pko"), took_part("coming", "pko"),
                      took_part("isk", "pko")]  # a role the course was not for: not counted
    assert coordinator_coverage(COURSES, participations, *YEAR, ON) == {
        "pko_held": 2, "pko_attended": 1, "pko_share": 50.0,
        "isk_held": 2, "isk_attended": 1, "isk_share": 50.0}


def test_nothing_held_is_no_share_not_zero():
    assert coordinator_coverage([], [], *YEAR, ON)["pko_share"] is None
    assert coverage_share(0, 0) is None and coverage_share(2, 3) == 66.7


def test_the_municipality_counts_attendances_of_all_possible_and_agencies_without():
    byr = coordinator_coverage(COURSES, [took_part("both", "pko"), took_part("pko-two-days", "pko")], *YEAR, ON)
    uke = coordinator_coverage(COURSES, [took_part("isk", "isk")], *YEAR, ON)
    assert municipality_coverage([byr, uke]) == {
        "agencies": 2, "pko_held": 2, "pko_attended": 2, "pko_share": 50.0, "pko_agencies_without": 1,
        "isk_held": 2, "isk_attended": 1, "isk_share": 25.0, "isk_agencies_without": 1}
    assert municipality_coverage([])["pko_share"] is None


def test_a_corrected_participation_replaces_the_earlier_whatever_the_order():
    fold = next(f for f in facts.FOLDS if f.event is training.COORDINATOR_PARTICIPATION_RECORDED)
    said_yes = {"participation_id": "p1", "course_id": "both", "role": "pko", "attended": True,
                "attended_on": "2026-02-10", "recorded_at": "2026-02-11T08:00:00+00:00"}
    corrected = {**said_yes, "attended": False, "recorded_at": "2026-02-12T08:00:00+00:00"}
    assert facts.fold(facts.fold({}, fold, said_yes), fold, corrected)["attended"] is False
    assert facts.fold(facts.fold({}, fold, corrected), fold, said_yes)["attended"] is False
