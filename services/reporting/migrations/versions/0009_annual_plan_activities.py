"""annual plan activities

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 12:25:31.533381
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_activities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('owner_role', sa.String(length=20), nullable=False),
    sa.Column('due_month', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('expects_reference', sa.String(length=200), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('done_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_activities_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_activities_year'), ['year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('plan_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_activities_year'))
        batch_op.drop_index(batch_op.f('ix_plan_activities_agency'))

    op.drop_table('plan_activities')
