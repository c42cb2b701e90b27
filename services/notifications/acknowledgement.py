"""Acknowledgement links: a single-use, expiring secret per message, stored only as its hash.

The recipient opens /api/v1/ack/{token} without logging in; the token alone says which
task it acknowledges, so it can never acknowledge another one.

The token is derived from the message id with a server secret rather than drawn at
random, so a message re-sent after a crash carries the same link and the database
never holds a usable token, only its hash.
"""
import base64
import hashlib
import hmac
from datetime import datetime, timedelta

VALID_FOR = timedelta(days=14)


def token_for(secret: str, message_id: str) -> str:
    key = hashlib.sha256(b"vern-acknowledgement-link:" + secret.encode()).digest()
    digest = hmac.new(key, message_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


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
