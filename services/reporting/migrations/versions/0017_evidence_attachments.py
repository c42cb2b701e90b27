"""evidence attachments of governing documents

Revision ID: 0017
Revises: 0016
"""
from alembic import op

from shared.attachments import migration

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create_table(op)


def downgrade() -> None:
    migration.drop_table(op)
