"""The outbox's batch publisher on the real broker: a batch is confirmed as a whole, an event no queue is
bound for comes back unrouted, and the connection is kept between batches and replaced after a failure."""
from urllib.parse import quote

import pytest
import requests
from kombu import Connection, Exchange, Queue

from shared.batch_publisher import BatchPublisher
from tests.integration.harness import RABBIT_API, Vhost, wait_for

EXCHANGE = Exchange("test.events", type="topic", durable=True)
BOUND = Queue("test-bound", exchange=EXCHANGE, routing_key="bound", durable=True)


@pytest.fixture
def broker():
    vhost = Vhost()
    uri = vhost.create()
    with Connection(uri) as connection:
        BOUND(connection.default_channel).declare()
    yield uri
    vhost.delete()


def received(uri: str) -> list:
    found = []
    with Connection(uri) as connection:
        queue = BOUND(connection.default_channel)
        while (message := queue.get(no_ack=True)) is not None:
            found.append((message.properties["message_id"], message.properties["delivery_mode"], message.payload))
    return found


def test_a_batch_is_confirmed_with_unrouted_messages_named_and_the_rest_delivered_persistent(broker):
    publisher = BatchPublisher(broker, EXCHANGE)
    try:
        batch = [(f"m-{n}", "bound" if n % 3 else "nobody", {"n": n}) for n in range(250)]
        outcome = publisher.publish(batch)
        assert outcome == {f"m-{n}": "published" if n % 3 else "unrouted" for n in range(250)}
        # the kept connection goes on numbering its messages; a second batch is confirmed as well
        assert publisher.publish([("again", "bound", {"n": -1})]) == {"again": "published"}
    finally:
        publisher.close()
    delivered = received(broker)
    assert [message_id for message_id, _mode, _body in delivered] == \
        [f"m-{n}" for n in range(250) if n % 3] + ["again"]
    assert {mode for _id, mode, _body in delivered} == {2}
    assert delivered[0][2] == {"n": 1}


def close_connections_from_the_broker(uri: str) -> None:
    """What a broker restart does to a kept connection: RabbitMQ closes it (via its management API)."""
    vhost = quote(uri.rsplit("/", 1)[1], safe="")
    names = wait_for(lambda: [c["name"] for c in requests.get(f"{RABBIT_API}/vhosts/{vhost}/connections",
                                                              timeout=10).json()])
    for name in names:
        requests.delete(f"{RABBIT_API}/connections/{quote(name, safe='')}", timeout=10).raise_for_status()


def test_a_failed_connection_raises_and_the_next_batch_opens_a_new_one(broker):
    publisher = BatchPublisher(broker, EXCHANGE)
    try:
        assert publisher.publish([("first", "bound", {})]) == {"first": "published"}
        close_connections_from_the_broker(broker)
        with pytest.raises(Exception):
            publisher.publish([("lost", "bound", {})])
        assert publisher.publish([("second", "bound", {})]) == {"second": "published"}
    finally:
        publisher.close()
    assert "second" in [message_id for message_id, _mode, _body in received(broker)]
