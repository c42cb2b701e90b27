"""The event catalogue: an example for every event type that its schema and the published JSON Schema
both accept, docs/events.md and docs/asyncapi.yaml current, and the AsyncAPI document valid."""
import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from shared.catalogue import documents
from shared.catalogue.entries import entries
from shared.contracts import CATALOGUE, EXAMPLES, MODULES
from shared.events import EnvelopeSchema, parse_envelope

OFFICIAL_SCHEMA = Path(__file__).with_name("asyncapi_spec") / "3.0.0.json"
ENTRIES = entries()
IDS = [entry.event.key for entry in ENTRIES]


@pytest.fixture(scope="module")
def asyncapi() -> dict:
    return yaml.safe_load(documents.ASYNCAPI_YAML.read_text())


def payload_validator(asyncapi: dict, message_id: str) -> jsonschema.Draft7Validator:
    """The message's payload schema, with the document's components for its references."""
    schema = {"$ref": f"#/components/messages/{message_id}/payload", "components": asyncapi["components"]}
    return jsonschema.Draft7Validator(schema)


def test_every_event_type_has_an_example_and_every_example_names_an_event_type():
    assert [key for key, example in EXAMPLES.items() if example is None] == []
    for module in MODULES:
        assert set(module.EXAMPLES) <= {event.name for event in module.EVENTS}, module.__name__


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_example_is_valid_for_its_marshmallow_schema(key):
    CATALOGUE[key].schema().load(EXAMPLES[key])


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_each_example_envelope_is_what_a_vern_consumer_accepts(entry):
    envelope = entry.envelope()
    assert EnvelopeSchema().validate(envelope) == {}
    event = parse_envelope(json.loads(json.dumps(envelope)), entry.event)
    assert event.subject == str(entry.example[entry.subject_field])


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_each_example_envelope_is_valid_for_the_json_schema_in_asyncapi_yaml(entry, asyncapi):
    message_id = f"{entry.event.key}.v{entry.event.version}"
    validator = payload_validator(asyncapi, message_id)
    validator.validate(entry.envelope())
    # and the documented example in the file is that envelope
    assert asyncapi["components"]["messages"][message_id]["examples"][0]["payload"] == entry.envelope()


def test_the_json_schema_rejects_what_the_contract_rejects(asyncapi):
    validator = payload_validator(asyncapi, "incidents.incident_escalated.v1")
    envelope = next(entry for entry in ENTRIES if entry.event.key == "incidents.incident_escalated").envelope()
    for breaking in (lambda e: e["data"].pop("severity"), lambda e: e["data"].update(kind="rumour"),
                     lambda e: e["data"].update(approx_records="many"), lambda e: e.pop("id"),
                     lambda e: e.update(type="no.vern.incidents.incident_reported.v1"),
                     lambda e: e["data"]["measures"][0].pop("title")):
        broken = copy.deepcopy(envelope)
        breaking(broken)
        assert list(validator.iter_errors(broken)), broken
    # readers ignore fields added later: an unknown field is not an error
    added = copy.deepcopy(envelope)
    added["data"]["added_later"] = 1
    validator.validate(added)


def test_the_checked_in_documents_are_generated_from_the_contracts():
    assert documents.stale() == [], "docs/events.md or docs/asyncapi.yaml is stale: run make catalogue"


def test_consumers_are_derived_from_the_services_event_handlers():
    by_key = {entry.event.key: entry for entry in ENTRIES}
    assert "notifications.on_incident_escalated" in by_key["incidents.incident_escalated"].consumers
    assert {"risk.on_incident_closed", "training.on_incident_closed"} <= set(
        by_key["incidents.incident_closed"].consumers)


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _resolve(document: dict, ref: str):
    assert ref.startswith("#/"), f"only local references: {ref}"
    node = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"{ref} does not resolve"
        node = node[part]
    return node


def test_asyncapi_is_3_0_0_and_every_reference_resolves(asyncapi):
    assert asyncapi["asyncapi"] == "3.0.0"
    for ref in _refs(asyncapi):
        _resolve(asyncapi, ref)
    assert len(asyncapi["channels"]) == len(asyncapi["operations"]) == len(CATALOGUE)
    for name, operation in asyncapi["operations"].items():
        assert operation["action"] == "send"
        channel = _resolve(asyncapi, operation["channel"]["$ref"])
        assert channel["bindings"]["amqp"]["exchange"]["type"] == "topic"
        assert channel["bindings"]["amqp"]["exchange"]["durable"] is True
        # an operation's messages must be ones of its channel (AsyncAPI 3.0, Operation Object)
        for message in operation["messages"]:
            assert message["$ref"].startswith(operation["channel"]["$ref"] + "/messages/"), name


def test_asyncapi_is_valid_against_the_official_asyncapi_3_0_0_json_schema(asyncapi):
    official = json.loads(OFFICIAL_SCHEMA.read_text())
    errors = sorted(jsonschema.Draft7Validator(official).iter_errors(asyncapi), key=lambda error: error.path)
    assert [f"{list(error.path)}: {error.message[:200]}" for error in errors] == []
