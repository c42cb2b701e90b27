"""evidence attachments of incidents and their measures

Revision ID: 0009
Revises: 0008
"""
from alembic import op

from shared.attachments import migration

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create_table(op)


def downgrade() -> None:
    migration.drop_table(op)
