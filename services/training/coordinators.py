"""The coordinators' own competence (issue 25 item 6): the central team's courses and events for the
PKO and ISK, and each agency's record of which of its coordinators took part.

Both role cards ask the coordinator to keep up their own competence and to take part in the
municipality's courses and events for coordinators; the municipality view counts that per agency from
the events published here (reporting folds them, see docs/domain/coordinator-competence.md)."""
import uuid
from datetime import date

from sqlalchemy import extract, select

from services.training.models import CoordinatorCourse, CoordinatorParticipation
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.training import COORDINATOR_COURSE_PUBLISHED, COORDINATOR_PARTICIPATION_RECORDED
from shared.errors import BadInput, NotFound
from shared.pagination import fetch_page
from shared.scoping import ensure_own_agency, visible
from shared.service_database import UnitOfWork

COURSE_NAMES = ("Coordinator course", "Koordinatorkurset")
PARTICIPATION_NAMES = ("Participation", "Deltakelsen")


def publish_course(uow: UnitOfWork, principal: Principal, command: dict) -> CoordinatorCourse:
    """The central team's write: the `central` role is accepted only for the agency the directory marks
    central, so the course belongs to that agency and no other agency can publish one."""
    course = CoordinatorCourse(id=str(uuid.uuid4()), agency=principal.agency, published_at=utcnow(),
                               published_by=principal.sub, **command)
    uow.session.add(course)
    uow.session.flush()
    uow.publish(COORDINATOR_COURSE_PUBLISHED, course.id, course.agency, {
        "course_id": course.id, "title": course.title, "kind": course.kind, "starts_on": course.starts_on,
        "ends_on": course.ends_on, "roles": course.roles, "published_at": course.published_at})
    return course


def get_course(uow: UnitOfWork, course_id: str) -> CoordinatorCourse:
    """Municipality-wide: every agency reads the central team's courses."""
    course = uow.session.get(CoordinatorCourse, course_id)
    if course is None:
        raise NotFound(f"{COURSE_NAMES[0]} {course_id} not found / {COURSE_NAMES[1]} finnes ikke")
    return course


def list_courses(uow: UnitOfWork, page: int, page_size: int, year: int | None = None, role: str | None = None,
                 kind: str | None = None) -> dict:
    """Newest first. The central team publishes a few dozen a year, so `roles` (a JSON list) is filtered
    here, the same on SQLite and PostgreSQL."""
    query = select(CoordinatorCourse).order_by(CoordinatorCourse.starts_on.desc(), CoordinatorCourse.id)
    if year:
        query = query.where(extract("year", CoordinatorCourse.starts_on) == year)
    if kind:
        query = query.where(CoordinatorCourse.kind == kind)
    found = [course for course in uow.session.scalars(query) if role is None or role in course.roles]
    return {"items": found[(page - 1) * page_size: page * page_size], "page": page, "page_size": page_size,
            "total": len(found)}


def record_participation(uow: UnitOfWork, principal: Principal, command: dict, on: date) -> dict:
    """Record (or correct) whether a coordinator of the caller's agency took part. Another agency's
    coordinators are not the caller's to record: refused as every cross-agency write is (404)."""
    course = get_course(uow, command["course_id"])
    agency, person = command["agency"] or principal.agency, " ".join(command["person"].split())
    # the same person whatever the case: compared here, as SQLite's lower() leaves Æ, Ø and Å alone
    record = next((found for found in uow.session.scalars(select(CoordinatorParticipation).where(
        CoordinatorParticipation.course_id == course.id, CoordinatorParticipation.agency == agency,
        CoordinatorParticipation.role == command["role"])) if found.person.casefold() == person.casefold()), None)
    if record is None:
        record = CoordinatorParticipation(id=str(uuid.uuid4()), agency=agency, course_id=course.id, person=person)
    ensure_own_agency(principal, record, CoordinatorParticipation.__tablename__, record.id, PARTICIPATION_NAMES)
    if command["role"] not in course.roles:
        raise BadInput("Invalid input / Ugyldige data", {"role": [
            f"The course is for {', '.join(course.roles)} / Kurset er for {', '.join(course.roles)}"]})
    if command["attended"] and course.starts_on > on:
        raise BadInput("Invalid input / Ugyldige data", {"attended": [
            "The course has not been held yet / Kurset er ikke holdt ennå"]})
    attended_on = command["attended_on"] or course.starts_on
    if attended_on < course.starts_on:
        raise BadInput("Invalid input / Ugyldige data", {"attended_on": [
            "Before the course began / Før kurset begynte"]})
    record.role, record.attended, record.attended_on = command["role"], command["attended"], attended_on
    record.recorded_at, record.recorded_by = utcnow(), principal.sub
    uow.session.add(record)
    uow.session.flush()
    uow.publish(COORDINATOR_PARTICIPATION_RECORDED, record.id, record.agency, {
        "participation_id": record.id, "course_id": course.id, "role": record.role, "attended": record.attended,
        "attended_on": record.attended_on, "recorded_at": record.recorded_at})
    return view(record, course)


def list_participations(uow: UnitOfWork, principal: Principal, page: int, page_size: int,
                        course_id: str | None = None, role: str | None = None, year: int | None = None) -> dict:
    """The caller's agency's participation; the central team sees every agency's."""
    query = visible(CoordinatorParticipation, principal).join(
        CoordinatorCourse, CoordinatorCourse.id == CoordinatorParticipation.course_id)
    if course_id:
        query = query.where(CoordinatorParticipation.course_id == course_id)
    if role:
        query = query.where(CoordinatorParticipation.role == role)
    if year:
        query = query.where(extract("year", CoordinatorCourse.starts_on) == year)
    found = fetch_page(uow.session, query.order_by(CoordinatorParticipation.attended_on.desc(),
                                                   CoordinatorParticipation.agency, CoordinatorParticipation.id),
                       page, page_size)
    courses = {course.id: course for course in uow.session.scalars(select(CoordinatorCourse).where(
        CoordinatorCourse.id.in_({p.course_id for p in found["items"]})))}
    return {**found, "items": [view(p, courses[p.course_id]) for p in found["items"]]}


def view(record: CoordinatorParticipation, course: CoordinatorCourse) -> dict:
    return {"id": record.id, "agency": record.agency, "course_id": course.id, "course_title": course.title,
            "person": record.person, "role": record.role, "attended": record.attended,
            "attended_on": record.attended_on, "recorded_at": record.recorded_at, "recorded_by": record.recorded_by}
