"""An installation from before the notifications service, for the tests of its upgrade: reporting's
database at its last revision that held the directory and the tasks (0016), with an agency, contacts, an
owner contact, a rule of the agency's own beside the defaults (one of them retired), tasks open, done and
acknowledged, their reminders, deliveries and acknowledgement links, a measure's life, and events
reporting's task handlers had handled. Written through reflected tables, so SQLite and PostgreSQL alike."""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import command

from shared.database import make_engine
from shared.migrations import alembic_config

REPORTING_LAST_REVISION = "0016"
AT = datetime(2026, 11, 22, 10, 15, tzinfo=timezone.utc)
OPEN, DONE, ACKED = "11111111-0000-4000-8000-000000000001", "11111111-0000-4000-8000-000000000002", \
    "11111111-0000-4000-8000-000000000003"
# the tables copied, and the columns that identify a row in each
COPIED = {"agencies": "code", "contacts": "id", "owner_contacts": "id", "routing_rules": "id",
          "notification_tasks": "id", "reminders": "id", "deliveries": "id", "ack_links": "token_hash"}


def task(task_id: str, role: str, status: str, **extra) -> dict:
    return {"id": task_id, "agency": "demo", "source_event_id": f"evt-{task_id[-1]}",
            "source_event_type": "no.vern.incidents.incident_escalated.v1", "subject_type": "incident",
            "subject_id": "7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13", "recipient_role": role, "recipient_name": "Kari",
            "recipient_address": f"{role}@demo.example.test", "channel": "email", "title": f"Oppgave {role}",
            "message": "Alvorlig hendelse.", "due_at": AT, "status": status, "created_at": AT,
            "facts": {"title": "E-post til feil mottaker", "severity": "high"}, "template": "incident_escalated",
            "language": "nb", "overdue_roles": ["central"], "action": "acknowledge", "thread": "case", **extra}


ROWS = {
    "agencies": [{"code": "demo", "name": "Demoetaten", "parent_department": "Byrådsavdeling for oppvekst",
                  "sectors": ["education"]}],
    "contacts": [{"id": 1, "agency_code": "*", "role": "datatilsynet", "name": "Datatilsynet", "address": None,
                  "language": "nb", "secret": None},
                 {"id": 2, "agency_code": "demo", "role": "leader", "name": "Kari Leder",
                  "address": "leder@demo.example.test", "language": "nb", "secret": None},
                 {"id": 3, "agency_code": "demo", "role": "central", "name": "Sentralt team",
                  "address": "https://hooks.example.test/vern", "language": "en", "secret": "whsec_" + "a" * 32}],
    "owner_contacts": [{"id": 1, "agency_code": "demo", "system": "elevsystem", "system_name": "Elevsystemet",
                        "role": "system_owner", "name": "Systemeier", "address": "eier@demo.example.test",
                        "language": "nb", "secret": None}],
    "routing_rules": [{"id": 100, "agency_code": "demo", "event_type": "incidents.incident_escalated",
                       "conditions": {"severity": "critical"}, "recipient_role": "leader", "channel": "email",
                       "due_field": "aware_at", "due_hours": 24.0, "active": True, "template": None,
                       "reminder_hours": [4, 12], "overdue_roles": ["central"], "created_at": AT,
                       "created_by": "u-77c0de", "retired_at": None, "action": "acknowledge"},
                      {"id": 101, "agency_code": "demo", "event_type": "incidents.incident_escalated",
                       "conditions": {}, "recipient_role": "ombud", "channel": "contact", "due_field": None,
                       "due_hours": None, "active": False, "template": None, "reminder_hours": None,
                       "overdue_roles": None, "created_at": AT, "created_by": "u-77c0de", "retired_at": AT,
                       "action": None}],
    "notification_tasks": [
        task(OPEN, "leader", "open"),
        task(DONE, "central", "completed", completed_at=AT, completed_by="u-1", completion_note="Sett."),
        task(ACKED, "parent_department", "completed", completed_at=AT, completed_by="parent@demo.example.test",
             acknowledged_at=AT, acknowledged_via="link", acknowledged_by="parent@demo.example.test",
             comment="Hvem tar kontakt med foresatte?", closed_reason=None, follows_task_id=OPEN)],
    "reminders": [{"id": 7, "task_id": OPEN, "number": 1, "send_at": AT, "status": "sent", "sent_at": AT},
                  {"id": 8, "task_id": OPEN, "number": 2, "send_at": AT, "status": "scheduled", "sent_at": None}],
    "deliveries": [{"id": "22222222-0000-4000-8000-000000000001", "task_id": OPEN, "kind": "notification",
                    "details": None, "reminder_number": None, "channel": "email", "address": "leader@demo.example.test",
                    "status": "pending", "attempts": 2, "next_attempt_at": AT, "claimed_until": None,
                    "last_error": "421 try later", "delivered_at": None, "created_at": AT},
                   {"id": "22222222-0000-4000-8000-000000000002", "task_id": ACKED, "kind": "change",
                    "details": {"changes": [{"field": "severity", "before": "high", "after": "critical"}]},
                    "reminder_number": None, "channel": "webhook", "address": "https://hooks.example.test/vern",
                    "status": "delivered", "attempts": 1, "next_attempt_at": None, "claimed_until": None,
                    "last_error": None, "delivered_at": AT, "created_at": AT}],
    "ack_links": [{"token_hash": "a" * 64, "task_id": OPEN, "delivery_id": "22222222-0000-4000-8000-000000000001",
                   "expires_at": AT, "used_at": None},
                  {"token_hash": "b" * 64, "task_id": ACKED, "delivery_id": "22222222-0000-4000-8000-000000000002",
                   "expires_at": AT, "used_at": AT}],
}
LIFE = {"agency": "demo", "subject_type": "measure_life", "subject_id": "12",
        "state": {"assigned_at": "2027-03-01T09:00:00+00:00"}, "updated_at": AT}
PROCESSED = [{"event_id": "evt-1", "consumer": "reporting.on_incident_escalated", "processed_at": AT},
             {"event_id": "evt-9", "consumer": "reporting.facts.incidents.incident_reported", "processed_at": AT}]


def reporting_before_the_move(url: str) -> None:
    """Reporting's database at its last revision with the tasks, holding ROWS."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            cfg = alembic_config("reporting", url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, REPORTING_LAST_REVISION)
            connection.commit()
        with engine.begin() as connection:
            for name, rows in [*ROWS.items(), ("report_facts", [LIFE]), ("processed_events", PROCESSED)]:
                for row in rows:  # one by one: an executemany takes the columns of its first row only
                    connection.execute(table(connection, name).insert(), stored(row))
    finally:
        engine.dispose()


def stored(row: dict) -> dict:
    """As UTCDateTime stores a time: naive, in UTC (the reflected tables know no time zones)."""
    return {key: value.astimezone(timezone.utc).replace(tzinfo=None) if isinstance(value, datetime) else value
            for key, value in row.items()}


def table(connection, name: str) -> sa.Table:
    found = sa.Table(name, sa.MetaData(), autoload_with=connection)
    for column in found.columns:
        if isinstance(column.type, sa.JSON):
            column.type.none_as_null = True
    return found


def rows_of(url: str, name: str) -> list[dict]:
    """Every row of a table, by its identifying column, with JSON read as values and times as UTC."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            read = table(connection, name)
            key = COPIED.get(name) or ("event_id" if name == "processed_events" else "id")
            return [{column: _plain(value) for column, value in row._mapping.items()}
                    for row in connection.execute(sa.select(read).order_by(read.c[key]))]
    finally:
        engine.dispose()


def _plain(value):
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value
