"""actions taken at once; the authority notification state by the current-duty rule

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actions_taken', sa.Text(), nullable=True))
    backfill_authority_notification()


def backfill_authority_notification() -> None:
    """Open breaches not yet notified get their state by the rule of 0007: the latest decision counts when
    made on the latest assessment version, else the latest recommendation. Closed and rejected incidents
    keep theirs, so no old case raises a missed-deadline alarm."""
    bind = op.get_bind()
    incidents = sa.table("incidents", sa.column("id"), sa.column("status"), sa.column("authority_notification"))
    assessments = sa.table("breach_assessments", sa.column("incident_id"), sa.column("version"),
                           sa.column("notify_authority"))
    decisions = sa.table("breach_decisions", sa.column("id"), sa.column("incident_id"),
                         sa.column("assessment_version"), sa.column("notify_authority"))
    latest_assessment = {row.incident_id: row for row in bind.execute(
        sa.select(assessments).order_by(assessments.c.version))}
    latest_decision = {row.incident_id: row for row in bind.execute(
        sa.select(decisions).order_by(decisions.c.id))}
    rows = bind.execute(sa.select(incidents.c.id, incidents.c.authority_notification).where(
        incidents.c.authority_notification.in_(("pending", "not_required")),
        incidents.c.status.notin_(("closed", "rejected")))).all()
    for row in rows:
        assessment, decision = latest_assessment.get(row.id), latest_decision.get(row.id)
        if decision is not None and (assessment is None or decision.assessment_version == assessment.version):
            duty = decision.notify_authority
        else:
            duty = assessment.notify_authority if assessment is not None else None
        state = "not_required" if duty == "not_required" else "pending"
        if state != row.authority_notification:
            bind.execute(incidents.update().where(incidents.c.id == row.id).values(authority_notification=state))


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_column('actions_taken')
