"""Events as they travel over the broker: a CloudEvents SDK reads Vern's as they are, Vern's consumers
still read the JSON of earlier versions, and a message they cannot read, or larger than its contract
allows, is parked as a dead letter with the reason (never dropped, never blocking the queue)."""
import json
import socket
import uuid
from datetime import datetime, timezone

import amqp
import pytest
from cloudevents.core.bindings.rabbitmq import RabbitMQMessage, from_rabbitmq_event
from kombu import Connection, Exchange, Producer, Queue

from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report

CONSUMER = "notifications.on_incident_escalated"


def escalation(incident_id: str, **changes) -> dict:
    now = datetime.now(timezone.utc)
    envelope = build_envelope(INCIDENT_ESCALATED, incident_id, "demo", {
        "incident_id": incident_id, "title": "Uventet", "kind": "security_incident", "category": "other",
        "severity": "high", "personal_data_involved": False, "reason": "severity",
        "occurred_at": now, "aware_at": now, "escalated_at": now}, installation="urn:vern:elsewhere")
    envelope["data"].update(changes)
    return envelope


def publish_raw(vern, body: bytes, **properties) -> None:
    """Straight onto incidents.events as another system might: the body and properties exactly as given."""
    with Connection(vern.config["AMQP_URI"]) as connection:
        connection.default_channel.basic_publish(amqp.Message(body, delivery_mode=2, **properties),
                                                 exchange="incidents.events", routing_key="incident_escalated")


def letters_with(vern, marker: str) -> list:
    return vern.sql("notifications", "SELECT consumer, event_id, body, errors, attempts, queue FROM dead_letters "
                                 "WHERE consumer = :consumer AND CAST(body AS TEXT) LIKE :pattern",
                    consumer=CONSUMER, pattern=f"%{marker}%")


def as_dict(value):
    return value if isinstance(value, dict) else json.loads(value)


def handled(vern, event_id: str) -> bool:
    return bool(vern.sql("notifications", "SELECT 1 FROM processed_events WHERE event_id = :id AND consumer = :consumer",
                         id=event_id, consumer=CONSUMER))


UNDECODABLE = {
    "bad JSON": (b'{"specversion": "1.0", "id": "MARKER", "type": ', "application/cloudevents+json",
                 "body is not JSON"),
    "bad UTF-8": (b'{"specversion": "1.0", "id": "MARKER", "title": "\xff\xfe"}', "application/json",
                  "body is not UTF-8 text"),
    "wrong content type": (b'{"specversion": "1.0", "id": "MARKER"}', "text/plain",
                           "content type text/plain is not application/cloudevents+json or application/json"),
    "pickle, never unpickled": (b"\x80\x04\x95MARKER.", "application/x-python-serialize",
                                "content type application/x-python-serialize is not"),
    "no content type": (b'{"specversion": "1.0", "id": "MARKER"}', None, "content type (none) is not"),
}


@pytest.mark.parametrize("kind", UNDECODABLE)
def test_a_message_that_cannot_be_decoded_is_parked_with_its_reason_and_the_queue_flows_on(vern, kind):
    body, content_type, reason = UNDECODABLE[kind]
    marker = f"poison-{uuid.uuid4().hex[:8]}"
    properties = {"content_type": content_type} if content_type else {}
    publish_raw(vern, body.replace(b"MARKER", marker.encode()), **properties)
    behind = escalation(f"after-{marker}")  # valid, behind the poison in the same queue
    publish_raw(vern, json.dumps(behind).encode(), content_type="application/cloudevents+json",
                content_encoding="utf-8")

    assert wait_for(lambda: letters_with(vern, marker), 30), f"{kind} was not parked"
    [letter] = letters_with(vern, marker)
    errors, parked = as_dict(letter.errors), as_dict(letter.body)
    assert errors["body"][0].startswith(reason), errors
    assert parked["undecodable"] is True and parked["content_type"] == content_type
    assert parked["bytes"] == len(body) - len(b"MARKER") + len(marker) and marker in parked["preview"]
    assert letter.event_id is None and letter.attempts == 1 and letter.queue.startswith("evt-incidents")
    assert wait_for(lambda: handled(vern, behind["id"]), 30), "the event behind the poison was not handled"


def test_a_payload_over_its_contracts_size_limit_is_parked_with_the_limit(vern):
    limit = INCIDENT_ESCALATED.max_bytes
    too_large = escalation(f"large-{uuid.uuid4().hex[:8]}", likely_consequences="x" * limit)
    publish_raw(vern, json.dumps(too_large).encode(), content_type="application/cloudevents+json",
                content_encoding="utf-8")

    assert wait_for(lambda: letters_with(vern, too_large["id"]), 30)
    [letter] = letters_with(vern, too_large["id"])
    assert letter.event_id == too_large["id"] and letter.attempts == 1
    assert f"more than the contract's limit of {limit}" in as_dict(letter.errors)["data"][0]
    assert not handled(vern, too_large["id"])


def test_events_published_as_plain_json_before_an_upgrade_are_still_handled(vern):
    queued_before = {**escalation(f"legacy-{uuid.uuid4().hex[:8]}"), "source": "vern/incidents"}
    with Connection(vern.config["AMQP_URI"]) as connection:
        Producer(connection.default_channel).publish(
            queued_before, exchange=event_exchange("incidents"), routing_key="incident_escalated",
            serializer="json", delivery_mode=2)  # content type application/json, as Vern published them
    assert wait_for(lambda: handled(vern, queued_before["id"]), 30)
    assert letters_with(vern, queued_before["id"]) == []


def test_a_cloudevents_sdk_reads_a_vern_event_from_the_broker_as_it_is(vern, coordinator):
    with Connection(vern.config["AMQP_URI"]) as connection:
        channel = connection.channel()
        # a queue of the subscriber's own, bound like any other system's; Vern's exchange is only bound to
        queue = Queue(f"sdk-{uuid.uuid4().hex[:8]}", exclusive=True, auto_delete=True, durable=False,
                      exchange=Exchange("incidents.events", type="topic", durable=True, no_declare=True),
                      routing_key="incident_escalated")
        received = []
        with connection.Consumer(queue, channel=channel, on_message=received.append, no_ack=True):
            incident = report(coordinator, title="Løsepengevirus på filserveren")
            assess(coordinator, incident["id"], "critical")
            while not (ours := [message for message in received if incident["id"] in str(message.body)]):
                try:
                    connection.drain_events(timeout=20)
                except socket.timeout:
                    pytest.fail("no escalation arrived")
    [message] = ours
    assert message.content_type == "application/cloudevents+json"

    # the SDK's own RabbitMQ binding, given the message as it came: no code of Vern's, no envelope parsing
    event = from_rabbitmq_event(RabbitMQMessage(headers=message.headers, content_type=message.content_type,
                                                body=message.body))
    assert event.get_type() == "no.vern.incidents.incident_escalated.v1"
    assert event.get_source() == f"{vern.config['EVENT_SOURCE']}/incidents"
    assert event.get_subject() == incident["id"] and event.get_extension("agency") == "demo"
    [[outbox_id]] = vern.sql("incidents", "SELECT event_id FROM outbox_events WHERE routing_key = 'incident_escalated' "
                                          "AND CAST(envelope AS TEXT) LIKE :pattern", pattern=f"%{incident['id']}%")
    assert event.get_id() == outbox_id == message.properties["message_id"]
    data = event.get_data()
    assert data["incident_id"] == incident["id"] and data["title"] == "Løsepengevirus på filserveren"
    assert data["severity"] == "critical"
