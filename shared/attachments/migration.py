"""The attachments table as each service's Alembic revision creates it (the same columns as
shared/attachments/model.py)."""
import sqlalchemy as sa

from shared.attachments.model import TABLE
from shared.database import UTCDateTime


def create_table(op) -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(64), nullable=False, unique=True),
        sa.Column("description", sa.String(500), nullable=True),
        sa.Column("uploaded_by", sa.String(200), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by", sa.String(200), nullable=True),
        sa.Column("removal_reason", sa.Text(), nullable=True),
    )
    op.create_index(f"ix_{TABLE}_agency", TABLE, ["agency"])
    op.create_index(f"ix_{TABLE}_record_id", TABLE, ["record_id"])


def drop_table(op) -> None:
    op.drop_index(f"ix_{TABLE}_record_id", TABLE)
    op.drop_index(f"ix_{TABLE}_agency", TABLE)
    op.drop_table(TABLE)
