"""Claiming a due delivery with a lease, so that one instance of a service sends it at a time.

The delivery model needs `id`, `status`, `next_attempt_at`, `claimed_until` and `attempts`. A lease
that runs out (the sender died after sending but before recording) makes the row claimable again:
at-least-once, with the same id, so the receiver can drop the duplicate.
"""
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.orm import Session

from shared.delivery.rules import PENDING
from shared.row_claims import claim


def claimable(model, now: datetime):
    """Pending, due, and held by no live lease."""
    return (model.status == PENDING) & (model.next_attempt_at <= now) & \
        or_(model.claimed_until.is_(None), model.claimed_until < now)


def claim_attempt(session: Session, model, row_id, now: datetime, lease: timedelta) -> bool:
    """Take the lease on one due row; True if this caller won."""
    # counting the attempt at claim time makes a sender that keeps crashing give up in the end
    return claim(session, model, model.id == row_id, claimable(model, now),
                 claimed_until=now + lease, attempts=model.attempts + 1)
