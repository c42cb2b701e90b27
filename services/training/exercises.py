"""Preparedness exercises (beredskapsøvelser): planned, held, evaluated; completing one announces
its findings, and the risk service turns each into a draft risk."""
import uuid

from services.training.models import Exercise
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.contracts.training import EXERCISE_COMPLETED
from shared.errors import BadInput, Conflict
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Exercise", "Øvelsen")
# once completed, the findings have been announced: only the follow-up moves on
CHANGEABLE_WHEN_COMPLETED = {"follow_up_status"}


def create_exercise(uow: UnitOfWork, principal: Principal, command: dict) -> Exercise:
    now = utcnow()
    exercise = Exercise(id=str(uuid.uuid4()), agency=principal.agency, status="planned", created_at=now,
                        created_by=principal.sub, updated_at=now, updated_by=principal.sub,
                        **{"services_exercised": [], "routines_exercised": [], "participant_roles": [],
                           "observations": [], "follow_up_status": "open", **command,
                           "findings": numbered(command.get("findings", []))})
    uow.session.add(exercise)
    uow.session.flush()
    return exercise


def update_exercise(uow: UnitOfWork, principal: Principal, exercise_id: str, command: dict) -> Exercise:
    exercise = own_agency(uow.session, principal, Exercise, exercise_id, NAMES)
    locked = sorted(set(command) - CHANGEABLE_WHEN_COMPLETED) if exercise.status == "completed" else []
    if locked:
        raise Conflict("The exercise is completed and its findings announced; only the follow-up can change / "
                       f"Øvelsen er avsluttet: {', '.join(locked)}", {field: ["locked"] for field in locked})
    if "findings" in command:
        command = {**command, "findings": numbered(command["findings"])}
    for field, value in command.items():
        setattr(exercise, field, value)
    exercise.updated_at, exercise.updated_by = utcnow(), principal.sub
    return exercise


def complete_exercise(uow: UnitOfWork, principal: Principal, exercise_id: str, command: dict) -> Exercise:
    exercise = own_agency(uow.session, principal, Exercise, exercise_id, NAMES)
    if exercise.status == "completed":
        raise Conflict("The exercise is already completed / Øvelsen er allerede avsluttet")
    if exercise.held_on > today():
        raise BadInput("The exercise has not been held yet / Øvelsen er ikke holdt ennå",
                       {"held_on": ["in the future"]})
    evaluation = command["evaluation"] or exercise.evaluation
    if not evaluation:
        raise BadInput("An exercise is completed with its evaluation / Øvelsen avsluttes med en evaluering",
                       {"evaluation": ["Missing data for required field."]})
    now = utcnow()
    exercise.evaluation, exercise.status, exercise.completed_at = evaluation, "completed", now
    exercise.updated_at, exercise.updated_by = now, principal.sub
    uow.publish(EXERCISE_COMPLETED, exercise.id, exercise.agency, {
        "exercise_id": exercise.id, "title": exercise.title, "type": exercise.type, "scenario": exercise.scenario,
        "held_on": exercise.held_on, "services_exercised": exercise.services_exercised,
        "routines_exercised": exercise.routines_exercised, "participant_roles": exercise.participant_roles,
        "findings": exercise.findings, "completed_at": now})
    return exercise


def get_exercise(uow: UnitOfWork, principal: Principal, exercise_id: str) -> Exercise:
    return get_visible(uow.session, principal, Exercise, exercise_id, NAMES)


def list_exercises(uow: UnitOfWork, principal: Principal, page: int, page_size: int, status=None, type=None,
                   follow_up_status=None) -> dict:
    query = visible(Exercise, principal)
    for column, value in ((Exercise.status, status), (Exercise.type, type),
                          (Exercise.follow_up_status, follow_up_status)):
        if value:
            query = query.where(column == value)
    return fetch_page(uow.session, query.order_by(Exercise.held_on.desc(), Exercise.id), page, page_size)


def numbered(findings: list[dict]) -> list[dict]:
    """F1, F2, ...: stable once the exercise is completed, which is when they leave the service."""
    return [{"finding_id": f"F{number}", **finding} for number, finding in enumerate(findings, start=1)]
