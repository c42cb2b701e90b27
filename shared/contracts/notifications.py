"""Events published by the notifications service: its tasks, their deliveries and acknowledgements, a
measure owner's progress, and the agencies of the directory it loads.

The task events were reporting's until the notifications service took the tasks over: their names
and payloads are unchanged, only their source (the exchange `notifications.events` and the type
`no.vern.notifications.<name>.v1`) moved."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

# Who owns a risk or incident measure (ISO/IEC 27001 6.1.3 e: risk owners of the treatment plan):
# systemeier, systemforvalter, sikkerhetsleder; contacts of the agency, or of one of its systems.
OWNER_ROLES = ("system_owner", "system_administrator", "security_manager")
RECIPIENT_ROLES = ("leader", "ombud", "central", "parent_department", "datatilsynet", "pko", "isk") + OWNER_ROLES
MEASURE_PROGRESS = ("in_progress", "done")
MEASURE_SUBJECTS = ("measure", "incident_measure")  # a risk's measure, an incident's measure
CHANNELS = ("manual", "email", "webhook")


class TaskEventV1(ContractSchema):
    """What every task event names: the task, its recipient role and what it is about."""
    task_id = fields.String(required=True)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    subject_type = fields.String(required=True)
    subject_id = fields.String(required=True)


class NotificationTaskCreatedV1(TaskEventV1):
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    due_at = fields.AwareDateTime(required=True, allow_none=True)
    source_event_id = fields.String(required=True)
    source_event_type = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class NotificationTaskCompletedV1(TaskEventV1):
    completed_at = fields.AwareDateTime(required=True)
    completed_by = fields.String(required=True)
    late = fields.Boolean(required=True, metadata={"description": "completed after its due time"})


class NotificationTaskAcknowledgedV1(TaskEventV1):
    message_id = fields.String(required=True, metadata={"description": "the delivery whose link was used"})
    acknowledged_at = fields.AwareDateTime(required=True)
    # Added in the same major version (optional): the recipient's answer, for the case's coordinator.
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000),
                            metadata={"description": "a question or comment the recipient wrote when confirming"})
    acknowledged_by_role = fields.String(load_default=None, allow_none=True,
                                         metadata={"description": "the role of whoever confirmed receipt"})


class NotificationDeliveryFailedV1(TaskEventV1):
    message_id = fields.String(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    attempts = fields.Integer(required=True)
    reason = fields.String(required=True)
    failed_at = fields.AwareDateTime(required=True)
    follow_up_task_id = fields.String(required=True, metadata={"description": "the coordinator's manual task"})


class NotificationTaskOverdueV1(TaskEventV1):
    due_at = fields.AwareDateTime(required=True)
    noticed_at = fields.AwareDateTime(required=True)
    escalated_to = fields.List(fields.String(validate=validate.OneOf(RECIPIENT_ROLES)), required=True)


class MeasureProgressReportedV1(TaskEventV1):
    measure_id = fields.Integer(required=True)
    owner_id = fields.String(required=True, metadata={
        "description": "the measure's risk (subject_type measure) or incident (incident_measure)"})
    progress = fields.String(required=True, validate=validate.OneOf(MEASURE_PROGRESS))
    comment = fields.String(required=True, allow_none=True)
    reported_at = fields.AwareDateTime(required=True)
    reported_by = fields.String(required=True, metadata={"description": "the owner's contact, as the directory names it"})

class AgencyListedV1(ContractSchema):
    """An agency as the directory names it, published each time the directory is loaded: reporting names
    agencies in its reports, and picks requirements by their sectors, from these."""
    code = fields.String(required=True, metadata={"description": "the agency's code, as tokens name it"})
    name = fields.String(required=True)
    parent_department = fields.String(required=True, allow_none=True)
    sectors = fields.List(fields.String(), required=True)
    listed_at = fields.AwareDateTime(required=True)


NOTIFICATION_TASK_CREATED = EventType(
    "notifications", "notification_task_created", 1, NotificationTaskCreatedV1,
    "A recipient must be notified of something (a serious incident, ...).")
NOTIFICATION_TASK_COMPLETED = EventType(
    "notifications", "notification_task_completed", 1, NotificationTaskCompletedV1,
    "A notification task was done.")

NOTIFICATION_TASK_ACKNOWLEDGED = EventType(
    "notifications", "notification_task_acknowledged", 1, NotificationTaskAcknowledgedV1,
    "The recipient confirmed receipt with the link in the message.")
NOTIFICATION_DELIVERY_FAILED = EventType(
    "notifications", "notification_delivery_failed", 1, NotificationDeliveryFailedV1,
    "A message could not be delivered (bad address, refused, or retries exhausted); a coordinator must act.")
NOTIFICATION_TASK_OVERDUE = EventType(
    "notifications", "notification_task_overdue", 1, NotificationTaskOverdueV1,
    "A task passed its due time while open; its superior roles got tasks of their own.")

MEASURE_PROGRESS_REPORTED = EventType(
    "notifications", "measure_progress_reported", 1, MeasureProgressReportedV1,
    "A measure's owner reported progress (in progress / done, with a comment) with the link in their task's "
    "message; the service that owns the measure records it in the measure's history.")

AGENCY_LISTED = EventType(
    "notifications", "agency_listed", 1, AgencyListedV1,
    "An agency of the directory, with its name and sectors; published for every agency each time the directory "
    "is loaded.")

EVENTS = (NOTIFICATION_TASK_CREATED, NOTIFICATION_TASK_COMPLETED, NOTIFICATION_TASK_ACKNOWLEDGED,
          NOTIFICATION_DELIVERY_FAILED, NOTIFICATION_TASK_OVERDUE, MEASURE_PROGRESS_REPORTED, AGENCY_LISTED)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
_TASK = {"task_id": "2f3e4d5c-6b7a-4890-a1b2-c3d4e5f60718", "recipient_role": "datatilsynet",
         "subject_type": "incident", "subject_id": "7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13"}
EXAMPLES = {
    "notification_task_created": {
        **_TASK, "channel": "manual", "due_at": "2026-11-25T09:05:00Z",
        "source_event_id": "3f0c6b1e-9a2d-4c5e-8f7a-1b2c3d4e5f60",
        "source_event_type": "no.vern.incidents.incident_escalated.v1", "created_at": "2026-11-22T10:15:02Z"},
    "notification_task_completed": {**_TASK, "completed_at": "2026-11-23T08:31:00Z", "completed_by": "u-77c0de",
                                    "late": False},
    "notification_task_acknowledged": {**_TASK, "recipient_role": "leader",
                                       "message_id": "<3c1d8e5a.vern@demo.example.test>",
                                       "acknowledged_at": "2026-11-22T10:40:00Z",
                                       "comment": "Hvem tar kontakt med foresatte?",
                                       "acknowledged_by_role": "leader"},
    "notification_delivery_failed": {
        **_TASK, "recipient_role": "parent_department", "message_id": "<9a7b6c5d.vern@demo.example.test>",
        "channel": "email", "attempts": 5, "reason": "550 5.1.1 mailbox unavailable",
        "failed_at": "2026-11-22T11:20:00Z", "follow_up_task_id": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"},
    "notification_task_overdue": {**_TASK, "due_at": "2026-11-25T09:05:00Z", "noticed_at": "2026-11-25T09:06:00Z",
                                  "escalated_to": ["isk", "leader"]},
    "measure_progress_reported": {
        **_TASK, "recipient_role": "system_owner", "subject_type": "measure", "subject_id": "12", "measure_id": 12,
        "owner_id": "0b9e6a1c-2d4f-4c8e-a1b3-5f6e7d8c9a0b", "progress": "in_progress",
        "comment": "Bestilt hos leverandøren, levering i uke 6.", "reported_at": "2027-01-20T10:00:00Z",
        "reported_by": "Systemeier Fagsystem <systemeier@demo.example.test>"},
    "agency_listed": {"code": "demo", "name": "Demoetaten", "parent_department": "Byrådsavdeling for oppvekst",
                      "sectors": ["education"], "listed_at": "2026-11-22T06:00:00Z"},
}
