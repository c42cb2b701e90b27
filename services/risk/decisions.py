"""The agency head's decisions on unacceptable risks: accept for a time, or treat (fund the measures).

An acceptance keeps the risk as it stood; a material change voids it and its running out
is noticed by the follow-up timer, each making the risk unacceptable again.
"""
from datetime import date, datetime

from sqlalchemy import select

from services.risk import acceptability, domain
from services.risk.models import Risk, RiskDecision
from services.risk.scoping import own_agency
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import today, utcnow
from shared.contracts.risk import RISK_ACCEPTED, TREATMENT_DECIDED
from shared.errors import BadInput, Conflict
from shared.service_database import UnitOfWork


def decide(uow: UnitOfWork, principal: Principal, risk_id: str, command: dict) -> Risk:
    risk = own_agency(uow.session, principal, Risk, risk_id)
    if risk.status != "open" or risk.acceptable is not False:
        raise Conflict("Only an open, unacceptable risk needs a decision / "
                       "Bare en åpen, uakseptabel risiko trenger en beslutning")
    now = utcnow()
    if command["decision"] == "accept":
        _accept(uow, principal, risk, command, now)
    else:
        _treat(uow, principal, risk, command, now)
    return risk


def _accept(uow: UnitOfWork, principal: Principal, risk: Risk, command: dict, now: datetime) -> None:
    decision = RiskDecision(agency=risk.agency, kind="accept", decided_by=principal.sub, decided_at=now,
                            justification=command["justification"], valid_until=command["valid_until"],
                            measure_ids=[], risk_state=acceptability.state(risk))
    risk.decisions.append(decision)
    acceptability.settle(uow, risk, now)
    uow.session.flush()
    uow.publish(RISK_ACCEPTED, risk.id, risk.agency, {
        **acceptability.reference(risk), "acceptance_id": decision.id, "accepted_by": principal.sub,
        "accepted_at": now, "justification": decision.justification, "valid_until": decision.valid_until})


def _treat(uow: UnitOfWork, principal: Principal, risk: Risk, command: dict, now: datetime) -> None:
    chosen = _measures_to_fund(risk, command["measure_ids"])
    for measure in chosen:
        if measure.status == "proposed":
            measure.status, measure.updated_at = "decided", now
    decision = RiskDecision(agency=risk.agency, kind="treat", decided_by=principal.sub, decided_at=now,
                            justification=command["justification"], measure_ids=[m.id for m in chosen],
                            risk_state=acceptability.state(risk))
    risk.decisions.append(decision)
    uow.publish(TREATMENT_DECIDED, risk.id, risk.agency, {
        **acceptability.reference(risk), "decided_by": principal.sub, "decided_at": now,
        "justification": decision.justification, "measure_ids": decision.measure_ids})


def _measures_to_fund(risk: Risk, measure_ids: list[int]):
    open_measures = [m for m in risk.measures if m.status not in domain.MEASURE_FINISHED]
    if not measure_ids:
        if not open_measures:
            raise Conflict("Add the measures to fund first / Legg inn tiltakene som skal finansieres først")
        return open_measures
    by_id = {m.id: m for m in open_measures}
    unknown = [i for i in measure_ids if i not in by_id]
    if unknown:
        raise BadInput("Unknown measures / Ukjente tiltak",
                       {"measure_ids": [f"Not open measures of this risk: {unknown}"]})
    return [by_id[i] for i in measure_ids]


def void_acceptance(risk: Risk, now: datetime, reason: str) -> None:
    in_force = acceptability.acceptance_in_force(risk, today())
    if in_force is not None:
        in_force.voided_at, in_force.void_reason = now, reason


def expire_acceptances(uow: UnitOfWork, on: date, now: datetime) -> list[str]:
    """Acceptances that ran out make their risks unacceptable again; each is claimed by one instance only."""
    expired = uow.session.scalars(select(RiskDecision.id).where(
        RiskDecision.kind == "accept", RiskDecision.valid_until < on, RiskDecision.expired_at.is_(None),
        RiskDecision.voided_at.is_(None))).all()
    risks = []
    for decision_id in expired:
        if claim(uow.session, RiskDecision, RiskDecision.id == decision_id, RiskDecision.expired_at.is_(None),
                 expired_at=now):
            risk = uow.session.get(Risk, uow.session.get(RiskDecision, decision_id).risk_id)
            acceptability.settle(uow, risk, now)
            risks.append(risk.id)
    return risks
