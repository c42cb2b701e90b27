"""Evidence attachments of a DPIA: found with the DPIA's own checks (another agency's is a 404), added and
removed by the privacy coordinator of its own agency (shared/attachments does the rest)."""
from services.privacy_register.dpias import NAMES
from services.privacy_register.models import Attachment, Dpia
from shared.attachments import records
from shared.attachments.records import Owner
from shared.auth import Principal
from shared.scoping import get_visible, own_agency
from shared.service_database import UnitOfWork


def readable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    dpia = get_visible(uow.session, principal, Dpia, record["record_id"], NAMES)
    return Owner("dpia", dpia.id, dpia.agency)


def writable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    dpia = own_agency(uow.session, principal, Dpia, record["record_id"], NAMES)
    return Owner("dpia", dpia.id, dpia.agency)


USE_CASES = records.AttachmentUseCases(Attachment, readable, writable)
