from datetime import datetime, timezone

import pytest

from shared.contracts import CATALOGUE
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.events import InvalidEvent, build_envelope, parse_envelope

T = datetime(2026, 11, 22, 10, 15, tzinfo=timezone.utc)
DATA = {"incident_id": "i-1", "title": "t", "kind": "personal_data_breach", "category": "phishing",
        "severity": "high", "personal_data_involved": True, "reason": "severity",
        "occurred_at": T, "aware_at": T, "escalated_at": T}


def test_envelope_is_cloudevents_and_round_trips():
    envelope = build_envelope(INCIDENT_ESCALATED, "i-1", "demo", DATA, correlation_id="c-1")
    assert envelope["specversion"] == "1.0"
    assert envelope["type"] == "no.vern.incidents.incident_escalated.v1"
    assert envelope["source"] == "vern/incidents" and envelope["subject"] == "i-1"
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
