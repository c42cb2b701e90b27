"""Sending queued messages: the notifications service's part of the shared delivery engine (shared.delivery).

A delivery is claimed with a conditional UPDATE that only one transaction can win, and
the claim is a lease: several notifications instances never send the same message at once,
and a message whose sender died after sending but before recording is sent again once
the lease runs out (at-least-once; the message id lets the receiver drop the duplicate).
Here: how a claimed delivery becomes a message, which channel sends it, and what a final
failure sets off.
"""
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.notifications import acknowledgement, delivery, domain, messages, progress
from services.notifications.channels import Outgoing, send_email, send_webhook
from services.notifications.delivery import Outcome, TemporaryFailure
from services.notifications.models import AckLink, Contact, Delivery, OwnerContact
from services.notifications.tasks import TaskOrder, create_task, message_context, task_reference
from shared.config import Settings, SmtpSettings
from shared.contracts.notifications import NOTIFICATION_DELIVERY_FAILED
from shared.clock import utcnow
from shared.delivery import rounds
from shared.delivery.claims import claim_attempt, claimable
from shared.service_database import UnitOfWork

log = logging.getLogger(__name__)
BATCH = 20
PARALLEL_SENDS = 10


@dataclass(frozen=True)
class SenderSettings:
    """What sending needs from the configuration."""
    ack_secret: str
    public_base_url: str
    smtp: SmtpSettings | None
    webhook_timeout_seconds: float
    ca_bundle: str | None

    @classmethod
    def of(cls, settings: Settings) -> "SenderSettings":
        return cls(settings.jwt_secret, settings.public_base_url, settings.smtp, settings.webhook_timeout_seconds,
                   settings.tls_ca_bundle)


def deliver_due(unit_of_work: Callable, sender: SenderSettings) -> int:
    """One round of the delivery engine over the notifications service's due messages."""
    return rounds.deliver_due(
        unit_of_work, claim=lambda uow: claim_due_deliveries(uow, sender, utcnow()),
        send=lambda outgoing: send(outgoing, sender),
        record=lambda uow, outgoing, outcome: record_outcome(uow, outgoing.message_id, outcome, utcnow()),
        report=_log_outcome, parallel=PARALLEL_SENDS)


def _log_outcome(outgoing: Outgoing, outcome: Outcome, recorded: Delivery) -> None:
    log.info("message %s to %s: %s (%s)", outgoing.message_id, outgoing.address, recorded.status,
             recorded.last_error or "ok")


def claim_due_deliveries(uow: UnitOfWork, sender: SenderSettings, now: datetime, limit: int = BATCH) -> list[Outgoing]:
    """Claim what is due and prepare each message; commit this before sending anything."""
    candidates = uow.session.scalars(
        select(Delivery.id).where(claimable(Delivery, now)).order_by(Delivery.next_attempt_at).limit(limit)).all()
    outgoing = []
    for delivery_id in candidates:
        if claim_attempt(uow.session, Delivery, delivery_id, now, delivery.CLAIM_LEASE):
            outgoing.append(_prepare(uow.session, uow.session.get(Delivery, delivery_id), sender, now))
    return outgoing


def _prepare(session, queued: Delivery, sender: SenderSettings, now: datetime) -> Outgoing:
    session.refresh(queued)
    token = acknowledgement.token_for(sender.ack_secret, queued.id)
    if session.get(AckLink, acknowledgement.token_hash(token)) is None:
        session.add(AckLink(token_hash=acknowledgement.token_hash(token), task_id=queued.task_id,
                            delivery_id=queued.id, expires_at=acknowledgement.expiry(now, queued.task.due_at)))
    ack_url = f"{sender.public_base_url}/api/v1/ack/{token}"
    # a measure's owner reports progress with a link of its own, good until the measure is closed
    progress_url = (progress.url_for(sender.public_base_url, sender.ack_secret, queued.task.id)
                    if queued.task.action == "carry_out" else None)
    message = render(queued, ack_url, now, progress_url)
    return Outgoing(message_id=queued.id, address=queued.address, message=message,
                    payload=webhook_payload(queued, message, ack_url, now, progress_url),
                    secret=_secret(session, queued.address))


def render(queued: Delivery, ack_url: str, now: datetime, progress_url: str | None = None) -> messages.Message:
    task = queued.task
    if queued.kind == "reminder":
        context = message_context(task, ack_url, reminder_number=queued.reminder_number,
                                  hours_left=domain.hours_left(task.due_at, now), progress_url=progress_url)
        return messages.render("reminder", task.language, context)
    if queued.kind == "change":
        return messages.render("changed", task.language,
                               message_context(task, ack_url, changes=(queued.details or {}).get("changes", []),
                                               progress_url=progress_url))
    return messages.render(task.template, task.language, message_context(task, ack_url, progress_url=progress_url))


def webhook_payload(queued: Delivery, message: messages.Message, ack_url: str, now: datetime,
                    progress_url: str | None = None) -> dict:
    """Standard Webhooks' shape: type, timestamp, data."""
    task = queued.task
    return {"type": f"vern.notification.{queued.kind}", "timestamp": now.isoformat(), "data": {
        "message_id": queued.id, **task_reference(task), "agency": task.agency,
        "due_at": task.due_at.isoformat() if task.due_at else None, "subject": message.subject,
        "text": message.text, "ack_url": ack_url, "facts": task.facts or {},
        **({"progress_url": progress_url} if progress_url else {})}}


def _secret(session, address: str) -> str | None:
    return session.scalars(select(Contact.secret).where(Contact.address == address,
                                                        Contact.secret.is_not(None))).first() or \
        session.scalars(select(OwnerContact.secret).where(OwnerContact.address == address,
                                                          OwnerContact.secret.is_not(None))).first()


def send(outgoing: Outgoing, sender: SenderSettings) -> Outcome:
    if outgoing.address.startswith("https://"):
        return send_webhook(sender.webhook_timeout_seconds, sender.ca_bundle, outgoing)
    if "@" in outgoing.address:
        return send_email(sender.smtp, sender.ca_bundle, outgoing)
    return TemporaryFailure(f"no channel for address {outgoing.address!r}")


def record_outcome(uow: UnitOfWork, delivery_id: str, outcome: Outcome, now: datetime) -> Delivery:
    """The delivery's next state; a final failure tells the coordinator and announces it."""
    queued = uow.session.get(Delivery, delivery_id)
    if queued.status != "pending":  # recorded already, by an instance whose lease we outlived
        return queued
    step = delivery.after_attempt(queued.attempts, outcome, now)
    queued.status, queued.next_attempt_at, queued.last_error = step.status, step.next_attempt_at, step.error
    queued.claimed_until = None
    if step.status == "delivered":
        queued.delivered_at = now
    elif step.status == "failed":
        _report_failure(uow, queued, now)
    return queued


def _report_failure(uow: UnitOfWork, queued: Delivery, now: datetime) -> None:
    task = queued.task
    facts = task.facts or {}
    follow_up = create_task(uow, TaskOrder(
        agency=task.agency, recipient_role=domain.coordinator_for(facts),
        source_event_id=f"delivery-failed:{queued.id}",
        source_event_type=NOTIFICATION_DELIVERY_FAILED.type, subject_type=task.subject_type,
        subject_id=task.subject_id, template="delivery_failed", rule_channel="manual", due_at=task.due_at,
        follows_task_id=task.id, action="follow_up", facts={**facts, "follow_up": {
            "failed_role": task.recipient_role, "channel": queued.channel, "address": queued.address,
            "reason": queued.last_error or "", "attempts": queued.attempts}}))
    uow.publish(NOTIFICATION_DELIVERY_FAILED, task.id, task.agency, {
        **task_reference(task), "message_id": queued.id, "channel": queued.channel,
        "attempts": queued.attempts, "reason": queued.last_error or "", "failed_at": now,
        "follow_up_task_id": follow_up.id})
