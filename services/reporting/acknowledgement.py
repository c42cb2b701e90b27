"""Acknowledgement links: a single-use, expiring secret per message, stored only as its hash.

The recipient opens /api/v1/ack/{token} without logging in; the token alone says which
task it acknowledges, so it can never acknowledge another one.
"""
import hashlib
import secrets
from datetime import datetime, timedelta

VALID_FOR = timedelta(days=14)


def new_token() -> tuple[str, str]:
    """(token for the link, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_problem(expires_at: datetime, used_at: datetime | None, now: datetime) -> str | None:
    """Why a link no longer acknowledges, in both languages; None while it is good."""
    if used_at is not None:
        return "This link has already been used / Lenken er allerede brukt"
    if now > expires_at:
        return "This link has expired / Lenken er utløpt"
    return None


def expiry(now: datetime, due_at: datetime | None) -> datetime:
    """Valid for two weeks, and at least a day past the task's due time."""
    return max(now + VALID_FOR, (due_at or now) + timedelta(days=1))
