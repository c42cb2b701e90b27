"""case work, 72-hour duty and overview fields

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 07:15:41.892782
"""
from datetime import timedelta

from alembic import op
import sqlalchemy as sa
import shared.database

RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3, "very_high": 3}
SCALE = ("low", "medium", "high", "critical")


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('authority_notifications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=20), nullable=False),
    sa.Column('phased', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('delay_reason', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('authority_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_authority_notifications_incident_id'), ['incident_id'], unique=False)

    op.create_table('incident_journal',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('entry_type', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_journal_incident_id'), ['incident_id'], unique=False)

    op.create_table('incident_measures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False, server_default='reported'),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_measures_incident_id'), ['incident_id'], unique=False)

    op.create_table('subject_communications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('communicated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('subjects_reached', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('subject_communications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subject_communications_incident_id'), ['incident_id'], unique=False)

    with op.batch_alter_table('breach_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_exemption', sa.String(length=10), nullable=True))

    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('effective_severity', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('serious', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='reported'))
        batch_op.add_column(sa.Column('handler', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('handler_role', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('detected_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('reporting_unit', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('affected_system_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('processing_activity_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('impact_confidentiality', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('impact_integrity', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('impact_availability', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('approx_data_subjects', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approx_records', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('data_subject_categories', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('personal_data_categories', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('likely_consequences', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('data_whereabouts', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('authority_deadline', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('authority_notification', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('authority_deadline_missed_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('subject_communication', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('root_cause', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('lessons_learned', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('linked_risk_ids', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('closed_at', shared.database.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_by', sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_incidents_authority_deadline'), ['authority_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_authority_notification'), ['authority_notification'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_effective_severity'), ['effective_severity'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_serious'), ['serious'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_status'), ['status'], unique=False)
    backfill_incidents()
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.alter_column('authority_deadline', existing_type=shared.database.UTCDateTime(), nullable=False)


def backfill_incidents() -> None:
    """Give earlier incidents their deadline, stored severity and notification state (rules as of 0004)."""
    bind = op.get_bind()
    incidents = sa.table("incidents", sa.column("id"), sa.column("kind"), sa.column("aware_at", shared.database.UTCDateTime()),
                         sa.column("severity"), sa.column("breach_severity"), sa.column("marked_serious"),
                         sa.column("personal_data_involved"), sa.column("effective_severity"), sa.column("serious"),
                         sa.column("authority_deadline", shared.database.UTCDateTime()), sa.column("authority_notification"))
    decisions = sa.table("breach_decisions", sa.column("id"), sa.column("incident_id"), sa.column("notify_authority"))
    latest = {row.incident_id: row.notify_authority
              for row in bind.execute(sa.select(decisions.c.incident_id, decisions.c.notify_authority).order_by(decisions.c.id))}
    for row in bind.execute(sa.select(incidents)).all():
        rank = max(RANK.get(row.severity, -1), RANK.get(row.breach_severity, -1))
        personal_data = row.kind == "personal_data_breach" or bool(row.personal_data_involved)
        state = None
        if personal_data:
            state = "not_required" if latest.get(row.id) == "not_required" else "pending"
        bind.execute(incidents.update().where(incidents.c.id == row.id).values(
            effective_severity=SCALE[rank] if rank >= 0 else None,
            serious=bool(row.marked_serious) or rank >= 2,
            authority_deadline=row.aware_at + timedelta(hours=72),
            authority_notification=state))



def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_status'))
        batch_op.drop_index(batch_op.f('ix_incidents_serious'))
        batch_op.drop_index(batch_op.f('ix_incidents_effective_severity'))
        batch_op.drop_index(batch_op.f('ix_incidents_authority_notification'))
        batch_op.drop_index(batch_op.f('ix_incidents_authority_deadline'))
        batch_op.drop_column('closed_by')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('linked_risk_ids')
        batch_op.drop_column('lessons_learned')
        batch_op.drop_column('root_cause')
        batch_op.drop_column('subject_communication')
        batch_op.drop_column('authority_deadline_missed_at')
        batch_op.drop_column('authority_notification')
        batch_op.drop_column('authority_deadline')
        batch_op.drop_column('data_whereabouts')
        batch_op.drop_column('likely_consequences')
        batch_op.drop_column('personal_data_categories')
        batch_op.drop_column('data_subject_categories')
        batch_op.drop_column('approx_records')
        batch_op.drop_column('approx_data_subjects')
        batch_op.drop_column('scope')
        batch_op.drop_column('impact_availability')
        batch_op.drop_column('impact_integrity')
        batch_op.drop_column('impact_confidentiality')
        batch_op.drop_column('processing_activity_ids')
        batch_op.drop_column('affected_system_ids')
        batch_op.drop_column('reporting_unit')
        batch_op.drop_column('detected_at')
        batch_op.drop_column('handler_role')
        batch_op.drop_column('handler')
        batch_op.drop_column('status')
        batch_op.drop_column('serious')
        batch_op.drop_column('effective_severity')

    with op.batch_alter_table('breach_decisions', schema=None) as batch_op:
        batch_op.drop_column('subject_exemption')

    with op.batch_alter_table('subject_communications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subject_communications_incident_id'))

    op.drop_table('subject_communications')
    with op.batch_alter_table('incident_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_measures_incident_id'))

    op.drop_table('incident_measures')
    with op.batch_alter_table('incident_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_journal_incident_id'))

    op.drop_table('incident_journal')
    with op.batch_alter_table('authority_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_authority_notifications_incident_id'))

    op.drop_table('authority_notifications')
