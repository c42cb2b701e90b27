"""Events published by the reporting service."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

RECIPIENT_ROLES = ("leader", "ombud", "central", "parent_department", "datatilsynet")
CHANNELS = ("manual", "email", "webhook")


class NotificationTaskCreatedV1(ContractSchema):
    task_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    due_at = fields.AwareDateTime(required=True, allow_none=True)
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    source_event_id = fields.String(required=True)
    source_event_type = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class NotificationTaskCompletedV1(ContractSchema):
    task_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    completed_at = fields.AwareDateTime(required=True)
    completed_by = fields.String(required=True)
    late = fields.Boolean(required=True, metadata={"description": "completed after its due time"})


NOTIFICATION_TASK_CREATED = EventType(
    "reporting", "notification_task_created", 1, NotificationTaskCreatedV1,
    "A recipient must be notified of something (a serious incident, ...).")
NOTIFICATION_TASK_COMPLETED = EventType(
    "reporting", "notification_task_completed", 1, NotificationTaskCompletedV1,
    "A notification task was done.")

EVENTS = (NOTIFICATION_TASK_CREATED, NOTIFICATION_TASK_COMPLETED)
