"""Validate outside input with marshmallow; failures become `BadInput` naming each field."""
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.clock import OSLO
from shared.errors import BadInput


def load(schema: Schema, data, **kwargs):
    if data is None:
        raise BadInput("Missing input / Mangler data", {"_schema": ["No data provided."]})
    with_nul = sorted(_fields_with_nul(data))
    if with_nul:  # PostgreSQL cannot store a NUL character in text: refuse it here, not with a 500 there
        raise BadInput("Invalid input / Ugyldige data",
                       {field: ["Must not contain NUL characters / Kan ikke inneholde NUL-tegn."]
                        for field in with_nul})
    try:
        return schema.load(data, **kwargs)
    except ValidationError as error:
        raise BadInput("Invalid input / Ugyldige data", error.normalized_messages()) from None


def _fields_with_nul(data, field: str = "_schema"):
    if isinstance(data, str):
        if "\x00" in data:
            yield field
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _fields_with_nul(value, key if field == "_schema" else field)
            if isinstance(key, str) and "\x00" in key:
                yield field
    elif isinstance(data, (list, tuple)):
        for value in data:
            yield from _fields_with_nul(value, field)


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
