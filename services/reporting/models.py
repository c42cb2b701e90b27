"""The reporting service's tables: agencies (as the notifications service lists them), facts and reports;
the annual cycle's governing documents, attestations, advice log, requirements overview and plan.

The directory's contacts, the routing rules and the notification tasks with their reminders, deliveries
and acknowledgement links moved to the notifications service; their old tables stay in reporting's
database for one release (a rollback finds them), and a later migration drops them."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.attachments.model import AttachmentColumns
from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class Agency(Base):
    """An agency as the directory names it, folded from the notifications service's `agency_listed`."""
    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_department: Mapped[str | None] = mapped_column(String(200))
    sectors: Mapped[list | None] = mapped_column(JSON)  # governance_rules.SECTORS, from the directory file


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
