"""A test's own subscriber: a durable-enough queue bound to one event type, read with plain kombu."""
import json
import time
import uuid

from kombu import Connection, Queue

from shared.outbox import event_exchange


class Subscriber:
    """Collects the events of one type that reach the broker, as another system would see them."""

    def __init__(self, amqp_uri: str, service: str, event_name: str):
        self.connection = Connection(amqp_uri)
        self.queue = Queue(f"test-{event_name}-{uuid.uuid4().hex[:6]}", event_exchange(service),
                           routing_key=event_name, auto_delete=True)
        self.queue(self.connection.default_channel).declare()
        self.received: list[dict] = []

    def drain(self, seconds: float = 0.0) -> list[dict]:
        """Everything delivered so far, waiting up to `seconds` for more."""
        deadline = time.monotonic() + seconds
        bound = self.queue(self.connection.default_channel)
        while True:
            message = bound.get(no_ack=True)
            if message is not None:
                self.received.append(json.loads(message.body) if isinstance(message.body, (str, bytes))
                                     else message.body)
                continue
            if time.monotonic() >= deadline:
                return self.received
            time.sleep(0.05)

    def about(self, subject: str, seconds: float = 0.0) -> list[dict]:
        return [event for event in self.drain(seconds) if event["subject"] == subject]

    def close(self):
        self.connection.release()
