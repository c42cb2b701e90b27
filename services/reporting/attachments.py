"""Evidence attachments of a governing document or routine: found with the document's own checks (another
agency's is a 404), added and removed by the coordinators of its own agency (shared/attachments does the
rest)."""
from services.reporting.documents import NAMES
from services.reporting.models import Attachment, GoverningDocument
from shared.attachments import records
from shared.attachments.records import Owner
from shared.auth import Principal
from shared.errors import NotFound
from shared.scoping import get_visible, own_agency
from shared.service_database import UnitOfWork


def _document_id(record: dict) -> int:
    if not record["record_id"].isascii() or not record["record_id"].isdigit():
        raise NotFound(f"{NAMES[0]} {record['record_id']} not found / {NAMES[1]} finnes ikke")
    return int(record["record_id"])


def readable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    document = get_visible(uow.session, principal, GoverningDocument, _document_id(record), NAMES)
    return Owner("governing_document", str(document.id), document.agency)


def writable(uow: UnitOfWork, principal: Principal, record: dict) -> Owner:
    document = own_agency(uow.session, principal, GoverningDocument, _document_id(record), NAMES)
    return Owner("governing_document", str(document.id), document.agency)


USE_CASES = records.AttachmentUseCases(Attachment, readable, writable)
