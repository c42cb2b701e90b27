"""The messaging tables every service's migrations create (outbox, processed events, dead letters).

Each version is frozen, like any migration: a later change to them is a new version here, called
from a new migration in each service, never an edit of an older one.
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


def add_messaging_tables_v2() -> None:
    """Bounded retries: failures counted per event and consumer; dead letters know their queue;
    committed RPC commands, so that a redelivered request is not carried out twice."""
    op.create_table('processed_commands',
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('processed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('request_id')
    )
    with op.batch_alter_table('processed_commands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processed_commands_processed_at'), ['processed_at'], unique=False)
    op.create_table('delivery_failures',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('consumer', sa.String(length=200), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('last_failed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('event_id', 'consumer')
    )
    with op.batch_alter_table('dead_letters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queue', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='1', nullable=False))


def drop_messaging_tables_v2() -> None:
    with op.batch_alter_table('dead_letters', schema=None) as batch_op:
        batch_op.drop_column('attempts')
        batch_op.drop_column('queue')
    op.drop_table('delivery_failures')
    with op.batch_alter_table('processed_commands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processed_commands_processed_at'))
    op.drop_table('processed_commands')


def add_audit_trail_v1() -> None:
    """The hash-chained audit trail (shared.audit) and its head, which starts the chain."""
    op.create_table('audit_entries',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('actor_roles', sa.String(length=200), nullable=False),
    sa.Column('actor_agency', sa.String(length=64), nullable=True),
    sa.Column('agency', sa.String(length=64), nullable=True),
    sa.Column('correlation_id', sa.String(length=64), nullable=True),
    sa.Column('operation', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=100), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_correlation_id'), ['correlation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_recorded_at'), ['recorded_at'], unique=False)
    chain = op.create_table('audit_chain',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('pruned_through_seq', sa.Integer(), nullable=False),
    sa.Column('pruned_through_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(chain, [{"id": 1, "last_seq": 0, "last_hash": "0" * 64,
                            "pruned_through_seq": 0, "pruned_through_hash": "0" * 64}])


def drop_audit_trail_v1() -> None:
    op.drop_table('audit_chain')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_correlation_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_agency'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor'))
    op.drop_table('audit_entries')
