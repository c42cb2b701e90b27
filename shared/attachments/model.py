"""The metadata of an attachment, a table in the owning service's own database (the bytes are in the
store under `storage_key`). Each service declares it on its own declarative base:

    class Attachment(AttachmentColumns, Base):
        __tablename__ = "attachments"

A removal fills the `removed_*` columns and deletes nothing: the audit trail records that update
with the caller, as it records every write.
"""
from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shared.database import UTCDateTime

TABLE = "attachments"


class AttachmentColumns:
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    # what it is kept with: a kind of record of the service ("incident", "risk_measure", ...) and its id
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(200))  # cleaned (shared/attachments/names.py); metadata only
    media_type: Mapped[str] = mapped_column(String(100))  # sniffed from the bytes
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str | None] = mapped_column(String(500))
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by: Mapped[str | None] = mapped_column(String(200))
    removal_reason: Mapped[str | None] = mapped_column(Text)
