"""initial tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 06:49:45.134461
"""
from alembic import op
import sqlalchemy as sa
import shared.database
from shared.messaging_tables import create_messaging_tables_v1, drop_messaging_tables_v1


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables_v1()
    op.create_table('agencies',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_department', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency_code', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=320), nullable=True),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency_code', 'role')
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_agency_code'), ['agency_code'], unique=False)

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
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source_event_id', 'recipient_role')
    )
    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_tasks_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_tasks_subject_id'), ['subject_id'], unique=False)

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
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_routing_rules_agency_code'), ['agency_code'], unique=False)



def downgrade() -> None:
    drop_messaging_tables_v1()
    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_routing_rules_agency_code'))

    op.drop_table('routing_rules')
    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_tasks_subject_id'))
        batch_op.drop_index(batch_op.f('ix_notification_tasks_agency'))

    op.drop_table('notification_tasks')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_agency_code'))

    op.drop_table('contacts')
    op.drop_table('agencies')
