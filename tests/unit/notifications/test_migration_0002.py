"""Migration 0002 on SQLite: an upgrade keeps every agency, contact, rule, task, reminder, delivery and
acknowledgement link reporting held, with the same ids and states; only into empty tables, and once;
a new installation gets the default rules; the tables match the models. (PostgreSQL:
tests/integration/test_notifications_migration.py.)"""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from services.notifications.models import Base
from shared.database import MessagingBase
from shared.migrations import migrate
from tests.unit.notifications.upgrade_scenario import COPIED, ROWS, reporting_before_the_move, rows_of
from tests.unit.uow import CONFIG


def config(tmp_path, **databases) -> dict:
    return {**CONFIG, "DATABASES": {name: f"sqlite:///{tmp_path / name}.db" for name in databases}}


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def test_the_upgrade_copies_every_row_of_reporting_with_its_id_and_state(tmp_path):
    cfg = config(tmp_path, reporting=True, notifications=True)
    reporting, notifications = cfg["DATABASES"]["reporting"], cfg["DATABASES"]["notifications"]
    reporting_before_the_move(reporting)

    assert migrate("notifications", cfg).after == "0002"

    for name in COPIED:
        assert rows_of(notifications, name) == rows_of(reporting, name), name
    # the scenario's own rows among them, as written
    tasks = {row["id"]: row for row in rows_of(notifications, "notification_tasks")}
    assert {task_id: (row["status"], row["acknowledged_via"]) for task_id, row in tasks.items()} == {
        row["id"]: (row["status"], row.get("acknowledged_via")) for row in ROWS["notification_tasks"]}
    rules = {row["id"]: row for row in rows_of(notifications, "routing_rules")}
    assert rules[100]["conditions"] == {"severity": "critical"} and rules[101]["retired_at"] is not None
    assert len(rules) == 37 + 2  # reporting's defaults and the agency's own
    lives = rows_of(notifications, "measure_lives")
    assert [(row["subject_type"], row["subject_id"], row["state"]) for row in lives] == [
        ("measure", "12", {"assigned_at": "2027-03-01T09:00:00+00:00"})]
    # what reporting's task handlers handled is handled for notifications' handlers; not its fact folding
    assert [(row["event_id"], row["consumer"]) for row in rows_of(notifications, "processed_events")] == [
        ("evt-1", "notifications.on_incident_escalated")]
    # reporting keeps its copies for one release
    assert count(reporting, "SELECT count(*) FROM notification_tasks") == len(ROWS["notification_tasks"])


def test_a_new_row_after_the_upgrade_takes_the_next_id(tmp_path):
    cfg = config(tmp_path, reporting=True, notifications=True)
    reporting_before_the_move(cfg["DATABASES"]["reporting"])
    migrate("notifications", cfg)
    engine = create_engine(cfg["DATABASES"]["notifications"])
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO contacts (agency_code, role, name, language) "
                                "VALUES ('demo', 'ombud', 'Ombudet', 'nb')"))
        assert connection.execute(text("SELECT max(id) FROM contacts")).scalar_one() == 4
    engine.dispose()


def test_nothing_is_copied_into_tables_that_hold_rows(tmp_path):
    cfg = config(tmp_path, reporting=True, notifications=True)
    migrate("notifications", {**cfg, "DATABASES": {"notifications": cfg["DATABASES"]["notifications"]}})
    reporting_before_the_move(cfg["DATABASES"]["reporting"])
    engine = create_engine(cfg["DATABASES"]["notifications"])
    with engine.begin() as connection:  # back to before 0002, with a rule of its own meanwhile
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()

    migrate("notifications", cfg)

    assert count(cfg["DATABASES"]["notifications"], "SELECT count(*) FROM notification_tasks") == 0
    assert count(cfg["DATABASES"]["notifications"], "SELECT count(*) FROM routing_rules") == 37


def test_a_new_installation_gets_the_default_rules_and_tables_that_match_the_models(tmp_path):
    cfg = config(tmp_path, notifications=True)  # no reporting configured: nothing to copy from
    migrate("notifications", cfg)
    url = cfg["DATABASES"]["notifications"]
    assert count(url, "SELECT count(*) FROM routing_rules WHERE agency_code = '*' AND active") == 32
    assert count(url, "SELECT count(*) FROM routing_rules WHERE retired_at IS NOT NULL") == 5
    assert count(url, "SELECT count(*) FROM notification_tasks") == 0
    engine = create_engine(url)
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), [Base.metadata, MessagingBase.metadata])
    engine.dispose()
    assert drift == [], drift


def test_the_operator_names_the_source_when_it_is_not_in_the_same_configuration(tmp_path):
    source = f"sqlite:///{tmp_path / 'old-reporting.db'}"
    reporting_before_the_move(source)
    cfg = {**config(tmp_path, notifications=True), "NOTIFICATIONS_IMPORT_FROM": source}
    migrate("notifications", cfg)
    assert rows_of(cfg["DATABASES"]["notifications"], "notification_tasks") == rows_of(source, "notification_tasks")
