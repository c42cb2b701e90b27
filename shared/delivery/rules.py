"""When a delivery is tried again and when it is given up, as plain functions.

An attempt comes to `Delivered`, `TemporaryFailure` (worth trying again) or `PermanentFailure` (the
receiver has answered no). Retries back off exponentially from the policy's first delay up to its
cap, and stop after its last attempt, once the delivery is older than its maximum age, or at the
first permanent failure.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
STATES = (PENDING, DELIVERED, FAILED)


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


@dataclass(frozen=True)
class RetryPolicy:
    """`max_age`, if set, bounds how long after `scheduled_at` a retry may still be made."""
    first_retry: timedelta
    max_attempts: int
    max_age: timedelta | None = None
    cap: timedelta = timedelta(hours=1)


def retry_delay(attempts: int, first: timedelta, cap: timedelta) -> timedelta:
    """After the n-th failed attempt wait first * 2^(n-1), at most `cap`."""
    return min(first * (2 ** max(attempts - 1, 0)), cap)


@dataclass(frozen=True)
class NextState:
    status: str
    next_attempt_at: datetime | None
    error: str | None = None


def after_attempt(attempts: int, outcome: Outcome, now: datetime, policy: RetryPolicy,
                  scheduled_at: datetime | None = None) -> NextState:
    """`attempts` counts the one just made; `scheduled_at` is when this round of delivery began
    (needed only when the policy has a maximum age)."""
    if isinstance(outcome, Delivered):
        return NextState(DELIVERED, None, None)
    if isinstance(outcome, PermanentFailure):
        return NextState(FAILED, None, outcome.reason)
    if attempts >= policy.max_attempts:
        return NextState(FAILED, None, f"gave up after {attempts} attempts: {outcome.reason}")
    retry_at = now + retry_delay(attempts, policy.first_retry, policy.cap)
    if policy.max_age is not None and retry_at - scheduled_at > policy.max_age:
        return NextState(FAILED, None, f"gave up after {policy.max_age}: {outcome.reason}")
    return NextState(PENDING, retry_at, outcome.reason)
