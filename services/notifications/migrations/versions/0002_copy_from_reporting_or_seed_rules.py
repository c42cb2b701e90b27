"""notifications: the rows reporting held, copied from its database at the upgrade; else the default rules

An upgrade from a release where reporting held the directory and the notification tasks names
reporting's database (NOTIFICATIONS_IMPORT_FROM, or REPORTING_DATABASE_URL in the same configuration):
when the notifications tables are empty, every agency, contact, owner contact, routing rule (the
defaults and the agencies' own), task, reminder, delivery and acknowledgement link is copied with its
id and state, with the measures' lives (reporting's `*_life` facts) and which events reporting's task
handlers had handled (so a redelivered event does not make a task twice). Reporting keeps its copies
for one release, so a rollback loses nothing; a later reporting migration drops them.

Without a source (a new installation), or a source without those tables, the default routing rules are
seeded as reporting's migrations 0002 to 0016 left them, with the same ids.

Revision ID: 0002
Revises: 0001
"""
import logging

import sqlalchemy as sa
from alembic import context, op

from shared.clock import utcnow
from shared.database import make_engine

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

# parents before children (foreign keys); each keeps its ids
COPIED = ("agencies", "contacts", "owner_contacts", "routing_rules", "notification_tasks", "reminders", "deliveries",
          "ack_links")
# the tables that must be empty for a copy: a second run, or a database in use, is never overwritten
MUST_BE_EMPTY = ("agencies", "contacts", "owner_contacts", "routing_rules", "notification_tasks")
SERIAL = ("contacts", "owner_contacts", "routing_rules", "reminders", "measure_lives")
LIFE_TYPES = ("measure_life", "incident_measure_life")
# the task handlers' consumer names in processed_events: reporting.<method> then, notifications.<method> now
CONSUMER_PREFIX = ("reporting.on_", "notifications.on_")
BATCH = 1000

DEFAULT_RULES = (
    {'id': 1,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {},
     'recipient_role': 'leader',
     'channel': 'contact',
     'due_field': None,
     'due_hours': None,
     'active': False,
     'template': None,
     'reminder_hours': None,
     'overdue_roles': None,
     'created_by': None,
     'action': None,
     'retired': True},
    {'id': 2,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {},
     'recipient_role': 'ombud',
     'channel': 'contact',
     'due_field': None,
     'due_hours': None,
     'active': False,
     'template': None,
     'reminder_hours': None,
     'overdue_roles': None,
     'created_by': None,
     'action': None,
     'retired': True},
    {'id': 3,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {},
     'recipient_role': 'central',
     'channel': 'contact',
     'due_field': None,
     'due_hours': None,
     'active': False,
     'template': None,
     'reminder_hours': None,
     'overdue_roles': None,
     'created_by': None,
     'action': None,
     'retired': True},
    {'id': 4,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {},
     'recipient_role': 'parent_department',
     'channel': 'contact',
     'due_field': None,
     'due_hours': None,
     'active': False,
     'template': None,
     'reminder_hours': None,
     'overdue_roles': None,
     'created_by': None,
     'action': None,
     'retired': True},
    {'id': 5,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'datatilsynet',
     'channel': 'manual',
     'due_field': 'aware_at',
     'due_hours': 72.0,
     'active': False,
     'template': None,
     'reminder_hours': [24, 48, 66],
     'overdue_roles': ['isk', 'leader'],
     'created_by': None,
     'action': None,
     'retired': True},
    {'id': 6,
     'agency_code': '*',
     'event_type': 'risk.unacceptable_risk_identified',
     'conditions': {},
     'recipient_role': 'leader',
     'channel': 'contact',
     'due_field': 'identified_at',
     'due_hours': 720.0,
     'active': True,
     'template': None,
     'reminder_hours': [504, 672],
     'overdue_roles': ['isk'],
     'created_by': None,
     'action': None,
     'retired': False},
    {'id': 7,
     'agency_code': '*',
     'event_type': 'risk.unacceptable_risk_identified',
     'conditions': {'assessment_scope': 'overall'},
     'recipient_role': 'central',
     'channel': 'contact',
     'due_field': None,
     'due_hours': None,
     'active': True,
     'template': None,
     'reminder_hours': [],
     'overdue_roles': [],
     'created_by': None,
     'action': None,
     'retired': False},
    {'id': 8,
     'agency_code': '*',
     'event_type': 'privacy_register.prior_consultation_required',
     'conditions': {},
     'recipient_role': 'datatilsynet',
     'channel': 'manual',
     'due_field': 'required_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168, 288],
     'overdue_roles': ['pko', 'leader'],
     'created_by': None,
     'action': None,
     'retired': False},
    {'id': 9,
     'agency_code': '*',
     'event_type': 'privacy_register.prior_consultation_required',
     'conditions': {},
     'recipient_role': 'ombud',
     'channel': 'contact',
     'due_field': 'required_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [],
     'overdue_roles': [],
     'created_by': None,
     'action': None,
     'retired': False},
    {'id': 10,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'leader',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 24.0,
     'active': True,
     'template': None,
     'reminder_hours': [12],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 11,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': False},
     'recipient_role': 'leader',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 24.0,
     'active': True,
     'template': None,
     'reminder_hours': [12],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 12,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'parent_department',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [48],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 13,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': False},
     'recipient_role': 'parent_department',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [48],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 14,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'central',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [48],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 15,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': False},
     'recipient_role': 'central',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [48],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 16,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'ombud',
     'channel': 'contact',
     'due_field': 'escalated_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [48],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 17,
     'agency_code': '*',
     'event_type': 'incidents.incident_escalated',
     'conditions': {'personal_data_involved': True},
     'recipient_role': 'datatilsynet',
     'channel': 'manual',
     'due_field': 'aware_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [24, 48, 66],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 18,
     'agency_code': '*',
     'event_type': 'incidents.breach_assessed',
     'conditions': {'notify_authority': 'required'},
     'recipient_role': 'datatilsynet',
     'channel': 'manual',
     'due_field': 'aware_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [24, 48, 66],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 19,
     'agency_code': '*',
     'event_type': 'incidents.breach_decided',
     'conditions': {'notify_authority': 'required'},
     'recipient_role': 'datatilsynet',
     'channel': 'manual',
     'due_field': 'aware_at',
     'due_hours': 72.0,
     'active': True,
     'template': None,
     'reminder_hours': [24, 48, 66],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 20,
     'agency_code': '*',
     'event_type': 'incidents.incident_reported',
     'conditions': {'kind': 'personal_data_breach'},
     'recipient_role': 'pko',
     'channel': 'contact',
     'due_field': 'aware_at',
     'due_hours': 24.0,
     'active': True,
     'template': 'breach_triage',
     'reminder_hours': [12, 20],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': 'triage',
     'retired': False},
    {'id': 21,
     'agency_code': '*',
     'event_type': 'incidents.incident_assessed',
     'conditions': {'personal_data_involved': True, 'breach_severity': None},
     'recipient_role': 'pko',
     'channel': 'contact',
     'due_field': 'aware_at',
     'due_hours': 24.0,
     'active': True,
     'template': 'breach_triage',
     'reminder_hours': [12, 20],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': 'triage',
     'retired': False},
    {'id': 22,
     'agency_code': '*',
     'event_type': 'incidents.authority_deadline_missed',
     'conditions': {},
     'recipient_role': 'leader',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 24.0,
     'active': True,
     'template': None,
     'reminder_hours': [],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 23,
     'agency_code': '*',
     'event_type': 'incidents.authority_deadline_missed',
     'conditions': {},
     'recipient_role': 'pko',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 24.0,
     'active': True,
     'template': None,
     'reminder_hours': [],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 24,
     'agency_code': '*',
     'event_type': 'reporting.document_review_overdue',
     'conditions': {'area': 'privacy'},
     'recipient_role': 'pko',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 25,
     'agency_code': '*',
     'event_type': 'reporting.document_review_overdue',
     'conditions': {'area': 'both'},
     'recipient_role': 'pko',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 26,
     'agency_code': '*',
     'event_type': 'reporting.document_review_overdue',
     'conditions': {'area': 'security'},
     'recipient_role': 'isk',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 27,
     'agency_code': '*',
     'event_type': 'reporting.document_review_overdue',
     'conditions': {'area': 'both'},
     'recipient_role': 'isk',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 28,
     'agency_code': '*',
     'event_type': 'risk.measure_overdue',
     'conditions': {},
     'recipient_role': 'isk',
     'channel': 'contact',
     'due_field': 'noticed_at',
     'due_hours': 336.0,
     'active': True,
     'template': None,
     'reminder_hours': [168],
     'overdue_roles': [],
     'created_by': 'migration 0013',
     'action': None,
     'retired': False},
    {'id': 29,
     'agency_code': '*',
     'event_type': 'risk.measure_assigned',
     'conditions': {'owner_role': 'system_owner'},
     'recipient_role': 'system_owner',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 30,
     'agency_code': '*',
     'event_type': 'risk.measure_assigned',
     'conditions': {'owner_role': 'system_administrator'},
     'recipient_role': 'system_administrator',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 31,
     'agency_code': '*',
     'event_type': 'risk.measure_assigned',
     'conditions': {'owner_role': 'security_manager'},
     'recipient_role': 'security_manager',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 32,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'system_owner', 'coordinator': 'pko'},
     'recipient_role': 'system_owner',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 33,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'system_owner', 'coordinator': 'isk'},
     'recipient_role': 'system_owner',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 34,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'system_administrator', 'coordinator': 'pko'},
     'recipient_role': 'system_administrator',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 35,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'system_administrator', 'coordinator': 'isk'},
     'recipient_role': 'system_administrator',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 36,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'security_manager', 'coordinator': 'pko'},
     'recipient_role': 'security_manager',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['pko'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
    {'id': 37,
     'agency_code': '*',
     'event_type': 'incidents.measure_assigned',
     'conditions': {'owner_role': 'security_manager', 'coordinator': 'isk'},
     'recipient_role': 'security_manager',
     'channel': 'contact',
     'due_field': 'week_before_due_at',
     'due_hours': 168.0,
     'active': True,
     'template': None,
     'reminder_hours': [0, 144],
     'overdue_roles': ['isk'],
     'created_by': 'migration 0016',
     'action': 'carry_out',
     'retired': False},
)


def upgrade() -> None:
    target = op.get_bind()
    if any(_count(target, name) for name in MUST_BE_EMPTY):
        log.info("notifications: tables not empty, nothing copied or seeded")
        return
    source_url = context.config.attributes.get("import_from")
    if source_url and _copy_from(source_url, target):
        return
    _seed_default_rules(target)


def downgrade() -> None:
    target = op.get_bind()
    for name in ("measure_lives",) + tuple(reversed(COPIED)):
        target.execute(sa.text(f"DELETE FROM {name}"))


def _count(connection, name: str) -> int:
    return connection.execute(sa.text(f"SELECT COUNT(*) FROM {name}")).scalar_one()


def _copy_from(url: str, target) -> bool:
    """Copy reporting's rows; False when the source holds no notification tables (nothing to copy)."""
    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as source:
            present = set(sa.inspect(source).get_table_names())
            if not set(COPIED) <= present:
                log.info("notifications: %s holds no notification tables, nothing copied", engine.url.render_as_string())
                return False
            counts = {name: _copy_table(source, target, name) for name in COPIED}
            counts["measure_lives"] = _copy_lives(source, target) if "report_facts" in present else 0
            counts["processed_events"] = _copy_processed(source, target) if "processed_events" in present else 0
            source.rollback()
    finally:
        engine.dispose()
    if target.dialect.name == "postgresql":  # the copied ids were explicit: the sequences continue after them
        for name in SERIAL:
            target.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                   f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
    log.info("notifications: copied from reporting's database: %s", counts)
    return True


def _tables(source, target, name: str):
    """The table as each database has it (reflected), and the columns both have."""
    read = sa.Table(name, sa.MetaData(), autoload_with=source)
    write = _writable(name, target)
    return read, write, [column.name for column in read.columns if column.name in write.columns]


def _copy_table(source, target, name: str) -> int:
    read, write, columns = _tables(source, target, name)
    query = sa.select(*(read.c[column] for column in columns))
    if "id" in columns:
        query = query.order_by(read.c.id)
    return _insert_all(source, target, write, query, lambda row: dict(row._mapping))


def _copy_lives(source, target) -> int:
    """The measures' lives were facts in reporting (`measure_life`, `incident_measure_life`)."""
    read = sa.Table("report_facts", sa.MetaData(), autoload_with=source)
    write = _writable("measure_lives", target)
    query = (sa.select(read.c.agency, read.c.subject_type, read.c.subject_id, read.c.state, read.c.updated_at)
             .where(read.c.subject_type.in_(LIFE_TYPES)).order_by(read.c.id))
    return _insert_all(source, target, write, query, lambda row: {
        "agency": row.agency, "subject_type": row.subject_type.removesuffix("_life"), "subject_id": row.subject_id,
        "state": row.state, "updated_at": row.updated_at})


def _copy_processed(source, target) -> int:
    read = sa.Table("processed_events", sa.MetaData(), autoload_with=source)
    write = _writable("processed_events", target)
    old, new = CONSUMER_PREFIX
    query = sa.select(read.c.event_id, read.c.consumer, read.c.processed_at).where(read.c.consumer.like(f"{old}%"))
    return _insert_all(source, target, write, query, lambda row: {
        "event_id": row.event_id, "consumer": new + row.consumer.removeprefix(old), "processed_at": row.processed_at})


def _writable(name: str, target) -> sa.Table:
    """The table as the target has it; a JSON column's None is SQL NULL there, as it was in the source."""
    table = sa.Table(name, sa.MetaData(), autoload_with=target)
    for column in table.columns:
        if isinstance(column.type, sa.JSON):
            column.type.none_as_null = True
    return table


def _insert_all(source, target, write, query, as_row) -> int:
    copied = 0
    batch = []
    for row in source.execution_options(yield_per=BATCH).execute(query):
        batch.append(as_row(row))
        if len(batch) == BATCH:
            target.execute(write.insert(), batch)
            copied, batch = copied + len(batch), []
    if batch:
        target.execute(write.insert(), batch)
        copied += len(batch)
    return copied


def _seed_default_rules(target) -> None:
    rules = _writable("routing_rules", target)
    now = utcnow()
    target.execute(rules.insert(), [
        {**{key: value for key, value in rule.items() if key != "retired"}, "retired_at": now if rule["retired"] else None}
        for rule in DEFAULT_RULES])
    if target.dialect.name == "postgresql":
        target.execute(sa.text("SELECT setval(pg_get_serial_sequence('routing_rules', 'id'), "
                               "(SELECT MAX(id) FROM routing_rules) + 1, false)"))
