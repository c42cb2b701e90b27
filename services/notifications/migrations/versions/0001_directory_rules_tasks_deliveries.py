"""notifications: the agency directory and contacts, routing rules, notification tasks with their
reminders, deliveries and acknowledgement links, and the measures' lives; the messaging tables and the
audit trail. The same tables as reporting's at its revision 0016, which the next migration copies from.

Revision ID: 0001
Revises: 
Create Date: 2026-12-07 17:16:56.210429
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
    op.create_table('agencies',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_department', sa.String(length=200), nullable=True),
    sa.Column('sectors', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency_code', 'role')
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_agency_code'), ['agency_code'], unique=False)

    op.create_table('measure_lives',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('subject_type', sa.String(length=30), nullable=False),
    sa.Column('subject_id', sa.String(length=200), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject_type', 'subject_id')
    )
    with op.batch_alter_table('measure_lives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_lives_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_measure_lives_subject_type'), ['subject_type'], unique=False)

    op.create_table('notification_tasks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('source_event_id', sa.String(length=64), nullable=False),
    sa.Column('source_event_type', sa.String(length=120), nullable=False),
    sa.Column('subject_type', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.String(length=36), nullable=False),
    sa.Column('recipient_role', sa.String(length=40), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=True),
    sa.Column('recipient_address', sa.String(length=320), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('due_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('completed_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('completed_by', sa.String(length=200), nullable=True),
    sa.Column('completion_note', sa.Text(), nullable=True),
    sa.Column('acknowledged_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('acknowledged_via', sa.String(length=40), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=320), nullable=True),
    sa.Column('facts', sa.JSON(), nullable=True),
    sa.Column('template', sa.String(length=80), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('overdue_roles', sa.JSON(), nullable=True),
    sa.Column('overdue_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('follows_task_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=30), server_default='acknowledge', nullable=False),
    sa.Column('thread', sa.String(length=40), nullable=True),
    sa.Column('closed_reason', sa.String(length=40), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'subject_type', 'subject_id', 'recipient_role', 'action', 'thread', name='uq_notification_tasks_thread'),
    sa.UniqueConstraint('source_event_id', 'recipient_role')
    )
    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_tasks_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_tasks_subject_id'), ['subject_id'], unique=False)

    op.create_table('owner_contacts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.Column('system', sa.String(length=64), nullable=False),
    sa.Column('system_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('secret', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency_code', 'system', 'role')
    )
    with op.batch_alter_table('owner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_owner_contacts_agency_code'), ['agency_code'], unique=False)

    op.create_table('routing_rules',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=100), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('recipient_role', sa.String(length=40), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('due_field', sa.String(length=60), nullable=True),
    sa.Column('due_hours', sa.Float(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('template', sa.String(length=80), nullable=True),
    sa.Column('reminder_hours', sa.JSON(), nullable=True),
    sa.Column('overdue_roles', sa.JSON(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('retired_at', shared.database.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_routing_rules_agency_code'), ['agency_code'], unique=False)

    op.create_table('ack_links',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('delivery_id', sa.String(length=36), nullable=True),
    sa.Column('expires_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('used_at', shared.database.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['notification_tasks.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('ack_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ack_links_task_id'), ['task_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.Column('reminder_number', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('claimed_until', shared.database.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('delivered_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['notification_tasks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_task_id'), ['task_id'], unique=False)

    op.create_table('reminders',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('send_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('sent_at', shared.database.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['notification_tasks.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('task_id', 'number')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_send_at'), ['send_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_task_id'), ['task_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_task_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_send_at'))

    op.drop_table('reminders')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_task_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_status'))
        batch_op.drop_index(batch_op.f('ix_deliveries_next_attempt_at'))

    op.drop_table('deliveries')
    with op.batch_alter_table('ack_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ack_links_task_id'))

    op.drop_table('ack_links')
    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_routing_rules_agency_code'))

    op.drop_table('routing_rules')
    with op.batch_alter_table('owner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_owner_contacts_agency_code'))

    op.drop_table('owner_contacts')
    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_tasks_subject_id'))
        batch_op.drop_index(batch_op.f('ix_notification_tasks_agency'))

    op.drop_table('notification_tasks')
    with op.batch_alter_table('measure_lives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_lives_subject_type'))
        batch_op.drop_index(batch_op.f('ix_measure_lives_agency'))

    op.drop_table('measure_lives')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_agency_code'))

    op.drop_table('contacts')
    op.drop_table('agencies')
    drop_audit_trail_v1()
    drop_messaging_tables_v2()
    drop_messaging_tables_v1()
    # ### end Alembic commands ###
