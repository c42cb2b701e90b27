"""risk matrices, assessments, risks, measures and decisions

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 08:53:42.717263
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
    op.create_table('risk_matrices',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('likelihood_scale', sa.JSON(), nullable=False),
    sa.Column('consequence_scale', sa.JSON(), nullable=False),
    sa.Column('cells', sa.JSON(), nullable=False),
    sa.Column('acceptable_up_to', sa.String(length=10), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'version')
    )
    with op.batch_alter_table('risk_matrices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_matrices_agency'), ['agency'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('assessed', sa.Text(), nullable=True),
    sa.Column('asset_ids', sa.JSON(), nullable=False),
    sa.Column('method', sa.String(length=200), nullable=False),
    sa.Column('participants', sa.JSON(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('assessment_date', sa.Date(), nullable=True),
    sa.Column('next_review_date', sa.Date(), nullable=True),
    sa.Column('matrix_id', sa.Integer(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('completed_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('completed_by', sa.String(length=200), nullable=True),
    sa.Column('approved_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('approved_by', sa.String(length=200), nullable=True),
    sa.Column('approval_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['matrix_id'], ['risk_matrices.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_next_review_date'), ['next_review_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_status'), ['status'], unique=False)

    op.create_table('assessment_history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('assessment_id', sa.String(length=36), nullable=False),
    sa.Column('at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assessment_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_history_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('risks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('assessment_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('scenario', sa.Text(), nullable=True),
    sa.Column('threat', sa.Text(), nullable=True),
    sa.Column('vulnerability', sa.Text(), nullable=True),
    sa.Column('asset', sa.String(length=200), nullable=True),
    sa.Column('affects', sa.JSON(), nullable=False),
    sa.Column('consequence_description', sa.Text(), nullable=True),
    sa.Column('existing_controls', sa.Text(), nullable=True),
    sa.Column('likelihood', sa.Integer(), nullable=True),
    sa.Column('consequence', sa.Integer(), nullable=True),
    sa.Column('likelihood_rationale', sa.Text(), nullable=True),
    sa.Column('consequence_rationale', sa.Text(), nullable=True),
    sa.Column('knowledge_strength', sa.String(length=10), nullable=True),
    sa.Column('treatment', sa.String(length=10), nullable=True),
    sa.Column('treatment_rationale', sa.Text(), nullable=True),
    sa.Column('residual_likelihood', sa.Integer(), nullable=True),
    sa.Column('residual_consequence', sa.Integer(), nullable=True),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('level', sa.String(length=10), nullable=True),
    sa.Column('residual_level', sa.String(length=10), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('residual_score', sa.Integer(), nullable=True),
    sa.Column('acceptable', sa.Boolean(), nullable=True),
    sa.Column('unacceptable_since', shared.database.UTCDateTime(), nullable=True),
    sa.Column('needs_reassessment', sa.Boolean(), nullable=False),
    sa.Column('reassessment_reasons', sa.JSON(), nullable=False),
    sa.Column('origin', sa.JSON(), nullable=True),
    sa.Column('origin_ref', sa.String(length=200), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'origin_ref')
    )
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risks_acceptable'), ['acceptable'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_needs_reassessment'), ['needs_reassessment'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_owner'), ['owner'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_residual_level'), ['residual_level'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_status'), ['status'], unique=False)

    op.create_table('measures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('effect', sa.String(length=20), nullable=True),
    sa.Column('expected_effect', sa.Text(), nullable=True),
    sa.Column('permanent', sa.Boolean(), nullable=False),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('completed_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('overdue_noticed_for', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['risk_id'], ['risks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measures_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_risk_id'), ['risk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_measures_status'), ['status'], unique=False)

    op.create_table('risk_decisions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('decided_by', sa.String(length=200), nullable=False),
    sa.Column('decided_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('measure_ids', sa.JSON(), nullable=False),
    sa.Column('risk_state', sa.JSON(), nullable=False),
    sa.Column('voided_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('expired_at', shared.database.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['risk_id'], ['risks.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_decisions_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_decisions_risk_id'), ['risk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_decisions_valid_until'), ['valid_until'], unique=False)



def downgrade() -> None:
    drop_messaging_tables_v1()
    with op.batch_alter_table('risk_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_decisions_valid_until'))
        batch_op.drop_index(batch_op.f('ix_risk_decisions_risk_id'))
        batch_op.drop_index(batch_op.f('ix_risk_decisions_agency'))

    op.drop_table('risk_decisions')
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measures_status'))
        batch_op.drop_index(batch_op.f('ix_measures_risk_id'))
        batch_op.drop_index(batch_op.f('ix_measures_due_date'))
        batch_op.drop_index(batch_op.f('ix_measures_agency'))

    op.drop_table('measures')
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risks_status'))
        batch_op.drop_index(batch_op.f('ix_risks_residual_level'))
        batch_op.drop_index(batch_op.f('ix_risks_owner'))
        batch_op.drop_index(batch_op.f('ix_risks_needs_reassessment'))
        batch_op.drop_index(batch_op.f('ix_risks_level'))
        batch_op.drop_index(batch_op.f('ix_risks_assessment_id'))
        batch_op.drop_index(batch_op.f('ix_risks_agency'))
        batch_op.drop_index(batch_op.f('ix_risks_acceptable'))

    op.drop_table('risks')
    with op.batch_alter_table('assessment_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_history_assessment_id'))

    op.drop_table('assessment_history')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_status'))
        batch_op.drop_index(batch_op.f('ix_assessments_next_review_date'))
        batch_op.drop_index(batch_op.f('ix_assessments_agency'))

    op.drop_table('assessments')
    with op.batch_alter_table('risk_matrices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_matrices_agency'))

    op.drop_table('risk_matrices')
