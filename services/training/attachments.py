"""Evidence attachments of a preparedness exercise: found with the exercise's own checks (another
agency's is a 404), added and removed by the coordinators of its own agency (shared/attachments does
the rest)."""
from services.training.exercises import NAMES
from services.training.models import Attachment, Exercise
from shared.attachments import records
from shared.attachments.records import Owner
from shared.auth import Principal
from shared.scoping import get_visible, own_agency
from shared.service_database import UnitOfWork


def readable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    exercise = get_visible(uow.session, principal, Exercise, record["record_id"], NAMES)
    return Owner("exercise", exercise.id, exercise.agency)


def writable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    exercise = own_agency(uow.session, principal, Exercise, record["record_id"], NAMES)
    return Owner("exercise", exercise.id, exercise.agency)


USE_CASES = records.AttachmentUseCases(Attachment, readable, writable)
