"""measure owners: an owner role of the agency directory and its system, and each measure's history

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from shared.database import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("measures") as batch:
        batch.add_column(sa.Column("owner_role", sa.String(40), nullable=True))
        batch.add_column(sa.Column("owner_system", sa.String(64), nullable=True))
    op.create_table(
        "measure_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("measure_id", sa.Integer, sa.ForeignKey("measures.id"), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("by", sa.String(320), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text, nullable=True),
    )
    op.create_index("ix_measure_history_measure_id", "measure_history", ["measure_id"])


def downgrade() -> None:
    op.drop_index("ix_measure_history_measure_id", "measure_history")
    op.drop_table("measure_history")
    with op.batch_alter_table("measures") as batch:
        batch.drop_column("owner_system")
        batch.drop_column("owner_role")
