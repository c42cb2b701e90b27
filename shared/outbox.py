"""Transactional outbox: events are rows written with the change, then relayed to RabbitMQ.

A change is never visible without its event and an event never announces a
change that was rolled back. The relay publishes each claimed batch with
confirms and `mandatory=True`: an event no queue is bound for is marked
`unrouted` (visible to operators), not silently dropped as nameko's dispatcher would.
"""
import logging
from datetime import datetime, timedelta, timezone

import eventlet
from kombu import Exchange
from sqlalchemy import JSON, Integer, String, Text, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from shared.batch_publisher import BatchPublisher
from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime, transaction

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(seconds=30)
BATCH_SIZE = 100
# A relayed row keeps a claim that never expires, so the claim query's index on claimed_until passes it
# by. published_at cannot do that alone: an unrouted row has none, and reporting's task events, which no
# queue is bound for unless another system subscribes, were read again by every claim (bench/README.md).
SETTLED = datetime(9999, 1, 1, tzinfo=timezone.utc)


class OutboxEvent(MessagingBase):
    __tablename__ = "outbox_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    routing_key: Mapped[str] = mapped_column(String(100))
    envelope: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    unrouted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


def add_to_outbox(session: Session, routing_key: str, envelope: dict) -> None:
    session.add(OutboxEvent(event_id=envelope["id"], routing_key=routing_key, envelope=envelope,
                            created_at=utcnow(), attempts=0))


def event_exchange(service_name: str) -> Exchange:
    """The same exchange nameko's EventDispatcher and @event_handler declare."""
    from nameko.standalone.events import get_event_exchange

    return get_event_exchange(service_name, {})


class OutboxRelay:
    """Publishes committed outbox rows; safe with several instances of a service running."""

    def __init__(self, sessions: sessionmaker, amqp_uri: str, service_name: str,
                 poll_seconds: float, lock=None):
        self.sessions = sessions
        self.exchange = event_exchange(service_name)
        self.publisher = BatchPublisher(amqp_uri, self.exchange)
        self.poll_seconds = poll_seconds
        self.lock = lock
        self._wakeup = eventlet.event.Event()
        self._running = False

    def wake(self) -> None:
        """Called after a commit that wrote events, so they go out now, not at the next poll."""
        if not self._wakeup.ready():
            self._wakeup.send(True)

    def run(self) -> None:
        self._running = True
        self._settle_rows_relayed_before_settled_claims()
        try:
            self._relay_until_stopped()
        finally:
            self.publisher.close()

    def _relay_until_stopped(self) -> None:
        failures = 0
        while self._running:
            try:
                published = self.relay_batch()
                failures = 0
            except Exception:  # broker or database away: keep the rows, back off, try again
                failures += 1
                log.exception("outbox relay failed (attempt %s); events stay in the outbox", failures)
                eventlet.sleep(min(30.0, self.poll_seconds * 2 ** failures))
                continue
            if published == BATCH_SIZE:
                continue  # more waiting
            with eventlet.Timeout(self.poll_seconds, False):
                self._wakeup.wait()
            self._wakeup = eventlet.event.Event()

    def stop(self) -> None:
        self._running = False
        self.wake()

    def relay_batch(self) -> int:
        rows = self._claim()
        if not rows:
            return 0
        outcome = {}
        try:
            confirmed = self.publisher.publish([(envelope["id"], routing_key, envelope)
                                                for _seq, routing_key, envelope in rows])
            for seq, routing_key, envelope in rows:
                if envelope["id"] in confirmed:
                    outcome[seq] = confirmed[envelope["id"]]
                    if outcome[seq] == "unrouted":
                        log.info("event %s (%s) is unrouted: no service or webhook subscription wants it",
                                    envelope["id"], routing_key)
        finally:
            self._record(outcome, [seq for seq, _, _ in rows if seq not in outcome])
        return len(rows)

    def _claim(self) -> list[tuple]:
        now = utcnow()
        with transaction(self.sessions, self.lock) as session:
            query = (select(OutboxEvent.seq, OutboxEvent.routing_key, OutboxEvent.envelope)
                     .where(OutboxEvent.published_at.is_(None), OutboxEvent.unrouted_at.is_(None),
                            or_(OutboxEvent.claimed_until.is_(None), OutboxEvent.claimed_until < now))
                     .order_by(OutboxEvent.seq).limit(BATCH_SIZE))
            if session.bind.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = session.execute(query).all()
            if rows:
                session.execute(update(OutboxEvent)
                                .where(OutboxEvent.seq.in_([row.seq for row in rows]))
                                .values(claimed_until=now + CLAIM_LEASE, attempts=OutboxEvent.attempts + 1))
        return [tuple(row) for row in rows]

    def _record(self, outcome: dict, failed: list) -> None:
        now = utcnow()
        with transaction(self.sessions, self.lock) as session:
            for state in ("published", "unrouted"):
                seqs = [seq for seq, result in outcome.items() if result == state]
                if seqs:
                    session.execute(update(OutboxEvent).where(OutboxEvent.seq.in_(seqs))
                                    .values(**{f"{state}_at": now, "claimed_until": SETTLED}))
            if failed:  # release at once so the next attempt does not wait for the lease
                session.execute(update(OutboxEvent).where(OutboxEvent.seq.in_(failed))
                                .values(claimed_until=None, last_error="publish failed"))

    def _settle_rows_relayed_before_settled_claims(self) -> None:
        """Rows relayed by an earlier version kept no claim; give them theirs once, at start (a no-op after)."""
        try:
            with transaction(self.sessions, self.lock) as session:
                session.execute(update(OutboxEvent).where(
                    OutboxEvent.claimed_until.is_(None),
                    or_(OutboxEvent.published_at.is_not(None), OutboxEvent.unrouted_at.is_not(None)))
                    .values(claimed_until=SETTLED))
        except Exception:  # only a speed-up: the relay works without it, so a database away must not stop it
            log.exception("could not settle the claims of rows relayed earlier; trying again at the next start")
