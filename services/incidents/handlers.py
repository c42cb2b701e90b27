"""Incident use cases, each given a unit of work (session + outbox) and the caller."""
import uuid

from sqlalchemy import select

from services.incidents import breach, domain
from services.incidents.models import Assessment, BreachAssessment, BreachDecision, Incident
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.incidents import INCIDENT_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED
from shared.errors import BadInput, Conflict, NotFound
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
    incident.severity = command["severity"]
    incident.personal_data_involved = personal_data
    incident.marked_serious = command["marked_serious"]
    incident.assessed_at = now
    announce_assessment(uow, incident, principal, now)
    return incident


def assess_breach(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> BreachAssessment:
    """ENISA assessment of a personal-data breach; a reassessment adds a version."""
    incident = get_incident(uow, principal, incident_id)
    if not domain.involves_personal_data(incident.kind, bool(incident.personal_data_involved)):
        raise Conflict("Only incidents involving personal data get a breach assessment / "
                       "Bare hendelser med personopplysninger kan få en bruddvurdering")
    result = breach.assess(command)
    now = utcnow()
    record = BreachAssessment(
        version=len(incident.breach_assessments) + 1, facts=command, dpc=result.dpc,
        dpc_justification=command.get("dpc_justification"), ei=result.ei, cb=result.cb, score=result.score,
        severity=result.severity, risk=result.risk, many_subjects=result.many_subjects,
        notify_authority=result.notify_authority.decision,
        notify_authority_reasons=result.notify_authority.reasons,
        notify_data_subjects=result.notify_data_subjects.decision,
        notify_data_subjects_reasons=result.notify_data_subjects.reasons,
        assessed_at=now, assessed_by=principal.sub)
    incident.breach_assessments.append(record)
    incident.breach_severity = result.severity
    incident.personal_data_involved = True
    incident.assessed_at = now
    announce_assessment(uow, incident, principal, now)
    return record


def decide_on_breach_notification(uow: UnitOfWork, principal: Principal, incident_id: str,
                                  command: dict) -> BreachDecision:
    """Record the coordinator's decision on the latest assessment; both are kept."""
    incident = get_incident(uow, principal, incident_id)
    if not incident.breach_assessments:
        raise Conflict("Assess the breach first / Vurder bruddet først")
    latest = incident.breach_assessments[-1]
    follows = breach.follows_recommendation(command["notify_authority"], command["notify_data_subjects"],
                                            latest.notify_authority, latest.notify_data_subjects)
    if not follows and not command["justification"]:
        raise BadInput("A decision that departs from the recommendation needs a justification / "
                       "Avvik fra anbefalingen må begrunnes",
                       {"justification": ["Required when the decision differs from the recommendation."]})
    decision = BreachDecision(assessment_version=latest.version, follows_recommendation=follows,
                              decided_at=utcnow(), decided_by=principal.sub, **command)
    incident.breach_decisions.append(decision)
    return decision


def announce_assessment(uow: UnitOfWork, incident: Incident, principal: Principal, now) -> None:
    """Publish the new assessment, and escalate when the incident became (more) serious."""
    severity = domain.effective_severity(incident.severity, incident.breach_severity)
    uow.publish(INCIDENT_ASSESSED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "severity": severity,
        "personal_data_involved": bool(incident.personal_data_involved),
        "marked_serious": incident.marked_serious, "breach_severity": incident.breach_severity,
        "serious": domain.is_serious(incident.severity, incident.marked_serious, incident.breach_severity),
        "assessed_at": now, "assessed_by": principal.sub,
    })
    if domain.should_escalate(incident.escalated_rank, incident.severity, incident.marked_serious,
                              incident.breach_severity):
        escalate_incident(uow, incident, now)


def escalate_incident(uow: UnitOfWork, incident: Incident, now) -> None:
    incident.escalated_at = now
    incident.escalated_rank = domain.escalation_rank(incident.severity, incident.marked_serious,
                                                     incident.breach_severity)
    incident.escalation_reason = domain.escalation_reason(incident.severity, incident.marked_serious,
                                                          incident.breach_severity)
    uow.publish(INCIDENT_ESCALATED, incident.id, incident.agency, {
        "incident_id": incident.id, "title": incident.title, "kind": incident.kind,
        "category": incident.category,
        "severity": domain.effective_severity(incident.severity, incident.breach_severity),
        "breach_severity": incident.breach_severity,
        "personal_data_involved": bool(incident.personal_data_involved),
        "reason": incident.escalation_reason, "occurred_at": incident.occurred_at,
        "aware_at": incident.aware_at, "escalated_at": now,
    })
