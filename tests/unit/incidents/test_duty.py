from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import duty

AWARE = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
DEADLINE = AWARE + timedelta(hours=72)
SECOND = timedelta(seconds=1)


def test_the_deadline_is_72_hours_after_awareness():
    assert duty.authority_deadline(AWARE) == datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("personal_data, decision, submitted_at, state", [
    (False, None, None, None),
    (False, "required", DEADLINE - SECOND, None),
    (True, None, None, "pending"),
    (True, "not_required", None, "not_required"),
    (True, "required", None, "pending"),
    (True, "required", DEADLINE - timedelta(hours=1), "submitted"),
    (True, "required", DEADLINE, "submitted"),
    (True, None, DEADLINE - SECOND, "submitted"),
    (True, "required", DEADLINE + SECOND, "late"),
    (True, "not_required", DEADLINE + SECOND, "late"),
    (True, "not_required", DEADLINE - SECOND, "submitted"),
])
def test_authority_state(personal_data, decision, submitted_at, state):
    assert duty.authority_state(personal_data, decision, submitted_at, DEADLINE) == state


@pytest.mark.parametrize("latest, recommended, decided_on, decision, expected", [
    (None, None, None, None, (None, False)),  # nothing assessed: no duty yet, the clock runs
    (1, "not_required", None, None, ("not_required", False)),  # undecided: the recommendation stands
    (1, "required", None, None, ("required", False)),
    (1, "required", 1, "not_required", ("not_required", True)),  # a decision on the latest version counts
    (1, "not_required", 1, "required", ("required", True)),
    (2, "required", 1, "not_required", ("required", False)),  # reassessed: the new recommendation stands
    (2, "not_required", 1, "required", ("not_required", False)),
    (2, "required", 2, "not_required", ("not_required", True)),  # ... until the coordinator decides again
])
def test_the_current_authority_duty(latest, recommended, decided_on, decision, expected):
    assert duty.current_authority_duty(latest, recommended, decided_on, decision) == expected


def test_the_current_duty_names_its_parts():
    current = duty.current_authority_duty(3, "required", 2, "not_required")
    assert current.notify_authority == "required" and current.decided is False


@pytest.mark.parametrize("decision, communicated, state", [
    ("required", True, "communicated"),
    ("exempt", True, "communicated"),
    (None, True, "communicated"),
    ("required", False, "pending"),
    ("exempt", False, "exempt"),
    (None, False, None),
])
def test_subject_state(decision, communicated, state):
    assert duty.subject_state(decision, communicated) == state


@pytest.mark.parametrize("state, now, overdue", [
    ("pending", DEADLINE + SECOND, True),
    ("pending", DEADLINE, False),
    ("pending", DEADLINE - SECOND, False),
    ("submitted", DEADLINE + SECOND, False),
    ("late", DEADLINE + SECOND, False),
    ("not_required", DEADLINE + SECOND, False),
    (None, DEADLINE + SECOND, False),
])
def test_overdue_only_when_pending_and_strictly_after_the_deadline(state, now, overdue):
    assert duty.is_overdue(state, DEADLINE, now) is overdue


def test_a_missed_deadline_is_flagged_once():
    after = DEADLINE + SECOND
    assert duty.deadline_missed("pending", DEADLINE, after, already_flagged=False) is True
    assert duty.deadline_missed("pending", DEADLINE, after, already_flagged=True) is False
    assert duty.deadline_missed("pending", DEADLINE, DEADLINE, already_flagged=False) is False


def problems(phase="initial", submitted_at=DEADLINE - SECOND, delay_reason=None, has_initial=False,
             now=DEADLINE + timedelta(days=1)):
    return duty.submission_problems(phase, submitted_at, DEADLINE, delay_reason, has_initial, now)


def test_a_timely_initial_submission_has_no_problems():
    assert problems() == {}


def test_a_submission_cannot_be_in_the_future():
    assert set(problems(submitted_at=DEADLINE - SECOND, now=DEADLINE - timedelta(hours=1))) == {"submitted_at"}


def test_a_second_initial_submission_is_refused():
    assert set(problems(has_initial=True)) == {"phase"}


def test_a_supplementary_submission_needs_an_initial_one():
    assert set(problems(phase="supplementary", has_initial=False)) == {"phase"}
    assert problems(phase="supplementary", has_initial=True) == {}


def test_a_late_initial_submission_needs_a_delay_reason():
    assert set(problems(submitted_at=DEADLINE + SECOND)) == {"delay_reason"}
    assert set(problems(submitted_at=DEADLINE + SECOND, delay_reason="")) == {"delay_reason"}


def test_a_late_initial_submission_with_a_reason_is_fine():
    assert problems(submitted_at=DEADLINE + SECOND, delay_reason="Waited for the vendor's report") == {}


def test_a_late_supplementary_submission_needs_no_reason():
    assert problems(phase="supplementary", has_initial=True, submitted_at=DEADLINE + timedelta(hours=5)) == {}
