"""What the gateway commands print: aligned tables and label/value lists for people, raw JSON for scripts,
and files for documents. Errors go to stderr (vern_cli.gateway_commands)."""
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")  # the API answers in UTC; people read Norwegian time
CELL_WIDTH = 48


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def when(value) -> str:
    """An ISO instant from the API as Oslo time to the minute; dates and anything else as given."""
    if not isinstance(value, str) or "T" not in value:
        return text(value)
    try:
        instant = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if instant.tzinfo is None:
        return value
    return instant.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")


def text(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes / ja" if value else "no / nei"
    if isinstance(value, (list, tuple)):
        return ", ".join(text(item) for item in value) or "-"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _cell(value, width: int = CELL_WIDTH) -> str:
    value = " ".join(value.split())  # a title with a newline would break the row
    return value if len(value) <= width else value[:width - 1] + "…"


def table(rows: list[dict], columns: list[tuple[str, str, callable]]) -> str:
    """`columns`: (label, key, format); each column as wide as its widest cell."""
    cells = [[_cell(fmt(row.get(key))) for _, key, fmt in columns] for row in rows]
    labels = [label for label, _, _ in columns]
    widths = [max([len(label)] + [len(line[i]) for line in cells]) for i, label in enumerate(labels)]
    lines = ["  ".join(label.ljust(width) for label, width in zip(labels, widths)).rstrip()]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def fields(record: dict, labels: list[tuple[str, str, callable]]) -> str:
    """One 'Label: value' line per field, labels aligned."""
    width = max(len(label) for label, _, _ in labels) + 1
    return "\n".join(f"{(label + ':').ljust(width)} {fmt(record.get(key))}" for label, key, fmt in labels)


def given(body: dict) -> dict:
    """What the user gave: an option left out is left to the API's default or to its 'required' error."""
    return {key: value for key, value in body.items() if value is not None}


def print_record(args, record: dict, labels) -> None:
    """One record the gateway answered: its JSON (--json), or the labelled fields people read."""
    if args.json:
        print_json(record)
    else:
        print(fields(record, labels))


def print_page(page: dict, columns, noun: str, as_json: bool) -> None:
    """A listing as the API answered it (--json), or as a table with where the page stands."""
    if as_json:
        print_json(page)
    else:
        print(table(page["items"], columns))
        print(page_footer(page, noun))


def page_footer(page: dict, noun: str) -> str:
    total, number, size = page.get("total", 0), page.get("page", 1), page.get("page_size", 25) or 25
    pages = max(1, -(-total // size))
    footer = f"{total} {noun}, page {number} of {pages} / side {number} av {pages}"
    if number < pages:
        footer += f" (next: --page {number + 1})"
    return footer


def write_file(content: bytes, target: str) -> str:
    """Write a downloaded document; '-' is stdout. Replaced whole, so a reader never sees half a file."""
    if target == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return "-"
    path = Path(target)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return str(path)


def save_document(download, target: str | None, fallback_name: str, as_json: bool, **about) -> None:
    """A downloaded file to `target`, or to the name the gateway gave it, else `fallback_name`;
    then say where (as JSON for scripts)."""
    written = write_file(download.content, target or download.filename or fallback_name)
    if written == "-":
        return  # stdout carries the file itself
    if as_json:
        print_json({"file": written, "bytes": len(download.content), "content_type": download.content_type,
                    **about})
    else:
        print(f"Wrote / Skrev {written} ({len(download.content)} bytes)")
