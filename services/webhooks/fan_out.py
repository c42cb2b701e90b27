"""Every Vern event, matched against the active subscriptions: one delivery per subscription that wants it."""
import uuid
from datetime import datetime

from sqlalchemy import or_, select

from services.webhooks import domain
from services.webhooks.models import Delivery, Subscription
from shared.events import Event, catalogue_key
from shared.service_database import UnitOfWork


def fan_out(uow: UnitOfWork, event: Event, envelope: dict, now: datetime) -> list[Delivery]:
    """Called once per event id (`handle_once`); the unique (subscription, event) key backs that up."""
    key = catalogue_key(event.type)
    candidates = uow.session.scalars(select(Subscription).where(
        Subscription.active.is_(True),
        or_(Subscription.agency == event.agency, Subscription.all_agencies.is_(True)))).all()
    created = []
    for subscription in candidates:
        if not (domain.in_scope(subscription.agency, subscription.all_agencies, event.agency)
                and domain.matches(subscription.event_types, key)):
            continue
        delivery = Delivery(id=str(uuid.uuid4()), subscription_id=subscription.id, agency=event.agency,
                            event_id=event.id, event_type=event.type, envelope=envelope, status="pending",
                            attempts=0, scheduled_at=now, next_attempt_at=now, recent_attempts=[], created_at=now)
        uow.session.add(delivery)
        created.append(delivery)
    return created
