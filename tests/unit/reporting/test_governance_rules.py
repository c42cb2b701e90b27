from datetime import date

import pytest

from services.reporting import governance_rules as rules


@pytest.mark.parametrize("start, months, expected", [
    (date(2025, 3, 15), 12, date(2026, 3, 15)),
    (date(2025, 8, 31), 6, date(2026, 2, 28)),    # February has no 31st: its last day
    (date(2027, 8, 31), 6, date(2028, 2, 29)),    # leap year
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 12, 1), 1, date(2026, 1, 1)),
    (date(2025, 5, 31), 60, date(2030, 5, 31)),
])
def test_months_are_counted_as_fristloven_counts_them(start, months, expected):
    assert rules.add_months(start, months) == expected


def test_next_review_counts_from_the_last_review_or_else_the_approval():
    assert rules.next_review_on(date(2024, 1, 10), None, 12) == date(2025, 1, 10)
    assert rules.next_review_on(date(2024, 1, 10), date(2025, 3, 31), 6) == date(2025, 9, 30)
    assert rules.next_review_on(None, None, 12) is None


def test_only_a_document_in_force_is_overdue_and_only_after_its_date():
    due = date(2026, 3, 1)
    assert rules.review_overdue("in_force", due, date(2026, 3, 2)) is True
    assert rules.review_overdue("in_force", due, date(2026, 3, 1)) is False, "the due date itself is in time"
    assert rules.review_overdue("draft", due, date(2027, 1, 1)) is False
    assert rules.review_overdue("retired", due, date(2027, 1, 1)) is False
    assert rules.review_overdue("in_force", None, date(2027, 1, 1)) is False


def test_a_comment_is_needed_unless_complied():
    assert rules.comment_needed("complied") is False
    assert rules.comment_needed("partly") is True
    assert rules.comment_needed("not_complied") is True


@pytest.mark.parametrize("period, year", [("2026", 2026), ("2026-H1", 2026), ("2025-Q4", 2025), ("2026-H3", None),
                                          ("26", None), ("2026-", None), ("", None)])
def test_periods(period, year):
    assert rules.period_year(period) == year


def test_advice_given_needs_the_advice_and_its_date_not_before_the_request():
    assert rules.advice_problems({"status": "open"}) == {}
    assert set(rules.advice_problems({"status": "given"})) == {"advice_given", "given_on"}
    assert rules.advice_problems({"status": "closed"}) == {}
    late = rules.advice_problems({"status": "given", "advice_given": "x", "requested_on": date(2026, 2, 1),
                                  "given_on": date(2026, 1, 1)})
    assert set(late) == {"given_on"}
