"""The use cases every owning service shares: upload, list, download and remove an attachment of one
of its records. The service finds the record first, with the same agency and role checks as the
record's own reads and writes (another agency's record is a 404), and hands it in as an `Owner`.
"""
import hashlib
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from shared.attachments import names, sniffing, store as stores, transport
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import BadInput, Conflict, Gone, NotFound, ServiceUnavailable
from shared.service_database import UnitOfWork


@dataclass(frozen=True)
class Owner:
    """The record an attachment is kept with, already found and checked by its service."""
    record_type: str
    record_id: str
    agency: str


def upload(uow: UnitOfWork, store: stores.AttachmentStore, model, principal: Principal, owner: Owner,
           command: dict, max_bytes: int):
    data = transport.decode(command["file"], max_bytes)
    file_name = names.clean_name(command["file_name"])
    media_type = sniffing.sniff(data, file_name)
    if media_type is None:
        raise BadInput("File type not allowed / Filtypen er ikke tillatt", {transport.FIELD: [
            "Only PDF, PNG, JPEG, text or CSV, DOCX and XLSX, judged by the content / "
            "Bare PDF, PNG, JPEG, tekst eller CSV, DOCX og XLSX, bedømt etter innholdet."]})
    key = stores.new_key()
    try:
        store.put(key, data)  # before the row commits: a failed commit leaves bytes, never a row without them
    except stores.StoreError as error:
        raise ServiceUnavailable("The file store does not answer / Fillageret svarer ikke") from error
    attachment = model(id=str(uuid.uuid4()), agency=owner.agency, record_type=owner.record_type,
                       record_id=owner.record_id, file_name=file_name, media_type=media_type,
                       size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), storage_key=key,
                       description=(command.get("description") or "").strip() or None,
                       uploaded_by=principal.sub, uploaded_at=utcnow())
    uow.session.add(attachment)
    uow.session.flush()
    return attachment


def listing(uow: UnitOfWork, model, owner: Owner) -> list:
    """Every attachment of the record, removed ones too (with who removed them, when and why)."""
    return list(uow.session.scalars(select(model).where(
        model.record_type == owner.record_type, model.record_id == owner.record_id,
        model.agency == owner.agency).order_by(model.uploaded_at, model.id)))


def _find(uow: UnitOfWork, model, owner: Owner, attachment_id: str):
    attachment = uow.session.scalars(select(model).where(
        model.id == attachment_id, model.record_type == owner.record_type, model.record_id == owner.record_id,
        model.agency == owner.agency)).first()
    if attachment is None:
        raise NotFound(f"Attachment {attachment_id} not found / Vedlegget finnes ikke")
    return attachment


def content(uow: UnitOfWork, store: stores.AttachmentStore, model, owner: Owner, attachment_id: str):
    """(metadata, bytes); the bytes are checked against the hash recorded at upload."""
    attachment = _find(uow, model, owner, attachment_id)
    if attachment.removed_at is not None:
        raise Gone(f"Attachment {attachment_id} was removed / Vedlegget er fjernet")
    try:
        data = store.get(attachment.storage_key)
    except stores.StoreError as error:
        raise ServiceUnavailable("The file store does not answer / Fillageret svarer ikke") from error
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise RuntimeError(f"attachment {attachment.id}: stored bytes do not match the recorded hash")
    return attachment, data


def remove(uow: UnitOfWork, model, principal: Principal, owner: Owner, attachment_id: str, reason: str):
    """A recorded removal: who, when and why on the row (and so in the audit trail); the bytes stay."""
    attachment = _find(uow, model, owner, attachment_id)
    if attachment.removed_at is not None:
        raise Conflict(f"Attachment {attachment_id} was already removed / Vedlegget er allerede fjernet")
    attachment.removed_at = utcnow()
    attachment.removed_by = principal.sub
    attachment.removal_reason = reason.strip()
    uow.session.flush()
    return attachment


class AttachmentUseCases:
    """The four use cases wired to a service's table and to how it finds the record: `readable(uow,
    principal, record)` and `writable(...)` return the Owner after the record's own read and write checks."""

    def __init__(self, model, readable, writable):
        self.model, self.readable, self.writable = model, readable, writable

    def upload(self, uow: UnitOfWork, principal: Principal, attachments, record: dict, command: dict):
        return upload(uow, attachments.store, self.model, principal, self.writable(uow, principal, record), command,
                      attachments.max_bytes)

    def listing(self, uow: UnitOfWork, principal: Principal, attachments, record: dict) -> dict:
        return {"attachments": listing(uow, self.model, self.readable(uow, principal, record)),
                **attachments.limits()}

    def content(self, uow: UnitOfWork, principal: Principal, attachments, record: dict, attachment_id: str) -> dict:
        attachment, data = content(uow, attachments.store, self.model, self.readable(uow, principal, record),
                                   attachment_id)
        return {"attachment": attachment, "content": transport.encode(data)}

    def remove(self, uow: UnitOfWork, principal: Principal, record: dict, attachment_id: str, command: dict):
        return remove(uow, self.model, principal, self.writable(uow, principal, record), attachment_id,
                      command["reason"])
