"""Issue 25 item 7: a course that becomes mandatory gives everyone already in its audience the grace
period from that day. Time is moved with the service's own clock (shared.clock.shifted); no test here
depends on today's date, month or hour."""
from datetime import timedelta

from services.training import compliance, courses, participants
from services.training.schemas import CreateCourseSchema
from shared.clock import shifted, today
from tests.unit.training.conftest import principal

PKO = principal("demo", "pko")
GRACE = 30
LONG_AGO = timedelta(days=3 * 365)


def load_staff(database):
    with database.unit_of_work() as uow:
        participants.load_directory(uow, PKO, {"complete": False, "participants": [
            {"participant_id": f"u-{n}", "unit": "Skole A", "role": "lærer", "since": today() - LONG_AGO,
             "active": True} for n in range(3)]})


def states(database, on=None):
    with database.unit_of_work() as uow:
        course = compliance.figures(uow, PKO, on or today())["courses"][0]
    return {key: course[key] for key in ("in_audience", "compliant", "due", "overdue")}


def course(**fields):
    return CreateCourseSchema().load({"code": "PV-101", "title": "Personvern for alle", "topic": "privacy",
                                      "grace_days": GRACE, **fields})


def test_a_course_made_mandatory_today_nobody_overdue_before_grace_days_have_passed(database):
    load_staff(database)
    with database.unit_of_work() as uow:
        made = courses.create_course(uow, PKO, course(mandatory=True))
        assert made.became_mandatory_on == today()
    day_one = today()
    assert states(database) == {"in_audience": 3, "compliant": 0, "due": 3, "overdue": 0}
    # the last day of the grace: still due; the day after: overdue
    assert states(database, day_one + timedelta(days=GRACE))["overdue"] == 0
    assert states(database, day_one + timedelta(days=GRACE + 1))["overdue"] == 3
    # and as the service sees it with its clock moved on: overdue exactly once the grace has passed
    for days in (GRACE - 1, GRACE + 2):
        with shifted(timedelta(days=days)):
            passed = (today() - day_one).days > GRACE
            assert states(database)["overdue"] == (3 if passed else 0), (days, today(), day_one)


def test_a_course_switched_to_mandatory_later_gives_the_grace_from_the_switch(database):
    load_staff(database)
    with shifted(-timedelta(days=400)):  # created long ago as voluntary
        with database.unit_of_work() as uow:
            made = courses.create_course(uow, PKO, course(mandatory=False))
            assert made.became_mandatory_on is None
    with database.unit_of_work() as uow:
        switched = courses.update_course(uow, PKO, made.id, {"mandatory": True})
        assert switched.became_mandatory_on == today()
    assert states(database)["overdue"] == 0
    assert states(database, today() + timedelta(days=GRACE + 1))["overdue"] == 3


def test_switching_a_mandatory_course_off_and_on_again_restarts_the_grace(database):
    load_staff(database)
    with shifted(-timedelta(days=200)):
        with database.unit_of_work() as uow:
            made = courses.create_course(uow, PKO, course(mandatory=True))
        with database.unit_of_work() as uow:
            courses.update_course(uow, PKO, made.id, {"mandatory": False})
    assert states_or_none(database) is None  # not mandatory: no figures for it
    with database.unit_of_work() as uow:
        again = courses.update_course(uow, PKO, made.id, {"mandatory": True})
        assert again.became_mandatory_on == today()
    assert states(database)["overdue"] == 0


def states_or_none(database):
    with database.unit_of_work() as uow:
        found = compliance.figures(uow, PKO, today())["courses"]
    return found[0] if found else None
