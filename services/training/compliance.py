"""Mandatory training: who is compliant, due or overdue per course, unit and role, and the
`training_overdue` event, once per participant, course and due date whatever the instance count."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.training import participants, rules
from services.training.courses import NAMES as COURSE_NAMES
from services.training.models import Completion, Course, OverdueNotice, Participant
from shared.auth import Principal
from shared.contracts.training import TRAINING_OVERDUE
from shared.scoping import get_visible, visible
from shared.service_database import UnitOfWork


@dataclass(frozen=True)
class Standing:
    course: Course
    person: Participant
    due_on: date | None
    last_completed_on: date | None
    state: str  # compliant | due | overdue | not_required


def standings(session, courses: list[Course], people: list[Participant], on: date) -> list[Standing]:
    """Every participant's standing for every mandatory course whose audience they are in."""
    if not courses or not people:
        return []
    last_passed = dict(((course_id, participant_id), last) for course_id, participant_id, last in session.execute(
        select(Completion.course_id, Completion.participant_id, func.max(Completion.completed_on))
        .where(Completion.course_id.in_([c.id for c in courses]), Completion.passed.is_(True))
        .group_by(Completion.course_id, Completion.participant_id)).all())
    placements = {person.id: participants.placements_of(person) for person in people}
    found = []
    for course in courses:
        audience = rules.Audience(frozenset(course.audience_units), frozenset(course.audience_roles))
        for person in people:
            if person.agency != course.agency:
                continue
            joined = rules.in_audience_since(placements[person.id], audience)
            if joined is None:
                continue
            last = last_passed.get((course.id, person.participant_id))
            expiry = rules.valid_until(last, course.validity_months) if last else None
            has_valid = last is not None and (expiry is None or expiry >= on)
            due = rules.due_on(joined, last, course.validity_months, course.grace_days, course.became_mandatory_on)
            found.append(Standing(course, person, due, last, rules.standing(due, on, has_valid)))
    return found


def figures(uow: UnitOfWork, principal: Principal, on: date, course_id: str | None = None) -> dict:
    courses, people = _scope(uow, principal, course_id)
    by_course = defaultdict(list)
    for standing in standings(uow.session, courses, people, on):
        by_course[standing.course.id].append(standing)
    return {"on": on, "courses": [{"course_id": c.id, "code": c.code, "title": c.title,
                                   **_counts(by_course[c.id]),
                                   "by_unit": _grouped(by_course[c.id], "unit"),
                                   "by_role": _grouped(by_course[c.id], "role")} for c in courses]}


def overdue(uow: UnitOfWork, principal: Principal, on: date, page: int, page_size: int, course_id=None, unit=None,
            role=None) -> dict:
    courses, people = _scope(uow, principal, course_id)
    people = [p for p in people if (unit is None or p.unit == unit) and (role is None or p.role == role)]
    behind = sorted((s for s in standings(uow.session, courses, people, on) if s.state == "overdue"),
                    key=lambda s: (s.due_on, s.course.code, s.person.participant_id))
    shown = behind[(page - 1) * page_size: page * page_size]
    return {"items": [_overdue_view(s, on) for s in shown], "page": page, "page_size": page_size,
            "total": len(behind)}


def announce_overdue(uow: UnitOfWork, on: date, now: datetime) -> int:
    """`training_overdue` for each newly overdue participant and course, every agency at once."""
    courses = uow.session.scalars(select(Course).where(Course.mandatory.is_(True), Course.active.is_(True))).all()
    agencies = {course.agency for course in courses}
    people = uow.session.scalars(select(Participant).where(Participant.agency.in_(agencies),
                                                           Participant.active.is_(True))).all()
    announced = 0
    for standing in standings(uow.session, list(courses), list(people), on):
        if standing.state == "overdue" and _claim(uow, standing, now):
            announced += 1
            uow.publish(TRAINING_OVERDUE, standing.person.participant_id, standing.course.agency, {
                "course_id": standing.course.id, "course_title": standing.course.title,
                "topic": standing.course.topic, "participant_id": standing.person.participant_id,
                "unit": standing.person.unit, "role": standing.person.role, "due_on": standing.due_on,
                "last_completed_on": standing.last_completed_on, "detected_at": now})
    return announced


def _claim(uow: UnitOfWork, standing: Standing, now: datetime) -> bool:
    try:
        with uow.session.begin_nested():
            uow.session.add(OverdueNotice(agency=standing.course.agency, course_id=standing.course.id,
                                          participant_id=standing.person.participant_id, due_on=standing.due_on,
                                          noticed_at=now))
    except IntegrityError:
        return False  # announced before, by this instance or another
    return True


def _scope(uow: UnitOfWork, principal: Principal, course_id: str | None):
    query = visible(Course, principal).where(Course.mandatory.is_(True), Course.active.is_(True))
    if course_id:
        get_visible(uow.session, principal, Course, course_id, COURSE_NAMES)
        query = query.where(Course.id == course_id)
    courses = list(uow.session.scalars(query.order_by(Course.code)).all())
    people = list(uow.session.scalars(visible(Participant, principal).where(Participant.active.is_(True))).all())
    return courses, people


def _counts(found: list[Standing]) -> dict:
    states = defaultdict(int)
    for standing in found:
        states[standing.state] += 1
    return {"in_audience": len(found), "compliant": states["compliant"], "due": states["due"],
            "overdue": states["overdue"], "completion_rate": rules.rate(states["compliant"], len(found))}


def _grouped(found: list[Standing], key: str) -> list[dict]:
    groups = defaultdict(list)
    for standing in found:
        groups[getattr(standing.person, key)].append(standing)
    return [{key: group, **_counts(groups[group])} for group in sorted(groups)]


def _overdue_view(standing: Standing, on: date) -> dict:
    return {"course_id": standing.course.id, "code": standing.course.code, "course_title": standing.course.title,
            "participant_id": standing.person.participant_id, "unit": standing.person.unit,
            "role": standing.person.role, "due_on": standing.due_on,
            "last_completed_on": standing.last_completed_on, "days_overdue": (on - standing.due_on).days}
