"""The incidents service's tables."""
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
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

    assessments: Mapped[list["Assessment"]] = relationship(
        back_populates="incident", order_by="Assessment.id", lazy="selectin")


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
