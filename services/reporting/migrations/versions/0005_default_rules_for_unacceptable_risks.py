"""default routing rules: who decides on an unacceptable risk

A risk above the acceptance criteria is the agency head's to decide: accept it formally or
fund measures, within 30 days of being identified (reminders after 21 and 28 days; past
the due time the ISK gets a task of its own). A risk in the overall (helhetlig) risk
assessment is also told to the central team. An agency changes the due time by adding
rules of its own for the event, which replace these defaults for it.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RULES = sa.table(
    "routing_rules",
    sa.column("agency_code", sa.String), sa.column("event_type", sa.String), sa.column("conditions", sa.JSON),
    sa.column("recipient_role", sa.String), sa.column("channel", sa.String), sa.column("due_field", sa.String),
    sa.column("due_hours", sa.Float), sa.column("reminder_hours", sa.JSON), sa.column("overdue_roles", sa.JSON),
    sa.column("active", sa.Boolean),
)
UNACCEPTABLE = "risk.unacceptable_risk_identified"
DAYS = 24
DEFAULT_RULES = [
    {"agency_code": "*", "event_type": UNACCEPTABLE, "conditions": {}, "recipient_role": "leader",
     "channel": "contact", "due_field": "identified_at", "due_hours": 30 * DAYS,
     "reminder_hours": [21 * DAYS, 28 * DAYS], "overdue_roles": ["isk"], "active": True},
    {"agency_code": "*", "event_type": UNACCEPTABLE, "conditions": {"assessment_scope": "overall"},
     "recipient_role": "central", "channel": "contact", "due_field": None, "due_hours": None,
     "reminder_hours": [], "overdue_roles": [], "active": True},
]


def upgrade() -> None:
    op.bulk_insert(RULES, DEFAULT_RULES)


def downgrade() -> None:
    op.execute(RULES.delete().where(RULES.c.agency_code == "*").where(RULES.c.event_type == UNACCEPTABLE))
