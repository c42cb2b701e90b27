"""When a measure's owner is told, and what the owner's progress report does to the measure."""
from datetime import date

import pytest

from shared.measure_owners import incident_coordinator, owner_notice, progress_status

FINISHED = ("continuous", "done", "cancelled")
STARTED = ("in_progress",)
OWNED = {"owner_role": "system_owner", "owner_system": "elevsystem", "owner": "Systemeier",
         "due_date": date(2027, 3, 31), "status": "decided"}


def test_a_new_measure_with_an_owner_role_tells_the_owner():
    assert owner_notice(None, OWNED, FINISHED) == "assigned"


def test_a_measure_without_an_owner_role_tells_nobody():
    assert owner_notice(None, {**OWNED, "owner_role": None}, FINISHED) is None
    assert owner_notice(OWNED, {**OWNED, "owner_role": None, "status": "done"}, FINISHED) is None


@pytest.mark.parametrize("change", [{"owner_role": "security_manager"}, {"owner_system": None},
                                    {"owner": "Ny systemeier"}, {"due_date": date(2027, 4, 30)}])
def test_another_owner_or_due_date_tells_the_owner_again(change):
    assert owner_notice(OWNED, {**OWNED, **change}, FINISHED) == "assigned"


def test_a_change_of_status_or_text_alone_does_not_send_the_task_again():
    assert owner_notice(OWNED, {**OWNED, "status": "in_progress"}, FINISHED) is None


@pytest.mark.parametrize("status", FINISHED)
def test_a_finished_measure_closes_the_owners_task_once(status):
    assert owner_notice(OWNED, {**OWNED, "status": status}, FINISHED) == "closed"
    assert owner_notice({**OWNED, "status": status}, {**OWNED, "status": status}, FINISHED) is None


def test_a_measure_made_with_an_owner_but_already_done_tells_nobody():
    assert owner_notice(None, {**OWNED, "status": "done"}, FINISHED) is None


def test_a_reopened_measure_tells_its_owner_again():
    assert owner_notice({**OWNED, "status": "cancelled"}, {**OWNED, "status": "decided"}, FINISHED) == "assigned"


@pytest.mark.parametrize("status, progress, expected", [
    ("decided", "in_progress", "in_progress"), ("proposed", "in_progress", "in_progress"),
    ("in_progress", "in_progress", "in_progress"), ("decided", "done", "done"), ("in_progress", "done", "done"),
])
def test_the_owners_progress_moves_the_measure(status, progress, expected):
    assert progress_status(status, progress, FINISHED, STARTED) == (expected, None)


@pytest.mark.parametrize("status", FINISHED)
def test_progress_on_a_closed_measure_is_refused(status):
    new_status, problem = progress_status(status, "in_progress", FINISHED, STARTED)
    assert new_status is None and "already closed" in problem and "allerede avsluttet" in problem


@pytest.mark.parametrize("handler_role, personal, expected", [
    ("isk", True, "isk"), ("pko", False, "pko"), (None, True, "pko"), (None, False, "isk"), (None, None, "isk")])
def test_an_incident_measure_is_followed_up_by_the_cases_coordinator(handler_role, personal, expected):
    assert incident_coordinator(handler_role, personal) == expected
