"""Consuming events exactly once on at-least-once delivery, and parking the ones that cannot be.

Each consumer records the CloudEvents id in `processed_events` inside the same
transaction as its own writes; a redelivery hits the unique key and is skipped.

A message that can never be handled is parked in `dead_letters` (with the queue it came from, so
an operator can replay it: `vern dead-letters`) and acknowledged, so it never blocks its queue:
- a payload that fails validation, or is larger than its contract allows, is parked at once: no
  retry makes it valid;
- so is a message that cannot be decoded at all (not JSON, not UTF-8, a content type events never
  have): `shared.event_handler` hands it over with the reason;
- a handler that raises is retried with backoff, counted in `delivery_failures`, and parked after
  EVENT_MAX_ATTEMPTS failures;
- a failure of the database connection itself is not counted: an outage is not the message's
  fault, and the message waits in its queue until the database is back.
"""
import logging
from datetime import datetime

import eventlet
from sqlalchemy import JSON, Integer, String, Text, delete
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime
from shared.events import letter_body

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


class ProcessedEvent(MessagingBase):
    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    consumer: Mapped[str] = mapped_column(String(200), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeadLetter(MessagingBase):
    __tablename__ = "dead_letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consumer: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[dict] = mapped_column(JSON)
    errors: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replayed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # where a replay puts the message back; None for letters parked before version 2 of these tables
    queue: Mapped[str | None] = mapped_column(String(255))
    attempts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class DeliveryFailure(MessagingBase):
    """How often one consumer has failed on one event, so that retries are bounded."""
    __tablename__ = "delivery_failures"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    consumer: Mapped[str] = mapped_column(String(200), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)


def first_delivery(session: Session, event_id: str, consumer: str) -> bool:
    """Record the event as processed by `consumer`; False if it already was."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(event_id=event_id, consumer=consumer, processed_at=utcnow()))
    except IntegrityError:
        return False
    return True


def park(session: Session, consumer: str, queue: str | None, body, errors, attempts: int = 1) -> None:
    event_id = body.get("id") if isinstance(body, dict) else None
    event_id = str(event_id)[:64] if event_id else None
    session.add(DeadLetter(consumer=consumer, queue=queue, event_id=event_id, body=letter_body(body),
                           errors=errors, attempts=attempts, created_at=utcnow()))
    if event_id:  # a replay starts counting afresh
        session.execute(delete(DeliveryFailure).where(DeliveryFailure.event_id == event_id,
                                                      DeliveryFailure.consumer == consumer))


def is_outage(error: BaseException) -> bool:
    """The database connection failed (server away, connection cut, SQLite locked), not the handler."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


def count_failure(session: Session, event_id: str, consumer: str, error: BaseException) -> int:
    """One more failed attempt of `consumer` on `event_id`; returns the attempts so far."""
    failure = session.get(DeliveryFailure, (event_id, consumer), with_for_update=True)
    if failure is None:
        failure = DeliveryFailure(event_id=event_id, consumer=consumer, attempts=0)
        session.add(failure)
    failure.attempts += 1
    failure.last_error = f"{type(error).__name__}: {error}"[:2000]
    failure.last_failed_at = utcnow()
    return failure.attempts


def backoff_seconds(attempts: int, base_seconds: float) -> float:
    """Wait before the broker redelivers: doubling per attempt, capped."""
    return min(MAX_BACKOFF_SECONDS, base_seconds * 2 ** max(0, attempts - 1))


def wait_before_redelivery(attempts: int, base_seconds: float) -> None:
    eventlet.sleep(backoff_seconds(attempts, base_seconds))
