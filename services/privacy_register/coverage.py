"""Which processors of a processing lack a valid agreement (art. 28), announced when the answer changes.

The answer changes when a processing's processors change, when an agreement is made or changed, and
when an agreement lapses with nobody touching anything; the follow-up timer catches the last. The
last announced answer is kept on the processing, and claimed with a conditional UPDATE, so several
instances announce each change once."""
from datetime import date, datetime

from sqlalchemy import select

from services.privacy_register import domain
from services.privacy_register.models import ProcessingActivity, ProcessorAgreement
from shared.row_claims import claim
from shared.contracts.privacy_register import AGREEMENT_COVERAGE_CHANGED
from shared.service_database import UnitOfWork


def announce_changes(uow: UnitOfWork, processing_ids, on: date, now: datetime) -> list[str]:
    """Publish `agreement_coverage_changed` for each of the processings whose answer changed."""
    found = uow.session.scalars(select(ProcessingActivity).where(ProcessingActivity.id.in_(list(processing_ids)))).all()
    agencies = {processing.agency for processing in found}
    agreements = uow.session.scalars(select(ProcessorAgreement).where(ProcessorAgreement.agency.in_(agencies))).all()
    changed = []
    for processing in found:
        missing = domain.processors_without_agreement(
            processing.id, processing.record.get("processors") or [],
            [a for a in agreements if a.agency == processing.agency], on)
        answer = "\n".join(sorted(missing))
        if answer == processing.announced_without_agreement:
            continue
        if claim(uow.session, ProcessingActivity, ProcessingActivity.id == processing.id,
                 _same(ProcessingActivity.announced_without_agreement, processing.announced_without_agreement),
                 synchronize_session=False, announced_without_agreement=answer):
            uow.publish(AGREEMENT_COVERAGE_CHANGED, processing.id, processing.agency, {
                "processing_id": processing.id, "name": processing.name,
                "processors_without_agreement": sorted(missing), "changed_at": now})
            changed.append(processing.id)
    return changed


def announce_all_changes(uow: UnitOfWork, on: date, now: datetime) -> list[str]:
    """The timer's sweep over every processing: agreements lapse on a date, not by an action."""
    return announce_changes(uow, uow.session.scalars(select(ProcessingActivity.id)).all(), on, now)


def _same(column, value):
    return column.is_(None) if value is None else column == value
