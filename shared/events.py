"""The CloudEvents 1.0 envelope (structured JSON mode) every Vern event travels in.

The routing key on the source service's exchange is the short event name
(`incident_escalated`), which is what nameko's `@event_handler` binds to; the
CloudEvents `type` carries the full, versioned name. The `source` is the installation's URI
(setting EVENT_SOURCE) followed by `/<publishing service>`. How the envelope travels over AMQP:
`shared.event_wire`.
"""
import functools
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from shared.clock import utcnow
from shared.event_wire import Undecodable

TYPE_PREFIX = "no.vern."
# The source of events built without a configured installation (tests, tools); the services use
# their EVENT_SOURCE setting.
DEFAULT_INSTALLATION = "urn:vern:local"
# The `data` of one event, as compact UTF-8 JSON: a contract allows at most its `max_bytes`, which is
# DEFAULT_MAX_DATA_BYTES unless it says less or more; none allows more than MAX_DATA_BYTES, the limit a
# consumer of every type (webhooks) applies.
DEFAULT_MAX_DATA_BYTES = 256 * 1024
MAX_DATA_BYTES = 1024 * 1024


@dataclass(frozen=True)
class EventType:
    """One entry of the public catalogue: where it is published and what `data` holds."""
    source: str          # the publishing service, also the exchange "<source>.events"
    name: str            # routing key
    version: int
    schema: type[Schema]
    description: str
    max_bytes: int = DEFAULT_MAX_DATA_BYTES  # of `data`: a larger event is refused and parked

    def __post_init__(self):
        if not 0 < self.max_bytes <= MAX_DATA_BYTES:
            raise ValueError(f"{self.key}: max_bytes must be between 1 and {MAX_DATA_BYTES}")

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
    # "vern/<service>" is what versions before EVENT_SOURCE published: events still queued at an upgrade
    source = fields.String(required=True, validate=validate.Regexp(r"^(vern|[a-zA-Z][a-zA-Z0-9+.-]*:\S*)/[a-z_]+$"),
                           metadata={"description": "<URI of the installation>/<publishing service>, e.g. "
                                                    "https://vern.example.kommune.no/incidents"})
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


def event_source(installation: str, service: str) -> str:
    """`https://vern.example.kommune.no/` and `incidents` -> `https://vern.example.kommune.no/incidents`."""
    return f"{installation.rstrip('/')}/{service}"


def data_size(data) -> int:
    """Bytes of `data` as compact UTF-8 JSON, the measure of a contract's `max_bytes`."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8"))


def over_limit(data, max_bytes: int) -> str | None:
    size = data_size(data)
    if size > max_bytes:
        return f"{size} bytes, more than the contract's limit of {max_bytes} / større enn kontraktens grense"
    return None


@functools.cache
def reused(schema_class: type[Schema]) -> Schema:
    """One instance per schema class for every event: creating one deep-copies its declared fields and
    builds its nested schemas, which cost more than the load or dump itself (bench/README.md). A
    marshmallow schema keeps no state between calls, so one instance serves every worker."""
    return schema_class()


def build_envelope(event_type: EventType, subject: str, agency: str, data: dict,
                   correlation_id: str | None = None, installation: str = DEFAULT_INSTALLATION) -> dict:
    schema = reused(event_type.schema)
    payload = schema.dump(data)
    problems = schema.validate(payload)
    if problems:  # a producer bug: never publish what the contract does not allow
        raise ValueError(f"{event_type.type} payload breaks its schema: {problems}")
    too_large = over_limit(payload, event_type.max_bytes)
    if too_large:
        raise ValueError(f"{event_type.type} payload is too large: {too_large}")
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": event_source(installation, event_type.source),
        "type": event_type.type,
        "subject": str(subject),
        "time": utcnow().isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "agency": agency,
        "correlationid": correlation_id,
        "data": payload,
    }


def letter_body(body) -> dict:
    """What a dead letter keeps of a message: the envelope as it came, except an unreadable body
    (its preview) and `data` beyond MAX_DATA_BYTES (left out: a database is no place for it)."""
    if isinstance(body, Undecodable):
        return body.as_letter()
    if not isinstance(body, dict):
        return {"raw": repr(body)[:2_000]}
    if "data" in body and data_size(body["data"]) > MAX_DATA_BYTES:
        return {**body, "data": {"omitted": f"{data_size(body['data'])} bytes"}}
    return body


def parse_envelope(body, event_type: EventType | None) -> Event:
    """Validate envelope and payload; raises InvalidEvent naming every bad field. Without `event_type`
    (a consumer of every event, such as webhooks, which forwards it unread) only the envelope, and
    the size of `data` against MAX_DATA_BYTES."""
    if isinstance(body, Undecodable):
        raise InvalidEvent({"body": [body.reason]})
    try:
        envelope = reused(EnvelopeSchema).load(body)
    except ValidationError as error:
        raise InvalidEvent(error.normalized_messages()) from None
    too_large = over_limit(envelope["data"], event_type.max_bytes if event_type else MAX_DATA_BYTES)
    if too_large:
        raise InvalidEvent({"data": [too_large]})
    if event_type is None:
        return Event(id=envelope["id"], type=envelope["type"], source=envelope["source"],
                     subject=envelope["subject"], time=envelope["time"], agency=envelope["agency"],
                     correlation_id=envelope["correlationid"], data=envelope["data"])
    if envelope["type"] != event_type.type:
        raise InvalidEvent({"type": [f"expected {event_type.type}"]})
    try:
        data = reused(event_type.schema).load(envelope["data"])
    except ValidationError as error:
        raise InvalidEvent({"data": error.normalized_messages()}) from None
    return Event(id=envelope["id"], type=envelope["type"], source=envelope["source"],
                 subject=envelope["subject"], time=envelope["time"], agency=envelope["agency"],
                 correlation_id=envelope["correlationid"], data=data)
