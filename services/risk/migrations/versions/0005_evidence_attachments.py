"""evidence attachments of risks and their measures

Revision ID: 0005
Revises: 0004
"""
from alembic import op

from shared.attachments import migration

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create_table(op)


def downgrade() -> None:
    migration.drop_table(op)
