"""The notifications service's tables: the agency directory and its contacts, routing rules, notification
tasks with their reminders, deliveries and acknowledgement links, and the measures' lives."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class Agency(Base):
    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_department: Mapped[str | None] = mapped_column(String(200))
    sectors: Mapped[list | None] = mapped_column(JSON)  # governance_rules.SECTORS, from the directory file


class Contact(Base):
    """Who holds a recipient role for an agency; agency "*" is the default for all agencies."""
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("agency_code", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency_code: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2), default="nb")
    # Standard Webhooks secret (whsec_...) when the address is a webhook endpoint
    secret: Mapped[str | None] = mapped_column(String(200))


class OwnerContact(Base):
    """Who holds an owner role (systemeier, systemforvalter, sikkerhetsleder) for one of an agency's systems:
    the directory's `systems`. The agency's own holder of a role is a Contact like any other."""
    __tablename__ = "owner_contacts"
    __table_args__ = (UniqueConstraint("agency_code", "system", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency_code: Mapped[str] = mapped_column(String(64), index=True)
    system: Mapped[str] = mapped_column(String(64))
    system_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(2), default="nb")
    secret: Mapped[str | None] = mapped_column(String(200))


class RoutingRule(Base):
    """event type + conditions -> recipient role, channel and due time. Data, not code."""
    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency_code: Mapped[str] = mapped_column(String(64), index=True)
    event_type: Mapped[str] = mapped_column(String(100))
    conditions: Mapped[dict] = mapped_column(JSON)
    recipient_role: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    due_field: Mapped[str | None] = mapped_column(String(60))
    due_hours: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # message template name (services/notifications/templates); None: chosen by event and role
    template: Mapped[str | None] = mapped_column(String(80))
    # reminders this many hours after `due_field` (e.g. 24, 48, 66 after aware_at)
    reminder_hours: Mapped[list | None] = mapped_column(JSON)
    # who gets a task of their own when this one passes its due time
    overdue_roles: Mapped[list | None] = mapped_column(JSON)
    # what the recipient must do (domain.ACTIONS); None: as domain.default_action says for the role
    action: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(200))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NotificationTask(Base):
    __tablename__ = "notification_tasks"
    # a second guard beside processed_events: one task per recipient per source event; and one task per
    # recipient, action and thread about a subject, so two events handled at once cannot both add it
    __table_args__ = (UniqueConstraint("source_event_id", "recipient_role"),
                      UniqueConstraint("agency", "subject_type", "subject_id", "recipient_role", "action", "thread",
                                       name="uq_notification_tasks_thread"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    source_event_id: Mapped[str] = mapped_column(String(64))
    source_event_type: Mapped[str] = mapped_column(String(120))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    recipient_role: Mapped[str] = mapped_column(String(40))
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    recipient_address: Mapped[str | None] = mapped_column(String(320))
    channel: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[str | None] = mapped_column(String(200))
    completion_note: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_via: Mapped[str | None] = mapped_column(String(40))
    acknowledged_by: Mapped[str | None] = mapped_column(String(320))
    # what the messages are rendered from; fixed when the task is made, so a rule change
    # or a later edit of the incident never rewrites what was sent
    facts: Mapped[dict | None] = mapped_column(JSON)
    template: Mapped[str | None] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(2), default="nb")
    overdue_roles: Mapped[list | None] = mapped_column(JSON)
    overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the task this one follows up (an overdue escalation or a failed delivery)
    follows_task_id: Mapped[str | None] = mapped_column(String(36))
    # what the recipient must do (domain.ACTIONS): it decides how the task may be completed
    action: Mapped[str] = mapped_column(String(30), default="acknowledge", server_default="acknowledge")
    # the case conversation a task belongs to (Fanout.thread): a recipient has one task per subject,
    # action and thread, updated when the case changes rather than repeated; None for follow-ups
    thread: Mapped[str | None] = mapped_column(String(40))
    # why a task was closed without being done by its recipient (e.g. `not_required`), so it can reopen
    closed_reason: Mapped[str | None] = mapped_column(String(40))
    # the recipient's question or comment with the acknowledgement, passed on to the coordinator
    comment: Mapped[str | None] = mapped_column(Text)

    reminders: Mapped[list["Reminder"]] = relationship(order_by="Reminder.number", lazy="selectin",
                                                       back_populates="task")
    deliveries: Mapped[list["Delivery"]] = relationship(order_by="Delivery.created_at", lazy="selectin",
                                                        back_populates="task", overlaps="task")


class Reminder(Base):
    """A reminder of an open task at a set time; sent once, skipped when the task is done by then."""
    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("task_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("notification_tasks.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")  # scheduled | sent | skipped
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    task: Mapped[NotificationTask] = relationship(back_populates="reminders")


class Delivery(Base):
    """One message of a task to its recipient; its id is the stable message id receivers deduplicate on."""
    __tablename__ = "deliveries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("notification_tasks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="notification")  # notification | reminder | change
    # for a `change`: what changed ({"changes": [{"field", "before", "after"}]})
    details: Mapped[dict | None] = mapped_column(JSON)
    reminder_number: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    task: Mapped[NotificationTask] = relationship(back_populates="deliveries")


class AckLink(Base):
    """An acknowledgement link, stored as the hash of its token; single use."""
    __tablename__ = "ack_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("notification_tasks.id"), index=True)
    delivery_id: Mapped[str | None] = mapped_column(String(36))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MeasureLife(Base):
    """When a measure was last assigned and closed, as its events said: the events come on separate queues,
    so an assignment may be handled after a later closing and must not reopen the owner's task."""
    __tablename__ = "measure_lives"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(30), index=True)  # measure | incident_measure
    subject_id: Mapped[str] = mapped_column(String(200))
    state: Mapped[dict] = mapped_column(JSON)  # {"assigned_at": ..., "closed_at": ...}
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
