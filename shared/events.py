"""The CloudEvents 1.0 envelope (structured JSON mode) every Vern event travels in.

The routing key on the source service's exchange is the short event name
(`incident_escalated`), which is what nameko's `@event_handler` binds to; the
CloudEvents `type` carries the full, versioned name.
"""
import uuid
from dataclasses import dataclass
from datetime import datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from shared.clock import utcnow

TYPE_PREFIX = "no.vern."
SOURCE_PREFIX = "vern/"


@dataclass(frozen=True)
class EventType:
    """One entry of the public catalogue: where it is published and what `data` holds."""
    source: str          # the publishing service, also the exchange "<source>.events"
    name: str            # routing key
    version: int
    schema: type[Schema]
    description: str

    @property
    def type(self) -> str:
        return f"{TYPE_PREFIX}{self.source}.{self.name}.v{self.version}"

    @property
    def key(self) -> str:
        return f"{self.source}.{self.name}"


class EnvelopeSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # CloudEvents extension attributes may be added later

    specversion = fields.String(required=True, validate=validate.Equal("1.0"),
                                metadata={"description": "CloudEvents version"})
    id = fields.String(required=True, validate=validate.Length(min=1, max=64),
                       metadata={"description": "unique per event (uuid4); a redelivery keeps it: deduplicate on it"})
    source = fields.String(required=True, validate=validate.Regexp(r"^vern/[a-z_]+$"),
                           metadata={"description": "vern/<publishing service>"})
    type = fields.String(required=True, validate=validate.Regexp(r"^no\.vern\.[a-z_]+\.[a-z_]+\.v\d+$"),
                         metadata={"description": "no.vern.<service>.<event>.v<major version>"})
    subject = fields.String(required=True, metadata={"description": "id of the record the event is about"})
    time = fields.AwareDateTime(required=True, metadata={"description": "when the event occurred (UTC, RFC 3339)"})
    datacontenttype = fields.String(required=True, validate=validate.Equal("application/json"))
    agency = fields.String(required=True, metadata={"description": "extension: code of the agency that owns "
                                                                    "the record"})
    correlationid = fields.String(load_default=None, allow_none=True,
                                  metadata={"description": "extension: id of the request that caused the change"})
    data = fields.Dict(required=True, metadata={"description": "the payload, per type"})


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    source: str
    subject: str
    time: datetime
    agency: str
    correlation_id: str | None
    data: dict


class ContractSchema(Schema):
    """Base of every event payload schema: readers ignore fields added in later versions."""

    class Meta:
        unknown = EXCLUDE


class InvalidEvent(Exception):
    """A message that can never be handled: it goes to the dead letters, not back to the queue."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def catalogue_key(cloudevents_type: str) -> str:
    """`no.vern.incidents.incident_escalated.v1` -> `incidents.incident_escalated`, as EventType.key."""
    return cloudevents_type.removeprefix(TYPE_PREFIX).rsplit(".", 1)[0]


def build_envelope(event_type: EventType, subject: str, agency: str, data: dict,
                   correlation_id: str | None = None) -> dict:
    payload = event_type.schema().dump(data)
    problems = event_type.schema().validate(payload)
    if problems:  # a producer bug: never publish what the contract does not allow
        raise ValueError(f"{event_type.type} payload breaks its schema: {problems}")
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": f"{SOURCE_PREFIX}{event_type.source}",
        "type": event_type.type,
        "subject": str(subject),
        "time": utcnow().isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "agency": agency,
        "correlationid": correlation_id,
        "data": payload,
    }


def parse_envelope(body, event_type: EventType | None) -> Event:
    """Validate envelope and payload; raises InvalidEvent naming every bad field. Without `event_type`
    (a consumer of every event, such as webhooks, which forwards it unread) only the envelope."""
    try:
        envelope = EnvelopeSchema().load(body)
    except ValidationError as error:
        raise InvalidEvent(error.normalized_messages()) from None
    if event_type is None:
        return Event(id=envelope["id"], type=envelope["type"], source=envelope["source"],
                     subject=envelope["subject"], time=envelope["time"], agency=envelope["agency"],
                     correlation_id=envelope["correlationid"], data=envelope["data"])
    if envelope["type"] != event_type.type:
        raise InvalidEvent({"type": [f"expected {event_type.type}"]})
    try:
        data = event_type.schema().load(envelope["data"])
    except ValidationError as error:
        raise InvalidEvent({"data": error.normalized_messages()}) from None
    return Event(id=envelope["id"], type=envelope["type"], source=envelope["source"],
                 subject=envelope["subject"], time=envelope["time"], agency=envelope["agency"],
                 correlation_id=envelope["correlationid"], data=data)
