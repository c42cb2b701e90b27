"""Completion and overdue rules as plain functions: validity, leap years, people who changed unit."""
from datetime import date, datetime, timedelta, timezone

import pytest

from services.training import rules
from services.training.rules import Audience, Placement

EVERYONE = Audience()
SCHOOLS = Audience(units=frozenset({"Skole A", "Skole B"}))


@pytest.mark.parametrize("completed, months, last_valid_day", [
    (date(2025, 3, 15), 12, date(2026, 3, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),   # no 29 February in 2025: the month's last day
    (date(2024, 2, 29), 48, date(2028, 2, 29)),   # the next leap year has the day again
    (date(2025, 1, 31), 1, date(2025, 2, 28)),    # a month later is the end of February
    (date(2023, 8, 31), 6, date(2024, 2, 29)),    # ... of a leap year
    (date(2025, 12, 10), 24, date(2027, 12, 10)),
])
def test_a_completion_is_valid_for_its_months_as_fristloven_counts_them(completed, months, last_valid_day):
    assert rules.valid_until(completed, months) == last_valid_day


def test_a_one_off_course_never_runs_out():
    assert rules.valid_until(date(2020, 1, 1), None) is None
    assert rules.due_on(date(2019, 1, 1), date(2020, 1, 1), None) is None


def test_add_months_crosses_years_and_clamps_to_the_last_day():
    assert rules.add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_a_newcomer_has_the_grace_period_from_the_day_they_joined():
    assert rules.due_on(date(2026, 9, 1), None, 12, grace_days=30) == date(2026, 10, 1)
    assert rules.standing(date(2026, 10, 1), date(2026, 10, 1), has_valid=False) == "due"
    assert rules.standing(date(2026, 10, 1), date(2026, 10, 2), has_valid=False) == "overdue"


def test_a_recurring_course_is_due_when_its_validity_runs_out():
    due = rules.due_on(date(2020, 1, 1), date(2025, 6, 1), 12)
    assert due == date(2026, 6, 1)
    assert rules.standing(due, date(2026, 6, 1), has_valid=False) == "due"
    assert rules.standing(due, date(2026, 6, 2), has_valid=False) == "overdue"


def test_a_validity_that_ran_out_before_joining_leaves_the_newcomer_their_grace():
    # took the course long ago elsewhere; joined the audience last week
    assert rules.due_on(date(2026, 11, 16), date(2022, 1, 10), 12, grace_days=30) == date(2026, 12, 16)


def test_leap_day_completion_is_overdue_from_1_march_the_year_after():
    due = rules.due_on(date(2020, 1, 1), date(2024, 2, 29), 12)
    assert due == date(2025, 2, 28)
    assert rules.standing(due, date(2025, 3, 1), has_valid=False) == "overdue"
    assert rules.standing(due, date(2025, 2, 28), has_valid=False) == "due"


def test_a_move_within_the_audience_keeps_the_first_date():
    moves = [Placement("Skole A", "lærer", date(2020, 8, 1)), Placement("Skole B", "lærer", date(2026, 10, 1))]
    assert rules.in_audience_since(moves, SCHOOLS) == date(2020, 8, 1)


def test_a_move_into_the_audience_starts_the_grace_period_on_the_move():
    moves = [Placement("Bydelskontor", "saksbehandler", date(2019, 1, 1)),
             Placement("Skole A", "lærer", date(2026, 11, 2))]
    joined = rules.in_audience_since(moves, SCHOOLS)
    assert joined == date(2026, 11, 2)
    assert rules.due_on(joined, None, 24) == date(2026, 12, 2)


def test_a_move_out_of_the_audience_ends_the_duty():
    moves = [Placement("Skole A", "lærer", date(2019, 1, 1)), Placement("Bydelskontor", "leder", date(2026, 1, 1))]
    assert rules.in_audience_since(moves, SCHOOLS) is None
    assert rules.due_on(None, None, 12) is None


def test_leaving_and_coming_back_starts_afresh():
    moves = [Placement("Skole A", "lærer", date(2018, 1, 1)), Placement("Etat", "rådgiver", date(2020, 1, 1)),
             Placement("Skole B", "lærer", date(2026, 3, 1))]
    assert rules.in_audience_since(moves, SCHOOLS) == date(2026, 3, 1)


def test_a_completion_taken_in_the_old_unit_still_counts_after_the_move():
    joined = rules.in_audience_since([Placement("Skole A", "lærer", date(2020, 1, 1)),
                                      Placement("Skole B", "lærer", date(2026, 9, 1))], SCHOOLS)
    due = rules.due_on(joined, date(2026, 2, 1), 12)
    assert due == date(2027, 2, 1)


def test_audience_by_role_and_unit():
    leaders = Audience(roles=frozenset({"leder"}))
    assert leaders.includes("any unit", "leder") and not leaders.includes("any unit", "lærer")
    assert EVERYONE.includes("x", "y")
    assert not Audience(frozenset({"A"}), frozenset({"leder"})).includes("B", "leder")


@pytest.mark.parametrize("score, pass_mark, reported, expected", [
    (80, 80, None, True), (79.9, 80, None, False), (None, 80, True, True), (None, 80, None, False),
    (None, None, None, True), (40, None, None, True), (None, None, False, False), (90, 80, False, True),
])
def test_passing(score, pass_mark, reported, expected):
    assert rules.passed(score, pass_mark, reported) is expected


def test_figures_overall_per_unit_and_per_role():
    rows = [("A", "lærer", True), ("A", "lærer", False), ("B", "leder", True), ("B", "lærer", True)]
    counted = rules.figures(rows)
    assert (counted["enrolled"], counted["completed"], counted["completion_rate"]) == (4, 3, 75.0)
    assert counted["by_unit"] == [{"unit": "A", "enrolled": 2, "completed": 1, "completion_rate": 50.0},
                                  {"unit": "B", "enrolled": 2, "completed": 2, "completion_rate": 100.0}]
    assert [r["role"] for r in counted["by_role"]] == ["leder", "lærer"]
    assert rules.figures([])["completion_rate"] == 0.0


def test_reminders_are_due_by_spacing_and_never_more_than_planned():
    start = date(2026, 10, 1)
    assert rules.reminders_due(start, 3, 7, 0, date(2026, 10, 7)) == 0
    assert rules.reminders_due(start, 3, 7, 0, date(2026, 10, 8)) == 1
    assert rules.reminders_due(start, 3, 7, 1, date(2026, 11, 30)) == 3
    assert rules.reminders_due(start, 3, 7, 2, date(2026, 10, 1)) == 2  # never fewer than sent


def test_a_cluster_needs_the_threshold_within_one_window():
    t0 = datetime(2026, 10, 1, tzinfo=timezone.utc)
    days = lambda *offsets: [(t0 + timedelta(days=d), f"i{d}") for d in offsets]  # noqa: E731
    assert rules.cluster(days(0, 10, 29), timedelta(days=30), 3) == ["i0", "i10", "i29"]
    assert rules.cluster(days(0, 10, 31), timedelta(days=30), 3) == []
    assert rules.cluster(days(31, 0, 45, 40), timedelta(days=30), 3) == ["i31", "i40", "i45"]  # order of arrival
    assert rules.cluster(days(0, 1), timedelta(days=30), 3) == []


def test_topics_of_incident_categories():
    assert rules.topic_of_category("phishing") == "security"
    assert rules.topic_of_category("misdirected_email_or_letter") == "privacy"
    assert rules.topic_of_category("something_new") == "both"


def test_a_course_made_mandatory_gives_staff_already_there_the_grace_from_that_day():
    # joined years ago, never took it: due `grace` after the course became mandatory, not overdue at once
    assert rules.due_on(date(2019, 8, 1), None, None, grace_days=30, became_mandatory=date(2026, 3, 1)) \
        == date(2026, 3, 31)
    # a newcomer after that day still has the grace from joining
    assert rules.due_on(date(2026, 5, 10), None, None, grace_days=30, became_mandatory=date(2026, 3, 1)) \
        == date(2026, 6, 9)
    # without a known day (a course stored before Vern recorded it) the grace runs from joining, as before
    assert rules.due_on(date(2019, 8, 1), None, None, grace_days=30) == date(2019, 8, 31)


def test_a_validity_that_ran_out_before_the_course_became_mandatory_leaves_the_grace():
    # taken voluntarily in 2023 (valid 12 months); made mandatory in 2026: due 30 days after that
    assert rules.due_on(date(2019, 8, 1), date(2023, 1, 10), 12, grace_days=30,
                        became_mandatory=date(2026, 3, 1)) == date(2026, 3, 31)
    # a completion still valid then counts to its own end
    assert rules.due_on(date(2019, 8, 1), date(2026, 2, 1), 12, grace_days=30,
                        became_mandatory=date(2026, 3, 1)) == date(2027, 2, 1)


def test_the_grace_starts_at_the_later_of_joining_and_becoming_mandatory():
    assert rules.grace_start(date(2020, 1, 1), date(2026, 1, 1)) == date(2026, 1, 1)
    assert rules.grace_start(date(2026, 2, 1), date(2026, 1, 1)) == date(2026, 2, 1)
    assert rules.grace_start(date(2020, 1, 1), None) == date(2020, 1, 1)
