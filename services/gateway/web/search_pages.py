"""The header's search: one page (/search?q=) that asks each service's list for the same words, and shows
per group the count, the first few and a link to the full filtered list.

Each group is asked only of a user whose roles may read it (the list page's own action), and the service
scopes the answer again: an employee finds their own reports, by words or by the receipt's reference.
"""
from urllib.parse import urlencode

from marshmallow import Schema, ValidationError, fields, validate

from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from shared.errors import BadInput, VernError

SHOWN = 5  # the first few of each group; the link holds the rest


class SearchQuerySchema(Schema):
    """As the lists' `q` (two to a hundred characters): the services check it again."""
    q = fields.String(load_default="", validate=validate.Length(max=100))


# group -> (the action its list needs, the list page its link opens, where an item's page is)
GROUPS = (
    ("incidents", "incident.read", "/incidents", "/incidents/{id}"),
    ("risks", "risk.read", "/risks", "/risks/{id}"),
    ("processing", "privacy.read", "/processing", "/processing/{id}"),
    ("documents", "governance.read", "/governing-documents", "/governing-documents/{id}"),
)


def search_words(query: dict) -> tuple[str, str | None]:
    """The words, trimmed, or an error key: one character is too little to search for."""
    try:
        words = " ".join(SearchQuerySchema().load({"q": query.get("q", "")})["q"].split())
    except ValidationError:
        return query.get("q", "")[:100], "search.too_long"
    if len(words) == 1:
        return words, "search.too_short"
    return words, None


def full_list(path: str | None, words: str) -> str | None:
    return f"{path}?{urlencode({'q': words})}" if path else None


class SearchPages(PageBase):
    @page("GET", "/search", action="incident.read", api=("GET /api/v1/incidents",))
    def web_search(self, request, view):
        words, error = search_words(view.query)
        groups = []
        if words and not error:
            lists = {"incidents": self.incidents.list_incidents, "risks": self.risk.list_risks,
                     "processing": self.privacy_register.list_processing,
                     "documents": self.reporting.list_documents}
            for name, action, path, item in GROUPS:
                if not view.may(action):
                    continue
                groups.append({"name": name, "link": full_list(path, words), "item": item,
                               **_found(lists[name], words)})
        return view.render("search.html", status=400 if error else 200, words=words, error=error, groups=groups,
                           total=sum(group["total"] or 0 for group in groups))


def _found(call, words: str) -> dict:
    """One group's first few and its count; a service that does not answer is said so, the rest still shows."""
    try:
        answer = call({"q": words, "page_size": SHOWN})
        return {"items": answer["items"], "total": answer["total"], "unavailable": False}
    except BadInput:
        return {"items": [], "total": 0, "unavailable": False}
    except VernError:
        return {"items": [], "total": None, "unavailable": True}
