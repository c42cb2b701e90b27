"""Evidence attachments of a risk and of its measures: found with the risk's own checks (another
agency's risk is a 404), added and removed in the caller's own agency (shared/attachments does the rest)."""
from services.risk.models import Attachment, Risk
from services.risk.scoping import get_visible, own_agency
from shared.attachments import records
from shared.attachments.records import Owner
from shared.auth import Principal
from shared.errors import NotFound
from shared.service_database import UnitOfWork


def _owner(risk: Risk, measure_id: int | None) -> Owner:
    if measure_id is None:
        return Owner("risk", risk.id, risk.agency)
    if not any(measure.id == measure_id for measure in risk.measures):
        raise NotFound(f"Measure {measure_id} not found / Tiltaket finnes ikke")
    return Owner("risk_measure", str(measure_id), risk.agency)


def readable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    return _owner(get_visible(uow.session, principal, Risk, record["record_id"]), record.get("measure_id"))


def writable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    return _owner(own_agency(uow.session, principal, Risk, record["record_id"]), record.get("measure_id"))


USE_CASES = records.AttachmentUseCases(Attachment, readable, writable)
