"""How an envelope travels: structured mode out, structured and legacy JSON in, pickle never."""
from datetime import datetime, timezone

import pytest
from cloudevents.core.bindings.rabbitmq import RabbitMQMessage, from_rabbitmq_event
from kombu.exceptions import ContentDisallowed
from kombu.serialization import dumps, loads

from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.event_wire import CONTENT_TYPES, LEGACY_CONTENT_TYPE, SERIALIZER, STRUCTURED_CONTENT_TYPE
from shared.events import build_envelope

T = datetime(2026, 11, 22, 10, 15, tzinfo=timezone.utc)
ENVELOPE = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", {
    "incident_id": "i-1", "title": "Tapt minnepinne på Grünerløkka", "kind": "personal_data_breach",
    "category": "other", "severity": "high", "personal_data_involved": True, "reason": "severity",
    "occurred_at": T, "aware_at": T, "escalated_at": T}, correlation_id="c-1", installation="urn:vern:oslo")


def test_published_in_structured_mode_as_utf8_json():
    content_type, encoding, body = dumps(ENVELOPE, serializer=SERIALIZER)
    assert (content_type, encoding) == (STRUCTURED_CONTENT_TYPE, "utf-8")
    assert "Grünerløkka".encode() in body


def test_a_cloudevents_sdk_reads_the_message_unchanged():
    content_type, _encoding, body = dumps(ENVELOPE, serializer=SERIALIZER)
    event = from_rabbitmq_event(RabbitMQMessage(headers={}, content_type=content_type, body=body))
    assert (event.get_type(), event.get_source(), event.get_id()) == (
        INCIDENT_ESCALATED.type, "urn:vern:oslo/incidents", ENVELOPE["id"])
    assert event.get_extension("agency") == "demo" and event.get_data()["title"] == "Tapt minnepinne på Grünerløkka"


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_consumers_read_structured_and_legacy_json(content_type):
    serializer = SERIALIZER if content_type == STRUCTURED_CONTENT_TYPE else "json"
    _type, encoding, body = dumps(ENVELOPE, serializer=serializer)
    assert loads(body, content_type, encoding, accept=CONTENT_TYPES) == ENVELOPE


def test_no_other_content_type_is_decoded():
    _type, encoding, body = dumps(ENVELOPE, serializer="pickle")
    with pytest.raises(ContentDisallowed):
        loads(body, "application/x-python-serialize", encoding, accept=CONTENT_TYPES)
    assert LEGACY_CONTENT_TYPE in CONTENT_TYPES
