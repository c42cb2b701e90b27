"""Making a notification task: its message, its delivery, its reminders and its event.

Everything a task will ever send is fixed here from the facts of the event that caused
it and the rule in force at that moment, so a later rule change applies to new events only.
"""
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from services.notifications import delivery, domain, messages
from services.notifications.models import Contact, Delivery, NotificationTask, OwnerContact, Reminder
from shared.clock import utcnow
from shared.contracts.notifications import NOTIFICATION_TASK_CREATED
from shared.service_database import UnitOfWork


@dataclass(frozen=True)
class TaskOrder:
    """What a new task is about and for whom; `facts` are JSON-ready (see domain.as_json_facts)."""
    agency: str
    recipient_role: str
    source_event_id: str
    source_event_type: str
    subject_type: str
    subject_id: str
    template: str
    facts: dict
    rule_channel: str = "contact"
    due_at: datetime | None = None
    reminders: list = field(default_factory=list)  # [(number, send_at)]
    overdue_roles: tuple = ()
    follows_task_id: str | None = None
    action: str = "acknowledge"
    thread: str | None = None  # None: a follow-up, never merged with another task
    system: str | None = None  # a measure owner's system: its owner contact rather than the agency's


def create_task(uow: UnitOfWork, order: TaskOrder) -> NotificationTask:
    now = utcnow()
    contact = find_contact(uow.session, order.agency, order.recipient_role, order.system)
    address = contact.address if contact else None
    language = contact.language if contact else "nb"
    task = NotificationTask(
        id=str(uuid.uuid4()), agency=order.agency, source_event_id=order.source_event_id,
        source_event_type=order.source_event_type, subject_type=order.subject_type, subject_id=order.subject_id,
        recipient_role=order.recipient_role, channel=delivery.channel_for(order.rule_channel, address),
        recipient_name=contact.name if contact else None, recipient_address=address, due_at=order.due_at,
        status="open", created_at=now, facts=order.facts, template=order.template, language=language,
        overdue_roles=list(order.overdue_roles), follows_task_id=order.follows_task_id, action=order.action,
        thread=order.thread)
    shown = messages.render(task.template, task.language, message_context(task))
    task.title, task.message = shown.subject[:300], shown.text
    task.reminders = [Reminder(number=number, send_at=send_at, status="scheduled")
                      for number, send_at in order.reminders]
    uow.session.add(task)
    if task.channel != "manual":
        queue_delivery(uow, task, task.channel, address, "notification")
    uow.publish(NOTIFICATION_TASK_CREATED, task.id, task.agency, {
        **task_reference(task), "channel": task.channel, "due_at": task.due_at,
        "source_event_id": task.source_event_id, "source_event_type": task.source_event_type,
        "created_at": task.created_at,
    })
    return task


def update_task(uow: UnitOfWork, task: NotificationTask, event_type: str, facts: dict) -> NotificationTask:
    """The case changed for a recipient who already has its task: the task shows the facts as they are now.
    The same event again (a second escalation) tells the recipient what changed, once; another event of the
    thread (the breach assessed after the escalation) only adds its facts. A task closed because the
    duty fell away (`not_required`) re-opens when the duty is back."""
    before = task.facts or {}
    changed = domain.changes(before, facts) if event_type == task.source_event_type else []
    task.facts = {**before, **facts}
    shown = messages.render(task.template, task.language, message_context(task))
    task.title, task.message = shown.subject[:300], shown.text
    if domain.reopens(task.status, task.closed_reason, facts):
        task.status, task.completed_at, task.completed_by, task.completion_note = "open", None, None, None
        task.closed_reason = None
    if changed and task.channel != "manual":
        queue_delivery(uow, task, task.channel, task.recipient_address, "change", details={"changes": changed})
    return task


def task_reference(task: NotificationTask) -> dict:
    """The fields every task event and webhook carries (shared.contracts.notifications.TaskEventV1)."""
    return {"task_id": task.id, "recipient_role": task.recipient_role, "subject_type": task.subject_type,
            "subject_id": task.subject_id}


def queue_delivery(uow: UnitOfWork, task: NotificationTask, channel: str, address: str, kind: str,
                   reminder_number: int | None = None, details: dict | None = None) -> Delivery:
    """A message waiting for the sender; its id is the message id the recipient sees."""
    now = utcnow()
    queued = Delivery(id=str(uuid.uuid4()), task=task, kind=kind, reminder_number=reminder_number, channel=channel,
                      address=address, status="pending", attempts=0, next_attempt_at=now, created_at=now,
                      details=details)
    uow.session.add(queued)
    return queued


def message_context(task: NotificationTask, ack_url: str | None = None, **extra) -> dict:
    """What a template sees: the task's facts, and for follow-up tasks the details of what they follow up."""
    facts = task.facts or {}
    return {"language": task.language, "recipient_role": task.recipient_role, "recipient_name": task.recipient_name,
            "due_at": task.due_at.isoformat() if task.due_at else None, "ack_url": ack_url, "task_id": task.id,
            "title": facts.get("title", ""), "facts": facts, "progress_url": None, **facts.get("follow_up", {}),
            **extra}


def find_contact(session, agency: str, role: str, system: str | None = None) -> Contact | OwnerContact | None:
    """The contact of the agency's system for an owner role when a system is named and has one; else the
    agency's own contact for the role, else the municipality's default.

    One query, and no autoflush: a fan-out looks up a contact per task while the tasks it made before
    wait to be inserted together at the commit (bench/README.md: statements per escalation)."""
    with session.no_autoflush:
        if system:
            owner = session.scalars(select(OwnerContact).where(
                OwnerContact.agency_code == agency, OwnerContact.system == system,
                OwnerContact.role == role)).first()
            if owner is not None:
                return owner
        candidates = session.scalars(select(Contact).where(
            Contact.agency_code.in_((agency, domain.DEFAULT_AGENCY)), Contact.role == role)).all()
    for code in (agency, domain.DEFAULT_AGENCY):
        contact = next((candidate for candidate in candidates if candidate.agency_code == code), None)
        if contact:
            return contact
    return None
