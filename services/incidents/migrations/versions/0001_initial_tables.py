"""initial tables

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 06:49:41.729458
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



def downgrade() -> None:
    drop_messaging_tables_v1()
    with op.batch_alter_table('incident_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_assessments_incident_id'))

    op.drop_table('incident_assessments')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_reported_at'))
        batch_op.drop_index(batch_op.f('ix_incidents_agency'))

    op.drop_table('incidents')
