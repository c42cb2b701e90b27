"""audit checkpoints: every service's signed audit chain heads, kept outside its own database

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 00:40:00.000000
"""
import sqlalchemy as sa
from alembic import op

import shared.database

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_checkpoints',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('signed_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('signature', sa.String(length=64), nullable=False),
    sa.Column('received_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('service', 'seq', 'signature')
    )
    with op.batch_alter_table('audit_checkpoints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_checkpoints_service'), ['service'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_checkpoints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_checkpoints_service'))
    op.drop_table('audit_checkpoints')
