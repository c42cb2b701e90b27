"""Marshmallow schemas of the reporting service: directory file, task inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.contracts.reporting import RECIPIENT_ROLES
from shared.pagination import PageQuerySchema, page_of

TASK_STATUSES = ("open", "completed")


class ContactSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    address = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=320),
                            metadata={"description": "e-mail address (role mailbox) or https webhook URL"})
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")))
    secret = fields.String(load_default=None, allow_none=True,
                           validate=validate.Regexp(r"^whsec_[A-Za-z0-9+/=]{24,}$",
                                                    error="must be a Standard Webhooks secret (whsec_...)"),
                           metadata={"description": "webhook signing secret, for a webhook address"})

    @validates_schema
    def webhooks_are_signed(self, data, **kwargs):
        address = data.get("address") or ""
        if address.startswith("http://"):
            raise ValidationError({"address": ["Webhooks must use https / Webhooks må bruke https."]})
        if address.startswith("https://") and not data.get("secret"):
            raise ValidationError({"secret": ["Required for a webhook address / Påkrevd for webhook."]})


def contacts_field(**kwargs):
    return fields.Dict(keys=fields.String(validate=validate.OneOf(RECIPIENT_ROLES)),
                       values=fields.Nested(ContactSchema), load_default=dict, **kwargs)


class AgencySchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(r"^[a-z0-9][a-z0-9_-]{0,63}$"))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    parent_department = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    contacts = contacts_field()


class DirectoryDefaultsSchema(Schema):
    contacts = contacts_field(metadata={"description": "contacts for every agency without its own"})


class DirectorySchema(Schema):
    """The agency directory file (deploy/directory.yaml)."""
    defaults = fields.Nested(DirectoryDefaultsSchema, load_default=lambda: {"contacts": {}})
    agencies = fields.List(fields.Nested(AgencySchema), required=True, validate=validate.Length(min=1))


class TaskListQuerySchema(PageQuerySchema):
    incident_id = fields.String(load_default=None, validate=validate.Length(min=1, max=36))
    status = fields.String(load_default=None, validate=validate.OneOf(TASK_STATUSES))


class CompleteTaskSchema(Schema):
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))


class NotificationTaskSchema(Schema):
    id = fields.String()
    agency = fields.String()
    subject_type = fields.String()
    subject_id = fields.String()
    source_event_type = fields.String()
    recipient_role = fields.String()
    recipient_name = fields.String(allow_none=True)
    recipient_address = fields.String(allow_none=True)
    channel = fields.String()
    title = fields.String()
    message = fields.String()
    due_at = fields.AwareDateTime(allow_none=True)
    status = fields.String()
    created_at = fields.AwareDateTime()
    completed_at = fields.AwareDateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)
    completion_note = fields.String(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    acknowledged_via = fields.String(allow_none=True)


NotificationTaskPageSchema = page_of(NotificationTaskSchema)


class ContactQuerySchema(Schema):
    agency = fields.String(required=True, validate=validate.Length(min=1, max=64))
    role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))


class ContactOutSchema(Schema):
    agency_code = fields.String()
    role = fields.String()
    name = fields.String()
    address = fields.String(allow_none=True)
    language = fields.String()
