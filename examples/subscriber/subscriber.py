"""A subscriber to Vern's events for another system: plain kombu, no Vern code, copy the folder.

    pip install kombu==5.7.0
    python subscriber.py --amqp-uri amqp://USER:PASSWORD@BROKER:5672/VHOST \
        --queue case-system.vern --bind incidents.incident_escalated

It declares its own durable queue (a quorum queue with a dead-letter queue beside it), binds it to
the chosen event types on Vern's topic exchanges, and handles each event once: the CloudEvents id is
recorded in a SQLite table in the same transaction as the handling, and the message is acknowledged
only afterwards. Replace `handle` with what your system does.
"""
import argparse
import json
import logging
import os
import signal
import sqlite3
import sys
import time

from kombu import Connection, Exchange, Queue, binding
from kombu.mixins import ConsumerMixin

log = logging.getLogger("vern-subscriber")

ENVELOPE_ATTRIBUTES = ("specversion", "id", "source", "type", "subject", "time", "agency", "data")
DELIVERY_LIMIT = 5         # failed handlings before the broker dead-letters a message
RETRY_PAUSE_SECONDS = 1.0  # a transient failure (database down) gets a moment before the redelivery


class InvalidEvent(Exception):
    """No retry can make this message valid: it goes to the dead-letter queue at once."""


def handle(event: dict) -> None:
    """What your system does with an event; raise to have it redelivered (at most DELIVERY_LIMIT times).
    This example prints it as one JSON line."""
    print(json.dumps(event, ensure_ascii=False), flush=True)


def parse_binding(text: str) -> tuple[str, str]:
    """`incidents.incident_escalated` -> (exchange `incidents.events`, routing key `incident_escalated`);
    `incidents.*` binds every event of the incidents service."""
    service, _, name = text.partition(".")
    if not service or not name:
        raise argparse.ArgumentTypeError(f"{text!r}: give SERVICE.EVENT, e.g. incidents.incident_escalated")
    return f"{service}.events", name


def declare_queue(channel, name: str, bindings: list[tuple[str, str]]) -> Queue:
    """Our durable queue, bound to Vern's exchanges (which Vern declares: we only bind, so the broker
    user needs no configure permission on them), and its dead-letter queue."""
    dead = Queue(f"{name}.dead", durable=True)
    dead(channel).declare()
    queue = Queue(name, durable=True, bindings=[
        binding(Exchange(exchange, type="topic", durable=True, no_declare=True), routing_key=key)
        for exchange, key in bindings], queue_arguments={
            "x-queue-type": "quorum",                # counts deliveries, survives a broker node loss
            "x-delivery-limit": DELIVERY_LIMIT,
            "x-dead-letter-exchange": "",            # the default exchange: straight to `<name>.dead`
            "x-dead-letter-routing-key": dead.name})
    queue(channel).declare()
    return queue


def validate(body: bytes) -> dict:
    try:
        event = json.loads(body)
    except ValueError as error:
        raise InvalidEvent(f"not JSON: {error}") from None
    if not isinstance(event, dict):
        raise InvalidEvent("not a JSON object")
    missing = [name for name in ENVELOPE_ATTRIBUTES if name not in event]
    if missing:
        raise InvalidEvent(f"missing CloudEvents attributes: {', '.join(missing)}")
    if event["specversion"] != "1.0" or not str(event["type"]).startswith("no.vern."):
        raise InvalidEvent(f"not a Vern CloudEvents 1.0 event: {event['specversion']} {event['type']}")
    if not isinstance(event["data"], dict):
        raise InvalidEvent("data is not an object")
    return event


class SeenEvents:
    """CloudEvents ids already handled. Delivery is at least once: the same event can come twice."""

    def __init__(self, path: str):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS processed_events (id TEXT PRIMARY KEY, type TEXT, "
                        "handled_at REAL)")
        self.db.commit()

    def handle_once(self, event: dict, handler) -> bool:
        """Run `handler` unless the id was seen; the id is recorded in the same transaction, so a failing
        handler leaves no record and the redelivery is handled. Keep your own writes in this database
        (or record the id in yours) to get exactly-once effects."""
        with self.db:  # commit, or roll back on an exception
            try:
                self.db.execute("INSERT INTO processed_events VALUES (?, ?, ?)", (event["id"], event["type"], time.time()))
            except sqlite3.IntegrityError:
                return False
            handler(event)
        return True


class Subscriber(ConsumerMixin):
    """kombu's ConsumerMixin reconnects after a broker restart or a dropped connection."""

    def __init__(self, connection, queue_name: str, bindings, seen: SeenEvents, handler=handle):
        self.connection, self.queue_name, self.bindings = connection, queue_name, bindings
        self.seen, self.handler = seen, handler

    def get_consumers(self, Consumer, channel):
        queue = declare_queue(channel, self.queue_name, self.bindings)
        return [Consumer(queues=[queue], on_message=self.on_message, prefetch_count=10)]

    def on_consume_ready(self, connection, channel, consumers, **kwargs):
        log.info("listening on %s, bound to %s", self.queue_name,
                 ", ".join(f"{exchange}/{key}" for exchange, key in self.bindings))

    def on_message(self, message):
        try:
            event = validate(message.body)
        except InvalidEvent as error:
            log.error("dead-lettering an invalid message: %s", error)
            message.reject(requeue=False)
            return
        try:
            if not self.seen.handle_once(event, self.handler):
                log.info("skipping %s %s: already handled", event["type"], event["id"])
        except Exception:
            log.exception("handling %s %s failed; it will be redelivered", event["type"], event["id"])
            time.sleep(RETRY_PAUSE_SECONDS)
            message.requeue()
            return
        message.ack()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--amqp-uri", default=os.environ.get("VERN_AMQP_URI", "amqp://guest:guest@localhost:5672//"))
    parser.add_argument("--queue", required=True, help="your durable queue, e.g. case-system.vern")
    parser.add_argument("--bind", required=True, action="append", type=parse_binding, metavar="SERVICE.EVENT",
                        help="an event type to receive (repeat); SERVICE.* for all of a service")
    parser.add_argument("--seen-db", default="vern-seen-events.sqlite3", help="where handled event ids are kept")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s")

    with Connection(args.amqp_uri, heartbeat=30) as connection:
        subscriber = Subscriber(connection, args.queue, args.bind, SeenEvents(args.seen_db))

        def stop(*_):
            subscriber.should_stop = True
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        subscriber.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
