"""bounded event retries: delivery failures, dead letters with their queue

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 17:05:00.000000
"""
from shared.messaging_tables import add_messaging_tables_v2, drop_messaging_tables_v2

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_messaging_tables_v2()


def downgrade() -> None:
    drop_messaging_tables_v2()
