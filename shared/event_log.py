"""A service's own events as a listing: the outbox keeps every event after relaying it, so it is
also the service's event log. Another service replays it over RPC to rebuild what it derives from
the events (a new reporting instance catching up on facts it never received).

Every service with a database mixes `EventLogRpc` into its class; the operator's `vern reporting
rebuild` is the caller (action `events.replay`, role admin)."""
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.errors import EXPECTED_ERRORS
from shared.outbox import OutboxEvent
from shared.rpc_server import rpc
from shared.validation import WholeNumber, load

MAX_PAGE = 1000


class EventLogQuerySchema(Schema):
    types = fields.List(fields.String(validate=validate.Regexp(r"^[a-z_]+$")), required=True,
                        validate=validate.Length(min=1, max=50),
                        metadata={"description": "event names (routing keys) of this service"})
    after = WholeNumber(load_default=0, validate=validate.Range(min=0),
                        metadata={"description": "the `next_after` of the previous page"})
    limit = WholeNumber(load_default=500, validate=validate.Range(min=1, max=MAX_PAGE))


class EventLogPageSchema(Schema):
    events = fields.List(fields.Dict(), required=True, metadata={"description": "CloudEvents envelopes"})
    next_after = WholeNumber(allow_none=True, metadata={"description": "None when this was the last page"})


def published_events(session: Session, types: list[str], after: int, limit: int) -> dict:
    """Committed events of the given names in the order they were written, one page from `after`.

    Every committed row counts, relayed yet or not: it is an event that happened. On PostgreSQL a
    transaction can commit a lower sequence number after a reader has passed it; a rebuild runs
    while reporting's queues are bound, so such an event also arrives live."""
    rows = session.execute(select(OutboxEvent.seq, OutboxEvent.envelope)
                           .where(OutboxEvent.routing_key.in_(types), OutboxEvent.seq > after)
                           .order_by(OutboxEvent.seq).limit(limit)).all()
    return {"events": [row.envelope for row in rows],
            "next_after": rows[-1].seq if len(rows) == limit else None}


class EventLogRpc:
    """The `published_events` RPC, for a service class with `db` and `caller` dependencies."""

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def published_events(self, query):
        self.caller.require("events.replay")
        filters = load(EventLogQuerySchema(), query)
        with self.db.unit_of_work() as uow:
            return EventLogPageSchema().dump(published_events(uow.session, **filters))
