"""Subscriptions: an agency's HTTPS endpoint, the event types it wants, and its signing secret."""
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from services.webhooks import domain, transport
from services.webhooks.models import Delivery, Subscription
from services.webhooks.sending import SendingPolicy
from shared import signing
from shared.auth import Principal
from shared.errors import BadInput, Forbidden
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Webhook subscription", "Abonnementet")


@dataclass(frozen=True)
class Created:
    """A subscription with its secret in clear, answered once."""
    subscription: Subscription
    secret: str


def create_subscription(uow: UnitOfWork, principal: Principal, command: dict, policy: SendingPolicy,
                        now: datetime) -> Created:
    _check(principal, command, policy)
    secret = signing.new_secret()
    subscription = Subscription(id=str(uuid.uuid4()), agency=principal.agency, secret=secret, consecutive_failures=0,
                                created_at=now, created_by=principal.sub, updated_at=now, updated_by=principal.sub,
                                **command)
    uow.session.add(subscription)
    uow.session.flush()
    return Created(subscription, secret)


def update_subscription(uow: UnitOfWork, principal: Principal, subscription_id: str, command: dict,
                        policy: SendingPolicy, now: datetime) -> Subscription:
    subscription = changeable(uow, principal, subscription_id)
    _check(principal, command, policy)
    for field, value in command.items():
        setattr(subscription, field, value)
    if command.get("active"):  # enabled again (after the endpoint was fixed): failures start afresh
        subscription.consecutive_failures, subscription.disabled_at, subscription.disabled_reason = 0, None, None
    subscription.updated_at, subscription.updated_by = now, principal.sub
    return subscription


def delete_subscription(uow: UnitOfWork, principal: Principal, subscription_id: str) -> Subscription:
    """Gone with its deliveries: nothing more is sent to it, pending or not."""
    subscription = changeable(uow, principal, subscription_id)
    uow.session.execute(delete(Delivery).where(Delivery.subscription_id == subscription.id))
    uow.session.delete(subscription)
    uow.session.flush()
    return subscription


def rotate_secret(uow: UnitOfWork, principal: Principal, subscription_id: str, overlap: timedelta,
                  now: datetime) -> Created:
    """A new secret; for `overlap` deliveries carry a signature with the old one too, so the receiver can
    switch to the new secret without losing a delivery."""
    subscription = changeable(uow, principal, subscription_id)
    secret = signing.new_secret()
    subscription.previous_secret, subscription.previous_secret_until = subscription.secret, now + overlap
    subscription.secret, subscription.secret_rotated_at = secret, now
    subscription.updated_at, subscription.updated_by = now, principal.sub
    return Created(subscription, secret)


def changeable(uow: UnitOfWork, principal: Principal, subscription_id: str) -> Subscription:
    """The caller's own agency's subscription; one that takes every agency's events only for the central
    team, or an admin of its agency could send every agency's events to an endpoint of their choosing."""
    subscription = own_agency(uow.session, principal, Subscription, subscription_id, NAMES)
    if subscription.all_agencies and not principal.sees_all_agencies:
        raise Forbidden("Only the central team may change a subscription to every agency's events / "
                        "Bare sentralt team kan endre et abonnement på alle virksomheters hendelser")
    return subscription


def get_subscription(uow: UnitOfWork, principal: Principal, subscription_id: str) -> Subscription:
    return get_visible(uow.session, principal, Subscription, subscription_id, NAMES)


def list_subscriptions(uow: UnitOfWork, principal: Principal, page: int, page_size: int,
                       active: bool | None = None) -> dict:
    query = visible(Subscription, principal).order_by(Subscription.created_at, Subscription.id)
    if active is not None:
        query = query.where(Subscription.active == active)
    return fetch_page(uow.session, query, page, page_size)


def active_patterns(uow: UnitOfWork) -> list[list[str]]:
    """Every active subscription's event type patterns (of every agency): what the broker should route."""
    return list(uow.session.scalars(select(Subscription.event_types).where(Subscription.active.is_(True))))


def _check(principal: Principal, command: dict, policy: SendingPolicy) -> None:
    problems = {}
    if "url" in command:
        # the address is vetted here for a clear answer now, and again at every delivery, where it counts
        problem = (domain.url_problem(command["url"], policy.allow_local_http)
                   or transport.subscription_problem(command["url"], policy.allowed_targets))
        if problem:
            problems["url"] = [problem]
    if command.get("all_agencies") and not principal.sees_all_agencies:
        problems["all_agencies"] = ["Only the central team may subscribe to every agency's events / "
                                    "Bare sentralt team kan abonnere på alle virksomheters hendelser."]
    if problems:
        raise BadInput("Invalid input / Ugyldige data", problems)
