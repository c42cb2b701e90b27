"""A setting is declared once, as a marshmallow field of the configuration schema: its validation,
its default (`load_default`), its environment variable and the attribute it fills (the field's
metadata, made by `declare`). The typed settings classes, deploy/config.yaml's `${VAR:default}`
mapping (checked by a unit test) and docs/configuration.md are derived from those fields.
"""
from dataclasses import make_dataclass

from marshmallow import Schema, fields
from marshmallow.utils import missing

_PYTHON_TYPES = ((fields.Boolean, bool), (fields.Integer, int), (fields.Float, float), (fields.Dict, dict),
                 (fields.List, tuple), (fields.String, str))


def declare(env: str | tuple[str, ...] | None, description: str = "", *, attr: str | None = None,
            deployed_default: str | None = None) -> dict:
    """A field's metadata. `env`: the variable deploy/config.yaml reads the key from (a tuple: the
    variables a composed value or a map is made of; None: the YAML alone). `attr`: the settings
    attribute, `group.name` for a grouped one (default: the key, lower-cased). `deployed_default`:
    what deploy/config.yaml gives when the variable is unset, where that differs from the schema's
    default for a configuration without the key."""
    return {"env": env, "description": description, "attr": attr, "deployed_default": deployed_default}


def members(schema: type[Schema], group: str | None = None) -> list[tuple[str, fields.Field, str]]:
    """(key, field, attribute name within its group) of the schema's settings in `group` (None: ungrouped)."""
    found = []
    for key, field in schema._declared_fields.items():
        in_group, _, name = (field.metadata.get("attr") or key.lower()).rpartition(".")
        if (in_group or None) == group:
            found.append((key, field, name))
    return found


def settings_class(name: str, schema: type[Schema], group: str | None = None):
    """A frozen dataclass with one keyword field per setting of the group, for a class to extend."""
    return make_dataclass(name, [(attr, _python_type(field)) for _, field, attr in members(schema, group)],
                          frozen=True, kw_only=True)


def values(schema: type[Schema], loaded: dict, group: str | None = None) -> dict:
    """The loaded configuration's values of the group, by attribute name."""
    return {attr: loaded[key] for key, _, attr in members(schema, group)}


def default(field: fields.Field):
    """The value a configuration without the key gets."""
    value = field.load_default
    return None if value is missing else value() if callable(value) else value


def deployed_default_text(field: fields.Field) -> str:
    """The default as deploy/config.yaml writes it after the variable: `${VAR:<this>}`."""
    if field.metadata.get("deployed_default") is not None:
        return field.metadata["deployed_default"]
    value = default(field)
    if value is None or value == {} or value == []:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value)


def _python_type(field: fields.Field):
    python_type = next((python for kind, python in _PYTHON_TYPES if isinstance(field, kind)), object)
    return python_type | None if default(field) is None or field.allow_none else python_type
