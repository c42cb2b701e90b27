"""the agency head confirms reading a report before sealing it: who confirmed and when

Existing approved reports keep empty columns: they were sealed before the reading step was asked for.

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

import shared.database

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_confirmed_at", shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("read_confirmed_by", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("read_confirmed_by")
        batch_op.drop_column("read_confirmed_at")
