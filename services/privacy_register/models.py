"""The privacy register's tables: processing activities and their versions, agreements, screenings, DPIAs."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.attachments.model import AttachmentColumns
from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class ProcessingActivity(Base):
    """One processing activity (behandlingsaktivitet) as it stands now; earlier versions in `versions`."""
    __tablename__ = "processing_activities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), index=True)
    # Every field of the record (art. 30(1) and Vern's additions) as the API gives it: one JSON object,
    # so a new field needs no migration and a version is a copy of it.
    record: Mapped[dict] = mapped_column(JSON)
    name: Mapped[str] = mapped_column(String(200), index=True)  # copied from record, for sorting and search
    # complete as announced at the last write (domain.missing_items with the directory's contacts then);
    # the register's views judge again with the directory as it is now
    complete: Mapped[bool] = mapped_column(Boolean, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
    privacy_assessment: Mapped[dict | None] = mapped_column(JSON)  # overordnet vurdering av personvern
    # the processors without a valid agreement as last announced (sorted, one per line; None: never)
    announced_without_agreement: Mapped[str | None] = mapped_column(Text)

    versions: Mapped[list["ProcessingVersion"]] = relationship(order_by="ProcessingVersion.version",
                                                               cascade="all, delete-orphan")


class ProcessingVersion(Base):
    """A change: who, when, and each changed field before and after."""
    __tablename__ = "processing_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    processing_id: Mapped[str] = mapped_column(ForeignKey("processing_activities.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict] = mapped_column(JSON)  # the record as it was in this version
    changes: Mapped[dict] = mapped_column(JSON)  # field -> {"before": ..., "after": ...}
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class ProcessorAgreement(Base):
    """A data processor agreement (databehandleravtale, art. 28)."""
    __tablename__ = "processor_agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    processor: Mapped[str] = mapped_column(String(200), index=True)
    processing_ids: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))
    signed_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    review_on: Mapped[date | None] = mapped_column(Date)
    sub_processors: Mapped[list] = mapped_column(JSON, default=list)
    transfer_basis: Mapped[str | None] = mapped_column(String(40))
    municipal_template: Mapped[bool | None] = mapped_column(Boolean)  # Oslo kommune's template used?
    reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The expiry date whose approach was announced: once per agreement and date, whatever the instance count.
    expiry_noticed_for: Mapped[date | None] = mapped_column(Date)


class Screening(Base):
    """A DPIA screening of one processing: the nine WP248 criteria and Datatilsynet's list."""
    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    processing_id: Mapped[str] = mapped_column(ForeignKey("processing_activities.id"), index=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    processing_version: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[dict] = mapped_column(JSON)
    justifications: Mapped[dict] = mapped_column(JSON)
    datatilsynet_list: Mapped[list] = mapped_column(JSON)
    result: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), index=True)  # current | reopened | superseded
    reopened_because: Mapped[list | None] = mapped_column(JSON)  # the changed fields that touch an answer
    screened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    screened_by: Mapped[str] = mapped_column(String(200))


class Dpia(Base):
    """A data protection impact assessment (art. 35) and, when needed, its prior consultation (art. 36)."""
    __tablename__ = "dpias"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    processing_id: Mapped[str] = mapped_column(ForeignKey("processing_activities.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    content: Mapped[dict] = mapped_column(JSON)  # art. 35(7) a-d, risks, views of data subjects
    residual_risk: Mapped[str | None] = mapped_column(String(10))
    dpo_advice: Mapped[dict | None] = mapped_column(JSON)
    dpo_advice_followed: Mapped[bool | None] = mapped_column(Boolean)
    reason_not_followed: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    reviewer: Mapped[str | None] = mapped_column(String(200))
    approver: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_processing_version: Mapped[int | None] = mapped_column(Integer)
    outdated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    outdated_because: Mapped[list | None] = mapped_column(JSON)
    prior_consultation: Mapped[dict | None] = mapped_column(JSON)
    history: Mapped[list] = mapped_column(JSON, default=list)  # [{at, by, from_status, to_status, note}]

    processing: Mapped[ProcessingActivity] = relationship(lazy="joined")


class Attachment(AttachmentColumns, Base):
    """Evidence kept with a DPIA (shared/attachments)."""
    __tablename__ = "attachments"
