"""docs/asyncapi.yaml: the catalogue as an AsyncAPI 3.0 document.

One channel per event type: its routing key on the publishing service's topic exchange (the AMQP
binding `is: routingKey`). One `send` operation per channel: Vern publishes, persistent and
mandatory. One message per type: the CloudEvents envelope with the payload's JSON Schema as `data`.
The servers: an installation's broker (its host and vhost as variables), reached over TLS with a
broker user of the subscriber's own, and the local broker of a demo.
"""
import yaml

from shared.catalogue.entries import Entry
from shared.catalogue.json_schema import component_schemas, message_payload
from shared.event_wire import STRUCTURED_CONTENT_TYPE

AMQP_BINDING = "0.3.0"
DESCRIPTION = f"""Events Vern publishes for the systems around it. Every event is a CloudEvents 1.0
event in the AMQP binding's structured content mode (content type `{STRUCTURED_CONTENT_TYPE}`, the
whole event as JSON in the body), published on the topic exchange `<service>.events` with the short
event name as routing key, persistent, at least once: deduplicate on the CloudEvents `id`. The
`source` is the installation's URI followed by `/<service>`. Each type's `data` has a size limit
(`x-max-data-bytes`): Vern never publishes a larger one and parks one it receives.
A new optional field is an additive change within a version; a breaking change is a new `.vN` type.
Generated from shared/contracts/ by `make catalogue`; see docs/events.md."""


SECURITY_SCHEME = "brokerUser"
SERVERS = {
    "production": {
        "host": "{host}:{port}",
        "protocol": "amqps",
        "protocolVersion": "0-9-1",
        "pathname": "/{vhost}",
        "title": "The installation's RabbitMQ",
        "description": "AMQP 0-9-1 over TLS. Ask the operator for the host, the vhost (Vern's AMQP_URI) and "
                       "a broker user of your own that may bind a queue of yours to Vern's exchanges.",
        "variables": {
            "host": {"description": "the broker's host name", "default": "rabbitmq.example.kommune.no"},
            "port": {"description": "AMQPS", "default": "5671"},
            "vhost": {"description": "the virtual host of the installation", "default": "vern"},
        },
        "security": [{"$ref": f"#/components/securitySchemes/{SECURITY_SCHEME}"}],
    },
    "demo": {
        "host": "127.0.0.1:5672",
        "protocol": "amqp",
        "protocolVersion": "0-9-1",
        "pathname": "/",
        "title": "A demo's local RabbitMQ",
        "description": "`make run` on one machine: plain AMQP on the loopback interface, default vhost.",
        "security": [{"$ref": f"#/components/securitySchemes/{SECURITY_SCHEME}"}],
    },
}
SECURITY_SCHEMES = {SECURITY_SCHEME: {
    "type": "userPassword",
    "description": "A RabbitMQ user per subscribing system (PLAIN over TLS), allowed to read from Vern's "
                   "exchanges and to own its queues; never a Vern service's user."}}


def channel_id(entry: Entry) -> str:
    return entry.event.key


def message_id(entry: Entry) -> str:
    return f"{entry.event.key}.v{entry.event.version}"


def channel(entry: Entry) -> dict:
    return {
        "address": entry.routing_key,
        "title": f"{entry.exchange} / {entry.routing_key}",
        "description": entry.event.description,
        "messages": {message_id(entry): {"$ref": f"#/components/messages/{message_id(entry)}"}},
        "bindings": {"amqp": {
            "is": "routingKey",
            "exchange": {"name": entry.exchange, "type": "topic", "durable": True, "autoDelete": False},
            "bindingVersion": AMQP_BINDING}},
    }


def operation(entry: Entry) -> dict:
    return {
        "action": "send",
        "channel": {"$ref": f"#/channels/{channel_id(entry)}"},
        "summary": entry.event.description,
        "messages": [{"$ref": f"#/channels/{channel_id(entry)}/messages/{message_id(entry)}"}],
        "bindings": {"amqp": {"cc": [entry.routing_key], "deliveryMode": 2, "mandatory": True,
                              "bindingVersion": AMQP_BINDING}},
    }


def message(entry: Entry) -> dict:
    return {
        "name": entry.event.type,
        "title": entry.event.key,
        "summary": entry.event.description,
        "contentType": STRUCTURED_CONTENT_TYPE,
        "x-max-data-bytes": entry.event.max_bytes,
        "correlationId": {"description": "the request that caused the change",
                          "location": "$message.payload#/correlationid"},
        "payload": message_payload(entry.event),
        "examples": [{"name": "example", "payload": entry.envelope()}],
    }


def document(entries: list[Entry]) -> dict:
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Vern events", "version": "1.0.0", "description": " ".join(DESCRIPTION.split())},
        "defaultContentType": STRUCTURED_CONTENT_TYPE,
        "servers": SERVERS,
        "channels": {channel_id(entry): channel(entry) for entry in entries},
        "operations": {f"publish.{channel_id(entry)}": operation(entry) for entry in entries},
        "components": {
            "messages": {message_id(entry): message(entry) for entry in entries},
            "schemas": component_schemas(entry.event for entry in entries),
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


def render(entries: list[Entry]) -> str:
    header = "# Generated from shared/contracts/ by `make catalogue`: do not edit.\n"
    return header + yaml.safe_dump(document(entries), sort_keys=False, allow_unicode=True, width=110)
