import pytest
from marshmallow import Schema, fields

from shared.errors import BadInput
from shared.pagination import MAX_PAGE, PageQuerySchema
from shared.validation import STORED_INT_MAX, load, stored_int


class Counted(Schema):
    subjects = fields.Integer(validate=stored_int())


def test_a_number_beyond_a_database_integer_is_bad_input():
    assert load(Counted(), {"subjects": STORED_INT_MAX}) == {"subjects": STORED_INT_MAX}
    with pytest.raises(BadInput) as error:
        load(Counted(), {"subjects": STORED_INT_MAX + 1})
    assert set(error.value.details) == {"subjects"}


def test_a_page_beyond_any_register_is_bad_input():
    assert load(PageQuerySchema(), {"page": MAX_PAGE})["page"] == MAX_PAGE
    with pytest.raises(BadInput):
        load(PageQuerySchema(), {"page": 2**64 - 1})


class Titled(Schema):
    title = fields.String()
    tags = fields.List(fields.String())


def test_a_nul_character_anywhere_is_bad_input_naming_the_top_level_field():
    # PostgreSQL refuses NUL in text (a 500 on a stored title before this check)
    with pytest.raises(BadInput) as error:
        load(Titled(), {"title": "Mistet\x00PC", "tags": ["a", "b\x00"]})
    assert set(error.value.details) == {"title", "tags"}
    assert load(Titled(), {"title": "Mistet PC"}) == {"title": "Mistet PC"}
