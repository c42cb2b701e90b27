"""Courses, completions imported from an e-learning platform's CSV export, and the coordinators' own
courses and events (the central team publishes them; each agency records who took part).
"""
from datetime import date
from urllib.parse import urlencode

from services.gateway.web.forms import date_field, digits, lines, optional_date, prefixed_values, whole_number
from services.gateway.web.i18n import N_
from services.gateway.web.lists import PAGE_SIZE, ListSpec, choices
from services.training.schemas import (IMPORT_MODES, CoordinatorParticipationQuerySchema)
from shared.contracts.training import COORDINATOR_COURSE_KINDS, COORDINATOR_ROLES, TOPICS

COURSE_FIELDS = ("code", "title", "topic", "description", "audience_roles", "audience_units", "duration_minutes",
                 "mandatory", "validity_months", "grace_days", "material_url", "pass_mark")
COURSE_SORTS = ("code", "title")
KINDS = COORDINATOR_COURSE_KINDS
ROLES = COORDINATOR_ROLES
PUBLISH_FIELDS = ("title", "kind", "starts_on", "ends_on", "roles", "description", "link")
PARTICIPATION_FIELDS = ("course_id", "person", "role", "attended", "attended_on")
COMPLETION_LIST = ListSpec({"completed_from": "completed_from", "completed_to": "completed_to",
                            "participant_id": "participant_id"}, anchor="#completions")
PARTICIPATION_LIST = ListSpec({"course_id": "course_id", "role": "role", "year": "year"}, anchor="#participations")
PARTICIPATION_ROLES = choices(CoordinatorParticipationQuerySchema, "role")


def course_filters(query: dict) -> dict:
    offered = {"topic": TOPICS, "mandatory": ("true", "false"), "sort": COURSE_SORTS}
    kept = {name: query.get(name, "").strip() for name in offered}
    kept = {name: value for name, value in kept.items() if value in offered[name]}
    page = digits(query.get("page", "").strip())
    if page is not None and 0 < page < 10_000:
        kept["page"] = str(page)
    return kept


def course_listing(items: list[dict], filters: dict, path: str, page_size: int = PAGE_SIZE) -> dict:
    """The API gives every course at once; the page filters, sorts and pages them as lists.listing does."""
    rows = list(items)
    if "topic" in filters:
        rows = [row for row in rows if row["topic"] == filters["topic"]]
    if "mandatory" in filters:
        rows = [row for row in rows if row["mandatory"] == (filters["mandatory"] == "true")]
    rows.sort(key=lambda row: str(row[filters.get("sort", "code")]).casefold())
    return paged(rows, filters, path, page_size)


def paged(rows: list, filters: dict, path: str, page_size: int = PAGE_SIZE, anchor: str = "") -> dict:
    total = len(rows)
    pages = max(1, -(-total // page_size))
    number = min(int(filters.get("page", 1)), pages)

    def link(to):
        return f"{path}?{urlencode({**filters, 'page': to})}{anchor}"

    return {"items": rows[(number - 1) * page_size:number * page_size], "total": total, "page": number,
            "page_size": page_size, "pages": pages, "error": None,
            "previous": link(number - 1) if number > 1 else None, "next": link(number + 1) if number < pages else None}


def course_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/courses, errors by the form's course-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "course", COURSE_FIELDS)
    payload = {"code": get["code"], "title": get["title"], "topic": get["topic"],
               "description": get["description"] or None, "audience_roles": lines(get["audience_roles"]),
               "audience_units": lines(get["audience_units"]), "mandatory": get["mandatory"] == "yes",
               "material_url": get["material_url"] or None}
    if not get["code"]:
        errors["course-code"] = [N_("err.code_required")]
    if len(get["title"]) < 3:
        errors["course-title"] = [N_("err.name_required")]
    if get["topic"] not in TOPICS:
        errors["course-topic"] = [N_("err.topic_required")]
    for name in ("duration_minutes", "validity_months", "grace_days"):
        number = whole_number(form, f"course-{name}", errors)
        if number is not None:
            payload[name] = number
    if get["pass_mark"]:
        try:
            payload["pass_mark"] = float(get["pass_mark"].replace(",", ".").rstrip("% "))
        except ValueError:
            errors["course-pass_mark"] = [N_("err.rate_invalid")]
    return payload, errors


def import_options(form: dict) -> tuple[dict, dict]:
    """(the import's options: mode, dry run, file name; errors). The file itself is read by the page."""
    mode = form.get("mode", "")
    errors = {} if mode in IMPORT_MODES else {"mode": [N_("err.choice_required")]}
    return {"mode": mode, "dry_run": form.get("dry_run") == "1"}, errors


def publish_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/coordinator-courses, errors by the form's publish-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "publish", ("title", "kind", "ends_on", "description", "link"))
    roles = [role for role in ROLES if form.get(f"publish-roles-{role}")]
    payload = {"title": get["title"], "kind": get["kind"], "roles": roles, "description": get["description"] or None,
               "link": get["link"] or None, "ends_on": optional_date(form, "publish-ends_on", errors)}
    if len(get["title"]) < 3:
        errors["publish-title"] = [N_("err.name_required")]
    if get["kind"] not in KINDS:
        errors["publish-kind"] = [N_("err.choice_required")]
    if not roles:
        errors["publish-roles"] = [N_("err.choice_required")]
    date_field(form, "publish-starts_on", "starts_on", payload, errors)
    return payload, errors


def participation_payload(form: dict, courses: set[str], today: date) -> tuple[dict, dict]:
    """(payload for POST /training/coordinator-participations, errors by the form's take-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "take", PARTICIPATION_FIELDS)
    payload = {"course_id": get["course_id"], "person": get["person"], "role": get["role"],
               "attended": get["attended"] != "no", "attended_on": optional_date(form, "take-attended_on", errors)}
    if get["course_id"] not in courses:
        errors["take-course_id"] = [N_("err.choice_required")]
    if len(get["person"]) < 2:
        errors["take-person"] = [N_("err.name_required")]
    if get["role"] not in ROLES:
        errors["take-role"] = [N_("err.choice_required")]
    if payload["attended_on"] and payload["attended_on"] > today.isoformat():
        errors["take-attended_on"] = [N_("err.date_in_future")]
    return payload, errors
