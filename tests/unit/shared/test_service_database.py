"""The unit of work's guarantees on a real SQLite file: commands not repeated on redelivery,
event handlers retried a bounded number of times and then parked."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import column, insert, table, text
from sqlalchemy.exc import OperationalError

from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.database import MessagingBase
from shared.errors import AlreadyProcessed
from shared.events import build_envelope
from shared.inbox import backoff_seconds
from shared.service_database import ServiceDatabase


@pytest.fixture
def database(tmp_path):
    config = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32,
              "DATABASES": {"incidents": f"sqlite:///{tmp_path / 'incidents.db'}"},
              "EVENT_MAX_ATTEMPTS": 3, "EVENT_RETRY_SECONDS": 0.01}
    database = ServiceDatabase("incidents", config)
    MessagingBase.metadata.create_all(database.engine)
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
    yield database
    database.dispose()


NOTES = table("notes", column("body"))


def write_note(database, body, **request):
    with database.unit_of_work(None, **request) as uow:
        uow.session.execute(insert(NOTES).values(body=body))


def notes(database):
    with database.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT body FROM notes"))]


def test_a_redelivered_command_that_committed_is_refused_not_repeated(database):
    write_note(database, "first", request_id="r-1")
    with pytest.raises(AlreadyProcessed):
        write_note(database, "first", request_id="r-1", redelivered=True)
    assert notes(database) == ["first"]


def test_a_redelivered_command_that_never_committed_is_carried_out(database):
    with pytest.raises(RuntimeError):
        with database.unit_of_work(None, request_id="r-2") as uow:
            uow.session.execute(text("INSERT INTO notes VALUES ('lost')"))
            raise RuntimeError("the process died before the commit")
    write_note(database, "second", request_id="r-2", redelivered=True)
    assert notes(database) == ["second"]


def test_command_records_are_kept_a_day(database):
    from datetime import timedelta

    from shared.command_log import prune_commands

    write_note(database, "old", request_id="r-old")
    with database.unit_of_work() as uow:
        assert prune_commands(uow.session, datetime.now(timezone.utc) + timedelta(hours=23)) == 0
        assert prune_commands(uow.session, datetime.now(timezone.utc) + timedelta(hours=25)) == 1


def test_a_query_leaves_no_command_record(database):
    with database.unit_of_work(None, request_id="q-1") as uow:
        uow.session.execute(text("SELECT count(*) FROM notes"))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM processed_commands")).scalar() == 0


def escalation():
    now = datetime.now(timezone.utc)
    return build_envelope(INCIDENT_ESCALATED, "i-1", "demo", {
        "incident_id": "i-1", "title": "t", "kind": "security_incident", "category": "other",
        "severity": "high", "personal_data_involved": False, "reason": "severity",
        "occurred_at": now, "aware_at": now, "escalated_at": now})


def test_a_handler_that_keeps_failing_is_parked_after_the_configured_attempts(database):
    envelope = escalation()

    def broken(uow, event):
        uow.session.execute(text("INSERT INTO notes VALUES ('half')"))
        raise KeyError("bug")

    for _ in range(2):  # the broker would redeliver after each
        with pytest.raises(KeyError):
            database.handle_once("test.consumer", envelope, INCIDENT_ESCALATED, broken, queue="evt-q")
    assert database.handle_once("test.consumer", envelope, INCIDENT_ESCALATED, broken, queue="evt-q") is None

    with database.engine.connect() as connection:
        letter = connection.execute(text("SELECT consumer, queue, event_id, attempts, errors FROM dead_letters")).one()
        failures = connection.execute(text("SELECT count(*) FROM delivery_failures")).scalar()
    assert (letter.consumer, letter.queue, letter.event_id, letter.attempts) == (
        "test.consumer", "evt-q", envelope["id"], 3)
    assert "KeyError" in letter.errors
    assert failures == 0, "a replay starts counting afresh"
    assert notes(database) == [], "no failed attempt left half its writes"


def test_a_database_outage_is_not_counted_against_the_event(database):
    def database_away(uow, event):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    for _ in range(5):
        with pytest.raises(OperationalError):
            database.handle_once("test.consumer", escalation(), INCIDENT_ESCALATED, database_away)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM dead_letters")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM delivery_failures")).scalar() == 0


def test_redelivery_waits_longer_after_each_failure_up_to_a_cap():
    assert [backoff_seconds(n, 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff_seconds(20, 1.0) == 30.0


def test_a_call_with_two_units_of_work_records_its_command_once(database):
    from shared.service_database import WorkerDatabase

    worker = WorkerDatabase(database, None, request_id="r-3")
    for body in ("one", "two"):
        with worker.unit_of_work() as uow:
            uow.session.execute(insert(NOTES).values(body=body))
    assert notes(database) == ["one", "two"]
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT request_id FROM processed_commands")).scalars().all() == ["r-3"]
