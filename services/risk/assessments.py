"""Risk assessment use cases: plan, carry out, complete, approve and revise.

Completing is ISO/IEC 27005's evaluation step: each risk is then held against the
acceptance criteria and an unacceptable one is announced to the agency head. An
approval locks the content and keeps the risks as approved; revising reopens it.
"""
import uuid
from collections import Counter

from sqlalchemy import select

from services.risk import acceptability, criteria, domain, matrix
from services.risk.models import Assessment, AssessmentHistory, Risk
from services.risk.scoping import get_visible, own_agency, visible
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.contracts.risk import ASSESSMENT_APPROVED, ASSESSMENT_COMPLETED
from shared.errors import Conflict
from shared.pagination import fetch_page
from shared.service_database import UnitOfWork


def create_assessment(uow: UnitOfWork, principal: Principal, command: dict) -> Assessment:
    now = utcnow()
    assessment = Assessment(
        id=str(uuid.uuid4()), agency=principal.agency, status="planned", created_at=now, updated_at=now,
        created_by=principal.sub, matrix=criteria.in_force_for_new_assessment(uow.session, principal.agency,
                                                                             principal.sub),
        **{"asset_ids": [], "participants": [], **command})
    assessment.history = [AssessmentHistory(at=now, by=principal.sub, from_status=None, to_status="planned")]
    uow.session.add(assessment)
    return assessment


def get_assessment(uow: UnitOfWork, principal: Principal, assessment_id: str) -> Assessment:
    return get_visible(uow.session, principal, Assessment, assessment_id)


def list_assessments(uow: UnitOfWork, principal: Principal, status=None, scope=None, review_overdue=None,
                     page=1, page_size=25) -> dict:
    query = visible(Assessment, principal)
    if status:
        query = query.where(Assessment.status == status)
    if scope:
        query = query.where(Assessment.scope == scope)
    if review_overdue is not None:
        late = Assessment.next_review_date.is_not(None) & (Assessment.next_review_date < today())
        query = query.where(late if review_overdue else ~late)
    return fetch_page(uow.session, query.order_by(Assessment.created_at.desc()), page, page_size)


def editable_assessment(uow: UnitOfWork, principal: Principal, assessment_id: str) -> Assessment:
    assessment = own_agency(uow.session, principal, Assessment, assessment_id)
    if assessment.status not in domain.EDITABLE_ASSESSMENT:
        raise Conflict(f"The assessment is {assessment.status}; revise it to change it / "
                       f"Vurderingen er {assessment.status}; åpne den for revisjon for å endre den")
    return assessment


def update_assessment(uow: UnitOfWork, principal: Principal, assessment_id: str, command: dict) -> Assessment:
    assessment = editable_assessment(uow, principal, assessment_id)
    for field, value in command.items():
        setattr(assessment, field, value)
    assessment.updated_at = utcnow()
    return assessment


def change_status(uow: UnitOfWork, principal: Principal, assessment_id: str, command: dict) -> Assessment:
    """Start, complete (submit for approval), or revise (back to in progress)."""
    assessment = own_agency(uow.session, principal, Assessment, assessment_id)
    target = command["status"]
    _ensure_can_move(assessment, target)
    risks = _risks_of(uow, assessment)
    if target == "completed" and not risks:
        raise Conflict("Add at least one risk before completing / Legg inn minst én risiko før fullføring")
    now = _move(assessment, target, principal.sub, command.get("note"))
    if target == "completed":
        assessment.completed_at, assessment.completed_by = now, principal.sub
        for risk in risks:
            acceptability.settle(uow, risk, now)
        uow.publish(ASSESSMENT_COMPLETED, assessment.id, assessment.agency, {
            **summary(assessment, risks), "completed_at": now, "completed_by": principal.sub})
    return assessment


def approve(uow: UnitOfWork, principal: Principal, assessment_id: str, note: str | None) -> Assessment:
    """The agency head approves a completed assessment; the risks as approved are kept in its history."""
    assessment = own_agency(uow.session, principal, Assessment, assessment_id)
    _ensure_can_move(assessment, "approved")
    risks = _risks_of(uow, assessment)
    now = _move(assessment, "approved", principal.sub, note)
    assessment.history[-1].snapshot = [acceptability.state(risk) for risk in risks]
    assessment.approved_at, assessment.approved_by, assessment.approval_note = now, principal.sub, note
    uow.publish(ASSESSMENT_APPROVED, assessment.id, assessment.agency, {
        **summary(assessment, risks), "approved_at": now, "approved_by": principal.sub, "note": note})
    return assessment


def summary(assessment: Assessment, risks: list[Risk]) -> dict:
    rated = [risk for risk in risks if risk.residual_level]
    counts = Counter(risk.residual_level for risk in rated)
    return {"assessment_id": assessment.id, "title": assessment.title, "scope": assessment.scope,
            "risk_count": len(rated), "level_counts": {level: counts.get(level, 0) for level in matrix.LEVELS},
            "unacceptable_count": sum(1 for risk in rated if risk.acceptable is False),
            "matrix_version": assessment.matrix.version, "next_review_date": assessment.next_review_date}


def _ensure_can_move(assessment: Assessment, target: str) -> None:
    if not domain.can_move(assessment.status, target):
        raise Conflict(f"Cannot go from {assessment.status} to {target} / "
                       f"Kan ikke gå fra {assessment.status} til {target}")


def _move(assessment: Assessment, target: str, by: str, note: str | None):
    now = utcnow()
    assessment.history.append(AssessmentHistory(at=now, by=by, from_status=assessment.status, to_status=target,
                                                note=note))
    assessment.status, assessment.updated_at = target, now
    return now


def _risks_of(uow: UnitOfWork, assessment: Assessment) -> list[Risk]:
    return list(uow.session.scalars(select(Risk).where(Risk.assessment_id == assessment.id, Risk.status == "open")
                                    .order_by(Risk.created_at)).all())
