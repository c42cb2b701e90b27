"""JSON Schema for the envelope and every payload, converted from the marshmallow contracts by
apispec's marshmallow plugin (the converter the gateway's OpenAPI already uses).

OpenAPI 3.1 output is plain JSON Schema (`type: [string, "null"]` for a nullable field), which is
what AsyncAPI's default schema format accepts. Nested schemas become `#/components/schemas/<Name>`
references, the same path in an AsyncAPI document.
"""
import warnings

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from shared.events import EnvelopeSchema, EventType

ENVELOPE = "CloudEventsEnvelope"


def schema_name(event: EventType) -> str:
    return event.schema.__name__


def component_schemas(events) -> dict[str, dict]:
    """Every payload schema and the schemas they nest, by name; a name clash is an error, not a
    silently merged schema. One schema shared by several event types (every service's audit
    checkpoint) is one component."""
    spec = APISpec("Vern events", "1", "3.1.0", plugins=[MarshmallowPlugin()])
    registered = set()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # apispec warns when two schemas resolve to one name
        spec.components.schema(ENVELOPE, schema=EnvelopeSchema)
        for event in events:
            if event.schema not in registered:
                spec.components.schema(schema_name(event), schema=event.schema)
                registered.add(event.schema)
    return spec.to_dict()["components"]["schemas"]


def message_payload(event: EventType) -> dict:
    """The envelope of this type: its `type` fixed, its `source` ending in the publishing service, its
    `data` the payload schema."""
    return {"allOf": [
        {"$ref": f"#/components/schemas/{ENVELOPE}"},
        {"type": "object", "properties": {
            "type": {"const": event.type},
            "source": {"type": "string", "pattern": f"/{event.source}$"},
            "data": {"$ref": f"#/components/schemas/{schema_name(event)}"},
        }},
    ]}
