import pytest

from services.incidents import lifecycle
from shared.errors import Conflict

ALLOWED = [(current, target) for current, targets in lifecycle.TRANSITIONS.items() for target in targets]
FORBIDDEN = [(current, target) for current in lifecycle.STATUSES for target in lifecycle.STATUSES
             if target not in lifecycle.TRANSITIONS[current]]


def test_the_transition_table_is_exactly_the_documented_one():
    assert {current: set(targets) for current, targets in lifecycle.TRANSITIONS.items()} == {
        "reported": {"triage", "rejected"},
        "triage": {"investigating", "rejected"},
        "investigating": {"contained", "resolved"},
        "contained": {"resolved", "investigating"},
        "resolved": {"investigating"},
        "closed": set(),
        "rejected": set(),
    }


def test_the_table_covers_every_status():
    assert set(lifecycle.TRANSITIONS) == set(lifecycle.STATUSES)


@pytest.mark.parametrize("current, target", ALLOWED)
def test_an_allowed_move_succeeds(current, target):
    lifecycle.ensure_move(current, target)


@pytest.mark.parametrize("current, target", FORBIDDEN)
def test_any_other_move_is_a_conflict_naming_the_current_status(current, target):
    with pytest.raises(Conflict) as raised:
        lifecycle.ensure_move(current, target)
    assert raised.value.details["status"] == current


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_only_closed_and_rejected_incidents_are_frozen(status):
    if status in ("closed", "rejected"):
        with pytest.raises(Conflict) as raised:
            lifecycle.ensure_editable(status)
        assert raised.value.details["status"] == status
    else:
        lifecycle.ensure_editable(status)


@pytest.mark.parametrize("status", lifecycle.STATUSES)
def test_only_a_resolved_incident_can_be_closed(status):
    if status == "resolved":
        lifecycle.ensure_closable(status)
    else:
        with pytest.raises(Conflict) as raised:
            lifecycle.ensure_closable(status)
        assert raised.value.details["status"] == status


@pytest.mark.parametrize("status, target", [("closed", "investigating"), ("rejected", "triage")])
def test_reopening_returns_to_the_right_status(status, target):
    assert lifecycle.reopen_target(status) == target


@pytest.mark.parametrize("status", [s for s in lifecycle.STATUSES if s not in ("closed", "rejected")])
def test_an_open_incident_cannot_be_reopened(status):
    with pytest.raises(Conflict) as raised:
        lifecycle.reopen_target(status)
    assert raised.value.details["status"] == status
