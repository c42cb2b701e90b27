"""How a self-declaration's statements are shown on a page: each answer with the rule behind it beside
it, and links to the records it counted (the same content the PDF prints)."""
from services.reporting.report_layout import subject_type

# where each kind of counted record has its page; a record of a kind without one is listed unlinked
RECORD_PAGES = {"incident": "/incidents/{id}", "processing": "/processing/{id}",
                "assessment": "/risks/assessments/{id}", "risk": "/risks/{id}",
                "campaign": "/training/campaigns/{id}", "exercise": "/training/exercises/{id}",
                "report": "/reports/{id}"}
# the colour of an answer, from the tags the pages already have: green, red, grey
ANSWER_TONES = {"yes": "low", "no": "high", "no_data": "none", "no_source": "none"}


def _pick(item: dict, stem: str, lang: str) -> str:
    other = "en" if lang == "nb" else "nb"
    return item.get(f"{stem}_{lang}") or item.get(f"{stem}_{other}") or ""


def record_view(found: dict, lang: str) -> dict:
    page = RECORD_PAGES.get(found.get("subject_type"))
    return {"kind": subject_type(found.get("subject_type"), lang),
            "title": found.get("title") or found.get("id"), "id": found.get("id"),
            "href": page.format(id=found["id"]) if page and found.get("id") else None,
            "ok": found.get("ok"), "detail": _pick(found, "detail", lang)}


def statements(content: dict | None, lang: str) -> list[dict]:
    """The statements of a self-declaration's content, in the page's language; none for another kind."""
    shown = []
    for statement in (content or {}).get("statements") or []:
        answer = statement.get("answer")
        shown.append({"key": statement.get("key"), "text": _pick(statement, "statement", lang), "answer": answer,
                      "tone": ANSWER_TONES.get(answer, "none"), "rule": _pick(statement, "rule", lang),
                      "comment": statement.get("comment"),
                      "records": [record_view(r, lang) for r in statement.get("records") or []]})
    return shown
