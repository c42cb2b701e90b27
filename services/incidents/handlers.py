"""Incident use cases: reporting, reading, correcting and assessing, each given a unit of work and the caller.

The life cycle is in `casework`, the 72-hour duty in `notification`, the overview in `overview`.
"""
import uuid

from sqlalchemy import select

from services.incidents import breach, domain, duty, lifecycle
from services.incidents.journal import record
from services.incidents.models import Assessment, BreachAssessment, BreachDecision, Incident
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.incidents import (BREACH_ASSESSED, BREACH_DECIDED, INCIDENT_ASSESSED, INCIDENT_ESCALATED,
                                       INCIDENT_REPORTED)
from shared.errors import BadInput, Conflict, NotFound
from shared.permissions import READERS
from shared.scoping import ensure_own_agency
from shared.service_database import UnitOfWork

NAMES = ("Incident", "Hendelsen")


def visible_incidents(principal: Principal):
    """The incidents a caller may see: central reads every agency; an employee only their own reports."""
    query = select(Incident)
    if not principal.sees_all_agencies:
        query = query.where(Incident.agency == principal.agency)
    if not principal.has_any(READERS):
        query = query.where(Incident.reported_by == principal.sub)
    return query


def report_incident(uow: UnitOfWork, principal: Principal, command: dict, categories: tuple) -> Incident:
    ensure_known_category(command["category"], categories)
    details = {"affected_system_ids": [], "processing_activity_ids": [], "data_subject_categories": [],
               "personal_data_categories": [], **command}
    incident = Incident(id=str(uuid.uuid4()), agency=principal.agency, reported_by=principal.sub,
                        reported_at=utcnow(), marked_serious=False, serious=False, status="reported",
                        linked_risk_ids=[], **details)
    incident.authority_deadline = duty.authority_deadline(incident.aware_at)
    refresh_duty(incident)
    uow.session.add(incident)
    record(incident, principal.sub, "reported", kind=incident.kind, category=incident.category)
    uow.publish(INCIDENT_REPORTED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "category": incident.category,
        "title": incident.title, "occurred_at": incident.occurred_at, "aware_at": incident.aware_at,
        "reported_at": incident.reported_at, "reported_by": incident.reported_by,
    })
    return incident


def ensure_known_category(category: str, categories: tuple) -> None:
    if category not in categories:
        raise BadInput("Unknown category / Ukjent kategori",
                       {"category": [f"Must be one of: {', '.join(categories)}."]})


def update_incident(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict,
                    categories: tuple) -> Incident:
    """Correct or add facts; the journal keeps each field's value before and after."""
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    if "category" in command:
        ensure_known_category(command["category"], categories)
    merged = {field: command.get(field, getattr(incident, field)) for field in ("occurred_at", "detected_at", "aware_at")}
    problems = domain.report_time_problems(merged["occurred_at"], merged["aware_at"], utcnow(), merged["detected_at"])
    if problems:
        raise BadInput("Inconsistent times / Tidspunktene henger ikke sammen", problems)
    if "aware_at" in command and incident.authority_notifications:
        raise Conflict("aware_at cannot change after Datatilsynet was notified / "
                       "Tidspunktet for kjennskap kan ikke endres etter melding til Datatilsynet")
    changes = {}
    for field, value in command.items():
        before = getattr(incident, field)
        if before == value:
            continue
        changes[field] = {"before": before, "after": value}
        setattr(incident, field, value)
    if "aware_at" in changes:
        incident.authority_deadline = duty.authority_deadline(incident.aware_at)
        refresh_duty(incident)
    if changes:
        record(incident, principal.sub, "updated", changes=changes)
    return incident


def get_incident(uow: UnitOfWork, principal: Principal, incident_id: str) -> Incident:
    incident = uow.session.scalars(visible_incidents(principal).where(Incident.id == incident_id)).first()
    if incident is None:
        raise NotFound(f"Incident {incident_id} not found / Hendelsen finnes ikke")
    return incident


def own_incident(uow: UnitOfWork, principal: Principal, incident_id: str) -> Incident:
    """For every change: an incident of the caller's own agency; the central team reads others' only."""
    incident = get_incident(uow, principal, incident_id)
    ensure_own_agency(principal, incident, Incident.__tablename__, incident_id, NAMES)
    return incident


def assess_incident(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    severity = command["severity"] or incident.security_severity
    if severity is None:
        raise BadInput("Give a severity, or impact and scope first / Oppgi alvorlighet, eller påvirkning og omfang",
                       {"severity": ["Required while the incident has no impact and scope."]})
    now = utcnow()
    personal_data = domain.involves_personal_data(incident.kind, command["personal_data_involved"])
    incident.assessments.append(Assessment(
        severity=severity, personal_data_involved=personal_data,
        marked_serious=command["marked_serious"], rationale=command["rationale"],
        assessed_at=now, assessed_by=principal.sub))
    incident.severity = severity
    incident.personal_data_involved = personal_data
    incident.marked_serious = command["marked_serious"]
    incident.assessed_at = now
    refresh_duty(incident)
    record(incident, principal.sub, "assessed", command["rationale"], severity=severity,
           personal_data_involved=personal_data, marked_serious=command["marked_serious"])
    announce_assessment(uow, incident, principal, now)
    return incident


def assess_breach(uow: UnitOfWork, principal: Principal, incident_id: str, command: dict) -> BreachAssessment:
    """ENISA assessment of a personal-data breach; a reassessment adds a version."""
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    ensure_personal_data(incident)
    result = breach.assess(command)
    now = utcnow()
    assessment = BreachAssessment(
        version=len(incident.breach_assessments) + 1, facts=command, dpc=result.dpc,
        dpc_justification=command.get("dpc_justification"), ei=result.ei, cb=result.cb, score=result.score,
        severity=result.severity, risk=result.risk, many_subjects=result.many_subjects,
        notify_authority=result.notify_authority.decision,
        notify_authority_reasons=result.notify_authority.reasons,
        notify_data_subjects=result.notify_data_subjects.decision,
        notify_data_subjects_reasons=result.notify_data_subjects.reasons,
        assessed_at=now, assessed_by=principal.sub)
    incident.breach_assessments.append(assessment)
    incident.breach_severity = result.severity
    incident.personal_data_involved = True
    incident.assessed_at = now
    refresh_duty(incident)
    record(incident, principal.sub, "breach_assessed", version=assessment.version, score=result.score,
           severity=result.severity, risk=result.risk, notify_authority=result.notify_authority.decision,
           notify_data_subjects=result.notify_data_subjects.decision)
    announce_assessment(uow, incident, principal, now)
    current = authority_duty(incident)
    uow.publish(BREACH_ASSESSED, incident.id, incident.agency, {
        **breach_facts(incident), "version": assessment.version, "severity": assessment.severity,
        "score": assessment.score, "risk": assessment.risk,
        "recommended_notify_authority": assessment.notify_authority,
        "recommended_notify_data_subjects": assessment.notify_data_subjects,
        "notify_authority": current.notify_authority, "decided": current.decided,
        "approx_data_subjects": command.get("data_subjects"), "assessed_at": now, "assessed_by": principal.sub,
    })
    return assessment


def decide_on_breach_notification(uow: UnitOfWork, principal: Principal, incident_id: str,
                                  command: dict) -> BreachDecision:
    """Record the coordinator's decision on the latest assessment; both are kept."""
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
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
    refresh_duty(incident)
    record(incident, principal.sub, "breach_decision", command["justification"],
           assessment_version=latest.version, notify_authority=decision.notify_authority,
           notify_data_subjects=decision.notify_data_subjects, subject_exemption=decision.subject_exemption,
           follows_recommendation=follows)
    uow.publish(BREACH_DECIDED, incident.id, incident.agency, {
        **breach_facts(incident), "assessment_version": latest.version, "severity": latest.severity,
        "notify_authority": decision.notify_authority, "notify_data_subjects": decision.notify_data_subjects,
        "subject_exemption": decision.subject_exemption, "follows_recommendation": follows,
        "justification": decision.justification, "decided_at": decision.decided_at,
        "decided_by": decision.decided_by,
    })
    return decision


def breach_facts(incident: Incident) -> dict:
    """What both breach events say of the incident and its 72-hour clock."""
    return {"incident_id": incident.id, "title": incident.title, "kind": incident.kind,
            "category": incident.category, "personal_data_involved": True, "aware_at": incident.aware_at,
            "deadline": incident.authority_deadline, "occurred_at": incident.occurred_at,
            "incident_severity": domain.effective_severity(incident.severity, incident.breach_severity)}


def ensure_personal_data(incident: Incident) -> None:
    """Breach assessment, notification and communication apply only where personal data are involved."""
    if not domain.involves_personal_data(incident.kind, bool(incident.personal_data_involved)):
        raise Conflict("Only for incidents involving personal data / Gjelder bare hendelser med personopplysninger")


def authority_duty(incident: Incident) -> duty.AuthorityDuty:
    """The current art. 33 duty of an incident: its latest decision or, after a reassessment, recommendation."""
    latest = incident.breach_assessments[-1] if incident.breach_assessments else None
    decision = incident.breach_decisions[-1] if incident.breach_decisions else None
    return duty.current_authority_duty(latest.version if latest else None, latest.notify_authority if latest else None,
                                       decision.assessment_version if decision else None,
                                       decision.notify_authority if decision else None)


def refresh_duty(incident: Incident) -> None:
    """Derive where the art. 33 notification and the art. 34 communication stand."""
    personal_data = domain.involves_personal_data(incident.kind, bool(incident.personal_data_involved))
    decision = incident.breach_decisions[-1] if incident.breach_decisions else None
    first = incident.authority_notifications[0].submitted_at if incident.authority_notifications else None
    incident.authority_notification = duty.authority_state(
        personal_data, authority_duty(incident).notify_authority, first, incident.authority_deadline)
    incident.subject_communication = duty.subject_state(
        decision.notify_data_subjects if decision else None,
        bool(incident.subject_communications)) if personal_data else None


def announce_assessment(uow: UnitOfWork, incident: Incident, principal: Principal, now) -> None:
    """Publish the new assessment, and escalate when the incident became (more) serious."""
    severity = domain.effective_severity(incident.severity, incident.breach_severity)
    incident.effective_severity = severity
    incident.serious = domain.is_serious(incident.severity, incident.marked_serious, incident.breach_severity)
    uow.publish(INCIDENT_ASSESSED, incident.id, incident.agency, {
        "incident_id": incident.id, "kind": incident.kind, "severity": severity,
        "personal_data_involved": bool(incident.personal_data_involved),
        "marked_serious": incident.marked_serious, "breach_severity": incident.breach_severity,
        "serious": incident.serious,
        "assessed_at": now, "assessed_by": principal.sub,
        "title": incident.title, "category": incident.category, "aware_at": incident.aware_at,
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
    record(incident, "vern", "escalated", reason=incident.escalation_reason, severity=incident.effective_severity)
    uow.publish(INCIDENT_ESCALATED, incident.id, incident.agency, {
        "incident_id": incident.id, "title": incident.title, "kind": incident.kind,
        "category": incident.category,
        "severity": domain.effective_severity(incident.severity, incident.breach_severity),
        "breach_severity": incident.breach_severity,
        "personal_data_involved": bool(incident.personal_data_involved),
        "reason": incident.escalation_reason, "occurred_at": incident.occurred_at,
        "aware_at": incident.aware_at, "escalated_at": now,
        "approx_data_subjects": incident.approx_data_subjects, "approx_records": incident.approx_records,
        "data_subject_categories": incident.data_subject_categories or [],
        "personal_data_categories": incident.personal_data_categories or [],
        "likely_consequences": incident.likely_consequences,
        "measures": [{"title": m.title, "kind": m.kind, "status": m.status} for m in incident.measures],
    })
