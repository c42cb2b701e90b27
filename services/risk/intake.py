"""What the risk service learns from other services' events.

A closed incident linked to a risk calls the risk's rating into question; a finding of a
preparedness exercise is a risk nobody has rated yet (a draft for the ISK to review).
"""
import logging
import uuid

from sqlalchemy import select

from services.risk.models import Risk
from shared.clock import utcnow
from shared.contracts.risk import RISK_FLAGGED_FOR_REASSESSMENT
from shared.events import Event
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)
EXERCISE_CREATOR = "training"


def flag_risks_of_closed_incident(uow: UnitOfWork, event: Event) -> list[str]:
    incident = event.data
    ids = incident["linked_risk_ids"]
    if not ids:
        return []
    risks = uow.session.scalars(select(Risk).where(Risk.agency == event.agency, Risk.id.in_(ids))).all()
    unknown = set(ids) - {risk.id for risk in risks}
    if unknown:
        log.warning("incident %s links unknown risks %s", incident["incident_id"], sorted(unknown))
    now = utcnow()
    for risk in risks:
        risk.needs_reassessment = True
        risk.reassessment_reasons = [*risk.reassessment_reasons, {
            "reason": "incident_closed", "incident_id": incident["incident_id"], "category": incident["category"],
            "severity": incident["severity"], "root_cause": incident["root_cause"],
            "closed_at": incident["closed_at"].isoformat()}]
        uow.publish(RISK_FLAGGED_FOR_REASSESSMENT, risk.id, risk.agency, {
            "risk_id": risk.id, "title": risk.title, "assessment_id": risk.assessment_id,
            "reason": "incident_closed", "incident_id": incident["incident_id"], "flagged_at": now})
    return [risk.id for risk in risks]


def draft_risks_from_exercise(uow: UnitOfWork, event: Event) -> list[Risk]:
    exercise = event.data
    now = utcnow()
    drafts = []
    for finding in exercise["findings"]:
        origin_ref = f"exercise:{exercise['exercise_id']}:{finding['finding_id']}"
        if uow.session.scalars(select(Risk.id).where(Risk.agency == event.agency,
                                                     Risk.origin_ref == origin_ref)).first():
            continue  # the same finding sent again in a later event
        drafts.append(Risk(
            id=str(uuid.uuid4()), agency=event.agency, status="draft", title=finding["title"],
            scenario=finding["description"], affects=[], needs_reassessment=False, reassessment_reasons=[],
            origin={"kind": "exercise", "exercise_id": exercise["exercise_id"], "exercise_title": exercise["title"],
                    "exercise_type": exercise["type"], "held_on": exercise["held_on"].isoformat(),
                    "finding_id": finding["finding_id"], "severity": finding["severity"],
                    "proposed_measure": finding["proposed_measure"]},
            origin_ref=origin_ref, created_at=now, created_by=EXERCISE_CREATOR, updated_at=now,
            updated_by=EXERCISE_CREATOR))
    uow.session.add_all(drafts)
    return drafts
