"""Sending due deliveries: the webhooks service's part of the shared delivery engine (shared.delivery).

A delivery is claimed with a conditional UPDATE only one transaction wins, as a lease: N instances of
the service never send one delivery at once, and a delivery whose sender died after sending but before
recording is sent again when the lease runs out, with the same webhook-id (at-least-once). Here: which
deliveries may go (an active subscription's), the signed POST, and what an outcome does to the
subscription's run of failures."""
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from services.webhooks import addresses, domain, transport
from services.webhooks.domain import Attempt
from services.webhooks.models import Delivery, Subscription
from shared import signing
from shared.allowed_targets import AllowedTarget
from shared.clock import utcnow
from shared.config import Settings
from shared.contracts.webhooks import SUBSCRIPTION_DISABLED
from shared.delivery import rounds
from shared.delivery.claims import claim_attempt, claimable
from shared.delivery.rules import RetryPolicy
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)
BATCH = 20
PARALLEL_SENDS = 10
CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"  # CloudEvents' structured mode over HTTP
USER_AGENT = "Vern-Webhooks/1"


@dataclass(frozen=True)
class SendingPolicy:
    """What sending needs from the configuration."""
    retry: RetryPolicy
    disable_after_failures: int
    timeout_seconds: float
    ca_bundle: str | None
    secret_overlap: timedelta
    allow_local_http: bool
    allowed_targets: tuple[AllowedTarget, ...]

    @classmethod
    def of(cls, settings: Settings) -> "SendingPolicy":
        hooks = settings.webhooks
        # a demonstration's receiver on this machine is allowed like a configured internal one
        local = addresses.THIS_MACHINE if hooks.allow_http_localhost else ()
        return cls(RetryPolicy(timedelta(seconds=hooks.retry_seconds), hooks.max_attempts,
                               timedelta(hours=hooks.max_age_hours), cap=domain.RETRY_CAP),
                   hooks.disable_after_failures, settings.webhook_timeout_seconds, settings.tls_ca_bundle,
                   timedelta(hours=hooks.secret_overlap_hours), hooks.allow_http_localhost,
                   hooks.allowed_targets + local)


@dataclass(frozen=True)
class Outgoing:
    delivery_id: str
    url: str
    body: bytes
    secrets: tuple[str, ...]


def deliver_due(unit_of_work: Callable, policy: SendingPolicy) -> int:
    """One round of the delivery engine over the due deliveries of active subscriptions."""
    return rounds.deliver_due(
        unit_of_work, claim=lambda uow: claim_due(uow, utcnow()),
        send=lambda outgoing: send(outgoing, policy, int(time.time())),
        record=lambda uow, outgoing, attempt: record_outcome(uow, outgoing.delivery_id, attempt, policy, utcnow()),
        report=_log_outcome, parallel=PARALLEL_SENDS)


def _log_outcome(outgoing: Outgoing, attempt: Attempt, recorded: Delivery | None) -> None:
    log.info("webhook delivery %s to %s: %s (%s)", outgoing.delivery_id, outgoing.url,
             recorded.status if recorded else "gone", attempt.describe())


def claim_due(uow: UnitOfWork, now: datetime, limit: int = BATCH) -> list[Outgoing]:
    """Claim what is due for active subscriptions; commit this before sending anything."""
    candidates = uow.session.execute(
        select(Delivery.id, Subscription).join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(claimable(Delivery, now), Subscription.active.is_(True))
        .order_by(Delivery.next_attempt_at).limit(limit)).all()
    outgoing = []
    for delivery_id, subscription in candidates:
        if claim_attempt(uow.session, Delivery, delivery_id, now, domain.CLAIM_LEASE):
            envelope = uow.session.scalar(select(Delivery.envelope).where(Delivery.id == delivery_id))
            outgoing.append(Outgoing(delivery_id, subscription.url, json.dumps(envelope, ensure_ascii=False).encode(),
                                     tuple(domain.signing_secrets(subscription.secret, subscription.previous_secret,
                                                                  subscription.previous_secret_until, now))))
    return outgoing


def send(outgoing: Outgoing, policy: SendingPolicy, timestamp: int) -> Attempt:
    """One POST: the envelope, signed with every secret in force (Standard Webhooks), to an address
    vetted as it connects."""
    headers = {"Content-Type": CONTENT_TYPE, "User-Agent": USER_AGENT,
               **signing.signed_headers(outgoing.secrets, outgoing.delivery_id, timestamp, outgoing.body)}
    return transport.post(outgoing.url, outgoing.body, headers, policy.allowed_targets, policy.timeout_seconds,
                          policy.ca_bundle)


def record_outcome(uow: UnitOfWork, delivery_id: str, attempt: Attempt, policy: SendingPolicy,
                   now: datetime) -> Delivery | None:
    """The delivery's next state, and its subscription's run of failures (which may switch it off)."""
    delivery = uow.session.get(Delivery, delivery_id)
    if delivery is None or delivery.status != "pending":  # deleted, or recorded by an instance we outlived
        return delivery
    step = domain.after_attempt(delivery.attempts, attempt, now, delivery.scheduled_at, policy.retry)
    delivery.status, delivery.next_attempt_at, delivery.claimed_until = step.status, step.next_attempt_at, None
    delivery.last_attempt_at, delivery.last_status_code = now, attempt.status_code
    delivery.last_error = None if attempt.delivered else attempt.describe()
    delivery.recent_attempts = domain.recent(delivery.recent_attempts, {
        "at": now.isoformat(), "status_code": attempt.status_code, "error": attempt.error})
    subscription = uow.session.get(Subscription, delivery.subscription_id, with_for_update=True)
    if step.status == "delivered":
        delivery.delivered_at = now
        if subscription.consecutive_failures:  # a working endpoint: the run of failures ends
            subscription.consecutive_failures = 0
    elif step.status == "failed":
        subscription.consecutive_failures += 1
        if subscription.active and domain.should_disable(subscription.consecutive_failures,
                                                         policy.disable_after_failures):
            _disable(uow, subscription, delivery.last_error, now)
    return delivery


def _disable(uow: UnitOfWork, subscription: Subscription, reason: str, now: datetime) -> None:
    subscription.active, subscription.disabled_at, subscription.disabled_reason = False, now, reason
    log.warning("webhook subscription %s (%s) disabled after %s failed deliveries in a row: %s", subscription.id,
                subscription.url, subscription.consecutive_failures, reason)
    uow.publish(SUBSCRIPTION_DISABLED, subscription.id, subscription.agency, {
        "subscription_id": subscription.id, "url": subscription.url,
        "consecutive_failures": subscription.consecutive_failures, "reason": reason, "disabled_at": now})
