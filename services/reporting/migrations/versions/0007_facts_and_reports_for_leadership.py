"""facts and reports for leadership

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 11:10:45.850394
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_facts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('subject_type', sa.String(length=30), nullable=False),
    sa.Column('subject_id', sa.String(length=200), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject_type', 'subject_id')
    )
    with op.batch_alter_table('report_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_facts_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_facts_subject_type'), ['subject_type'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=True),
    sa.Column('seal', sa.String(length=100), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('approved_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'kind', 'period_start', 'period_end', 'version')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_reports_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_status'))
        batch_op.drop_index(batch_op.f('ix_reports_kind'))
        batch_op.drop_index(batch_op.f('ix_reports_agency'))

    op.drop_table('reports')
    with op.batch_alter_table('report_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_facts_subject_type'))
        batch_op.drop_index(batch_op.f('ix_report_facts_agency'))

    op.drop_table('report_facts')
