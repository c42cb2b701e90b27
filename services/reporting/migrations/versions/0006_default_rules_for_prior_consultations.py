"""default routing rules: who acts when Datatilsynet must be consulted (art. 36)

A DPIA approved with high residual risk needs a prior consultation before the processing
starts. The privacy coordinator sends it with the DPIA through Datatilsynet's form, so
Datatilsynet's task is done by hand: due 14 days after the consultation became required
(reminders after 7 and 12 days; past the due time the PKO and the agency head get tasks of
their own). Datatilsynet may take 8 (+6) weeks to answer, so a late submission delays the
processing. The data protection officer is the contact point towards Datatilsynet
(art. 39(1)(e)) and is told within 7 days. An agency's own rules for the event replace
these defaults for it.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

RULES = sa.table(
    "routing_rules",
    sa.column("agency_code", sa.String), sa.column("event_type", sa.String), sa.column("conditions", sa.JSON),
    sa.column("recipient_role", sa.String), sa.column("channel", sa.String), sa.column("due_field", sa.String),
    sa.column("due_hours", sa.Float), sa.column("reminder_hours", sa.JSON), sa.column("overdue_roles", sa.JSON),
    sa.column("active", sa.Boolean),
)
REQUIRED = "privacy_register.prior_consultation_required"
DAYS = 24
DEFAULT_RULES = [
    {"agency_code": "*", "event_type": REQUIRED, "conditions": {}, "recipient_role": "datatilsynet",
     "channel": "manual", "due_field": "required_at", "due_hours": 14 * DAYS,
     "reminder_hours": [7 * DAYS, 12 * DAYS], "overdue_roles": ["pko", "leader"], "active": True},
    {"agency_code": "*", "event_type": REQUIRED, "conditions": {}, "recipient_role": "ombud",
     "channel": "contact", "due_field": "required_at", "due_hours": 7 * DAYS,
     "reminder_hours": [], "overdue_roles": [], "active": True},
]


def upgrade() -> None:
    op.bulk_insert(RULES, DEFAULT_RULES)


def downgrade() -> None:
    op.execute(RULES.delete().where(RULES.c.agency_code == "*").where(RULES.c.event_type == REQUIRED))
