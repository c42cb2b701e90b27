"""default routing rules: who is told of a serious incident

Every serious incident goes to the agency head, the data protection officer, the
central team and the parent department; when personal data are involved also to
Datatilsynet, due 72 hours after the agency became aware (GDPR art. 33).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RULES = sa.table(
    "routing_rules",
    sa.column("agency_code", sa.String), sa.column("event_type", sa.String), sa.column("conditions", sa.JSON),
    sa.column("recipient_role", sa.String), sa.column("channel", sa.String), sa.column("due_field", sa.String),
    sa.column("due_hours", sa.Float), sa.column("active", sa.Boolean),
)
ESCALATED = "incidents.incident_escalated"


def upgrade() -> None:
    def rule(role, conditions=None, due_field=None, due_hours=None):
        return {"agency_code": "*", "event_type": ESCALATED, "conditions": conditions or {},
                "recipient_role": role, "channel": "manual", "due_field": due_field, "due_hours": due_hours,
                "active": True}

    op.bulk_insert(RULES, [
        rule("leader"), rule("ombud"), rule("central"), rule("parent_department"),
        rule("datatilsynet", {"personal_data_involved": True}, "aware_at", 72),
    ])


def downgrade() -> None:
    op.execute(RULES.delete().where(RULES.c.agency_code == "*").where(RULES.c.event_type == ESCALATED))
