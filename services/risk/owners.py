"""A measure's owner is told: the events reporting turns into the owner's task, and the owner's
progress (reported with the task's link) recorded in the measure's history."""
import logging

from sqlalchemy import select

from services.risk import domain
from services.risk.models import Measure, MeasureHistory
from shared.clock import utcnow
from shared.contracts.risk import MEASURE_ASSIGNED, MEASURE_CLOSED
from shared.events import Event
from shared.measure_owners import ASSIGNING_FIELDS, owner_notice, progress_status
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)
STARTED = ("in_progress",)


def state(measure: Measure) -> dict:
    """What owner_notice compares: the owner, the due date and the status."""
    return {field: getattr(measure, field) for field in (*ASSIGNING_FIELDS, "status")}


def record(uow: UnitOfWork, measure: Measure, before: dict | None, by: str, comment: str | None = None,
           kind: str | None = None) -> None:
    """The measure's history, and the owner's event when the owner must hear of it."""
    now = utcnow()
    kind = kind or ("created" if before is None else "changed")
    measure.history.append(MeasureHistory(at=now, by=by, kind=kind, status=measure.status, comment=comment))
    notice = owner_notice(before, state(measure), domain.MEASURE_FINISHED)
    if notice == "assigned":
        uow.publish(MEASURE_ASSIGNED, str(measure.id), measure.agency, {
            "measure_id": measure.id, "title": measure.title, "owner": measure.owner,
            "owner_role": measure.owner_role, "owner_system": measure.owner_system, "due_date": measure.due_date,
            "status": measure.status, "risk_id": measure.risk_id, "risk_title": measure.risk.title,
            "assessment_id": measure.risk.assessment_id or "", "assigned_at": now, "assigned_by": by})
    elif notice == "closed":
        uow.publish(MEASURE_CLOSED, str(measure.id), measure.agency, {
            "measure_id": measure.id, "title": measure.title, "status": measure.status,
            "risk_id": measure.risk_id, "closed_at": now, "closed_by": by})


def record_progress(uow: UnitOfWork, event: Event) -> int | None:
    """The owner's report from the link: the measure's status moves, and its history says who said what.
    A report on a measure already closed, or of another agency, is kept out and logged."""
    data = event.data
    if data["subject_type"] != "measure":
        return None
    measure = uow.session.scalars(select(Measure).where(Measure.id == data["measure_id"],
                                                        Measure.agency == event.agency)).first()
    if measure is None:
        log.warning("progress reported on unknown measure %s of %s", data["measure_id"], event.agency)
        return None
    status, problem = progress_status(measure.status, data["progress"], domain.MEASURE_FINISHED, STARTED)
    if problem:
        log.info("progress on measure %s not recorded: %s", measure.id, problem)
        return None
    before = state(measure)
    measure.status = status
    measure.updated_at = utcnow()
    measure.completed_at = (measure.completed_at or measure.updated_at) if status == "done" else None
    record(uow, measure, before, data["reported_by"], data["comment"], kind="progress")
    return measure.id
