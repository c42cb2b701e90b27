"""The risk service's tables: matrices, assessments, risks, measures and the leader's decisions."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.attachments.model import AttachmentColumns
from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class RiskMatrix(Base):
    """One version of an agency's matrix and acceptance criteria; never changed once stored."""
    __tablename__ = "risk_matrices"
    __table_args__ = (UniqueConstraint("agency", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    likelihood_scale: Mapped[list] = mapped_column(JSON)
    consequence_scale: Mapped[list] = mapped_column(JSON)
    cells: Mapped[list] = mapped_column(JSON)
    acceptable_up_to: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    assessed: Mapped[str | None] = mapped_column(Text)      # what is assessed, in words
    asset_ids: Mapped[list] = mapped_column(JSON, default=list)  # systems and assets it covers
    method: Mapped[str] = mapped_column(String(200))
    participants: Mapped[list] = mapped_column(JSON, default=list)  # roles, not names
    owner: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    assessment_date: Mapped[date | None] = mapped_column(Date)
    next_review_date: Mapped[date | None] = mapped_column(Date, index=True)
    matrix_id: Mapped[int] = mapped_column(ForeignKey("risk_matrices.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[str | None] = mapped_column(String(200))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(200))
    approval_note: Mapped[str | None] = mapped_column(Text)

    matrix: Mapped[RiskMatrix] = relationship(lazy="joined")
    history: Mapped[list["AssessmentHistory"]] = relationship(
        order_by="AssessmentHistory.id", cascade="all, delete-orphan")


class AssessmentHistory(Base):
    """Each move in the life cycle; an approval keeps the risks as they were approved."""
    __tablename__ = "assessment_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    snapshot: Mapped[list | None] = mapped_column(JSON)


class Risk(Base):
    __tablename__ = "risks"
    __table_args__ = (UniqueConstraint("agency", "origin_ref"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    assessment_id: Mapped[str | None] = mapped_column(ForeignKey("assessments.id"), index=True)
    reference: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    scenario: Mapped[str | None] = mapped_column(Text)  # uønsket hendelse
    threat: Mapped[str | None] = mapped_column(Text)
    vulnerability: Mapped[str | None] = mapped_column(Text)
    asset: Mapped[str | None] = mapped_column(String(200))
    affects: Mapped[list] = mapped_column(JSON, default=list)  # confidentiality, integrity, availability, privacy
    consequence_description: Mapped[str | None] = mapped_column(Text)
    existing_controls: Mapped[str | None] = mapped_column(Text)
    likelihood: Mapped[int | None] = mapped_column(Integer)
    consequence: Mapped[int | None] = mapped_column(Integer)
    likelihood_rationale: Mapped[str | None] = mapped_column(Text)
    consequence_rationale: Mapped[str | None] = mapped_column(Text)
    knowledge_strength: Mapped[str | None] = mapped_column(String(10))
    treatment: Mapped[str | None] = mapped_column(String(10))
    treatment_rationale: Mapped[str | None] = mapped_column(Text)
    residual_likelihood: Mapped[int | None] = mapped_column(Integer)
    residual_consequence: Mapped[int | None] = mapped_column(Integer)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    review_date: Mapped[date | None] = mapped_column(Date)
    # Derived from the ratings and the assessment's matrix on every change, kept for the register's filters.
    level: Mapped[str | None] = mapped_column(String(10), index=True)
    residual_level: Mapped[str | None] = mapped_column(String(10), index=True)
    score: Mapped[int | None] = mapped_column(Integer)
    residual_score: Mapped[int | None] = mapped_column(Integer)
    acceptable: Mapped[bool | None] = mapped_column(Boolean, index=True)
    # Set when an evaluated risk became unacceptable (and its event was published); cleared when it no longer is.
    unacceptable_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    needs_reassessment: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    reassessment_reasons: Mapped[list] = mapped_column(JSON, default=list)
    origin: Mapped[dict | None] = mapped_column(JSON)  # where a draft came from (an exercise finding)
    origin_ref: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))

    assessment: Mapped[Assessment | None] = relationship(lazy="joined")
    measures: Mapped[list["Measure"]] = relationship(order_by="Measure.id", back_populates="risk",
                                                     cascade="all, delete-orphan")
    decisions: Mapped[list["RiskDecision"]] = relationship(order_by="RiskDecision.id",
                                                           cascade="all, delete-orphan")


class Measure(Base):
    """A treatment measure (tiltak)."""
    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    risk_id: Mapped[str] = mapped_column(ForeignKey("risks.id"), index=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    effect: Mapped[str | None] = mapped_column(String(20))  # reduces likelihood, consequence or both
    expected_effect: Mapped[str | None] = mapped_column(Text)
    permanent: Mapped[bool] = mapped_column(Boolean, default=True)  # varig tiltak vs engangstiltak
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)  # cannot be solved locally
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The due date whose passing was announced: once per measure and due date, whatever the instance count.
    overdue_noticed_for: Mapped[date | None] = mapped_column(Date)
    # The owner role of the agency directory (systemeier, systemforvalter, sikkerhetsleder) who is told,
    # and the system whose contact holds it (None: the agency's own contact for the role).
    owner_role: Mapped[str | None] = mapped_column(String(40))
    owner_system: Mapped[str | None] = mapped_column(String(64))

    risk: Mapped[Risk] = relationship(back_populates="measures")
    # selectin: the register lists many measures, each with its history, in one more query
    history: Mapped[list["MeasureHistory"]] = relationship(order_by="MeasureHistory.id", lazy="selectin",
                                                           cascade="all, delete-orphan")


class MeasureHistory(Base):
    """What happened to a measure: created, changed, progress reported by its owner with the task's link."""
    __tablename__ = "measure_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(20))  # created | changed | progress
    status: Mapped[str] = mapped_column(String(20))  # the measure's status after it
    comment: Mapped[str | None] = mapped_column(Text)


class RiskDecision(Base):
    """The agency head's decision on an unacceptable risk: accept it (for a time) or treat it."""
    __tablename__ = "risk_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    risk_id: Mapped[str] = mapped_column(ForeignKey("risks.id"), index=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # accept | treat
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    justification: Mapped[str] = mapped_column(Text)
    valid_until: Mapped[date | None] = mapped_column(Date, index=True)
    measure_ids: Mapped[list] = mapped_column(JSON, default=list)
    risk_state: Mapped[dict] = mapped_column(JSON)  # the risk as it stood when decided
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str | None] = mapped_column(Text)
    expired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when its running out was acted on


class Attachment(AttachmentColumns, Base):
    """Evidence kept with a risk or one of its measures (shared/attachments)."""
    __tablename__ = "attachments"
