from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import domain

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("severity, marked, serious", [
    ("low", False, False), ("medium", False, False), ("high", False, True), ("critical", False, True),
    ("low", True, True), (None, False, False), (None, True, True),
])
def test_serious_when_high_or_critical_or_marked(severity, marked, serious):
    assert domain.is_serious(severity, marked) is serious


def test_escalates_the_first_time_it_is_serious_and_again_only_when_severity_rises():
    assert domain.should_escalate(None, "high", False)
    assert not domain.should_escalate(None, "medium", False)
    assert domain.should_escalate(None, "medium", True)
    high = domain.escalation_rank("high", False)
    assert not domain.should_escalate(high, "high", False)
    assert not domain.should_escalate(high, "medium", True)  # lower: not again
    assert domain.should_escalate(high, "critical", False)
    assert not domain.should_escalate(domain.escalation_rank("critical", False), "high", False, "very_high")


def test_a_breach_assessed_high_or_very_high_is_serious():
    assert domain.is_serious(None, False, "high")
    assert domain.is_serious("low", False, "very_high")
    assert not domain.is_serious("low", False, "medium")
    assert domain.effective_severity("medium", "very_high") == "critical"
    assert domain.effective_severity(None, None) is None


def test_escalation_reason_prefers_severity():
    assert domain.escalation_reason("critical", True) == "severity"
    assert domain.escalation_reason("low", False, "high") == "breach_severity"
    assert domain.escalation_reason("low", True) == "marked_serious"
    assert domain.escalation_reason("low", False) is None


def test_a_personal_data_breach_always_involves_personal_data():
    assert domain.involves_personal_data("personal_data_breach", False)
    assert not domain.involves_personal_data("security_incident", False)
    assert domain.involves_personal_data("deviation", True)


def test_report_times_must_be_past_and_in_order():
    assert domain.report_time_problems(NOW - timedelta(hours=2), NOW - timedelta(hours=1), NOW) == {}
    future = domain.report_time_problems(NOW + timedelta(minutes=1), NOW + timedelta(hours=1), NOW)
    assert set(future) == {"occurred_at", "aware_at"}
    assert set(domain.report_time_problems(NOW - timedelta(hours=1), NOW - timedelta(hours=2), NOW)) == {"aware_at"}
