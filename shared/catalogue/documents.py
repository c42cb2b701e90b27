"""The two generated files and where they live."""
from pathlib import Path

from shared.catalogue import asyncapi, markdown
from shared.catalogue.entries import entries

DOCS = Path(__file__).resolve().parents[2] / "docs"
EVENTS_MD = DOCS / "events.md"
ASYNCAPI_YAML = DOCS / "asyncapi.yaml"


def generated() -> dict[Path, str]:
    catalogue = entries()
    return {EVENTS_MD: markdown.render(catalogue), ASYNCAPI_YAML: asyncapi.render(catalogue)}


def write() -> list[Path]:
    written = []
    for path, text in generated().items():
        path.write_text(text)
        written.append(path)
    return written


def stale() -> list[Path]:
    return [path for path, text in generated().items() if not path.exists() or path.read_text() != text]
