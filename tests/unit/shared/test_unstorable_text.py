"""Text no column can store is refused naming its field: NUL, and a lone UTF-16 surrogate (issue 23)."""
import json

import pytest
from marshmallow import Schema, fields

from shared.errors import BadInput
from shared.validation import NUL_MESSAGE, SURROGATE_MESSAGE, load


class Titled(Schema):
    title = fields.String()
    tags = fields.List(fields.String())
    aspects = fields.Dict(keys=fields.String(), values=fields.Dict())


def refused(data) -> dict:
    with pytest.raises(BadInput) as error:
        load(Titled(), data)
    return error.value.details


def test_a_lone_surrogate_as_json_sends_it_is_refused_naming_the_field():
    body = json.loads('{"title": "\\ud800", "tags": ["ok"]}')  # json.loads accepts it; UTF-8 cannot encode it
    assert refused(body) == {"title": [SURROGATE_MESSAGE]}


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc00", "a\udbffb"])
def test_a_surrogate_anywhere_names_the_top_level_field(surrogate):
    assert refused({"tags": ["a", surrogate]}) == {"tags": [SURROGATE_MESSAGE]}
    assert refused({"aspects": {"lawfulness": {"note": surrogate}}}) == {"aspects": [SURROGATE_MESSAGE]}
    assert refused({"aspects": {surrogate: {}}}) == {"aspects": [SURROGATE_MESSAGE]}


def test_a_surrogate_in_a_field_name_is_named_as_the_body_and_never_echoed():
    details = refused({"ti\ud800tle": "x"})
    assert details == {"_schema": [SURROGATE_MESSAGE]}
    json.dumps(details, ensure_ascii=False).encode("utf-8")  # the answer itself can be sent


def test_nul_and_surrogate_in_one_field_are_both_said():
    assert refused({"title": "a\x00b\ud800"}) == {"title": sorted([NUL_MESSAGE, SURROGATE_MESSAGE])}


def test_a_proper_pair_and_other_text_pass():
    assert load(Titled(), {"title": "Lønn 😀 \U0001f600 ✓"}) == {"title": "Lønn 😀 😀 ✓"}
