"""The report's web forms: each text part of a kind labelled as the report names it, one part saved
at a time, and the agency head's read step."""
from services.gateway.web import report_forms
from services.reporting import report_content


def self_declaration() -> dict:
    """A draft as the service shows it: statements whatever they say (their rules are not the point)."""
    keys = [key.removeprefix("comment_") for key in report_content.INPUT_KEYS["self_declaration"]
            if key.startswith("comment_")]
    statements = [{"key": key, "statement_nb": f"Påstand {key}", "statement_en": f"Statement {key}",
                   "source": None, "answer": "yes", "figures": None, "comment": None} for key in keys]
    return {"id": "r-1", "kind": "self_declaration", "status": "draft", "version": 1, "agency": "demo",
            "period_start": "2025-01-01", "period_end": "2025-12-31", "title_nb": "Egenerklæring",
            "title_en": "Self-declaration", "inputs": {f"comment_{keys[0]}": "Gjennomgått i mars."},
            "content": {"statements": statements, "weaknesses_and_measures": None}}


def test_every_text_part_of_the_kind_is_offered_with_the_reports_own_words():
    report = self_declaration()
    parts = report_forms.text_parts(report, "en")
    assert [part["key"] for part in parts] == list(report_content.INPUT_KEYS["self_declaration"])
    by_key = {part["key"]: part for part in parts}
    first = report["content"]["statements"][0]["key"]
    assert by_key[f"comment_{first}"] == {"key": f"comment_{first}", "label": f"Statement {first}",
                                          "kind": "comment", "value": "Gjennomgått i mars."}
    assert by_key["weaknesses_and_measures"]["kind"] == "named"  # labelled by the page's own words


def test_a_section_part_is_labelled_by_the_sections_title_in_the_pages_language():
    report = {"kind": "incident_summary", "inputs": {}, "content": {"sections": [
        {"key": "summary", "title_nb": "Vurdering", "title_en": "Assessment", "text": None},
        {"key": "lessons_learned", "title_nb": "Læring", "title_en": "Lessons learned", "text": None}]}}
    assert [(p["label"], p["kind"]) for p in report_forms.text_parts(report, "nb")] == [
        ("Vurdering", "section"), ("Læring", "section")]


def test_one_part_is_saved_at_a_time_and_an_emptied_part_is_stored_as_not_written():
    assert report_forms.input_payload({"key": "summary", "text": " Færre avvik.\r\n"}, "incident_summary") == (
        {"inputs": {"summary": "Færre avvik."}}, {})
    assert report_forms.input_payload({"key": "summary", "text": "  "}, "incident_summary") == (
        {"inputs": {"summary": None}}, {})
    assert report_forms.input_payload({"key": "decisions", "text": "x"}, "incident_summary")[1] == {
        "_form": ["err.report_part_unknown"]}
    too_long = "x" * (report_forms.TEXT_MAX + 1)
    assert report_forms.input_payload({"key": "summary", "text": too_long}, "incident_summary")[1] == {
        "text-summary": ["err.text_too_long"]}


def test_approval_needs_the_read_box_ticked():
    assert report_forms.approval_payload({}, "r-1") == (
        {"read_confirmed": False}, {"read_confirmed-r-1": ["err.read_confirmation_required"]})
    assert report_forms.approval_payload({"read_confirmed": "on"}, "r-1")[1]  # only the box's own value
    assert report_forms.approval_payload({"read_confirmed": "yes"}, "r-1") == ({"read_confirmed": True}, {})


def test_the_content_is_shown_as_the_pdf_lays_it_out_in_the_pages_language():
    report = self_declaration()
    blocks = report_forms.blocks(report, "en")
    headings = [block["text"] for block in blocks if block["type"] == "heading"]
    first = report["content"]["statements"][0]["key"]
    assert f"Statement {first}" in headings and "Weaknesses and measures" in headings
    rows = [row for block in blocks if block["type"] == "table" for row in block["rows"]]
    assert ("Answer", "Yes") in rows and ("Comment", "(not filled in)") in rows  # each statement's answer and comment
    assert any(block["type"] == "note" for block in blocks)  # a draft is marked as one
