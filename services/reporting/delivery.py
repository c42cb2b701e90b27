"""Delivery rules as plain functions: which channel, when to try again, when to give up.

A channel reports each attempt as `Delivered`, `TemporaryFailure` or `PermanentFailure`;
these rules turn that into the delivery's next state. Retries back off exponentially
up to a cap, and stop after MAX_ATTEMPTS or at the first permanent failure.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

CHANNELS = ("email", "webhook", "manual")
STATES = ("pending", "delivered", "failed")
FIRST_RETRY = timedelta(seconds=30)
RETRY_CAP = timedelta(hours=1)
MAX_ATTEMPTS = 12  # about six hours of trying at the cap
CLAIM_LEASE = timedelta(minutes=2)  # an attempt that outlives this is presumed crashed


@dataclass(frozen=True)
class Delivered:
    detail: str = ""


@dataclass(frozen=True)
class TemporaryFailure:
    reason: str


@dataclass(frozen=True)
class PermanentFailure:
    reason: str


Outcome = Delivered | TemporaryFailure | PermanentFailure


def channel_for(rule_channel: str, address: str | None) -> str:
    """A rule's `contact` channel follows the contact's address: e-mail, an https webhook, or manual."""
    if rule_channel != "contact":
        return rule_channel if address else "manual"
    if not address:
        return "manual"
    if address.startswith("https://") or address.startswith("http://"):
        return "webhook"
    return "email" if "@" in address else "manual"


def retry_delay(attempts: int, first: timedelta = FIRST_RETRY, cap: timedelta = RETRY_CAP) -> timedelta:
    """After the n-th failed attempt wait first * 2^(n-1), at most `cap`."""
    return min(first * (2 ** max(attempts - 1, 0)), cap)


@dataclass(frozen=True)
class NextState:
    status: str
    next_attempt_at: datetime | None
    error: str | None


def after_attempt(attempts: int, outcome: Outcome, now: datetime, max_attempts: int = MAX_ATTEMPTS,
                  first: timedelta = FIRST_RETRY, cap: timedelta = RETRY_CAP) -> NextState:
    """`attempts` counts the one just made."""
    if isinstance(outcome, Delivered):
        return NextState("delivered", None, None)
    if isinstance(outcome, PermanentFailure):
        return NextState("failed", None, outcome.reason)
    if attempts >= max_attempts:
        return NextState("failed", None, f"gave up after {attempts} attempts: {outcome.reason}")
    return NextState("pending", now + retry_delay(attempts, first, cap), outcome.reason)


def http_outcome(status: int) -> Outcome:
    """2xx delivered; 408, 429 and 5xx worth retrying; any other 4xx (410 Gone, 404, 401...) permanent."""
    if 200 <= status < 300:
        return Delivered(f"HTTP {status}")
    if status in (408, 429) or status >= 500:
        return TemporaryFailure(f"HTTP {status}")
    return PermanentFailure(f"HTTP {status}")


def smtp_outcome(code: int, message: str = "") -> Outcome:
    """SMTP reply codes: 5xx is permanent (bad address), 4xx temporary (mailbox busy, greylisting)."""
    if 200 <= code < 400:
        return Delivered(f"SMTP {code}")
    if 500 <= code < 600:
        return PermanentFailure(f"SMTP {code} {message}".strip())
    return TemporaryFailure(f"SMTP {code} {message}".strip())
