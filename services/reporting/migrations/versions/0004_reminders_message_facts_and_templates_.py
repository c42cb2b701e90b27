"""reminders, message facts and templates, rule reminders and overdue roles

The default Datatilsynet rule now reminds 24, 48 and 66 hours after the agency became
aware, and hands the task to the ISK and the agency head when the 72 hours pass.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:47:49.091634
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

RULES = sa.table("routing_rules", sa.column("agency_code", sa.String), sa.column("event_type", sa.String),
                 sa.column("recipient_role", sa.String), sa.column("reminder_hours", sa.JSON),
                 sa.column("overdue_roles", sa.JSON))
DATATILSYNET = (RULES.c.agency_code == "*") & (RULES.c.event_type == "incidents.incident_escalated") & \
    (RULES.c.recipient_role == "datatilsynet")


def upgrade() -> None:
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

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='notification'))
        batch_op.add_column(sa.Column('reminder_number', sa.Integer(), nullable=True))

    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_by', sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column('facts', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('template', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=2), nullable=False, server_default='nb'))
        batch_op.add_column(sa.Column('overdue_roles', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('overdue_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('follows_task_id', sa.String(length=36), nullable=True))

    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('reminder_hours', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('overdue_roles', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('created_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('created_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('retired_at', shared.database.UTCDateTime(), nullable=True))

    op.execute(RULES.update().where(DATATILSYNET).values(reminder_hours=[24, 48, 66], overdue_roles=["isk", "leader"]))


def downgrade() -> None:
    with op.batch_alter_table('routing_rules', schema=None) as batch_op:
        batch_op.drop_column('retired_at')
        batch_op.drop_column('created_by')
        batch_op.drop_column('created_at')
        batch_op.drop_column('overdue_roles')
        batch_op.drop_column('reminder_hours')
        batch_op.drop_column('template')

    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.drop_column('follows_task_id')
        batch_op.drop_column('overdue_at')
        batch_op.drop_column('overdue_roles')
        batch_op.drop_column('language')
        batch_op.drop_column('template')
        batch_op.drop_column('facts')
        batch_op.drop_column('acknowledged_by')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_column('reminder_number')
        batch_op.drop_column('kind')

    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_task_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_send_at'))

    op.drop_table('reminders')
