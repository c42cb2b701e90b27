"""docs/events.md: the catalogue for the people who connect another system to Vern."""
import json

from shared.catalogue.entries import Entry
from shared.catalogue.json_schema import ENVELOPE, component_schemas, schema_name

INTRO = """# Vern events

Generated from the contracts in `shared/contracts/` by `make catalogue`
(`.venv/bin/python -m shared.catalogue`): do not edit. The same catalogue for tools:
[`asyncapi.yaml`](asyncapi.yaml) (AsyncAPI 3.0). A runnable subscriber to copy:
[`examples/subscriber/`](../examples/subscriber/). Watch events live: `vern events tail --type 'incidents.*'`.

## How events travel

Each service publishes its events on its own **topic exchange** `<service>.events` (durable) with
the short event name as **routing key**: `incidents.events` / `incident_escalated`. To receive
events, declare a durable queue of your own and bind it to the exchange with the routing keys you
want (`#` for every event of that service). Vern declares its exchanges at start (`vern bootstrap`);
ask the operator for a broker user that may read from them and own your queue.

Delivery is **at least once**: messages are persistent, published with publisher confirms from a
transactional outbox (an event is never lost after its change committed, and never announces a change
that was rolled back). The same event may arrive twice (a restart between publish and bookkeeping):
**deduplicate on the CloudEvents `id`**. Order is not guaranteed across services; within one record,
use `time` or the payload's own timestamps. Acknowledge a message only after you have handled it;
a message you can never handle belongs in your dead-letter queue, not back on your queue.

Only events published after your queue is bound reach it: bind once at deploy time and keep the
queue durable, so that events wait while your system is down.

**The notification tasks' events moved from reporting to notifications.** `notification_task_created`,
`notification_task_completed`, `notification_task_acknowledged`, `notification_delivery_failed`,
`notification_task_overdue` and `measure_progress_reported` keep their names and payloads, but are
published by the notifications service since it took the tasks over from reporting: on the exchange
`notifications.events`, with the type `no.vern.notifications.<name>.v1` and the source
`<installation>/notifications`. A subscriber bound to `reporting.events` for them binds to
`notifications.events` instead (both, while queued events of the old producer drain).

## The envelope

Every message is a CloudEvents 1.0 event in the AMQP binding's **structured content mode**: the
message's content type is `application/cloudevents+json` and its body is the whole event in the
CloudEvents JSON format (UTF-8), attributes and `data` together. Versions before this one published
the same body with the content type `application/json`; Vern's own consumers read both. Unknown
attributes may be added later: ignore them.

The `source` names the installation and the publishing service: the installation's URI (the
operator's `EVENT_SOURCE` setting, by default the gateway's public address) followed by
`/<service>`, e.g. `https://vern.example.kommune.no/incidents`. Events published before the setting
existed carry `vern/<service>`. `source` and `id` together are unique.

{envelope}

### Reading events with a CloudEvents SDK

Any CloudEvents SDK that reads the structured mode reads Vern's events as they are. With the Python
SDK (`pip install cloudevents`, version 2) and kombu, for instance:

```python
from cloudevents.core.bindings.rabbitmq import RabbitMQMessage, from_rabbitmq_event

def on_message(message):  # a kombu Consumer's on_message: the raw body, not decoded
    event = from_rabbitmq_event(RabbitMQMessage(headers=dict(message.headers or {{}}),
                                                content_type=message.content_type, body=message.body))
    print(event.get_type(), event.get_source(), event.get_id(), event.get_data())
    message.ack()
```

### Size limits

Each event type's `data` has a size limit, stated in its section below: the bytes of `data` as
compact UTF-8 JSON. Vern refuses to publish a larger event (the change that would cause it fails),
and a Vern consumer parks a larger one it receives. No type allows more than 1 MiB. Set the broker's
own ceiling (`max_message_size` in `rabbitmq.conf`) to match what your own systems accept.

### Messages Vern cannot read

A message on a Vern queue that Vern's consumer cannot read is never dropped and never blocks the
queue: it is acknowledged and kept as a **dead letter** with the reason, where the operator sees it
(`vern dead-letters list`) and can put it back (`vern dead-letters replay`) once the cause is fixed.
That covers a body that is not JSON or not UTF-8, a content type that is neither of the two above,
an envelope or payload that breaks its contract, and `data` over its type's size limit (parked at
once: no retry makes them valid); and a handler that keeps failing (parked after `EVENT_MAX_ATTEMPTS`
tries). Of an unreadable body the letter keeps its content type, size and the first 2 000 characters.

## Versioning

- The `type` ends in a major version: `no.vern.incidents.incident_escalated.v1`.
- A new **optional** field is **additive**: the version stays, and readers must ignore fields they do
  not know (validate what you use, not the absence of the rest).
- A **breaking** change (a field removed, renamed, retyped or made required, a meaning changed) is a
  **new type** ending in `.v2`, with its own entry in this catalogue.
- A new event type is additive: it has its own routing key, so existing bindings do not receive it.

## Index

| event | exchange | routing key | consumed in Vern by |
|---|---|---|---|
{index}
"""


def _type_name(prop: dict) -> str:
    if "$ref" in prop:
        return "object"
    kinds = prop.get("type", "any")
    kinds = [kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if kind != "null"]
    name = " or ".join(kinds) or "any"
    if name == "array":
        return f"array of {_type_name(prop.get('items', {}))}"
    if name == "object" and isinstance(prop.get("additionalProperties"), dict) and prop["additionalProperties"]:
        return f"object of {_type_name(prop['additionalProperties'])}"
    return f"{name} ({prop['format']})" if "format" in prop else name


def _nested(prop: dict) -> str | None:
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    return ref.rsplit("/", 1)[1] if ref else None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_rows(schema: dict, schemas: dict, prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", ()))
    for name, prop in schema.get("properties", {}).items():
        nullable = isinstance(prop.get("type"), list) and "null" in prop["type"]
        presence = ("required" if name in required else "optional") + (", may be null" if nullable else "")
        allowed = ", ".join(f"`{value}`" for value in prop.get("enum", ()) if value is not None)
        rows.append(f"| `{prefix}{name}` | {_type_name(prop)} | {presence} | "
                    f"{_cell(prop.get('description', ''))} | {allowed} |")
        nested = _nested(prop)
        if nested:
            marker = "[]" if prop.get("type") == "array" or "items" in prop else ""
            rows += field_rows(schemas[nested], schemas, f"{prefix}{name}{marker}.")
    return rows


def _table(schema: dict, schemas: dict) -> str:
    return "\n".join(["| field | type | presence | description | allowed values |", "|---|---|---|---|---|",
                      *field_rows(schema, schemas)])


def _consumers(entry: Entry) -> str:
    return ", ".join(f"`{consumer}`" for consumer in entry.consumers) or "none (for other systems)"


def section(entry: Entry, schemas: dict) -> str:
    return "\n".join([
        f"### {entry.event.key}", "",
        f"- type: `{entry.event.type}`",
        f"- exchange `{entry.exchange}`, routing key `{entry.routing_key}`",
        f"- subject: `data.{entry.subject_field}`",
        f"- published when: {entry.event.description}",
        f"- size limit of `data`: {entry.event.max_bytes:,} bytes".replace(",", " "),
        f"- consumed in Vern by: {_consumers(entry)}", "",
        _table(schemas[schema_name(entry.event)], schemas), "",
        "```json", json.dumps(entry.envelope(), indent=2, ensure_ascii=False), "```", ""])


def render(entries: list[Entry]) -> str:
    schemas = component_schemas(entry.event for entry in entries)
    index = "\n".join(f"| [`{entry.event.key}`](#{entry.event.key.replace('.', '')}) | `{entry.exchange}` | "
                      f"`{entry.routing_key}` | {_consumers(entry)} |" for entry in entries)
    parts = [INTRO.format(envelope=_table(schemas[ENVELOPE], schemas), index=index)]
    for source in dict.fromkeys(entry.event.source for entry in entries):
        parts.append(f"## Events of {source} (`{source}.events`)\n")
        parts += [section(entry, schemas) for entry in entries if entry.event.source == source]
    return "\n".join(parts)
