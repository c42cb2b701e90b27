"""breach assessments and escalation rank

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 06:56:54.949208
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('breach_assessments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('dpc', sa.Integer(), nullable=False),
    sa.Column('dpc_justification', sa.Text(), nullable=True),
    sa.Column('ei', sa.Float(), nullable=False),
    sa.Column('cb', sa.Float(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('risk', sa.String(length=20), nullable=False),
    sa.Column('many_subjects', sa.Boolean(), nullable=False),
    sa.Column('notify_authority', sa.String(length=20), nullable=False),
    sa.Column('notify_authority_reasons', sa.JSON(), nullable=False),
    sa.Column('notify_data_subjects', sa.String(length=20), nullable=False),
    sa.Column('notify_data_subjects_reasons', sa.JSON(), nullable=False),
    sa.Column('assessed_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('assessed_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('incident_id', 'version')
    )
    with op.batch_alter_table('breach_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_breach_assessments_incident_id'), ['incident_id'], unique=False)

    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('escalated_rank', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('breach_severity', sa.String(length=20), nullable=True))
    # incidents escalated before ranks existed were escalated at their severity then
    op.execute("UPDATE incidents SET escalated_rank = CASE severity WHEN 'critical' THEN 3 ELSE 2 END "
               "WHERE escalated_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_column('breach_severity')
        batch_op.drop_column('escalated_rank')

    with op.batch_alter_table('breach_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_breach_assessments_incident_id'))

    op.drop_table('breach_assessments')
