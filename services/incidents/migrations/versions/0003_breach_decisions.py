"""breach decisions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 06:59:04.398450
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('breach_decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('assessment_version', sa.Integer(), nullable=False),
    sa.Column('notify_authority', sa.String(length=20), nullable=False),
    sa.Column('notify_data_subjects', sa.String(length=20), nullable=False),
    sa.Column('follows_recommendation', sa.Boolean(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=True),
    sa.Column('decided_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('breach_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_breach_decisions_incident_id'), ['incident_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('breach_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_breach_decisions_incident_id'))

    op.drop_table('breach_decisions')
