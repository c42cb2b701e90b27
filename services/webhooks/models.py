"""The webhooks service's tables: subscriptions (an agency's endpoint, filter and secret) and
deliveries (one event to one subscription, with its attempts)."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class Subscription(Base):
    __tablename__ = "subscriptions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    all_agencies: Mapped[bool] = mapped_column(Boolean, default=False)  # the central team's only
    url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list] = mapped_column(JSON)  # glob patterns over catalogue keys
    description: Mapped[str | None] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, index=True)
    # The key must be kept to sign (HMAC), so it is stored; the audit trail keeps only its fingerprint.
    secret: Mapped[str] = mapped_column(String(100), info={"secret": True})
    previous_secret: Mapped[str | None] = mapped_column(String(100), info={"secret": True})
    previous_secret_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    secret_rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class Delivery(Base):
    """One event to one subscription. Its id is the `webhook-id` receivers deduplicate on; attempts are
    delivery bookkeeping like the outbox, so they are not written to the audit trail."""
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"), {"info": {"audited": False}})

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subscription_id: Mapped[str] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)  # the event's
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(200))
    envelope: Mapped[dict] = mapped_column(JSON)  # the CloudEvents envelope as it arrived
    status: Mapped[str] = mapped_column(String(20), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # in this round (a redelivery starts one)
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when this round began: the age limit
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    recent_attempts: Mapped[list] = mapped_column(JSON, default=list)  # [{at, status_code, error}]
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redelivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redelivered_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
