"""Screening a processing for whether a DPIA is required (the rules are in `screening_rules`)."""
from sqlalchemy import select

from services.privacy_register import screening_rules
from services.privacy_register.models import ProcessingActivity, Screening
from services.privacy_register.register import NAMES
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.privacy_register import DPIA_REQUIRED
from shared.scoping import get_visible, own_agency
from shared.service_database import UnitOfWork


def screen_processing(uow: UnitOfWork, principal: Principal, processing_id: str, command: dict) -> Screening:
    """A new screening replaces the last; `dpia_required` when it newly says a DPIA is required."""
    processing = own_agency(uow.session, principal, ProcessingActivity, processing_id, NAMES)
    outcome = screening_rules.screen(command["criteria"], command["datatilsynet_list"])
    previous = uow.session.scalars(select(Screening).where(Screening.processing_id == processing.id,
                                                           Screening.state != "superseded")).first()
    now = utcnow()
    latest = Screening(processing_id=processing.id, agency=processing.agency, processing_version=processing.version,
                       criteria=command["criteria"], justifications=command["justifications"],
                       datatilsynet_list=sorted(set(command["datatilsynet_list"])), result=outcome.result,
                       reasons=list(outcome.reasons), state="current", screened_at=now, screened_by=principal.sub)
    already_required = previous is not None and previous.state == "current" and previous.result == "required"
    if previous is not None:
        previous.state = "superseded"
    uow.session.add(latest)
    uow.session.flush()
    if latest.result == "required" and not already_required:
        uow.publish(DPIA_REQUIRED, processing.id, processing.agency, {
            "processing_id": processing.id, "name": processing.name, "screening_id": latest.id,
            "result": latest.result, "reasons": latest.reasons, "screened_at": now, "screened_by": principal.sub})
    return latest


def screenings_of(uow: UnitOfWork, principal: Principal, processing_id: str) -> list[Screening]:
    get_visible(uow.session, principal, ProcessingActivity, processing_id, NAMES)
    return list(uow.session.scalars(select(Screening).where(Screening.processing_id == processing_id)
                                    .order_by(Screening.id.desc())).all())
