"""Events published by the reporting service."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

RECIPIENT_ROLES = ("leader", "ombud", "central", "parent_department", "datatilsynet", "pko", "isk")
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


class NotificationTaskAcknowledgedV1(ContractSchema):
    task_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    message_id = fields.String(required=True, metadata={"description": "the delivery whose link was used"})
    acknowledged_at = fields.AwareDateTime(required=True)


class NotificationDeliveryFailedV1(ContractSchema):
    task_id = fields.String(required=True)
    message_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    attempts = fields.Integer(required=True)
    reason = fields.String(required=True)
    failed_at = fields.AwareDateTime(required=True)
    follow_up_task_id = fields.String(required=True, metadata={"description": "the coordinator's manual task"})


class NotificationTaskOverdueV1(ContractSchema):
    task_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)
    due_at = fields.AwareDateTime(required=True)
    noticed_at = fields.AwareDateTime(required=True)
    escalated_to = fields.List(fields.String(validate=validate.OneOf(RECIPIENT_ROLES)), required=True)


NOTIFICATION_TASK_CREATED = EventType(
    "reporting", "notification_task_created", 1, NotificationTaskCreatedV1,
    "A recipient must be notified of something (a serious incident, ...).")
NOTIFICATION_TASK_COMPLETED = EventType(
    "reporting", "notification_task_completed", 1, NotificationTaskCompletedV1,
    "A notification task was done.")

NOTIFICATION_TASK_ACKNOWLEDGED = EventType(
    "reporting", "notification_task_acknowledged", 1, NotificationTaskAcknowledgedV1,
    "The recipient confirmed receipt with the link in the message.")
NOTIFICATION_DELIVERY_FAILED = EventType(
    "reporting", "notification_delivery_failed", 1, NotificationDeliveryFailedV1,
    "A message could not be delivered (bad address, refused, or retries exhausted); a coordinator must act.")
NOTIFICATION_TASK_OVERDUE = EventType(
    "reporting", "notification_task_overdue", 1, NotificationTaskOverdueV1,
    "A task passed its due time while open; its superior roles got tasks of their own.")

EVENTS = (NOTIFICATION_TASK_CREATED, NOTIFICATION_TASK_COMPLETED, NOTIFICATION_TASK_ACKNOWLEDGED,
          NOTIFICATION_DELIVERY_FAILED, NOTIFICATION_TASK_OVERDUE)
