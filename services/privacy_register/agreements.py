"""Data processor agreements (databehandleravtaler, art. 28) and the warning before one expires."""
from datetime import date, datetime

from sqlalchemy import or_, select

from services.privacy_register import coverage, domain
from services.privacy_register.models import ProcessorAgreement
from services.privacy_register.register import ensure_known
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import today, utcnow
from shared.contracts.privacy_register import PROCESSOR_AGREEMENT_EXPIRING
from shared.scoping import own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Processor agreement", "Databehandleravtalen")


def create_agreement(uow: UnitOfWork, principal: Principal, command: dict) -> ProcessorAgreement:
    ensure_known(uow.session, principal, command["processing_ids"])
    now = utcnow()
    agreement = ProcessorAgreement(agency=principal.agency, created_at=now, created_by=principal.sub, updated_at=now,
                                   **{"sub_processors": [], **command})
    uow.session.add(agreement)
    uow.session.flush()
    coverage.announce_changes(uow, agreement.processing_ids, today(), now)
    return agreement


def update_agreement(uow: UnitOfWork, principal: Principal, agreement_id: int, command: dict) -> ProcessorAgreement:
    agreement = own_agency(uow.session, principal, ProcessorAgreement, agreement_id, NAMES)
    if "processing_ids" in command:
        ensure_known(uow.session, principal, command["processing_ids"])
    covered_before = list(agreement.processing_ids or [])
    for field, value in command.items():
        setattr(agreement, field, value)
    agreement.updated_at = utcnow()
    uow.session.flush()
    coverage.announce_changes(uow, {*covered_before, *agreement.processing_ids}, today(), agreement.updated_at)
    return agreement


def list_agreements(uow: UnitOfWork, principal: Principal) -> list[ProcessorAgreement]:
    query = visible(ProcessorAgreement, principal).order_by(ProcessorAgreement.processor, ProcessorAgreement.id)
    return list(uow.session.scalars(query).all())


def as_view(agreement: ProcessorAgreement) -> dict:
    on = today()
    return {**{column: getattr(agreement, column) for column in agreement.__mapper__.columns.keys()},
            "valid": domain.agreement_valid(agreement.status, agreement.expires_on, on),
            "expiring": agreement.status == "signed" and domain.expiry_due(agreement.expires_on, on)}


def announce_expiring(uow: UnitOfWork, on: date, now: datetime) -> list[int]:
    """`processor_agreement_expiring` once per agreement and expiry date, claimed by one instance only."""
    not_yet = or_(ProcessorAgreement.expiry_noticed_for.is_(None),
                  ProcessorAgreement.expiry_noticed_for != ProcessorAgreement.expires_on)
    horizon = date.fromordinal(on.toordinal() + domain.EXPIRY_WARNING_DAYS)
    due = uow.session.scalars(select(ProcessorAgreement.id).where(
        ProcessorAgreement.status == "signed", ProcessorAgreement.expires_on <= horizon, not_yet)).all()
    announced = []
    for agreement_id in due:
        if not claim(uow.session, ProcessorAgreement, ProcessorAgreement.id == agreement_id, not_yet,
                     expiry_noticed_for=ProcessorAgreement.expires_on):
            continue
        agreement = uow.session.get(ProcessorAgreement, agreement_id)
        uow.publish(PROCESSOR_AGREEMENT_EXPIRING, str(agreement.id), agreement.agency, {
            "agreement_id": agreement.id, "processor": agreement.processor, "expires_on": agreement.expires_on,
            "processing_ids": agreement.processing_ids, "noticed_at": now})
        announced.append(agreement.id)
    return announced
