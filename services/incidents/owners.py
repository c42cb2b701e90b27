"""An incident measure's owner is told: the events reporting turns into the owner's task, and the owner's
progress (reported with the task's link) recorded in the incident's journal, where the handler sees it."""
import logging

from sqlalchemy import select

from services.incidents.journal import record
from services.incidents.models import Incident, Measure
from shared.clock import utcnow
from shared.contracts.incidents import MEASURE_ASSIGNED, MEASURE_CLOSED
from shared.events import Event
from shared.measure_owners import ASSIGNING_FIELDS, incident_coordinator, owner_notice, progress_status
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)
FINISHED = ("done", "cancelled")
STARTED = ("in_progress",)


def state(measure: Measure) -> dict:
    return {field: getattr(measure, field) for field in (*ASSIGNING_FIELDS, "status")}


def tell_owner(uow: UnitOfWork, incident: Incident, measure: Measure, before: dict | None, by: str) -> None:
    """The owner's event when the owner must hear of the measure (shared.measure_owners.owner_notice)."""
    notice = owner_notice(before, state(measure), FINISHED)
    now = utcnow()
    if notice == "assigned":
        uow.publish(MEASURE_ASSIGNED, str(measure.id), incident.agency, {
            "measure_id": measure.id, "title": measure.title, "owner": measure.owner,
            "owner_role": measure.owner_role, "owner_system": measure.owner_system, "due_date": measure.due_date,
            "status": measure.status, "incident_id": incident.id, "incident_title": incident.title,
            "kind": incident.kind, "personal_data_involved": bool(incident.personal_data_involved),
            "coordinator": incident_coordinator(incident.handler_role, incident.personal_data_involved),
            "assigned_at": now, "assigned_by": by})
    elif notice == "closed":
        uow.publish(MEASURE_CLOSED, str(measure.id), incident.agency, {
            "measure_id": measure.id, "title": measure.title, "status": measure.status, "incident_id": incident.id,
            "closed_at": now, "closed_by": by})


def record_progress(uow: UnitOfWork, event: Event) -> int | None:
    """The owner's report from the link: the measure's status moves, and the journal says who said what.
    A report on a measure already closed, or of another agency, is kept out and logged."""
    data = event.data
    if data["subject_type"] != "incident_measure":
        return None
    measure = uow.session.scalars(select(Measure).join(Incident).where(
        Measure.id == data["measure_id"], Incident.agency == event.agency)).first()
    if measure is None:
        log.warning("progress reported on unknown incident measure %s of %s", data["measure_id"], event.agency)
        return None
    status, problem = progress_status(measure.status, data["progress"], FINISHED, STARTED)
    if problem:
        log.info("progress on incident measure %s not recorded: %s", measure.id, problem)
        return None
    incident = uow.session.get(Incident, measure.incident_id)
    before = state(measure)
    measure.status, measure.updated_at = status, utcnow()
    record(incident, data["reported_by"], "measure_progress", data["comment"], measure_id=measure.id,
           progress=data["progress"], status=status, task_id=data["task_id"])
    tell_owner(uow, incident, measure, before, data["reported_by"])
    return measure.id
