"""deliveries and acknowledgement links

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 07:25:01.097280
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

RULES = sa.table("routing_rules", sa.column("agency_code", sa.String), sa.column("event_type", sa.String),
                 sa.column("recipient_role", sa.String), sa.column("channel", sa.String))
# Default rules now reach people by their contact's address (e-mail or webhook). Datatilsynet's stays a
# manual task: the coordinator notifies through Altinn, with the draft from the incidents service.
PEOPLE = (RULES.c.agency_code == "*") & (RULES.c.event_type == "incidents.incident_escalated") & \
    (RULES.c.recipient_role != "datatilsynet")


def upgrade() -> None:
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

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.String(length=200), nullable=True))

    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_via', sa.String(length=40), nullable=True))

    op.execute(RULES.update().where(PEOPLE).values(channel="contact"))


def downgrade() -> None:
    op.execute(RULES.update().where(PEOPLE).values(channel="manual"))
    with op.batch_alter_table('notification_tasks', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_via')
        batch_op.drop_column('acknowledged_at')

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_column('secret')

    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_task_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_status'))
        batch_op.drop_index(batch_op.f('ix_deliveries_next_attempt_at'))

    op.drop_table('deliveries')
    with op.batch_alter_table('ack_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ack_links_task_id'))

    op.drop_table('ack_links')
