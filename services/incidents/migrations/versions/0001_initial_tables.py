"""initial tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 06:49:41.729458
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('occurred_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('aware_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('reported_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('reported_by', sa.String(length=200), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=True),
    sa.Column('personal_data_involved', sa.Boolean(), nullable=True),
    sa.Column('marked_serious', sa.Boolean(), nullable=False),
    sa.Column('assessed_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('escalated_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('escalation_reason', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_reported_at'), ['reported_at'], unique=False)

    op.create_table('incident_assessments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('personal_data_involved', sa.Boolean(), nullable=False),
    sa.Column('marked_serious', sa.Boolean(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.Column('assessed_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('assessed_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_assessments_incident_id'), ['incident_id'], unique=False)

    op.create_table('dead_letters',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('consumer', sa.String(length=200), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('replayed_at', shared.database.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('outbox_events',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('routing_key', sa.String(length=100), nullable=False),
    sa.Column('envelope', sa.JSON(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('claimed_until', shared.database.UTCDateTime(), nullable=True),
    sa.Column('published_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('unrouted_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('event_id')
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_events_claimed_until'), ['claimed_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_events_published_at'), ['published_at'], unique=False)

    op.create_table('processed_events',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('consumer', sa.String(length=200), nullable=False),
    sa.Column('processed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('event_id', 'consumer')
    )


def downgrade() -> None:
    op.drop_table('processed_events')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_published_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_events_claimed_until'))

    op.drop_table('outbox_events')
    op.drop_table('dead_letters')
    with op.batch_alter_table('incident_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_assessments_incident_id'))

    op.drop_table('incident_assessments')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_reported_at'))
        batch_op.drop_index(batch_op.f('ix_incidents_agency'))

    op.drop_table('incidents')
