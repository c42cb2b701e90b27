"""The incidents service's tables."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.incidents import domain
from shared.attachments.model import AttachmentColumns
from shared.database import UTCDateTime

# Columns that hold the API's nested `impact` object.
IMPACT_COLUMNS = {"confidentiality": "impact_confidentiality", "integrity": "impact_integrity",
                  "availability": "impact_availability"}


class Base(DeclarativeBase):
    pass


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(60))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    aware_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reported_by: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str | None] = mapped_column(String(20))
    personal_data_involved: Mapped[bool | None] = mapped_column(Boolean)
    marked_serious: Mapped[bool] = mapped_column(Boolean, default=False)
    assessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalation_reason: Mapped[str | None] = mapped_column(String(30))
    escalated_rank: Mapped[int | None] = mapped_column(Integer)
    breach_severity: Mapped[str | None] = mapped_column(String(20))
    # The higher of severity and breach_severity, and whether that is serious: kept for the overview's filters.
    effective_severity: Mapped[str | None] = mapped_column(String(20), index=True)
    serious: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    status: Mapped[str] = mapped_column(String(20), default="reported", index=True)
    handler: Mapped[str | None] = mapped_column(String(200))
    handler_role: Mapped[str | None] = mapped_column(String(10))
    detected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reporting_unit: Mapped[str | None] = mapped_column(String(120))
    affected_system_ids: Mapped[list] = mapped_column(JSON, default=list)
    processing_activity_ids: Mapped[list] = mapped_column(JSON, default=list)
    impact_confidentiality: Mapped[str | None] = mapped_column(String(10))
    impact_integrity: Mapped[str | None] = mapped_column(String(10))
    impact_availability: Mapped[str | None] = mapped_column(String(10))
    scope: Mapped[str | None] = mapped_column(String(20))
    approx_data_subjects: Mapped[int | None] = mapped_column(Integer)
    approx_records: Mapped[int | None] = mapped_column(Integer)
    data_subject_categories: Mapped[list] = mapped_column(JSON, default=list)
    personal_data_categories: Mapped[list] = mapped_column(JSON, default=list)
    likely_consequences: Mapped[str | None] = mapped_column(Text)
    data_whereabouts: Mapped[str | None] = mapped_column(Text)
    actions_taken: Mapped[str | None] = mapped_column(Text)  # what the reporter did right away

    # The 72-hour duty (GDPR art. 33) and the communication to data subjects (art. 34).
    authority_deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    authority_notification: Mapped[str | None] = mapped_column(String(20), index=True)
    authority_deadline_missed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    subject_communication: Mapped[str | None] = mapped_column(String(20))

    root_cause: Mapped[str | None] = mapped_column(Text)
    lessons_learned: Mapped[str | None] = mapped_column(Text)
    linked_risk_ids: Mapped[list] = mapped_column(JSON, default=list)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(200))

    @property
    def impact(self) -> dict | None:
        if self.impact_confidentiality is None:
            return None
        return {key: getattr(self, column) for key, column in IMPACT_COLUMNS.items()}

    @impact.setter
    def impact(self, impact: dict | None) -> None:
        for key, column in IMPACT_COLUMNS.items():
            setattr(self, column, impact[key] if impact else None)

    @property
    def security_severity(self) -> str | None:
        return domain.security_severity(self.impact_confidentiality, self.impact_integrity,
                                        self.impact_availability, self.scope)

    assessments: Mapped[list["Assessment"]] = relationship(
        back_populates="incident", order_by="Assessment.id", lazy="selectin")
    breach_assessments: Mapped[list["BreachAssessment"]] = relationship(
        order_by="BreachAssessment.version", lazy="selectin")
    breach_decisions: Mapped[list["BreachDecision"]] = relationship(order_by="BreachDecision.id", lazy="selectin")
    journal: Mapped[list["JournalEntry"]] = relationship(order_by="JournalEntry.id", lazy="selectin")
    measures: Mapped[list["Measure"]] = relationship(order_by="Measure.id", lazy="selectin")
    authority_notifications: Mapped[list["AuthorityNotification"]] = relationship(
        order_by="AuthorityNotification.id", lazy="selectin")
    subject_communications: Mapped[list["SubjectCommunication"]] = relationship(
        order_by="SubjectCommunication.id", lazy="selectin")


class Assessment(Base):
    """Every assessment is kept: who judged what, when (the incident holds the latest)."""
    __tablename__ = "incident_assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    personal_data_involved: Mapped[bool] = mapped_column(Boolean)
    marked_serious: Mapped[bool] = mapped_column(Boolean)
    rationale: Mapped[str | None] = mapped_column(Text)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assessed_by: Mapped[str] = mapped_column(String(200))

    incident: Mapped[Incident] = relationship(back_populates="assessments")


class BreachAssessment(Base):
    """An ENISA assessment of a personal-data breach; each reassessment is a new version."""
    __tablename__ = "breach_assessments"
    __table_args__ = (UniqueConstraint("incident_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    facts: Mapped[dict] = mapped_column(JSON)
    dpc: Mapped[int] = mapped_column(Integer)
    dpc_justification: Mapped[str | None] = mapped_column(Text)
    ei: Mapped[float] = mapped_column(Float)
    cb: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    severity: Mapped[str] = mapped_column(String(20))
    risk: Mapped[str] = mapped_column(String(20))
    many_subjects: Mapped[bool] = mapped_column(Boolean)
    notify_authority: Mapped[str] = mapped_column(String(20))
    notify_authority_reasons: Mapped[list] = mapped_column(JSON)
    notify_data_subjects: Mapped[str] = mapped_column(String(20))
    notify_data_subjects_reasons: Mapped[list] = mapped_column(JSON)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assessed_by: Mapped[str] = mapped_column(String(200))


class BreachDecision(Base):
    """The coordinator's decision on notification, beside the recommendation it answers."""
    __tablename__ = "breach_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    assessment_version: Mapped[int] = mapped_column(Integer)
    notify_authority: Mapped[str] = mapped_column(String(20))
    notify_data_subjects: Mapped[str] = mapped_column(String(20))
    follows_recommendation: Mapped[bool] = mapped_column(Boolean)
    justification: Mapped[str | None] = mapped_column(Text)
    subject_exemption: Mapped[str | None] = mapped_column(String(10))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(200))


class JournalEntry(Base):
    """One line of an incident's journal: every change, note and decision, with who and when."""
    __tablename__ = "incident_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    entry_type: Mapped[str] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(200))


@event.listens_for(JournalEntry, "before_update")
@event.listens_for(JournalEntry, "before_delete")
def _journal_is_append_only(mapper, connection, entry):
    raise PermissionError(f"incident journal entry {entry.id} is append-only")


class Measure(Base):
    """A measure (tiltak) taken or planned because of an incident."""
    __tablename__ = "incident_measures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The owner role of the agency directory who gets a task (systemeier, systemforvalter, sikkerhetsleder),
    # and the system whose contact holds it (None: the agency's own contact for the role).
    owner_role: Mapped[str | None] = mapped_column(String(40))
    owner_system: Mapped[str | None] = mapped_column(String(64))


class AuthorityNotification(Base):
    """A submission to Datatilsynet (art. 33): the initial one, then any supplements (33(4))."""
    __tablename__ = "authority_notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    phase: Mapped[str] = mapped_column(String(20))
    phased: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(100))
    late: Mapped[bool] = mapped_column(Boolean)
    delay_reason: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))


class SubjectCommunication(Base):
    """A communication to the data subjects (art. 34), or the public communication of 34(3)(c)."""
    __tablename__ = "subject_communications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    communicated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(20))
    subjects_reached: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))


class Attachment(AttachmentColumns, Base):
    """Evidence kept with an incident or one of its measures (shared/attachments)."""
    __tablename__ = "attachments"
