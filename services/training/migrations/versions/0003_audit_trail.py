"""audit trail: hash-chained entries of every change, and the chain's head

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 20:00:00.000000
"""
from shared.messaging_tables import add_audit_trail_v1, drop_audit_trail_v1

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_audit_trail_v1()


def downgrade() -> None:
    drop_audit_trail_v1()
