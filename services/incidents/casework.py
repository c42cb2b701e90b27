"""Working an incident: its life cycle, handler, notes, measures, closing and reopening.

Every use case writes a journal line; status changes are announced on the bus.
"""
import logging

from services.incidents import lifecycle, owners
from services.incidents.handlers import authority_duty, own_incident
from services.incidents.journal import record
from services.incidents.models import Incident, JournalEntry, Measure
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.incidents import INCIDENT_CLOSED, INCIDENT_STATUS_CHANGED
from shared.errors import BadInput, Conflict, NotFound
from shared.events import Event
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)

DONE_MEASURES = ("done", "cancelled")


def change_status(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_move(incident.status, command["status"])
    move(uow, incident, principal, command["status"], command["note"])
    return incident


def move(uow: UnitOfWork, incident: Incident, principal: Principal, target: str, note: str | None) -> None:
    previous, now = incident.status, utcnow()
    incident.status = target
    record(incident, principal.sub, "status_changed", note, from_status=previous, to_status=target)
    uow.publish(INCIDENT_STATUS_CHANGED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "category": incident.category,
        "from_status": previous, "to_status": target, "note": note, "changed_at": now,
        "changed_by": principal.sub,
    })


def assign_handler(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    record(incident, principal.sub, "handler_assigned", before=incident.handler, after=command["handler"],
           role=command["role"])
    incident.handler, incident.handler_role = command["handler"], command["role"]
    return incident


def add_note(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    record(incident, principal.sub, "note", command["text"])
    return incident


def add_measure(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Measure:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    now = utcnow()
    measure = Measure(created_at=now, updated_at=now, created_by=principal.sub, **command)
    incident.measures.append(measure)
    uow.session.flush()  # the journal line names the measure's id
    record(incident, principal.sub, "measure_added", measure.title, measure_id=measure.id, kind=measure.kind,
           owner=measure.owner, due_date=measure.due_date, status=measure.status, owner_role=measure.owner_role,
           owner_system=measure.owner_system)
    owners.tell_owner(uow, incident, measure, None, principal.sub)
    return measure


def update_measure(uow: UnitOfWork, principal: Principal, incident_id: str, measure_id: int,
                   command: dict) -> Measure:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    measure = next((m for m in incident.measures if m.id == measure_id), None)
    if measure is None:
        raise NotFound(f"Measure {measure_id} not found / Tiltaket finnes ikke")
    if command.get("owner_role", measure.owner_role) is None:
        command = {**command, "owner_system": None}  # no owner role, no owner system
    changes = {field: {"before": getattr(measure, field), "after": value}
               for field, value in command.items() if getattr(measure, field) != value}
    before = owners.state(measure)
    for field, value in command.items():
        setattr(measure, field, value)
    if measure.owner_system and not measure.owner_role:
        raise BadInput("A system's owner needs an owner role / Systemets eier må ha en eierrolle",
                       {"owner_role": ["Name the owner role of the system / Oppgi eierrollen for systemet."]})
    owners.tell_owner(uow, incident, measure, before, principal.sub)
    if changes:
        measure.updated_at = utcnow()
        record(incident, principal.sub, "measure_updated", measure.title, measure_id=measure.id, changes=changes)
    return measure


def close_incident(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    """Close a resolved incident with its root cause and lessons; nothing may be left hanging."""
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_closable(incident.status)
    ensure_nothing_outstanding(incident)
    incident.root_cause = command["root_cause"]
    incident.lessons_learned = command["lessons_learned"]
    incident.linked_risk_ids = command["linked_risk_ids"]
    incident.closed_at, incident.closed_by = utcnow(), principal.sub
    record(incident, principal.sub, "closed", root_cause=incident.root_cause,
           lessons_learned=incident.lessons_learned, linked_risk_ids=incident.linked_risk_ids)
    move(uow, incident, principal, "closed", None)
    uow.publish(INCIDENT_CLOSED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "category": incident.category,
        "severity": incident.effective_severity, "serious": incident.serious,
        "personal_data_involved": bool(incident.personal_data_involved),
        "authority_notification": incident.authority_notification,
        "root_cause": incident.root_cause, "lessons_learned": incident.lessons_learned,
        "linked_risk_ids": incident.linked_risk_ids,
        "measures": [{"title": m.title, "kind": m.kind, "status": m.status} for m in incident.measures],
        "occurred_at": incident.occurred_at, "aware_at": incident.aware_at, "closed_at": incident.closed_at,
    })
    return incident


def ensure_nothing_outstanding(incident: Incident) -> None:
    """Open measures, an undecided breach, or a notification still due keep an incident open.

    A breach needs a decision on its latest assessment: one made before a reassessment answered other facts.
    """
    outstanding = {}
    open_measures = [m.id for m in incident.measures if m.status not in DONE_MEASURES]
    if open_measures:
        outstanding["measures"] = [f"Measures {open_measures} are not done or cancelled / Tiltak er ikke fullført."]
    if incident.personal_data_involved and not authority_duty(incident).decided:
        outstanding["breach_decision"] = ["Decide on notification for the latest assessment first (art. 33(5)) / "
                                          "Beslutt varsling for den siste vurderingen først."]
    if incident.authority_notification == "pending":
        outstanding["authority_notification"] = ["Datatilsynet has not been notified / Datatilsynet er ikke varslet."]
    if incident.subject_communication == "pending":
        outstanding["subject_communication"] = ["The data subjects have not been informed / "
                                                "De registrerte er ikke informert."]
    if outstanding:
        raise Conflict("The incident has outstanding work / Hendelsen har uavsluttet arbeid", outstanding)


def reopen_incident(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    target = lifecycle.reopen_target(incident.status)
    incident.closed_at = incident.closed_by = None
    record(incident, principal.sub, "reopened", command["reason"])
    move(uow, incident, principal, target, command["reason"])
    return incident


def record_recipient_comment(uow: UnitOfWork, event: Event) -> JournalEntry | None:
    """A recipient who confirmed receipt of a notification about an incident wrote a question or comment:
    it goes into that incident's journal, for its coordinator. Only an incident of the event's own
    agency: a task of one agency never writes into another's case."""
    data = event.data
    comment = (data.get("comment") or "").strip()
    if data["subject_type"] != "incident" or not comment:
        return None
    incident = uow.session.get(Incident, data["subject_id"])
    if incident is None or incident.agency != event.agency:
        log.warning("recipient comment on task %s ignored: no incident %s in agency %s",
                    data["task_id"], data["subject_id"], event.agency)
        return None
    role = data.get("acknowledged_by_role") or data["recipient_role"]
    return record(incident, role, "recipient_comment", comment, recipient_role=data["recipient_role"],
                  acknowledged_by_role=data.get("acknowledged_by_role"), task_id=data["task_id"],
                  acknowledged_at=data["acknowledged_at"])
