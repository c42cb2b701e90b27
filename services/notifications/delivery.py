"""The notifications service's delivery rules: which channel, how HTTP and SMTP answers read, and its retry schedule.

A channel reports each attempt as `Delivered`, `TemporaryFailure` or `PermanentFailure`; the shared
delivery engine (shared.delivery.rules) turns that into the delivery's next state with the notifications service's
schedule: retries back off exponentially up to a cap, and stop after MAX_ATTEMPTS or at the first
permanent failure.
"""
from datetime import datetime, timedelta

from shared.delivery import rules
# the engine's outcomes, imported from here by the channels and sending
from shared.delivery.rules import Delivered, NextState, Outcome, PermanentFailure, TemporaryFailure

CHANNELS = ("email", "webhook", "manual")
STATES = rules.STATES
FIRST_RETRY = timedelta(seconds=30)
RETRY_CAP = timedelta(hours=1)
MAX_ATTEMPTS = 12  # about six hours of trying at the cap
RETRY_POLICY = rules.RetryPolicy(first_retry=FIRST_RETRY, max_attempts=MAX_ATTEMPTS, cap=RETRY_CAP)
CLAIM_LEASE = timedelta(minutes=2)  # an attempt that outlives this is presumed crashed


def channel_for(rule_channel: str, address: str | None) -> str:
    """A rule's `contact` channel follows the contact's address: e-mail, an https webhook, or manual."""
    if rule_channel != "contact":
        return rule_channel if address else "manual"
    if not address:
        return "manual"
    if address.startswith("https://") or address.startswith("http://"):
        return "webhook"
    return "email" if "@" in address else "manual"


def retry_delay(attempts: int) -> timedelta:
    """After the n-th failed attempt: 30 s, doubling, at most an hour."""
    return rules.retry_delay(attempts, FIRST_RETRY, RETRY_CAP)


def after_attempt(attempts: int, outcome: Outcome, now: datetime) -> NextState:
    """`attempts` counts the one just made."""
    return rules.after_attempt(attempts, outcome, now, RETRY_POLICY)


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
