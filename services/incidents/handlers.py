"""Incident use cases, each given a unit of work (session + outbox) and the caller."""
import uuid

from sqlalchemy import select

from services.incidents import domain
from services.incidents.models import Assessment, Incident
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.incidents import INCIDENT_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED
from shared.errors import NotFound
from shared.pagination import fetch_page
from shared.permissions import READERS
from shared.store import UnitOfWork


def visible_incidents(principal: Principal):
    """The incidents a caller may see: central reads every agency; an employee only their own reports."""
    query = select(Incident)
    if not principal.sees_all_agencies:
        query = query.where(Incident.agency == principal.agency)
    if not principal.has_any(READERS):
        query = query.where(Incident.reported_by == principal.sub)
    return query


def report_incident(uow: UnitOfWork, principal: Principal, command: dict) -> Incident:
    incident = Incident(id=str(uuid.uuid4()), agency=principal.agency, reported_by=principal.sub,
                        reported_at=utcnow(), marked_serious=False, **command)
    uow.session.add(incident)
    uow.publish(INCIDENT_REPORTED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "category": incident.category,
        "title": incident.title, "occurred_at": incident.occurred_at, "aware_at": incident.aware_at,
        "reported_at": incident.reported_at, "reported_by": incident.reported_by,
    })
    return incident


def get_incident(uow: UnitOfWork, principal: Principal, incident_id: str) -> Incident:
    incident = uow.session.scalars(visible_incidents(principal).where(Incident.id == incident_id)).first()
    if incident is None:
        raise NotFound(f"Incident {incident_id} not found / Hendelsen finnes ikke")
    return incident


def list_incidents(uow: UnitOfWork, principal: Principal, page: int, page_size: int) -> dict:
    query = visible_incidents(principal).order_by(Incident.reported_at.desc(), Incident.id)
    return fetch_page(uow.session, query, page, page_size)


def assess_incident(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = get_incident(uow, principal, incident_id)
    now = utcnow()
    personal_data = domain.involves_personal_data(incident.kind, command["personal_data_involved"])
    incident.assessments.append(Assessment(
        severity=command["severity"], personal_data_involved=personal_data,
        marked_serious=command["marked_serious"], rationale=command["rationale"],
        assessed_at=now, assessed_by=principal.sub))
    escalate = domain.should_escalate(incident.escalated_at is not None, command["severity"],
                                      command["marked_serious"])
    incident.severity = command["severity"]
    incident.personal_data_involved = personal_data
    incident.marked_serious = command["marked_serious"]
    incident.assessed_at = now
    uow.publish(INCIDENT_ASSESSED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "severity": incident.severity,
        "personal_data_involved": personal_data, "marked_serious": incident.marked_serious,
        "serious": domain.is_serious(incident.severity, incident.marked_serious),
        "assessed_at": now, "assessed_by": principal.sub,
    })
    if escalate:
        escalate_incident(uow, incident, now)
    return incident


def escalate_incident(uow: UnitOfWork, incident: Incident, now) -> None:
    incident.escalated_at = now
    incident.escalation_reason = domain.escalation_reason(incident.severity, incident.marked_serious)
    uow.publish(INCIDENT_ESCALATED, incident.id, incident.agency, {
        "incident_id": incident.id, "title": incident.title, "kind": incident.kind,
        "category": incident.category, "severity": incident.severity,
        "personal_data_involved": bool(incident.personal_data_involved),
        "reason": incident.escalation_reason, "occurred_at": incident.occurred_at,
        "aware_at": incident.aware_at, "escalated_at": now,
    })
