"""Validate outside input with marshmallow; failures become `BadInput` naming each field."""
import numbers
import re
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from marshmallow.decorators import VALIDATES_SCHEMA

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
        messages = error.normalized_messages()
        if isinstance(messages, dict) and isinstance(error.valid_data, dict):
            messages = _with_schema_checks(schema, error.valid_data, messages)
        raise BadInput("Invalid input / Ugyldige data", messages) from None


def _with_schema_checks(schema: Schema, valid_data: dict, messages: dict) -> dict:
    """marshmallow skips a schema's cross-field checks (`@validates_schema`) once a field failed, so a user
    would fix one mistake only to be told of the next. Run them on the fields that were valid and add what
    they find about fields; a check that needs a field which failed has nothing to say (its field's error
    is there), nor has one about the whole input ("give at least one field"), which is incomplete here."""
    combined = {key: list(value) if isinstance(value, list) else value for key, value in messages.items()}
    for attr_name, pass_collection, options in schema._hooks[VALIDATES_SCHEMA]:  # marshmallow is pinned
        if pass_collection or options.get("pass_original") or not options["skip_on_field_errors"]:
            continue  # not a plain per-record check, or marshmallow ran it already
        try:
            getattr(schema, attr_name)(dict(valid_data), partial=None, many=False, unknown=None)
        except ValidationError as found:
            for field, field_messages in _by_field(found).items():
                if field == "_schema":  # about the whole input, of which a part is missing here
                    continue
                known = combined.setdefault(field, [])
                if isinstance(known, list):
                    known.extend(message for message in field_messages if message not in known)
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
    return combined


def _by_field(error: ValidationError) -> dict:
    messages = error.normalized_messages()
    return {field: value if isinstance(value, list) else [value] for field, value in messages.items()}


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
