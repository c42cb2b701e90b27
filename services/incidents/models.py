"""The incidents service's tables."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.database import UTCDateTime


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

    assessments: Mapped[list["Assessment"]] = relationship(
        back_populates="incident", order_by="Assessment.id", lazy="selectin")
    breach_assessments: Mapped[list["BreachAssessment"]] = relationship(
        order_by="BreachAssessment.version", lazy="selectin")
    breach_decisions: Mapped[list["BreachDecision"]] = relationship(order_by="BreachDecision.id", lazy="selectin")


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
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_by: Mapped[str] = mapped_column(String(200))
