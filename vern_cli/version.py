"""Vern's version: pyproject.toml's `version` is the only place it is written; an installed
Vern (wheel, image or editable checkout) reads it back from the package metadata."""
from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "vern"


def installed_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a bare checkout run without installing: say so rather than guess
        return "unknown (not installed)"
