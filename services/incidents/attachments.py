"""Evidence attachments of an incident and of its measures: found with the incident's own checks (an
employee sees only the incidents they reported, another agency's incident is a 404), changed only in
the caller's own agency and while the incident is open (shared/attachments does the rest)."""
from services.incidents import lifecycle
from services.incidents.handlers import get_incident, own_incident
from services.incidents.models import Attachment
from shared.attachments import records
from shared.attachments.records import Owner
from shared.auth import Principal
from shared.errors import NotFound
from shared.service_database import UnitOfWork


def _owner(incident, measure_id: int | None) -> Owner:
    if measure_id is None:
        return Owner("incident", incident.id, incident.agency)
    if not any(measure.id == measure_id for measure in incident.measures):
        raise NotFound(f"Measure {measure_id} not found / Tiltaket finnes ikke")
    return Owner("incident_measure", str(measure_id), incident.agency)


def readable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    return _owner(get_incident(uow, principal, record["record_id"]), record.get("measure_id"))


def writable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    incident = own_incident(uow, principal, record["record_id"])
    lifecycle.ensure_editable(incident.status)
    return _owner(incident, record.get("measure_id"))


USE_CASES = records.AttachmentUseCases(Attachment, readable, writable)
