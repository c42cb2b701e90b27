"""The attachments' RPC and API contracts (marshmallow), the same for every owning service."""
from marshmallow import Schema, fields, validate

from shared.attachments.transport import FIELD
from shared.validation import STORED_INT_MAX, WholeNumber


class RecordSchema(Schema):
    """Which record: its id, and a measure of it (an incident's or a risk's) when the file is the measure's."""
    record_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    measure_id = WholeNumber(load_default=None, allow_none=True, validate=validate.Range(min=0, max=STORED_INT_MAX))


class UploadAttachmentSchema(Schema):
    """The RPC payload the gateway makes of a multipart upload: the bytes as base64 in `file`."""
    file = fields.String(required=True, data_key=FIELD)  # decoded within the limit by the use case
    file_name = fields.String(required=True, validate=validate.Length(max=1000))  # cleaned, not refused
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


class AttachmentFormSchema(Schema):
    """The multipart form's fields beside the file (the API's and the web page's)."""
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))


class RemoveAttachmentSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=3, max=1000))

    example = {"reason": "Feil fil lastet opp: inneholdt en annen sak / Wrong file uploaded"}


class AttachmentIdSchema(Schema):
    attachment_id = fields.UUID(required=True)


class AttachmentSchema(Schema):
    id = fields.String()
    record_type = fields.String()
    record_id = fields.String()
    file_name = fields.String()
    media_type = fields.String()
    size_bytes = fields.Integer()
    sha256 = fields.String()
    description = fields.String(allow_none=True)
    uploaded_by = fields.String()
    uploaded_at = fields.DateTime()
    removed = fields.Method("is_removed")
    removed_at = fields.DateTime(allow_none=True)
    removed_by = fields.String(allow_none=True)
    removal_reason = fields.String(allow_none=True)

    example = {"id": "0b8e6a2c-3f4e-4c1e-9d3b-1a2b3c4d5e6f", "record_type": "incident",
               "record_id": "5f0c7d1e-8a9b-4c2d-a1e3-0f1e2d3c4b5a", "file_name": "logg-utdrag.pdf",
               "media_type": "application/pdf", "size_bytes": 48213,
               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "description": "Utdrag av e-postloggen / Excerpt of the mail log", "uploaded_by": "kari",
               "uploaded_at": "2026-03-02T09:15:00+00:00", "removed": False, "removed_at": None,
               "removed_by": None, "removal_reason": None}

    def is_removed(self, attachment) -> bool:
        return attachment.removed_at is not None


class AttachmentListSchema(Schema):
    attachments = fields.List(fields.Nested(AttachmentSchema))
    max_bytes = fields.Integer()  # the largest file this installation takes
    allowed_types = fields.List(fields.String())

    example = {"attachments": [AttachmentSchema.example], "max_bytes": 10_000_000,
               "allowed_types": ["application/pdf", "image/png"]}


class AttachmentContentSchema(Schema):
    """A download over RPC: the metadata and the bytes as base64."""
    attachment = fields.Nested(AttachmentSchema)
    content = fields.String()
