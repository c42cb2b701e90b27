"""`vern events tail`: watch Vern's events live, as a subscriber sees them.

A temporary queue (exclusive, deleted when the command ends) is bound to the exchanges and routing
keys the `--type` patterns name, so tailing never takes an event from a service's own queue.
"""
import fnmatch
import json
import socket
import time
import uuid

from kombu import Connection, Exchange, Queue, binding

from shared.config import SERVICE_NAMES
from shared.contracts import CATALOGUE


class UnknownEventType(ValueError):
    pass


def bindings_for(patterns: list[str]) -> list[tuple[str, str]]:
    """`incidents.*` -> every routing key of `incidents.events` (events added later included);
    `*.incident_escalated` and `incidents.incident_escalated` -> the matching catalogue types."""
    found: dict[tuple[str, str], None] = {}
    for pattern in patterns:
        service, _, name = pattern.partition(".")
        if not name:
            raise UnknownEventType(f"{pattern!r}: give SERVICE.EVENT, e.g. incidents.incident_escalated or incidents.*")
        if name in ("*", "#"):
            services = fnmatch.filter(SERVICE_NAMES, service)
            if not services:
                raise UnknownEventType(f"{pattern!r}: no service {service!r} (services: {', '.join(SERVICE_NAMES)})")
            found.update({(f"{source}.events", "#"): None for source in services})
            continue
        keys = fnmatch.filter(CATALOGUE, pattern)
        if not keys:
            raise UnknownEventType(f"{pattern!r}: no event type matches (the catalogue: docs/events.md)")
        found.update({(f"{CATALOGUE[key].source}.events", CATALOGUE[key].name): None for key in keys})
    return list(found)


def one_line(event: dict) -> str:
    short_type = event.get("type", "?").removeprefix("no.vern.")
    return f"{event.get('time', '?')}  {short_type}  subject={event.get('subject', '?')}  agency={event.get('agency', '?')}"


def tail(amqp_uri: str, patterns: list[str], print_line, as_json=False, count=None, timeout=None,
         ready=lambda bindings: None) -> int:
    """Print events until `count` were printed, `timeout` seconds passed, or Ctrl-C; returns how many."""
    bindings = bindings_for(patterns)
    deadline = None if timeout is None else time.monotonic() + timeout
    printed = 0
    with Connection(amqp_uri) as connection:
        channel = connection.channel()
        # the exchanges are Vern's (declared by `vern bootstrap`): bind only, never redeclare them
        queue = Queue(f"vern-tail-{uuid.uuid4().hex[:8]}", exclusive=True, auto_delete=True, durable=False,
                      bindings=[binding(Exchange(exchange, type="topic", durable=True, no_declare=True),
                                        routing_key=key) for exchange, key in bindings])

        def on_message(message):
            nonlocal printed
            try:
                event = json.loads(message.body)
            except ValueError:
                event = {"type": "(not JSON)", "body": message.body.decode("utf-8", "replace")[:200]}
            print_line(json.dumps(event, ensure_ascii=False) if as_json else one_line(event))
            printed += 1

        with connection.Consumer(queue, channel=channel, on_message=on_message, no_ack=True):
            ready(bindings)
            while count is None or printed < count:
                wait = 1.0 if deadline is None else min(1.0, deadline - time.monotonic())
                if wait <= 0:
                    break
                try:
                    connection.drain_events(timeout=wait)
                except socket.timeout:
                    pass
    return printed
