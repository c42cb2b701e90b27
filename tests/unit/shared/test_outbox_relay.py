"""The outbox relay's bookkeeping on a real SQLite file, with the broker's answers given by a stand-in:
what each row becomes after a batch, and that relayed rows leave the claim query's way for good."""
import pytest
from sqlalchemy import select, update

from shared.database import MessagingBase
from shared.outbox import SETTLED, OutboxEvent, add_to_outbox
from shared.service_database import ServiceDatabase


class Broker:
    """Answers a batch as told: message id -> "published" / "unrouted"; an id left out was nacked."""

    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.batches = answer or {}, error, []

    def publish(self, messages):
        self.batches.append([message_id for message_id, _key, _body in messages])
        if self.error:
            raise self.error
        return {message_id: self.answer[message_id] for message_id, _key, _body in messages
                if message_id in self.answer}

    def close(self):
        pass


@pytest.fixture
def database(tmp_path):
    config = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32,
              "DATABASES": {"incidents": f"sqlite:///{tmp_path / 'incidents.db'}"}}
    database = ServiceDatabase("incidents", config)
    MessagingBase.metadata.create_all(database.engine)
    yield database
    database.dispose()


def write_events(database, *ids):
    with database.unit_of_work() as uow:
        for event_id in ids:
            add_to_outbox(uow.session, "incident_escalated", {"id": event_id, "data": {}})


def rows(database) -> dict:
    with database.sessions() as session:
        return {row.event_id: row for row in session.scalars(select(OutboxEvent))}


def test_a_batch_marks_published_and_unrouted_rows_settled_and_releases_a_nacked_one(database):
    write_events(database, "e-1", "e-2", "e-3")
    database.relay.publisher = broker = Broker({"e-1": "published", "e-2": "unrouted"})

    assert database.relay.relay_batch() == 3
    assert broker.batches == [["e-1", "e-2", "e-3"]]  # one batch, in the order written
    found = rows(database)
    assert found["e-1"].published_at and found["e-1"].claimed_until == SETTLED and not found["e-1"].unrouted_at
    assert found["e-2"].unrouted_at and found["e-2"].claimed_until == SETTLED and not found["e-2"].published_at
    assert found["e-3"].claimed_until is None and found["e-3"].last_error == "publish failed"

    assert database.relay.relay_batch() == 1  # only the nacked one is claimed again
    assert broker.batches[-1] == ["e-3"]


def test_a_batch_the_broker_failed_is_released_whole_for_the_next_attempt(database):
    write_events(database, "e-1", "e-2")
    database.relay.publisher = Broker(error=ConnectionError("broker away"))
    with pytest.raises(ConnectionError):
        database.relay.relay_batch()
    assert all(row.claimed_until is None and row.published_at is None for row in rows(database).values())

    database.relay.publisher = Broker({"e-1": "published", "e-2": "published"})
    assert database.relay.relay_batch() == 2
    assert database.relay.relay_batch() == 0


def test_rows_relayed_before_settled_claims_are_settled_once_at_start(database):
    write_events(database, "old-published", "old-unrouted", "waiting")
    with database.sessions.begin() as session:  # as an earlier version left them: relayed, no claim kept
        session.execute(update(OutboxEvent).where(OutboxEvent.event_id == "old-published")
                        .values(published_at=SETTLED.replace(year=2026)))
        session.execute(update(OutboxEvent).where(OutboxEvent.event_id == "old-unrouted")
                        .values(unrouted_at=SETTLED.replace(year=2026)))

    database.relay._settle_rows_relayed_before_settled_claims()
    found = rows(database)
    assert found["old-published"].claimed_until == found["old-unrouted"].claimed_until == SETTLED
    assert found["waiting"].claimed_until is None
    database.relay.publisher = broker = Broker({"waiting": "published"})
    database.relay.relay_batch()
    assert broker.batches == [["waiting"]]
