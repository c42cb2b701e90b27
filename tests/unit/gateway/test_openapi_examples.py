"""The OpenAPI document's examples are true: each request example loads with its own marshmallow
schema, and every example validates against its component in the published document."""
import json

import pytest
from openapi_schema_validator import OAS30Validator

from services.gateway.openapi import openapi_document, routes
from services.gateway.service import GatewayService
from shared.validation import load

DOCUMENT = openapi_document(GatewayService)
BODY_SCHEMAS = sorted({entrypoint.body_schema for _, entrypoint in routes(GatewayService)
                       if entrypoint.body_schema is not None}, key=lambda cls: cls.__name__)
# The main resources' answers carry an example too.
RESPONSE_EXAMPLES = ("Error", "Health", "NotificationTask")


@pytest.mark.parametrize("schema_cls", BODY_SCHEMAS, ids=lambda cls: cls.__name__)
def test_every_request_body_has_an_example_its_schema_loads(schema_cls):
    example = vars(schema_cls).get("example")
    assert example is not None, f"{schema_cls.__name__} has no example"
    load(schema_cls(), json.loads(json.dumps(example)))  # as it arrives over HTTP; raises BadInput naming fields


def _resolved(schema):
    """The component with its $refs inlined, so that the validator needs no registry."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _resolved(DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
        return {key: _resolved(value) for key, value in schema.items() if key != "example"}
    if isinstance(schema, list):
        return [_resolved(item) for item in schema]
    return schema


@pytest.mark.parametrize("name", sorted(name for name, component in DOCUMENT["components"]["schemas"].items()
                                        if "example" in component))
def test_every_example_fits_its_component_in_the_document(name):
    component = DOCUMENT["components"]["schemas"][name]
    errors = [error.message for error in OAS30Validator(_resolved(component)).iter_errors(component["example"])]
    assert errors == []


def test_the_main_answers_have_examples():
    components = DOCUMENT["components"]["schemas"]
    assert [name for name in RESPONSE_EXAMPLES if "example" not in components[name]] == []
