from datetime import datetime, timezone

import pytest

from shared.contracts import CATALOGUE
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.event_wire import undecodable
from shared.events import (DEFAULT_MAX_DATA_BYTES, MAX_DATA_BYTES, EventType, InvalidEvent, build_envelope,
                           data_size, letter_body, parse_envelope)

T = datetime(2026, 11, 22, 10, 15, tzinfo=timezone.utc)
DATA = {"incident_id": "i-1", "title": "t", "kind": "personal_data_breach", "category": "phishing",
        "severity": "high", "personal_data_involved": True, "reason": "severity",
        "occurred_at": T, "aware_at": T, "escalated_at": T}


def test_envelope_is_cloudevents_and_round_trips():
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA, correlation_id="c-1",
                              installation="https://vern.oslo.kommune.no/")
    assert envelope["specversion"] == "1.0"
    assert envelope["type"] == "no.vern.incidents.incident_escalated.v1"
    assert envelope["source"] == "https://vern.oslo.kommune.no/incidents" and envelope["subject"] == "i-1"
    assert envelope["datacontenttype"] == "application/json" and envelope["correlationid"] == "c-1"
    event = parse_envelope(envelope, INCIDENT_ESCALATED)
    assert event.agency == "demo" and event.data["aware_at"] == T


def test_a_producer_cannot_publish_what_breaks_the_contract():
    with pytest.raises(ValueError):
        build_envelope(INCIDENT_ESCALATED, "i-1", "demo", {**DATA, "severity": "enormous"})


def test_invalid_payload_names_the_field():
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA)
    envelope["data"]["severity"] = "enormous"
    with pytest.raises(InvalidEvent) as raised:
        parse_envelope(envelope, INCIDENT_ESCALATED)
    assert "severity" in raised.value.errors["data"]


def test_a_field_added_by_a_later_producer_is_ignored_by_readers():
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA)
    envelope["data"]["new_field"] = 1
    envelope["traceparent"] = "00-abc"  # a CloudEvents extension
    assert "new_field" not in parse_envelope(envelope, INCIDENT_ESCALATED).data


def test_wrong_type_or_not_an_envelope_is_invalid():
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA)
    with pytest.raises(InvalidEvent):
        parse_envelope({**envelope, "type": "no.vern.incidents.incident_reported.v1"}, INCIDENT_ESCALATED)
    with pytest.raises(InvalidEvent):
        parse_envelope("garbage", INCIDENT_ESCALATED)


def test_catalogue_types_are_unique_and_versioned():
    types = [event.type for event in CATALOGUE.values()]
    assert len(types) == len(set(types))
    assert all(t.startswith("no.vern.") and t.rsplit(".", 1)[1].startswith("v") for t in types)


def test_the_source_names_the_installation_and_the_service_and_old_sources_are_still_read():
    for installation in ("urn:vern:oslo", "https://vern.example.kommune.no"):
        envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA, installation=installation)
        assert envelope["source"] == f"{installation}/incidents"
        assert parse_envelope(envelope, INCIDENT_ESCALATED).source == envelope["source"]
    queued_before_upgrade = {**envelope, "source": "vern/incidents"}
    assert parse_envelope(queued_before_upgrade, INCIDENT_ESCALATED).source == "vern/incidents"
    for not_a_source in ("incidents", "https://vern.example.kommune.no", "vern/Incidents"):
        with pytest.raises(InvalidEvent) as raised:
            parse_envelope({**envelope, "source": not_a_source}, INCIDENT_ESCALATED)
        assert "source" in raised.value.errors


def test_every_contract_has_a_size_limit_within_the_ceiling():
    assert all(0 < event.max_bytes <= MAX_DATA_BYTES for event in CATALOGUE.values())
    with pytest.raises(ValueError):
        EventType("incidents", "huge", 1, INCIDENT_ESCALATED.schema, "too big", max_bytes=MAX_DATA_BYTES + 1)


def test_a_payload_over_its_contracts_limit_is_refused_by_the_producer_and_parked_by_a_consumer():
    small = EventType("incidents", "incident_escalated", 1, INCIDENT_ESCALATED.schema, "limited", max_bytes=400)
    assert data_size(INCIDENT_ESCALATED.schema().dump(DATA)) < 400 <= DEFAULT_MAX_DATA_BYTES
    build_envelope(small, "i-1", "demo", DATA)
    with pytest.raises(ValueError, match="too large"):
        build_envelope(small, "i-1", "demo", {**DATA, "title": "å" * 200})  # 400 bytes: UTF-8 counts
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", {**DATA, "title": "å" * 200})
    with pytest.raises(InvalidEvent) as raised:
        parse_envelope(envelope, small)
    assert "more than the contract's limit of 400" in raised.value.errors["data"][0]
    # a consumer of every type (webhooks) holds every event to the ceiling
    envelope["data"]["title"] = "x" * MAX_DATA_BYTES
    with pytest.raises(InvalidEvent) as raised:
        parse_envelope(envelope, None)
    assert f"limit of {MAX_DATA_BYTES}" in raised.value.errors["data"][0]
    # and its dead letter keeps the envelope, not the megabyte
    letter = letter_body(envelope)
    assert letter["id"] == envelope["id"] and letter["data"] == {"omitted": f"{data_size(envelope['data'])} bytes"}


@pytest.mark.parametrize("body, content_type, reason", [
    (b'{"specversion": "1.0",', "application/cloudevents+json", "body is not JSON"),
    (b'{"title": "\xff\xfe"}', "application/json", "body is not UTF-8 text"),
    (b'{"specversion": "1.0"}', "text/plain", "content type text/plain is not application/cloudevents+json"),
    (b'{"specversion": "1.0"}', None, "content type (none) is not"),
])
def test_an_undecodable_message_is_invalid_with_its_reason_and_its_letter_keeps_a_preview(body, content_type, reason):
    message = undecodable(body, content_type)
    with pytest.raises(InvalidEvent) as raised:
        parse_envelope(message, INCIDENT_ESCALATED)
    assert raised.value.errors["body"][0].startswith(reason)
    letter = letter_body(message)
    assert letter["undecodable"] is True and letter["content_type"] == content_type and letter["bytes"] == len(body)
    assert letter["preview"].startswith('{"')


def test_the_preview_of_a_large_undecodable_body_is_bounded():
    letter = letter_body(undecodable(b"\xff" * 100_000, "application/json"))
    assert letter["bytes"] == 100_000 and len(letter["preview"]) == 2_000
