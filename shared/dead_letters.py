"""The operator's view of dead letters: list the events a service parked, and replay them.

A replay puts the stored message back on the queue it came from (through the default exchange,
persistent, with a publisher confirm) and marks the letter replayed. The consumer is idempotent,
so a replay of an event it did handle after all changes nothing. Used by `vern dead-letters`.
"""
from kombu import Exchange
from nameko.amqp.publish import Publisher, UndeliverableMessage
from sqlalchemy import delete, func, select, update

from shared.clock import utcnow
from shared.database import transaction
from shared.event_wire import SERIALIZER
from shared.inbox import DeadLetter, DeliveryFailure
from shared.service_database import ServiceDatabase


class NotReplayable(Exception):
    """The letter is unknown, already replayed, or was parked before letters kept their queue."""


def as_view(service: str, letter: DeadLetter) -> dict:
    body = letter.body if isinstance(letter.body, dict) else {}
    return {"service": service, "id": letter.id, "consumer": letter.consumer, "queue": letter.queue,
            "event_id": letter.event_id, "type": body.get("type"), "subject": body.get("subject"),
            "attempts": letter.attempts, "errors": letter.errors,
            "parked_at": letter.created_at.isoformat(),
            "replayed_at": letter.replayed_at.isoformat() if letter.replayed_at else None}


def dead_letters(database: ServiceDatabase, include_replayed: bool = False) -> list[dict]:
    with transaction(database.sessions, database.lock) as session:
        query = select(DeadLetter).order_by(DeadLetter.id)
        if not include_replayed:
            query = query.where(DeadLetter.replayed_at.is_(None))
        return [as_view(database.service_name, letter) for letter in session.scalars(query)]


def replay(database: ServiceDatabase, amqp_uri: str, letter_ids: list[int] | None) -> list[int]:
    """Replay the given letters (None: every letter not yet replayed); returns the ids replayed."""
    with transaction(database.sessions, database.lock) as session:
        query = select(DeadLetter).where(DeadLetter.replayed_at.is_(None)).order_by(DeadLetter.id)
        if letter_ids is not None:
            query = query.where(DeadLetter.id.in_(letter_ids))
        letters = [(letter.id, letter.queue, letter.consumer, letter.event_id, letter.body)
                   for letter in session.scalars(query)]
    if letter_ids is not None:
        missing = set(letter_ids) - {letter[0] for letter in letters}
        if missing:
            raise NotReplayable(f"no dead letter waiting with id {', '.join(map(str, sorted(missing)))} "
                                f"in {database.service_name}")
    without_queue = [letter[0] for letter in letters if not letter[1]]
    if without_queue:
        raise NotReplayable(f"dead letters {without_queue} in {database.service_name} do not know their queue")
    replayed = []
    publisher = Publisher(amqp_uri, use_confirms=True, mandatory=True, serializer=SERIALIZER)
    for letter_id, queue, consumer, event_id, body in letters:
        # the default exchange routes by queue name: only the consumer that parked it sees it again
        try:
            publisher.publish(body, exchange=Exchange(""), routing_key=queue)
        except UndeliverableMessage:
            raise NotReplayable(f"queue {queue} does not exist (run `vern bootstrap`)") from None
        with transaction(database.sessions, database.lock) as session:
            session.execute(update(DeadLetter).where(DeadLetter.id == letter_id).values(replayed_at=utcnow()))
            if event_id:  # a fresh count of attempts
                session.execute(delete(DeliveryFailure).where(DeliveryFailure.event_id == event_id,
                                                              DeliveryFailure.consumer == consumer))
        replayed.append(letter_id)
    return replayed


def waiting_count(session) -> int:
    """Dead letters parked and not yet replayed: what an operator has to look at (a metrics gauge)."""
    return session.scalar(select(func.count()).select_from(DeadLetter).where(DeadLetter.replayed_at.is_(None)))
