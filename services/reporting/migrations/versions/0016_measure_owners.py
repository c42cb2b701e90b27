"""measure owners: the owner contacts of each agency's systems, and the default rules that give a
measure's owner (systemeier, systemforvalter, sikkerhetsleder) a task

A measure's owner gets a task due at the end of the measure's due date, is reminded seven days and one
day before it, and an open task past its due time is escalated to the coordinator: the ISK for a risk's
measure; for an incident's measure the case's coordinator (its handler's role, else the PKO when personal
data are involved, else the ISK).

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

from shared.database import UTCDateTime

revision = "0016"
down_revision = "0015"
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
OWNER_ROLES = ("system_owner", "system_administrator", "security_manager")
RISK_MEASURE_ASSIGNED = "risk.measure_assigned"
INCIDENT_MEASURE_ASSIGNED = "incidents.measure_assigned"
WEEK = 7 * 24


def rule(event_type, role, conditions, coordinator):
    """Counted from a week before the measure's due date: due at its end, reminded 7 days and 1 day before."""
    return {"agency_code": "*", "event_type": event_type, "conditions": {"owner_role": role, **conditions},
            "recipient_role": role, "channel": "contact", "due_field": "week_before_due_at", "due_hours": WEEK,
            "reminder_hours": [0, WEEK - 24], "overdue_roles": [coordinator], "template": None,
            "action": "carry_out", "active": True, "retired_at": None, "created_by": "migration 0016"}


DEFAULT_RULES = [
    *[rule(RISK_MEASURE_ASSIGNED, role, {}, "isk") for role in OWNER_ROLES],
    *[rule(INCIDENT_MEASURE_ASSIGNED, role, {"coordinator": coordinator}, coordinator)
      for role in OWNER_ROLES for coordinator in ("pko", "isk")],
]


def upgrade() -> None:
    op.create_table(
        "owner_contacts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("system", sa.String(64), nullable=False),
        sa.Column("system_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", sa.String(320), nullable=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("secret", sa.String(200), nullable=True),
        sa.UniqueConstraint("agency_code", "system", "role", name="uq_owner_contacts_system_role"),
    )
    op.create_index("ix_owner_contacts_agency_code", "owner_contacts", ["agency_code"])
    op.bulk_insert(RULES, DEFAULT_RULES)


def downgrade() -> None:
    op.execute(RULES.delete().where(RULES.c.created_by == "migration 0016"))
    op.drop_index("ix_owner_contacts_agency_code", "owner_contacts")
    op.drop_table("owner_contacts")
