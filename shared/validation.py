"""Validate outside input with marshmallow; failures become `BadInput` naming each field."""
import numbers
import re
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.clock import OSLO
from shared.errors import BadInput


def load(schema: Schema, data, **kwargs):
    if data is None:
        raise BadInput("Missing input / Mangler data", {"_schema": ["No data provided."]})
    unstorable = _unstorable_text(data)
    if unstorable:  # refused here, naming the field, not with a 500 in the database or an encoder
        raise BadInput("Invalid input / Ugyldige data", unstorable)
    try:
        return schema.load(data, **kwargs)
    except ValidationError as error:
        raise BadInput("Invalid input / Ugyldige data", error.normalized_messages()) from None


# Characters no text column can hold: PostgreSQL refuses NUL in text, and a lone UTF-16 surrogate
# (JSON "\ud800", which json.loads accepts) is not Unicode text at all, so neither UTF-8 nor a
# database can encode it.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
NUL_MESSAGE = "Must not contain NUL characters / Kan ikke inneholde NUL-tegn."
SURROGATE_MESSAGE = ("Must not contain a lone UTF-16 surrogate (\\ud800-\\udfff) / "
                     "Kan ikke inneholde et enslig UTF-16-surrogat (\\ud800-\\udfff).")


def _unstorable_text(data) -> dict:
    """{field: [messages]} for each top-level field whose text (its keys included, at any depth)
    holds a character no text column can store."""
    found: dict[str, set[str]] = {}
    for field, text in _texts(data):
        for character in _UNSTORABLE.findall(text):
            found.setdefault(field, set()).add(NUL_MESSAGE if character == "\x00" else SURROGATE_MESSAGE)
    return {field: sorted(messages) for field, messages in sorted(found.items())}


def _texts(data, field: str = "_schema"):
    """(top-level field, text) of every string in the data, keys included."""
    if isinstance(data, str):
        yield field, data
    elif isinstance(data, dict):
        for key, value in data.items():
            name = key if field == "_schema" and isinstance(key, str) and not _UNSTORABLE.search(key) else field
            if isinstance(key, str):
                yield name, key
            yield from _texts(value, name)
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _texts(value, field)


class WholeNumber(fields.Integer):
    """A whole number from outside. marshmallow's Integer cuts 1.5 to 1 (and a number too large for a
    float to int raises); here a JSON number with a fraction or an exponent is refused, while a query
    string's "2" is still read as 2 (a query has only strings)."""

    default_error_messages = {"invalid": "Not a whole number / Ikke et heltall."}

    def _validated(self, value):
        if isinstance(value, numbers.Number) and not isinstance(value, numbers.Integral):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class Instant(fields.AwareDateTime):
    """A point in time from outside: without an offset it is Norwegian local time; kept in UTC."""

    def __init__(self, **kwargs):
        super().__init__(default_timezone=OSLO, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).astimezone(timezone.utc)


# PostgreSQL's `integer`, the type of every id and count column: a larger number from outside is
# refused with a 400 here, not left to overflow in the database (a 500).
STORED_INT_MAX = 2**31 - 1


def stored_int(min_value: int = 0) -> validate.Range:
    return validate.Range(min=min_value, max=STORED_INT_MAX)


def reference_ids(**kwargs) -> fields.List:
    """Ids of records in other services, kept as references (never copies)."""
    return fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                       validate=validate.Length(max=100), **kwargs)


class ChangeSchema(Schema):
    """Base of a partial update: at least one field must be given (`not_changes` names fields that,
    alone, change nothing, such as a note)."""
    not_changes: tuple = ()

    @validates_schema
    def something_changes(self, data, **kwargs):
        if not set(data) - set(self.not_changes):
            raise ValidationError("Give at least one field to change / Oppgi minst ett felt.", "_schema")
