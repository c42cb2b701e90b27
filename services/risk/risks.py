"""Risk use cases: identify and rate risks, treat them with measures, take drafts into an assessment.

Ratings are checked against the assessment's own matrix. A material change voids
the agency head's acceptance (decisions.void_acceptance).
"""
import uuid

from sqlalchemy import select

from services.risk import acceptability, criteria, decisions, domain, matrix, owners
from services.risk.assessments import editable_assessment
from services.risk.models import Measure, Risk
from services.risk.scoping import get_visible, own_agency
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import BadInput, Conflict, NotFound
from shared.service_database import UnitOfWork

RATINGS = ("likelihood", "consequence", "residual_likelihood", "residual_consequence")


def add_risk(uow: UnitOfWork, principal: Principal, assessment_id: str, command: dict) -> Risk:
    assessment = editable_assessment(uow, principal, assessment_id)
    _ensure_on_scale(assessment, command)
    now = utcnow()
    risk = Risk(id=str(uuid.uuid4()), agency=assessment.agency, assessment=assessment,
                reference=_next_reference(uow, assessment.id), status="open", needs_reassessment=False,
                reassessment_reasons=[], created_at=now, created_by=principal.sub, updated_at=now,
                updated_by=principal.sub, **{"affects": [], **command})
    uow.session.add(risk)
    acceptability.settle(uow, risk, now)
    return risk


def get_risk(uow: UnitOfWork, principal: Principal, risk_id: str) -> Risk:
    return get_visible(uow.session, principal, Risk, risk_id)


def update_risk(uow: UnitOfWork, principal: Principal, risk_id: str, command: dict) -> Risk:
    """Change a risk of an assessment in progress; closing it is a change like any other."""
    risk = own_agency(uow.session, principal, Risk, risk_id)
    if risk.status in ("draft", "dismissed"):
        raise Conflict("Take the draft into an assessment first / Ta utkastet inn i en vurdering først")
    editable_assessment(uow, principal, risk.assessment_id)
    _ensure_on_scale(risk.assessment, {field: command.get(field, getattr(risk, field)) for field in RATINGS})
    changed = domain.material_changes({field: getattr(risk, field) for field in domain.MATERIAL_FIELDS}, command)
    for field, value in command.items():
        setattr(risk, field, value)
    risk.updated_at, risk.updated_by = utcnow(), principal.sub
    if changed:
        decisions.void_acceptance(risk, risk.updated_at, f"changed: {', '.join(changed)}")
    if set(command) & set(RATINGS):  # rated again, even to the same values: the flag is answered
        risk.needs_reassessment = False
    acceptability.settle(uow, risk, risk.updated_at)
    return risk


def adopt_draft(uow: UnitOfWork, principal: Principal, risk_id: str, command: dict) -> Risk:
    """The ISK takes a draft (an exercise finding) into an assessment with its ratings."""
    risk = _draft(uow, principal, risk_id)
    command = dict(command)
    assessment = editable_assessment(uow, principal, command.pop("assessment_id"))
    _ensure_on_scale(assessment, command)
    for field, value in command.items():
        setattr(risk, field, value)
    risk.assessment, risk.status = assessment, "open"
    risk.reference = _next_reference(uow, assessment.id)
    risk.updated_at, risk.updated_by = utcnow(), principal.sub
    acceptability.settle(uow, risk, risk.updated_at)
    return risk


def dismiss_draft(uow: UnitOfWork, principal: Principal, risk_id: str, reason: str) -> Risk:
    risk = _draft(uow, principal, risk_id)
    risk.status, risk.updated_at, risk.updated_by = "dismissed", utcnow(), principal.sub
    risk.origin = {**(risk.origin or {}), "dismissed_because": reason}
    return risk


def _draft(uow: UnitOfWork, principal: Principal, risk_id: str) -> Risk:
    risk = own_agency(uow.session, principal, Risk, risk_id)
    if risk.status != "draft":
        raise Conflict(f"The risk is {risk.status}, not a draft / Risikoen er {risk.status}, ikke et utkast")
    return risk


def add_measure(uow: UnitOfWork, principal: Principal, risk_id: str, command: dict) -> Measure:
    """Measures are followed up after approval too, so they do not need an open assessment."""
    risk = _treatable(uow, principal, risk_id)
    now = utcnow()
    measure = Measure(risk=risk, agency=risk.agency, created_at=now, created_by=principal.sub, updated_at=now,
                      permanent=True, escalated=False, **command)
    _mark_done(measure, now)
    uow.session.add(measure)
    uow.session.flush()
    owners.record(uow, measure, None, principal.sub)
    return measure


def update_measure(uow: UnitOfWork, principal: Principal, risk_id: str, measure_id: int, command: dict) -> Measure:
    risk = _treatable(uow, principal, risk_id)
    measure = next((m for m in risk.measures if m.id == measure_id), None)
    if measure is None:
        raise NotFound(f"Measure {measure_id} not found / Tiltaket finnes ikke")
    before = owners.state(measure)
    if command.get("owner_role") is None and "owner_role" in command:
        command["owner_system"] = None  # no owner role, no owner system
    for field, value in command.items():
        setattr(measure, field, value)
    if measure.owner_system and not measure.owner_role:
        raise BadInput("A system's owner needs an owner role / Systemets eier må ha en eierrolle",
                       {"owner_role": ["Name the owner role of the system / Oppgi eierrollen for systemet."]})
    measure.updated_at = utcnow()
    _mark_done(measure, measure.updated_at)
    owners.record(uow, measure, before, principal.sub)
    return measure


def _treatable(uow: UnitOfWork, principal: Principal, risk_id: str) -> Risk:
    risk = own_agency(uow.session, principal, Risk, risk_id)
    if risk.status != "open":
        raise Conflict(f"The risk is {risk.status} / Risikoen er {risk.status}")
    return risk


def _mark_done(measure: Measure, now) -> None:
    measure.completed_at = (measure.completed_at or now) if measure.status == "done" else None


def _ensure_on_scale(assessment, ratings: dict) -> None:
    given = {field: ratings.get(field) for field in RATINGS if field in ratings}
    errors = matrix.out_of_scale(criteria.as_matrix(assessment.matrix), given)
    if errors:
        raise BadInput("Rating outside the scale / Vurdering utenfor skalaen", errors)


def _next_reference(uow: UnitOfWork, assessment_id: str) -> str:
    used = uow.session.scalars(select(Risk.reference).where(Risk.assessment_id == assessment_id)).all()
    return domain.next_reference([ref for ref in used if ref])
