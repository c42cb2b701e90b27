"""processing activities, versions, agreements, screenings and DPIAs

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:14:41.176997
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
    op.create_table('processing_activities',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.Column('privacy_assessment', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('processing_activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_activities_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_processing_activities_complete'), ['complete'], unique=False)
        batch_op.create_index(batch_op.f('ix_processing_activities_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_processing_activities_status'), ['status'], unique=False)

    op.create_table('processor_agreements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('processor', sa.String(length=200), nullable=False),
    sa.Column('processing_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('sub_processors', sa.JSON(), nullable=False),
    sa.Column('transfer_basis', sa.String(length=40), nullable=True),
    sa.Column('municipal_template', sa.Boolean(), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('expiry_noticed_for', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('processor_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processor_agreements_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_processor_agreements_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_processor_agreements_processor'), ['processor'], unique=False)

    op.create_table('dpias',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('processing_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('residual_risk', sa.String(length=10), nullable=True),
    sa.Column('dpo_advice', sa.JSON(), nullable=True),
    sa.Column('dpo_advice_followed', sa.Boolean(), nullable=True),
    sa.Column('reason_not_followed', sa.Text(), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('reviewer', sa.String(length=200), nullable=True),
    sa.Column('approver', sa.String(length=200), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('submitted_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('approved_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('approved_processing_version', sa.Integer(), nullable=True),
    sa.Column('outdated_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('outdated_because', sa.JSON(), nullable=True),
    sa.Column('prior_consultation', sa.JSON(), nullable=True),
    sa.Column('history', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['processing_id'], ['processing_activities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dpias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dpias_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_dpias_outdated_at'), ['outdated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dpias_processing_id'), ['processing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dpias_status'), ['status'], unique=False)

    op.create_table('processing_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('processing_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('changed_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('changed_by', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['processing_id'], ['processing_activities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('processing_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processing_versions_processing_id'), ['processing_id'], unique=False)

    op.create_table('screenings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('processing_id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('processing_version', sa.Integer(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.Column('justifications', sa.JSON(), nullable=False),
    sa.Column('datatilsynet_list', sa.JSON(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reopened_because', sa.JSON(), nullable=True),
    sa.Column('screened_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('screened_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['processing_id'], ['processing_activities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('screenings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screenings_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_screenings_processing_id'), ['processing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_screenings_state'), ['state'], unique=False)



def downgrade() -> None:
    drop_messaging_tables_v1()
    with op.batch_alter_table('screenings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screenings_state'))
        batch_op.drop_index(batch_op.f('ix_screenings_processing_id'))
        batch_op.drop_index(batch_op.f('ix_screenings_agency'))

    op.drop_table('screenings')
    with op.batch_alter_table('processing_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processing_versions_processing_id'))

    op.drop_table('processing_versions')
    with op.batch_alter_table('dpias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dpias_status'))
        batch_op.drop_index(batch_op.f('ix_dpias_processing_id'))
        batch_op.drop_index(batch_op.f('ix_dpias_outdated_at'))
        batch_op.drop_index(batch_op.f('ix_dpias_agency'))

    op.drop_table('dpias')
    with op.batch_alter_table('processor_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processor_agreements_processor'))
        batch_op.drop_index(batch_op.f('ix_processor_agreements_expires_on'))
        batch_op.drop_index(batch_op.f('ix_processor_agreements_agency'))

    op.drop_table('processor_agreements')
    with op.batch_alter_table('processing_activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processing_activities_status'))
        batch_op.drop_index(batch_op.f('ix_processing_activities_name'))
        batch_op.drop_index(batch_op.f('ix_processing_activities_complete'))
        batch_op.drop_index(batch_op.f('ix_processing_activities_agency'))

    op.drop_table('processing_activities')
