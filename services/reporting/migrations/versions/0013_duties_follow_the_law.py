"""the 72-hour duty for every notifiable breach; recipients as the role cards name them

Tasks get what they ask of their recipient (`action`), the thread they belong to (one task per
recipient, action and thread about a subject: a second escalation updates it), why a later fact
closed them (`closed_reason`) and the recipient's comment. A change message keeps what changed.

The municipality's default rules (agency `*`) are replaced; the old ones are kept, retired:
- a serious incident goes to the agency head (due in 24 h), the parent department and the central
  team (72 h), and only when personal data are involved to the personvernombud; each is reminded and,
  unacknowledged, followed up by the case's coordinator (PKO for personal data, else ISK);
- Datatilsynet's task follows the breach's recommendation or decision (`notify_authority: required`),
  whatever the severity, due 72 h after awareness, reminded at 24, 48 and 66 h;
- a reported breach gives the PKO a triage task due 24 h after awareness;
- a missed 72-hour deadline goes to the agency head and the PKO;
- an overdue review of a governing document goes to the PKO or the ISK by its area, an overdue risk
  measure to the ISK.

Revision ID: 0013
Revises: 0012
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from shared.database import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

RULES = sa.table(
    "routing_rules",
    sa.column("agency_code", sa.String), sa.column("event_type", sa.String), sa.column("conditions", sa.JSON),
    sa.column("recipient_role", sa.String), sa.column("channel", sa.String), sa.column("due_field", sa.String),
    sa.column("due_hours", sa.Float), sa.column("reminder_hours", sa.JSON), sa.column("overdue_roles", sa.JSON),
    sa.column("template", sa.String), sa.column("action", sa.String), sa.column("active", sa.Boolean),
    sa.column("retired_at", UTCDateTime), sa.column("created_by", sa.String),
)
ESCALATED = "incidents.incident_escalated"
BREACH_ASSESSED = "incidents.breach_assessed"
BREACH_DECIDED = "incidents.breach_decided"
REPORTED = "incidents.incident_reported"
ASSESSED = "incidents.incident_assessed"
DEADLINE_MISSED = "incidents.authority_deadline_missed"
REVIEW_OVERDUE = "reporting.document_review_overdue"
MEASURE_OVERDUE = "risk.measure_overdue"
NEW_TYPES = (BREACH_ASSESSED, BREACH_DECIDED, REPORTED, ASSESSED, DEADLINE_MISSED, REVIEW_OVERDUE, MEASURE_OVERDUE)
DAY = 24


def rule(event_type, role, conditions=None, channel="contact", due_field=None, due_hours=None, reminders=(),
         overdue=(), template=None, action=None):
    return {"agency_code": "*", "event_type": event_type, "conditions": conditions or {}, "recipient_role": role,
            "channel": channel, "due_field": due_field, "due_hours": due_hours, "reminder_hours": list(reminders),
            "overdue_roles": list(overdue), "template": template, "action": action, "active": True,
            "retired_at": None, "created_by": "migration 0013"}


def informed(role, hours, reminder):
    """A serious incident's recipient: due `hours` after the escalation, followed up by the case's coordinator."""
    return [rule(ESCALATED, role, {"personal_data_involved": personal}, due_field="escalated_at", due_hours=hours,
                 reminders=(reminder,), overdue=(coordinator,))
            for personal, coordinator in ((True, "pko"), (False, "isk"))]


def notifiable(event_type):
    return rule(event_type, "datatilsynet", {"notify_authority": "required"}, channel="manual", due_field="aware_at",
                due_hours=72, reminders=(24, 48, 66))


def triage(event_type, conditions):
    return rule(event_type, "pko", conditions, due_field="aware_at", due_hours=24, reminders=(12, 20),
                template="breach_triage", action="triage")


DEFAULT_RULES = [
    *informed("leader", 24, 12), *informed("parent_department", 72, 48), *informed("central", 72, 48),
    rule(ESCALATED, "ombud", {"personal_data_involved": True}, due_field="escalated_at", due_hours=72,
         reminders=(48,), overdue=("pko",)),
    rule(ESCALATED, "datatilsynet", {"personal_data_involved": True}, channel="manual", due_field="aware_at",
         due_hours=72, reminders=(24, 48, 66)),
    notifiable(BREACH_ASSESSED), notifiable(BREACH_DECIDED),
    triage(REPORTED, {"kind": "personal_data_breach"}),
    triage(ASSESSED, {"personal_data_involved": True, "breach_severity": None}),
    rule(DEADLINE_MISSED, "leader", due_field="noticed_at", due_hours=24),
    rule(DEADLINE_MISSED, "pko", due_field="noticed_at", due_hours=24),
    *[rule(REVIEW_OVERDUE, role, {"area": area}, due_field="noticed_at", due_hours=14 * DAY, reminders=(7 * DAY,))
      for role, area in (("pko", "privacy"), ("pko", "both"), ("isk", "security"), ("isk", "both"))],
    rule(MEASURE_OVERDUE, "isk", due_field="noticed_at", due_hours=14 * DAY, reminders=(7 * DAY,)),
]
THREAD_KEY = ("agency", "subject_type", "subject_id", "recipient_role", "action", "thread")


def upgrade() -> None:
    with op.batch_alter_table("routing_rules") as batch:
        batch.add_column(sa.Column("action", sa.String(30), nullable=True))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))
    with op.batch_alter_table("notification_tasks") as batch:
        batch.add_column(sa.Column("action", sa.String(30), nullable=False, server_default="acknowledge"))
        batch.add_column(sa.Column("thread", sa.String(40), nullable=True))
        batch.add_column(sa.Column("closed_reason", sa.String(40), nullable=True))
        batch.add_column(sa.Column("comment", sa.Text(), nullable=True))
    op.execute("UPDATE notification_tasks SET action = 'follow_up' WHERE follows_task_id IS NOT NULL")
    op.execute("UPDATE notification_tasks SET action = 'notify_authority' WHERE follows_task_id IS NULL "
               "AND recipient_role = 'datatilsynet' AND subject_type = 'incident'")
    op.execute("UPDATE notification_tasks SET action = 'decide' WHERE follows_task_id IS NULL "
               "AND recipient_role = 'leader' AND subject_type = 'risk'")
    # the newest task per recipient and subject joins its thread; older repeats (from second
    # escalations before this version) stay outside it, so the unique key holds
    op.execute("UPDATE notification_tasks SET thread = subject_type WHERE id IN (SELECT id FROM ("
               "SELECT id, ROW_NUMBER() OVER (PARTITION BY agency, subject_type, subject_id, recipient_role, action "
               "ORDER BY created_at DESC) AS newest FROM notification_tasks WHERE follows_task_id IS NULL) ranked "
               "WHERE newest = 1)")
    with op.batch_alter_table("notification_tasks") as batch:
        batch.create_unique_constraint("uq_notification_tasks_thread", list(THREAD_KEY))
    now = datetime.now(timezone.utc)
    op.execute(RULES.update().where(RULES.c.agency_code == "*").where(RULES.c.event_type == ESCALATED)
               .where(RULES.c.active.is_(True)).values(active=False, retired_at=now))
    op.bulk_insert(RULES, DEFAULT_RULES)


def downgrade() -> None:
    op.execute(RULES.delete().where(RULES.c.created_by == "migration 0013"))
    op.execute(RULES.update().where(RULES.c.agency_code == "*").where(RULES.c.event_type == ESCALATED)
               .values(active=True, retired_at=None))
    with op.batch_alter_table("notification_tasks") as batch:
        batch.drop_constraint("uq_notification_tasks_thread", type_="unique")
        batch.drop_column("comment")
        batch.drop_column("closed_reason")
        batch.drop_column("thread")
        batch.drop_column("action")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("details")
    with op.batch_alter_table("routing_rules") as batch:
        batch.drop_column("action")
