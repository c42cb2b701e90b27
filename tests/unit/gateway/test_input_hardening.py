"""Issue 23, items 5 and 7 at the unit level: sign-in's `next`, a JSON body's depth, whole numbers in
every schema a route validates with, and numbers typed into the web forms."""
import json

import pytest
from marshmallow import Schema, fields

from services.gateway.json_body import MAX_DEPTH, parse_object, too_deep
from services.gateway.openapi import routes
from services.gateway.service import GatewayService
from services.gateway.web import forms, risk_forms
from services.gateway.web.page_tools import safe_next
from shared.errors import BadInput
from shared.validation import WholeNumber


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/x", "/\r\n/evil.example", "/ \t/evil.example",
                                    "//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)",
                                    "/\x00/x", "/\x7f/x", "/\x85/x", "evil.example", "", None])
def test_next_is_refused_unless_it_is_a_path_of_this_site(target):
    # issue 23: a browser drops the tab, so "/\t/evil.example" went to //evil.example; "?next=/%0A/x"
    # reaches the page as "/\n/x", which no Location header can carry (a 500)
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/dashboard", "/risks?status=open&page=2", "/incidents/12#notes",
                                    "/processing-activities/3?version=2", "/søk?q=lønn og personal"])
def test_next_keeps_a_path_of_this_site(target):
    assert safe_next(target) == target


def test_a_body_nested_thousands_deep_is_a_400_not_a_recursion_error():
    for raw in ("[" * 5000 + "]" * 5000, '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}",
                '{"a": ' * 3000 + "1" + "}" * 3000, "[" * 100_000):
        with pytest.raises(BadInput) as error:
            parse_object(raw)
        assert set(error.value.details) == {"_body"} and "Nested deeper" in error.value.details["_body"][0]


def test_the_depth_is_counted_outside_strings_only():
    at_limit = {"a": [[[["x"]]]]}
    for _ in range(MAX_DEPTH - 5):
        at_limit = {"a": at_limit}
    raw = json.dumps(at_limit)
    assert raw.count("{") + raw.count("[") == MAX_DEPTH and parse_object(raw) == at_limit
    assert too_deep(json.dumps([at_limit]))
    brackets_in_text = {"title": "[[[[" * 1000 + '\\"{{{{' * 1000, "tags": ["]]]]" * 50]}
    assert parse_object(json.dumps(brackets_in_text)) == brackets_in_text


@pytest.mark.parametrize("raw, problem", [("{not json", "Malformed JSON"), ("[1, 2]", "Must be a JSON object."),
                                          ('"\\ud800"', "Must be a JSON object.")])
def test_other_bodies_are_refused_as_before(raw, problem):
    with pytest.raises(BadInput) as error:
        parse_object(raw)
    assert problem in error.value.details["_body"][0]


def test_a_large_flat_body_is_read_in_good_time():
    import time

    raw = json.dumps({"items": [[i] for i in range(100_000)]})
    started = time.perf_counter()
    assert parse_object(raw)["items"][-1] == [99_999]
    assert time.perf_counter() - started < 2


def _integer_fields(schema, path=()):
    for name, field in schema.fields.items():
        yield from _integers_in(field, (*path, name))


def _integers_in(field, path):
    if isinstance(field, fields.Integer):
        yield path, field
    elif isinstance(field, fields.Nested) and isinstance(field.schema, Schema):
        yield from _integer_fields(field.schema, path)
    elif isinstance(field, fields.List):
        yield from _integers_in(field.inner, path)
    elif isinstance(field, fields.Dict) and field.value_field is not None:
        yield from _integers_in(field.value_field, path)


def test_every_whole_number_a_route_reads_refuses_a_fraction():
    # issue 23: marshmallow's Integer read 1.5 as 1; the gateway and the services validate with these
    plain = [f"{name}: {'.'.join(path)}" for name, route in routes(GatewayService)
             for schema in (route.body_schema, route.query_schema) if schema is not None
             for path, field in _integer_fields(schema()) if not isinstance(field, WholeNumber)]
    assert not plain, "use shared.validation.WholeNumber, not fields.Integer:\n" + "\n".join(plain)


class Counted(Schema):
    subjects = WholeNumber()


@pytest.mark.parametrize("value", [1.5, 2.0, 1e3, float("inf"), float("nan"), True, "1.5", "²", "9" * 5000])
def test_a_whole_number_field_refuses_what_is_not_one(value):
    assert Counted().validate({"subjects": value}) == {"subjects": ["Not a whole number / Ikke et heltall."]}


@pytest.mark.parametrize("value, number", [(3, 3), ("3", 3), (0, 0), (2**40, 2**40)])
def test_a_whole_number_field_reads_a_number_and_a_query_string(value, number):
    assert Counted().load({"subjects": value}) == {"subjects": number}


@pytest.mark.parametrize("typed", ["1.5", "²", "١", "9" * 5000, "12345678901", "-1", "1e3"])
def test_a_number_typed_into_a_form_is_an_error_not_a_500(typed):
    errors: dict = {}
    assert forms.whole_number({"count": typed}, "count", errors) is None
    assert errors == {"count": ["err.number_invalid"]}
    treatment = {"treatment-treatment": "reduce", "treatment-residual_likelihood": typed}
    assert risk_forms.treatment_payload(treatment)[0]["residual_likelihood"] == typed  # the service names it
    assert forms.digits(typed) is None


def test_a_number_typed_into_a_form_is_read():
    errors: dict = {}
    assert forms.whole_number({"count": "1 200"}, "count", errors) == 1200 and errors == {}
    assert forms.digits("0042") == 42
