"""Publishing a batch of events with publisher confirms: all of them first, then one wait for the broker's
acks, instead of a synchronous round trip per message (nameko's Publisher).

Measured on two cores (bench/README.md): one confirm at a time costs 0.32 ms of CPU per message and
bounds a relay at about 1 100 messages/s when idle; under load the relay's green thread waits for the
hub after every ack and fell 44 s behind reporting's handlers. A batch of 100 costs 0.07 ms per message.

Messages are CloudEvents in structured mode (`shared.event_wire`), persistent and mandatory: one that
no queue is bound for comes back (basic.return, which RabbitMQ sends before that message's ack) and is
reported unrouted, never silently dropped.
"""
import time

from kombu import Connection, Exchange, Producer

from shared.event_wire import SERIALIZER

PERSISTENT = 2


class BatchPublisher:
    """One connection and confirm-mode channel, kept between batches and dropped after any failure."""

    def __init__(self, amqp_uri: str, exchange: Exchange, confirm_timeout: float = 30.0):
        self.amqp_uri = amqp_uri
        self.exchange = exchange
        self.confirm_timeout = confirm_timeout
        self._connection = None

    def publish(self, messages: list[tuple[str, str, dict]]) -> dict[str, str]:
        """Publish `(message_id, routing_key, body)` messages; message id -> "published" or "unrouted" for
        each the broker confirmed (a nacked one is left out: publish it again). Raises if the connection
        fails or the acks do not come in time: then the outcome of the batch is unknown, and publishing
        it again is safe, since consumers handle an event once however often it arrives."""
        try:
            return self._publish(messages)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                connection.release()
            except Exception:  # already broken: nothing left to close
                pass

    def _publish(self, messages) -> dict[str, str]:
        if self._connection is None:
            self._open()
        first = self._sent + 1
        for message_id, routing_key, body in messages:
            self._producer.publish(body, routing_key=routing_key, message_id=message_id, mandatory=True,
                                   delivery_mode=PERSISTENT, serializer=SERIALIZER, retry=False)
            self._sent += 1
        deadline = time.monotonic() + self.confirm_timeout
        while self._confirmed < self._sent:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"the broker confirmed {self._confirmed - first + 1} of {len(messages)} messages")
            self._connection.drain_events(timeout=remaining)
        outcome = {}
        for tag, (message_id, _routing_key, _body) in enumerate(messages, start=first):
            if tag not in self._nacked:
                outcome[message_id] = "unrouted" if message_id in self._returned else "published"
        self._nacked.clear()
        self._returned.clear()
        return outcome

    def _open(self) -> None:
        self._connection = Connection(self.amqp_uri, connect_timeout=10)
        channel = self._connection.channel()
        channel.confirm_select()
        # delivery tags count this channel's messages from 1; acks may cover many (`multiple`)
        self._sent = self._confirmed = 0
        self._early, self._nacked, self._returned = set(), set(), set()
        channel.events["basic_ack"].add(lambda tag, multiple: self._settle(tag, multiple, nacked=False))
        channel.events["basic_nack"].add(lambda tag, multiple: self._settle(tag, multiple, nacked=True))
        channel.events["basic_return"].add(
            lambda _exc, _exchange, _routing_key, message: self._returned.add(message.properties.get("message_id")))
        self.exchange(channel).declare()
        self._producer = Producer(channel, exchange=self.exchange)

    def _settle(self, tag: int, multiple: bool, nacked: bool) -> None:
        settled = range(self._confirmed + 1, tag + 1) if multiple else (tag,)
        if nacked:
            self._nacked.update(settled)
        self._early.update(settled)
        while self._confirmed + 1 in self._early:  # acks can arrive out of order: count the contiguous run
            self._confirmed += 1
            self._early.discard(self._confirmed)
