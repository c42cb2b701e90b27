"""The upgrade that adds the notifications service, on PostgreSQL: reporting's database at its last
revision with the tasks, then the notifications migrations, which copy every row with its id and state,
and set the sequences after the copied ids (SQLite: tests/unit/notifications/test_migration_0002.py)."""
import uuid

import psycopg2
import pytest
from sqlalchemy import create_engine, text

from shared.migrations import migrate
from tests.integration.harness import POSTGRES_ADMIN_URL
from tests.unit.notifications.upgrade_scenario import COPIED, ROWS, reporting_before_the_move, rows_of
from tests.unit.uow import CONFIG


@pytest.fixture
def databases():
    prefix = f"vern_m_{uuid.uuid4().hex[:8]}"
    names = {service: f"{prefix}_{service}" for service in ("reporting", "notifications")}
    admin = psycopg2.connect(POSTGRES_ADMIN_URL)
    admin.autocommit = True
    with admin.cursor() as cursor:
        for name in names.values():
            cursor.execute(f"CREATE DATABASE {name}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://")
    try:
        yield {service: f"{base}/{name}" for service, name in names.items()}
    finally:
        with admin.cursor() as cursor:
            for name in names.values():
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
                cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


def test_the_upgrade_keeps_every_row_with_its_id_and_state_on_postgresql(databases):
    reporting_before_the_move(databases["reporting"])

    assert migrate("notifications", {**CONFIG, "DATABASES": databases}).after == "0002"

    for name in COPIED:
        assert rows_of(databases["notifications"], name) == rows_of(databases["reporting"], name), name
    tasks = {row["id"]: (row["status"], row["acknowledged_via"], row["comment"])
             for row in rows_of(databases["notifications"], "notification_tasks")}
    assert tasks == {row["id"]: (row["status"], row.get("acknowledged_via"), row.get("comment"))
                     for row in ROWS["notification_tasks"]}
    assert [(row["subject_type"], row["subject_id"]) for row in rows_of(databases["notifications"], "measure_lives")] \
        == [("measure", "12")]
    engine = create_engine(databases["notifications"])
    try:
        with engine.begin() as connection:  # the sequences continue after the copied ids
            for table, columns in (("contacts", "(agency_code, role, name, language) VALUES ('demo', 'ombud', 'O', 'nb')"),
                                   ("routing_rules", "(agency_code, event_type, conditions, recipient_role, channel, "
                                                     "active) VALUES ('demo', 'x', '{}', 'leader', 'manual', true)"),
                                   ("reminders", f"(task_id, number, send_at, status) VALUES ('{next(iter(tasks))}', "
                                                 "9, now(), 'scheduled')")):
                before = connection.execute(text(f"SELECT max(id) FROM {table}")).scalar_one()
                created = connection.execute(text(f"INSERT INTO {table} {columns} RETURNING id")).scalar_one()
                assert created == before + 1, table
    finally:
        engine.dispose()

    # a second run finds the database at head; nothing is copied twice
    assert migrate("notifications", {**CONFIG, "DATABASES": databases}).changed is False
    assert len(rows_of(databases["notifications"], "notification_tasks")) == len(ROWS["notification_tasks"])


def test_a_new_installation_on_postgresql_gets_the_default_rules(databases):
    config = {**CONFIG, "DATABASES": {"notifications": databases["notifications"]}}
    migrate("notifications", config)
    rules = rows_of(databases["notifications"], "routing_rules")
    assert len(rules) == 37 and [rule["id"] for rule in rules] == list(range(1, 38))
