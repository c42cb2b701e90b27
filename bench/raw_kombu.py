"""The broker's own pace on this machine: raw kombu publishing persistent, mandatory messages with publisher
confirms (as Vern's outbox relay does) to a durable queue, and a consumer acking them, in one new vhost.

Two ways to wait for the confirms: one at a time (each publish waits for its ack: nameko's Publisher,
which the outbox relay used before), and a batch of 100 published before waiting for their acks (the
relay now, shared/batch_publisher.py). The rate is messages published and consumed per second, from
the first publish to the last ack of the consumer.

    python -m bench.raw_kombu
"""
import json
import threading
import time
import uuid

from kombu import Connection, Consumer, Exchange, Producer, Queue

from bench import report
from tests.integration.harness import Vhost

MESSAGES = 3000
BATCH = 100
PREFETCH = 200
EXCHANGE = Exchange("bench.events", type="topic", durable=True)
QUEUE = Queue("bench-events", exchange=EXCHANGE, routing_key="incident_escalated", durable=True)


def envelope() -> dict:
    """About the size and shape of one of Vern's CloudEvents (an incident_escalated is ~900 bytes)."""
    return {"specversion": "1.0", "id": str(uuid.uuid4()), "source": "vern/incidents",
            "type": "no.vern.incidents.incident_escalated.v1", "subject": str(uuid.uuid4()),
            "time": "2026-11-22T10:15:00+00:00", "datacontenttype": "application/json", "agency": "demo",
            "correlationid": str(uuid.uuid4()),
            "data": {"incident_id": str(uuid.uuid4()), "title": "E-post med elevdata sendt til feil mottaker",
                     "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
                     "severity": "high", "personal_data_involved": True, "reason": "severity",
                     "occurred_at": "2026-11-22T08:15:00+00:00", "aware_at": "2026-11-22T09:15:00+00:00",
                     "escalated_at": "2026-11-22T10:15:00+00:00"}}


def consume(uri: str, count: int, ready: threading.Event, done: dict):
    received = 0
    with Connection(uri) as connection:
        def on_message(body, message):
            nonlocal received
            message.ack()
            received += 1

        with Consumer(connection, [QUEUE], callbacks=[on_message], prefetch_count=PREFETCH, accept=["json"]):
            ready.set()
            while received < count:
                connection.drain_events(timeout=30)
    done["last"] = time.perf_counter()


def publish_confirming_each(uri: str, bodies: list[dict]):
    """One synchronous confirm per message: what nameko's Publisher does (and the outbox relay did)."""
    with Connection(uri, transport_options={"confirm_publish": True}) as connection:
        producer = Producer(connection.channel(), exchange=EXCHANGE)
        for body in bodies:
            producer.publish(body, routing_key="incident_escalated", delivery_mode=2, mandatory=True,
                             serializer="json", message_id=body["id"])


def publish_confirming_batches(uri: str, bodies: list[dict]):
    """Publish BATCH messages, then wait until the broker has acked all of them (as the outbox relay)."""
    with Connection(uri) as connection:
        channel = connection.channel()
        channel.confirm_select()
        acked = {"upto": 0}
        channel.events["basic_ack"].add(lambda tag, multiple: acked.update(upto=max(acked["upto"], tag)))
        producer = Producer(channel, exchange=EXCHANGE)
        sent = 0
        for start in range(0, len(bodies), BATCH):
            for body in bodies[start:start + BATCH]:
                producer.publish(body, routing_key="incident_escalated", delivery_mode=2, mandatory=True,
                                 serializer="json", message_id=body["id"])
                sent += 1
            while acked["upto"] < sent:
                connection.drain_events(timeout=30)


def measure(uri: str, publish) -> dict:
    bodies = [envelope() for _ in range(MESSAGES)]
    ready, done = threading.Event(), {}
    consumer = threading.Thread(target=consume, args=(uri, MESSAGES, ready, done), daemon=True)
    consumer.start()
    ready.wait(30)
    started, cpu = time.perf_counter(), time.process_time()
    publish(uri, bodies)
    published = time.perf_counter()
    consumer.join(60)
    return {"messages": MESSAGES, "bytes_each": len(json.dumps(bodies[0])),
            "published_per_s": round(MESSAGES / (published - started)),
            "published_and_consumed_per_s": round(MESSAGES / (done["last"] - started)),
            # this process: the publisher and the consumer thread together
            "client_cpu_ms_per_message": round(1000 * (time.process_time() - cpu) / MESSAGES, 3)}


def run() -> dict:
    vhost = Vhost()
    uri = vhost.create()
    try:
        with Connection(uri) as connection:
            QUEUE(connection.default_channel).declare()
        each = measure(uri, publish_confirming_each)
        batches = measure(uri, publish_confirming_batches)
    finally:
        vhost.delete()
    print(f"  raw kombu, confirm each: {each}\n  raw kombu, confirm per {BATCH}: {batches}", flush=True)
    return {"raw_messages_per_s_confirm_each": each["published_and_consumed_per_s"],
            "raw_messages_per_s_confirm_batch": batches["published_and_consumed_per_s"],
            "raw_details": {"confirm_each": each, f"confirm_batch_of_{BATCH}": batches}}


if __name__ == "__main__":
    report.save_and_print("raw_kombu", run())
