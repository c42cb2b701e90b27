"""The messaging tables every service's first migration creates (outbox, processed events, dead letters).

Frozen as they were at version 1, like any migration: a later change to them is a new migration
in each service, never an edit here.
"""
import sqlalchemy as sa
from alembic import op

import shared.database


def create_messaging_tables_v1() -> None:
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
    op.create_table('processed_events',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('consumer', sa.String(length=200), nullable=False),
    sa.Column('processed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('event_id', 'consumer')
    )
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_events_claimed_until'), ['claimed_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_events_published_at'), ['published_at'], unique=False)


def drop_messaging_tables_v1() -> None:
    op.drop_table('processed_events')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_published_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_events_claimed_until'))
    op.drop_table('outbox_events')
    op.drop_table('dead_letters')
