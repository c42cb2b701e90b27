"""Courses: what there is to take, for whom, how often, and with what pass mark."""
import uuid

from sqlalchemy import select

from services.training.models import Course
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.errors import Conflict
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Course", "Kurset")


def create_course(uow: UnitOfWork, principal: Principal, command: dict) -> Course:
    _code_is_free(uow, principal.agency, command["code"])
    now = utcnow()
    course = Course(id=str(uuid.uuid4()), agency=principal.agency, created_at=now, created_by=principal.sub,
                    updated_at=now, updated_by=principal.sub,
                    became_mandatory_on=today() if command.get("mandatory") else None,
                    **{"audience_roles": [], "audience_units": [], **command})
    uow.session.add(course)
    uow.session.flush()
    return course


def update_course(uow: UnitOfWork, principal: Principal, course_id: str, command: dict) -> Course:
    course = own_agency(uow.session, principal, Course, course_id, NAMES)
    if "code" in command and command["code"].lower() != course.code.lower():
        _code_is_free(uow, course.agency, command["code"])
    if "mandatory" in command and command["mandatory"] != course.mandatory:
        # switched on: the grace starts now for everyone; switched off: nothing is due any more
        course.became_mandatory_on = today() if command["mandatory"] else None
    for field, value in command.items():
        setattr(course, field, value)
    course.updated_at, course.updated_by = utcnow(), principal.sub
    return course


def get_course(uow: UnitOfWork, principal: Principal, course_id: str) -> Course:
    return get_visible(uow.session, principal, Course, course_id, NAMES)


def list_courses(uow: UnitOfWork, principal: Principal) -> list[Course]:
    return list(uow.session.scalars(visible(Course, principal).order_by(Course.code)).all())


def courses_by_reference(uow: UnitOfWork, agency: str) -> dict[str, Course]:
    """An agency's courses under the names a file may use for them: the code (any case) and the id."""
    found = {}
    for course in uow.session.scalars(select(Course).where(Course.agency == agency)).all():
        found[course.code.lower()] = course
        found[course.id] = course
    return found


def _code_is_free(uow: UnitOfWork, agency: str, code: str) -> None:
    taken = uow.session.scalars(select(Course.id).where(Course.agency == agency,
                                                        Course.code.ilike(code))).first()
    if taken:
        raise Conflict(f"Course code {code} is already used / Kurskoden {code} er i bruk", {"code": [code]})
