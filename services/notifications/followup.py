"""Chasing open tasks: reminders before the due time, escalation to superior roles after it.

Both claim their rows with a conditional UPDATE, so with several notifications instances
each reminder goes out once and each overdue task is escalated once.
"""
from datetime import datetime

from sqlalchemy import select

from services.notifications import delivery, domain
from services.notifications.models import NotificationTask, Reminder
from services.notifications.tasks import TaskOrder, create_task, find_contact, queue_delivery, task_reference
from shared.row_claims import claim
from shared.contracts.notifications import NOTIFICATION_TASK_OVERDUE
from shared.service_database import UnitOfWork


def send_due_reminders(uow: UnitOfWork, now: datetime) -> int:
    """Queue a message for each reminder whose time has come; a task done by then is not reminded."""
    due = uow.session.scalars(select(Reminder).where(Reminder.status == "scheduled", Reminder.send_at <= now)).all()
    sent = 0
    for reminder in due:
        task = reminder.task
        status = "sent" if task.status == "open" else "skipped"
        won = claim(uow.session, Reminder, Reminder.id == reminder.id, Reminder.status == "scheduled",
                    status=status, sent_at=now)
        if won and status == "sent":
            channel, address = reminder_address(uow.session, task)
            if channel != "manual":
                queue_delivery(uow, task, channel, address, "reminder", reminder.number)
            sent += 1
    return sent


def reminder_address(session, task: NotificationTask) -> tuple[str, str | None]:
    """The recipient, or for a manual task (Datatilsynet's, done by hand) the coordinator who does it."""
    if task.channel != "manual":
        return task.channel, task.recipient_address
    contact = find_contact(session, task.agency, domain.coordinator_for(task.facts or {}))
    address = contact.address if contact else None
    return delivery.channel_for("contact", address), address


def escalate_overdue_tasks(uow: UnitOfWork, now: datetime) -> list[NotificationTask]:
    """Mark open tasks past their due time overdue, once, and give their superior roles tasks of their own."""
    # Datatilsynet's task is escalated by the incidents service's missed-deadline event instead
    # (handlers.follow_missed_deadline): the incident, not the task, knows whether the duty still stands.
    overdue = uow.session.scalars(select(NotificationTask).where(
        NotificationTask.status == "open", NotificationTask.due_at < now,
        NotificationTask.overdue_at.is_(None), NotificationTask.action != "notify_authority")).all()
    escalated = []
    for task in overdue:
        if not claim(uow.session, NotificationTask, NotificationTask.id == task.id,
                     NotificationTask.overdue_at.is_(None), overdue_at=now):
            continue
        roles = list(task.overdue_roles or ())
        for role in roles:
            create_task(uow, TaskOrder(
                agency=task.agency, recipient_role=role, source_event_id=f"overdue:{task.id}",
                source_event_type=NOTIFICATION_TASK_OVERDUE.type, subject_type=task.subject_type,
                subject_id=task.subject_id, template="overdue", follows_task_id=task.id, action="follow_up",
                facts={**(task.facts or {}), "follow_up": {"overdue_role": task.recipient_role}}))
        uow.publish(NOTIFICATION_TASK_OVERDUE, task.id, task.agency, {
            **task_reference(task), "due_at": task.due_at, "noticed_at": now, "escalated_to": roles})
        escalated.append(task)
    return escalated
