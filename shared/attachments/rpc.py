"""The attachments' four RPCs, for a service class with `db`, `caller` and `files`
(AttachmentStoreProvider) dependencies and three class attributes: `attachment_use_cases` (the
service's records.AttachmentUseCases), `attachment_read_action` and `attachment_write_action` (the
permission-matrix actions of the record the files belong to, checked again here: the gateway's check
is not trusted). Services import this module, not the class: `nameko run` would take a module-level
mixin for a service.
"""
from shared.attachments.schemas import (AttachmentContentSchema, AttachmentIdSchema, AttachmentListSchema,
                                        AttachmentSchema, RecordSchema, RemoveAttachmentSchema,
                                        UploadAttachmentSchema)
from shared.errors import EXPECTED_ERRORS
from shared.rpc_server import rpc
from shared.validation import load


def _attachment_id(attachment_id) -> str:
    return str(load(AttachmentIdSchema(), {"attachment_id": attachment_id})["attachment_id"])


class AttachmentRpc:
    attachment_use_cases = None
    attachment_read_action = ""
    attachment_write_action = ""

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_attachments(self, record):
        principal = self.caller.require(self.attachment_read_action)
        record = load(RecordSchema(), record)
        with self.db.unit_of_work() as uow:
            return AttachmentListSchema().dump(self.attachment_use_cases.listing(uow, principal, self.files, record))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def upload_attachment(self, record, payload):
        principal = self.caller.require(self.attachment_write_action)
        record, command = load(RecordSchema(), record), load(UploadAttachmentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AttachmentSchema().dump(
                self.attachment_use_cases.upload(uow, principal, self.files, record, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def attachment_content(self, record, attachment_id):
        principal = self.caller.require(self.attachment_read_action)
        record, attachment = load(RecordSchema(), record), _attachment_id(attachment_id)
        with self.db.unit_of_work() as uow:
            return AttachmentContentSchema().dump(
                self.attachment_use_cases.content(uow, principal, self.files, record, attachment))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def remove_attachment(self, record, attachment_id, payload):
        principal = self.caller.require(self.attachment_write_action)
        record, command = load(RecordSchema(), record), load(RemoveAttachmentSchema(), payload)
        attachment = _attachment_id(attachment_id)
        with self.db.unit_of_work() as uow:
            return AttachmentSchema().dump(
                self.attachment_use_cases.remove(uow, principal, record, attachment, command))
