"""webhooks: subscriptions and their deliveries; the messaging tables and the audit trail

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 19:50:38.814937
"""
from alembic import op
import sqlalchemy as sa
import shared.database
from shared.messaging_tables import (add_audit_trail_v1, add_messaging_tables_v2, create_messaging_tables_v1,
                                     drop_audit_trail_v1, drop_messaging_tables_v2, drop_messaging_tables_v1)


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the messaging tables (v1, v2) and the audit trail (v1), as every service's first migration has them
    create_messaging_tables_v1()
    add_messaging_tables_v2()
    add_audit_trail_v1()
    op.create_table('subscriptions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('all_agencies', sa.Boolean(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('event_types', sa.JSON(), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('secret', sa.String(length=100), nullable=False),
    sa.Column('previous_secret', sa.String(length=100), nullable=True),
    sa.Column('previous_secret_until', shared.database.UTCDateTime(), nullable=True),
    sa.Column('secret_rotated_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('consecutive_failures', sa.Integer(), nullable=False),
    sa.Column('disabled_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('disabled_reason', sa.Text(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscriptions_active'), ['active'], unique=False)
        batch_op.create_index(batch_op.f('ix_subscriptions_agency'), ['agency'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('subscription_id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('envelope', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('scheduled_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('next_attempt_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('claimed_until', shared.database.UTCDateTime(), nullable=True),
    sa.Column('last_attempt_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('recent_attempts', sa.JSON(), nullable=False),
    sa.Column('delivered_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('redelivered_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('redelivered_by', sa.String(length=200), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subscription_id', 'event_id')
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_subscription_id'), ['subscription_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_subscription_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_status'))
        batch_op.drop_index(batch_op.f('ix_deliveries_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_deliveries_created_at'))
        batch_op.drop_index(batch_op.f('ix_deliveries_agency'))

    op.drop_table('deliveries')
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscriptions_agency'))
        batch_op.drop_index(batch_op.f('ix_subscriptions_active'))

    op.drop_table('subscriptions')
    drop_audit_trail_v1()
    drop_messaging_tables_v2()
    drop_messaging_tables_v1()
