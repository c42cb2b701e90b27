"""The report's forms on the web: the coordinators' text parts and the agency head's read step.

The text parts are the report kind's inputs (report_content.INPUT_KEYS), labelled from what the
report itself calls them (a section's title, a statement's text), so a new part needs no page change.
The content is shown as the PDF lays it out (report_layout), in the page's language.
"""
from services.gateway.web.i18n import N_
from services.reporting import report_content, report_layout

TEXT_MAX = 20_000  # as the reporting service's schema
READ_FIELD = "read_confirmed"


def text_parts(report: dict, lang: str) -> list[dict]:
    """Each text part of the report's kind: {key, label, value, comment_on}, in the kind's order."""
    content = report.get("content") or {}
    titles = {section.get("key"): _pick(section, "title", lang) for section in content.get("sections") or []}
    statements = {f"comment_{s.get('key')}": _pick(s, "statement", lang) for s in content.get("statements") or []}
    inputs = report.get("inputs") or {}
    parts = []
    for key in report_content.INPUT_KEYS.get(report.get("kind"), ()):
        if key in statements:
            label, kind = statements[key], "comment"
        elif titles.get(key):
            label, kind = titles[key], "section"
        else:
            label, kind = None, "named"  # i18n report.input.<key>, or the key humanised
        parts.append({"key": key, "label": label, "kind": kind, "value": inputs.get(key) or ""})
    return parts


def input_payload(form: dict, kind: str) -> tuple[dict, dict]:
    """(PATCH /reports/{id} payload, errors by the form's field `text-<key>`): one part at a time; an
    emptied part is stored as empty (null), so the report says it is not written."""
    key = form.get("key", "")
    if key not in report_content.INPUT_KEYS.get(kind, ()):
        return {}, {"_form": [N_("err.report_part_unknown")]}
    text = form.get("text", "").replace("\r\n", "\n").strip()
    if len(text) > TEXT_MAX:
        return {}, {f"text-{key}": [N_("err.text_too_long")]}
    return {"inputs": {key: text or None}}, {}


def approval_payload(form: dict, report_id: str) -> tuple[dict, dict]:
    """(POST /reports/{id}/approval payload, errors): the box "I have read the report" must be ticked."""
    if form.get(READ_FIELD) != "yes":
        return {READ_FIELD: False}, {f"{READ_FIELD}-{report_id}": [N_("err.read_confirmation_required")]}
    return {READ_FIELD: True}, {}


def blocks(report: dict, lang: str) -> list[dict]:
    """The report as the PDF shows it, as plain dicts for the templates: {type, text/rows/header/level}."""
    out = []
    for block in report_layout.layout(report, lang):
        kind = type(block).__name__.lower()
        if kind == "table":
            out.append({"type": "table", "rows": block.rows, "header": block.header})
        elif kind == "heading":
            out.append({"type": "heading", "text": block.text, "level": block.level})
        elif kind == "paragraph":
            out.append({"type": "paragraph", "text": block.text, "missing": block.missing})
        else:
            out.append({"type": "note", "text": block.text})
    return out


def _pick(item: dict, stem: str, lang: str) -> str:
    return item.get(f"{stem}_{lang}") or item.get(f"{stem}_nb") or ""
