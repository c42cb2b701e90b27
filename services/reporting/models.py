"""The reporting service's tables: directory, routing rules, notification tasks; facts and reports;
the annual cycle's governing documents, attestations, advice log, requirements overview and plan."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.attachments.model import AttachmentColumns
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
    # message template name (services/reporting/templates); None: chosen by event and role
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


class ReportFact(Base):
    """What reporting knows of one subject of another service (an incident, a risk, ...), folded from
    its events (`facts`): the source of every figure in a report."""
    __tablename__ = "report_facts"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    subject_type: Mapped[str] = mapped_column(String(30), index=True)
    subject_id: Mapped[str] = mapped_column(String(200))
    state: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Report(Base):
    """A report for a period: a draft computed from the facts as they are, or, once the agency head
    approves it, a frozen and sealed version that no later event changes."""
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("agency", "kind", "period_start", "period_end", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)  # draft | approved
    inputs: Mapped[dict] = mapped_column(JSON)  # what the coordinators and the agency head wrote
    content: Mapped[dict | None] = mapped_column(JSON)  # frozen at approval
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    seal: Mapped[str | None] = mapped_column(String(100))  # HMAC over hash, approver and time
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    # the approver's confirmation that they read the report before sealing it (kept beside the seal,
    # outside it, so that reports sealed before it was asked for still verify)
    read_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_confirmed_by: Mapped[str | None] = mapped_column(String(200))
# --- the annual cycle: governing documents, attestations, advice, requirements ---

class GoverningDocument(Base):
    """A governing document or routine (styrende dokument, rutine) with its review cycle."""
    __tablename__ = "governing_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(20))
    approved_on: Mapped[date | None] = mapped_column(Date)
    review_interval_months: Mapped[int] = mapped_column(Integer, default=12)
    last_reviewed_on: Mapped[date | None] = mapped_column(Date)
    # derived (governance_rules.next_review_on) and stored, so lists and the timer can filter on it
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    link: Mapped[str | None] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # the review date `document_review_overdue` was published for (claimed by one instance)
    review_noticed_for: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    reviews: Mapped[list["DocumentReview"]] = relationship(order_by="DocumentReview.id", lazy="selectin")


class DocumentReview(Base):
    __tablename__ = "document_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("governing_documents.id"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    version: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attestation(Base):
    """That a routine was complied with in a period (etterlevelse), as the attester saw it."""
    __tablename__ = "attestations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("governing_documents.id"), index=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    period: Mapped[str] = mapped_column(String(10))
    result: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    attested_by: Mapped[str] = mapped_column(String(200))
    attested_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AdviceEntry(Base):
    """A request for advice from a project or procurement and the advice given (rådgivning)."""
    __tablename__ = "advice_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    area: Mapped[str] = mapped_column(String(20))
    requested_on: Mapped[date] = mapped_column(Date, index=True)
    requirements_set: Mapped[list] = mapped_column(JSON)
    processor_agreement_needed: Mapped[bool | None] = mapped_column(Boolean)
    advice_given: Mapped[str | None] = mapped_column(Text)
    given_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    dpia_ids: Mapped[list] = mapped_column(JSON)
    risk_assessment_ids: Mapped[list] = mapped_column(JSON)
    agreement_ids: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Requirement(Base):
    """A law or rule the agencies must meet: the municipality's list (agency "*", seeded by migration)
    or an agency's own addition."""
    __tablename__ = "requirements"
    __table_args__ = (UniqueConstraint("agency", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    code: Mapped[str] = mapped_column(String(60))
    title_nb: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    text_nb: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    applies_default: Mapped[bool] = mapped_column(Boolean, default=True)
    where_relevant: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_source: Mapped[str | None] = mapped_column(String(300))  # the law and paragraph, the rule, the standard
    source_url: Mapped[str | None] = mapped_column(String(500))  # Lovdata or the authority, where stable
    sectors: Mapped[list | None] = mapped_column(JSON)  # governance_rules.SECTORS
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str | None] = mapped_column(String(200))


class RequirementOverlay(Base):
    """How one agency meets a requirement: whether it applies, how, by which documents, who answers."""
    __tablename__ = "requirement_overlays"
    __table_args__ = (UniqueConstraint("agency", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    code: Mapped[str] = mapped_column(String(60))
    applies: Mapped[bool] = mapped_column(Boolean)
    how_met: Mapped[str | None] = mapped_column(Text)
    document_ids: Mapped[list] = mapped_column(JSON)
    responsible_role: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


# --- the annual plan (årsplan / årshjul) ---

class PlanActivity(Base):
    """A planned activity of an agency's year: what, when (a month), who, and what proves it was done.
    Events of the other services and reporting's own happenings tick it done (`annual_plan`)."""
    __tablename__ = "plan_activities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    area: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(20))
    due_month: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # only this subject ticks it (an assessment id, a document id, a report kind); None: any of its kind
    expects_reference: Mapped[str | None] = mapped_column(String(200))
    # [{source: event|manual, type, reference, title, at, event_id, recorded_by}]
    evidence: Mapped[list] = mapped_column(JSON)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditCheckpoint(Base):
    """A service's signed audit chain head, kept here, outside that service's database. Not itself
    audited: each is signed, and recording them would grow reporting's own chain with every one."""
    __tablename__ = "audit_checkpoints"
    __table_args__ = (UniqueConstraint("service", "seq", "signature"), {"info": {"audited": False}})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service: Mapped[str] = mapped_column(String(40), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signature: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attachment(AttachmentColumns, Base):
    """Evidence kept with a governing document (shared/attachments)."""
    __tablename__ = "attachments"
