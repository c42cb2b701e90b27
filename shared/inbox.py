"""Consuming events exactly once on at-least-once delivery.

Each consumer records the CloudEvents id in `processed_events` inside the same
transaction as its own writes; a redelivery hits the unique key and is skipped.
A message that can never be valid is parked in `dead_letters`, not requeued.
"""
import logging
from datetime import datetime

import eventlet
from sqlalchemy import JSON, Integer, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime

log = logging.getLogger(__name__)

# A handler that fails for a passing reason (database away) is requeued by the
# broker; waiting first keeps a persistent failure from spinning the CPU.
RETRY_DELAY_SECONDS = 1.0


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


def first_delivery(session: Session, event_id: str, consumer: str) -> bool:
    """Record the event as processed by `consumer`; False if it already was."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(event_id=event_id, consumer=consumer, processed_at=utcnow()))
    except IntegrityError:
        return False
    return True


def park(session: Session, consumer: str, body, errors) -> None:
    event_id = body.get("id") if isinstance(body, dict) else None
    session.add(DeadLetter(consumer=consumer, event_id=str(event_id)[:64] if event_id else None,
                           body=body if isinstance(body, dict) else {"raw": repr(body)},
                           errors=errors, created_at=utcnow()))


def retry_later(consumer: str, event_id: str | None) -> None:
    log.exception("%s failed on event %s; it goes back to the queue", consumer, event_id)
    eventlet.sleep(RETRY_DELAY_SECONDS)
