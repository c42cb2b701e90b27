"""A subscription's deliveries as its agency sees them, and sending one again on request."""
from datetime import datetime

from sqlalchemy import select

from services.webhooks.models import Delivery, Subscription
from services.webhooks.subscriptions import NAMES as SUBSCRIPTION_NAMES, changeable
from shared.auth import Principal
from shared.errors import NotFound
from shared.pagination import fetch_page
from shared.scoping import get_visible
from shared.service_database import UnitOfWork


def list_deliveries(uow: UnitOfWork, principal: Principal, subscription_id: str, page: int, page_size: int,
                    status: str | None = None) -> dict:
    subscription = get_visible(uow.session, principal, Subscription, subscription_id, SUBSCRIPTION_NAMES)
    query = (select(Delivery).where(Delivery.subscription_id == subscription.id)
             .order_by(Delivery.created_at.desc(), Delivery.id))
    if not principal.sees_all_agencies:  # an all-agencies subscription's deliveries name other agencies' events
        query = query.where(Delivery.agency == principal.agency)
    if status:
        query = query.where(Delivery.status == status)
    return fetch_page(uow.session, query, page, page_size)


def redeliver(uow: UnitOfWork, principal: Principal, subscription_id: str, delivery_id: str,
              now: datetime) -> Delivery:
    """Queue the delivery again now, with a fresh round of attempts and the same webhook-id (the receiver
    may drop it if it did get it after all)."""
    subscription = changeable(uow, principal, subscription_id)
    delivery = uow.session.scalars(select(Delivery).where(Delivery.id == delivery_id,
                                                          Delivery.subscription_id == subscription.id)).first()
    if delivery is None:
        raise NotFound(f"Delivery {delivery_id} not found / Leveransen finnes ikke")
    delivery.status, delivery.attempts, delivery.scheduled_at, delivery.next_attempt_at = "pending", 0, now, now
    delivery.claimed_until, delivery.delivered_at = None, None
    delivery.redelivered_at, delivery.redelivered_by = now, principal.sub
    return delivery
