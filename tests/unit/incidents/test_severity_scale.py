from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import domain

SCOPES = ("individual", "unit", "agency", "several_agencies")
TABLE = {
    "none": ("low", "low", "low", "low"),
    "low": ("low", "low", "medium", "medium"),
    "medium": ("low", "medium", "high", "high"),
    "high": ("medium", "high", "critical", "critical"),
}
CELLS = [(impact, scope, severity) for impact, row in TABLE.items() for scope, severity in zip(SCOPES, row)]
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("position", ["confidentiality", "integrity", "availability"])
@pytest.mark.parametrize("impact, scope, severity", CELLS)
def test_severity_follows_the_documented_table(impact, scope, severity, position):
    cia = {"confidentiality": "none", "integrity": "none", "availability": "none", position: impact}
    assert domain.security_severity(cia["confidentiality"], cia["integrity"], cia["availability"], scope) == severity


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("cia", [("low", "high", "medium"), ("medium", "low", "high"), ("high", "medium", "low")])
def test_the_highest_of_the_three_impacts_counts(cia, scope):
    assert domain.security_severity(*cia, scope) == TABLE["high"][SCOPES.index(scope)]


@pytest.mark.parametrize("scope", SCOPES)
def test_a_lower_impact_elsewhere_does_not_lift_severity(scope):
    assert domain.security_severity("low", "medium", "low", scope) == TABLE["medium"][SCOPES.index(scope)]


@pytest.mark.parametrize("args", [
    (None, "none", "none", "unit"), ("high", None, "none", "unit"), ("high", "none", None, "unit"),
    ("high", "none", "none", None), (None, None, None, None),
])
def test_severity_is_unknown_until_all_four_inputs_are_given(args):
    assert domain.security_severity(*args) is None


def test_consistent_times_have_no_problems():
    assert domain.report_time_problems(NOW - 3 * HOUR, NOW - HOUR, NOW, detected_at=NOW - 2 * HOUR) == {}


@pytest.mark.parametrize("detected_at", [NOW - 4 * HOUR, NOW - 30 * timedelta(minutes=1)], ids=["before_occurred",
                                                                                                "after_aware"])
def test_detection_must_lie_between_occurrence_and_awareness(detected_at):
    problems = domain.report_time_problems(NOW - 3 * HOUR, NOW - HOUR, NOW, detected_at=detected_at)
    assert set(problems) == {"detected_at"}


def test_detection_cannot_be_in_the_future():
    problems = domain.report_time_problems(NOW - 3 * HOUR, NOW - HOUR, NOW, detected_at=NOW + HOUR)
    assert "detected_at" in problems
    assert set(problems) == {"detected_at"}
