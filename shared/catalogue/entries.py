"""One entry per event type: the contract, where it is published, who in Vern consumes it, and its
documented example as a full CloudEvents envelope."""
import uuid
from dataclasses import dataclass

from shared.config import SERVICE_NAMES
from shared.contracts import CATALOGUE, EXAMPLES
from shared.events import EventType, event_source

EXAMPLE_AGENCY = "demo"
EXAMPLE_INSTALLATION = "https://vern.example.kommune.no"  # an installation's EVENT_SOURCE
# The envelope's subject is the id of the record an event is about: the payload's first `*_id`
# field, except where the record is another one (an audit checkpoint is about the service's chain).
SUBJECT_FIELDS = {"training.training_overdue": "participant_id", "notifications.agency_listed": "code",
                  **{f"{service}.audit_checkpointed": "service" for service in SERVICE_NAMES}}


@dataclass(frozen=True)
class Entry:
    event: EventType
    example: dict
    consumers: tuple[str, ...]  # "service.handler" of every Vern @event_handler bound to it

    @property
    def exchange(self) -> str:
        return f"{self.event.source}.events"

    @property
    def routing_key(self) -> str:
        return self.event.name

    @property
    def subject_field(self) -> str:
        return SUBJECT_FIELDS.get(self.event.key) or next(
            name for name in self.event.schema().fields if name.endswith("_id"))

    def envelope(self) -> dict:
        """The example as it travels: fixed id and time, so the generated documents are stable."""
        times = [value for value in self.example.values() if isinstance(value, str) and value.endswith("Z")]
        return {
            "specversion": "1.0",
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, self.event.type)),
            "source": event_source(EXAMPLE_INSTALLATION, self.event.source),
            "type": self.event.type,
            "subject": str(self.example[self.subject_field]),
            "time": max(times, default="2026-11-22T10:15:00Z"),
            "datacontenttype": "application/json",
            "agency": EXAMPLE_AGENCY,
            "correlationid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"request:{self.event.type}")),
            "data": self.example,
        }


def consumers_by_event() -> dict[str, list[str]]:
    """Derived from the services' @event_handlers, the same walk that declares their queues."""
    from shared.deployment import subscriptions

    found: dict[str, list[str]] = {}
    for service, handler, source, name in subscriptions(SERVICE_NAMES):
        # a handler bound with "#" (the webhooks service) consumes every event of its source
        keys = [key for key, event in CATALOGUE.items() if event.source == source] if name == "#" else [f"{source}.{name}"]
        for key in keys:
            found.setdefault(key, []).append(f"{service}.{handler}")
    return found


def entries() -> list[Entry]:
    consumers = consumers_by_event()
    return [Entry(event, EXAMPLES[key], tuple(sorted(consumers.get(key, ())))) for key, event in CATALOGUE.items()]
