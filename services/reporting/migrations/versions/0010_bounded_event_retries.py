"""bounded event retries: delivery failures, dead letters with their queue

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 17:05:00.000000
"""
from shared.messaging_tables import add_messaging_tables_v2, drop_messaging_tables_v2

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_messaging_tables_v2()


def downgrade() -> None:
    drop_messaging_tables_v2()
