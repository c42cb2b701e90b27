"""courses, participants, campaigns, completions, exercises, suggestions

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:46:58.937511
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
    op.create_table('campaign_suggestions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('theme', sa.String(length=60), nullable=False),
    sa.Column('open_theme', sa.String(length=60), nullable=True),
    sa.Column('topic', sa.String(length=10), nullable=False),
    sa.Column('incident_ids', sa.JSON(), nullable=False),
    sa.Column('window_days', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('campaign_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('suggested_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('decided_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'open_theme')
    )
    with op.batch_alter_table('campaign_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_suggestions_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_suggestions_status'), ['status'], unique=False)

    op.create_table('closed_incidents',
    sa.Column('incident_id', sa.String(length=64), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('closed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('incident_id')
    )
    with op.batch_alter_table('closed_incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closed_incidents_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_closed_incidents_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_closed_incidents_closed_at'), ['closed_at'], unique=False)

    op.create_table('courses',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=10), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('audience_roles', sa.JSON(), nullable=False),
    sa.Column('audience_units', sa.JSON(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('mandatory', sa.Boolean(), nullable=False),
    sa.Column('validity_months', sa.Integer(), nullable=True),
    sa.Column('grace_days', sa.Integer(), nullable=False),
    sa.Column('material_url', sa.String(length=500), nullable=True),
    sa.Column('pass_mark', sa.Float(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'code')
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_code'), ['code'], unique=False)

    op.create_table('exercises',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=12), nullable=False),
    sa.Column('scenario', sa.Text(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('services_exercised', sa.JSON(), nullable=False),
    sa.Column('routines_exercised', sa.JSON(), nullable=False),
    sa.Column('participant_roles', sa.JSON(), nullable=False),
    sa.Column('observations', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('evaluation', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('follow_up_status', sa.String(length=12), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.Column('completed_at', shared.database.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('exercises', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercises_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercises_status'), ['status'], unique=False)

    op.create_table('overdue_notices',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=100), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('noticed_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'course_id', 'participant_id', 'due_on')
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('participant_id', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('placements', sa.JSON(), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'participant_id')
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_unit'), ['unit'], unique=False)

    op.create_table('campaigns',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=10), nullable=False),
    sa.Column('theme', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('course_id', sa.String(length=36), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('target_units', sa.JSON(), nullable=False),
    sa.Column('target_roles', sa.JSON(), nullable=False),
    sa.Column('target_rate', sa.Float(), nullable=False),
    sa.Column('reminder_count', sa.Integer(), nullable=False),
    sa.Column('reminder_spacing_days', sa.Integer(), nullable=False),
    sa.Column('reminders_sent', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=True),
    sa.Column('figures', sa.JSON(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('launched_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('completed_at', shared.database.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaigns_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_ends_on'), ['ends_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaigns_status'), ['status'], unique=False)

    op.create_table('completions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=100), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'course_id', 'participant_id', 'completed_on')
    )
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_completions_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_completions_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_completions_participant_id'), ['participant_id'], unique=False)

    op.create_table('enrolments',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('campaign_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=False),
    sa.Column('enrolled_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('campaign_id', 'participant_id')
    )
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolments_campaign_id'), ['campaign_id'], unique=False)


def downgrade() -> None:
    drop_messaging_tables_v1()
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolments_campaign_id'), ['campaign_id'], unique=False)


def downgrade() -> None:
    op.drop_table('processed_events')
    with op.batch_alter_table('outbox_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_events_published_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_events_claimed_until'))

    op.drop_table('outbox_events')
    op.drop_table('dead_letters')
    with op.batch_alter_table('enrolments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolments_campaign_id'))

    op.drop_table('enrolments')
    with op.batch_alter_table('completions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_completions_participant_id'))
        batch_op.drop_index(batch_op.f('ix_completions_course_id'))
        batch_op.drop_index(batch_op.f('ix_completions_agency'))

    op.drop_table('completions')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaigns_status'))
        batch_op.drop_index(batch_op.f('ix_campaigns_starts_on'))
        batch_op.drop_index(batch_op.f('ix_campaigns_ends_on'))
        batch_op.drop_index(batch_op.f('ix_campaigns_agency'))

    op.drop_table('campaigns')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_unit'))
        batch_op.drop_index(batch_op.f('ix_participants_role'))
        batch_op.drop_index(batch_op.f('ix_participants_agency'))

    op.drop_table('participants')
    op.drop_table('overdue_notices')
    with op.batch_alter_table('exercises', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercises_status'))
        batch_op.drop_index(batch_op.f('ix_exercises_held_on'))
        batch_op.drop_index(batch_op.f('ix_exercises_agency'))

    op.drop_table('exercises')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_code'))
        batch_op.drop_index(batch_op.f('ix_courses_agency'))

    op.drop_table('courses')
    with op.batch_alter_table('closed_incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closed_incidents_closed_at'))
        batch_op.drop_index(batch_op.f('ix_closed_incidents_category'))
        batch_op.drop_index(batch_op.f('ix_closed_incidents_agency'))

    op.drop_table('closed_incidents')
    with op.batch_alter_table('campaign_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_suggestions_status'))
        batch_op.drop_index(batch_op.f('ix_campaign_suggestions_agency'))

    op.drop_table('campaign_suggestions')
