"""Whether a risk is acceptable, and the events when an evaluated risk crosses the line.

A risk is rated on the matrix of its assessment. It is announced as unacceptable
once the assessment is evaluated (completed or approved) and again only after it
has been acceptable in between: `unacceptable_since` remembers that it was announced.
"""
from datetime import date, datetime

from services.risk import criteria, domain
from services.risk.models import Risk, RiskDecision
from shared.clock import today
from shared.contracts.risk import UNACCEPTABLE_RISK_IDENTIFIED, UNACCEPTABLE_RISK_RESOLVED
from shared.service_database import UnitOfWork


def acceptance_in_force(risk: Risk, on: date) -> RiskDecision | None:
    for decision in reversed(risk.decisions):
        if decision.kind == "accept":
            in_force = domain.acceptance_in_force(decision.valid_until, decision.voided_at is not None, on)
            return decision if in_force else None
    return None


def rerate(risk: Risk, on: date) -> None:
    """Level, score and acceptability from the ratings and the assessment's matrix (none for a draft)."""
    if risk.likelihood is None or risk.assessment is None:
        risk.level = risk.residual_level = risk.score = risk.residual_score = risk.acceptable = None
        return
    matrix = criteria.as_matrix(risk.assessment.matrix)
    rating = domain.rate(matrix, risk.likelihood, risk.consequence, risk.residual_likelihood,
                         risk.residual_consequence)
    risk.level, risk.residual_level = rating.level, rating.residual_level
    risk.score, risk.residual_score = rating.score, rating.residual_score
    risk.acceptable = domain.is_acceptable(matrix, rating.residual_level, acceptance_in_force(risk, on) is not None)


def is_evaluated(risk: Risk) -> bool:
    return (risk.status == "open" and risk.assessment is not None
            and risk.assessment.status in domain.EVALUATED_ASSESSMENT)


def settle(uow: UnitOfWork, risk: Risk, now: datetime) -> None:
    """After any change to a risk, its acceptance or its assessment's status."""
    rerate(risk, today())
    if risk.unacceptable_since is not None and risk.status == "closed":
        risk.unacceptable_since = None
        _publish_resolved(uow, risk, "risk_closed", now)
    elif not is_evaluated(risk):
        return
    elif not risk.acceptable and risk.unacceptable_since is None:
        risk.unacceptable_since = now
        uow.publish(UNACCEPTABLE_RISK_IDENTIFIED, risk.id, risk.agency, {
            **reference(risk), "reason": _why_unacceptable(risk), "identified_at": now,
            "open_measures": sum(1 for m in risk.measures if m.status not in domain.MEASURE_FINISHED)})
    elif risk.acceptable and risk.unacceptable_since is not None:
        risk.unacceptable_since = None
        if domain.within_criteria(criteria.as_matrix(risk.assessment.matrix), risk.residual_level):
            _publish_resolved(uow, risk, "residual_acceptable", now)
        # else the agency head accepted it: decisions.accept_risk published risk_accepted


def _publish_resolved(uow: UnitOfWork, risk: Risk, resolution: str, now: datetime) -> None:
    uow.publish(UNACCEPTABLE_RISK_RESOLVED, risk.id, risk.agency,
                {**reference(risk), "resolution": resolution, "resolved_at": now})


def _why_unacceptable(risk: Risk) -> str:
    acceptances = [decision for decision in risk.decisions if decision.kind == "accept"]
    if acceptances and acceptances[-1].voided_at is not None:
        return "acceptance_voided"
    if acceptances:
        return "acceptance_expired"
    return "evaluated"


def reference(risk: Risk) -> dict:
    """The fields every risk event carries (shared.contracts.risk.RiskReferenceV1)."""
    assessment = risk.assessment
    return {"risk_id": risk.id, "reference": risk.reference or "", "title": risk.title,
            "assessment_id": assessment.id, "assessment_title": assessment.title,
            "assessment_scope": assessment.scope, "likelihood": risk.likelihood, "consequence": risk.consequence,
            "level": risk.level, "residual_likelihood": domain.residual(risk.residual_likelihood, risk.likelihood),
            "residual_consequence": domain.residual(risk.residual_consequence, risk.consequence),
            "residual_level": risk.residual_level, "treatment": risk.treatment, "owner": risk.owner,
            "matrix_version": assessment.matrix.version}


def state(risk: Risk) -> dict:
    """The risk as it stands, kept with a decision (JSON-ready)."""
    facts = reference(risk)
    facts.update(scenario=risk.scenario, open_measures=[
        {"id": m.id, "title": m.title, "status": m.status, "due_date": m.due_date.isoformat()}
        for m in risk.measures if m.status not in domain.MEASURE_FINISHED])
    return facts
