"""The governance pages' forms (the annual plan, governing documents and routines, the advice log, the
requirements overview, drafting a report, the audit trail's filters) as the API's payloads.

Each form's fields are named `<prefix>-<field>`, the field being the API's own name, so a service's
message lands beside its field (forms.prefixed_errors). The checks here only catch what a person
forgot; the reporting service validates every payload again with the API's schema.
"""
import json
from datetime import timedelta

from services.gateway.web import forms, lists
from services.gateway.web import i18n
from services.gateway.web.i18n import N_
from services.reporting import annual_plan_rules as plan_rules
from services.reporting import governance_rules, report_content
from services.reporting.annual_plan_schemas import PlanQuerySchema
from services.reporting.governance_schemas import AdviceQuerySchema, GoverningDocumentQuerySchema
from shared.config import SERVICE_NAMES
from shared.contracts.reporting import AREAS as DOCUMENT_AREAS, DOCUMENT_KINDS

PLAN_AREAS, PLAN_KINDS, PLAN_STATUSES = plan_rules.AREAS, plan_rules.KINDS, plan_rules.STATUSES
OPEN_STATUSES, OWNER_ROLES, STANDINGS = plan_rules.OPEN_STATUSES, plan_rules.OWNER_ROLES, plan_rules.STANDINGS
EVIDENCE_TYPES = plan_rules.MANUAL_EVIDENCE_TYPES
DOCUMENT_STATUSES = governance_rules.DOCUMENT_STATUSES
ATTESTATION_RESULTS = governance_rules.ATTESTATION_RESULTS
ADVICE_KINDS, ADVICE_STATUSES = governance_rules.ADVICE_KINDS, governance_rules.ADVICE_STATUSES
REPORT_KINDS = report_content.KINDS
AUDITED_SERVICES = SERVICE_NAMES
MONTHS = tuple(range(1, 13))

# the lists' filters, as the API's query schemas accept them
PLAN_FILTERS = ("year", "area", "kind", "status", "standing")
PLAN_FILTER_CHOICES = {name: lists.choices(PlanQuerySchema, name) for name in ("area", "kind", "status", "standing")}
DOCUMENT_LIST = lists.ListSpec({"status": "status", "kind": "kind", "area": "area", "review_overdue": "review_overdue",
                                "q": "q"},
                               anchor="#documents")
DOCUMENT_FILTER_CHOICES = {name: lists.choices(GoverningDocumentQuerySchema, name) for name in ("status", "kind", "area")}
ADVICE_LIST = lists.ListSpec({"status": "status", "area": "area", "year": "year"}, anchor="#advice")
ADVICE_FILTER_CHOICES = {name: lists.choices(AdviceQuerySchema, name) for name in ("status", "area")}
AUDIT_LIST = lists.ListSpec({"entity": "entity", "entity_id": "entity_id", "actor": "actor",
                             "correlation_id": "correlation_id"}, anchor="#entries")
AUDIT_PAGE_SIZE = 50

ACTIVITY_FIELDS = ("title", "description", "area", "kind", "owner_role", "due_month", "status", "cancel_reason",
                   "expects_reference")
EDIT_ACTIVITY_FIELDS = ("title", "description", "owner_role", "due_month", "status", "cancel_reason",
                        "expects_reference")
EVIDENCE_FIELDS = ("type", "reference", "title", "at", "done")
COPY_FIELDS = ("from_year", "to_year")
DOCUMENT_FIELDS = ("title", "kind", "area", "owner", "version", "approved_on", "review_interval_months", "link",
                   "status")
REVIEW_FIELDS = ("reviewed_on", "version", "note")
ATTEST_FIELDS = ("period", "result", "comment")
ADVICE_FIELDS = ("title", "question", "requested_by", "kind", "area", "requested_on", "requirements_set",
                 "processor_agreement_needed", "advice_given", "given_on", "status")
OVERLAY_FIELDS = ("applies", "how_met", "document_ids", "responsible_role")
OWN_REQUIREMENT_FIELDS = ("code", "title_nb", "title_en", "text_nb", "text_en", "legal_source", "how_met",
                          "responsible_role")
NEW_REPORT_FIELDS = ("kind", "period_start", "period_end")


def option_maker(lang: str):
    """For the templates: a select's (value, label) pairs from a vocabulary, in the page's language."""
    return lambda values, prefix: [(str(value), i18n.label(prefix, value, lang)) for value in values]


def prefixed(prefix: str, names: tuple[str, ...]):
    """A service's errors on one form of the page, beside its fields."""
    return lambda details: forms.prefixed_errors(details, prefix, names)


def error_order(prefix: str, names: tuple[str, ...]) -> list[str]:
    return [f"{prefix}-{name}" for name in names]


def _text(get, errors, prefix, name, payload, required=True, minimum=1, message=N_("err.text_required")):
    value = get[name]
    if required and len(value) < minimum:
        errors[f"{prefix}-{name}"] = [message]
    elif value or not required:
        payload[name] = value or None


def _choice(get, errors, prefix, name, allowed, payload, required=True):
    value = get[name]
    if value in allowed:
        payload[name] = value
    elif value or required:
        errors[f"{prefix}-{name}"] = [N_("err.choice_required")]


def _month(form, errors, prefix, payload):
    number = forms.whole_number(form, f"{prefix}-due_month", errors, required=True)
    if number is not None and number not in MONTHS:
        errors[f"{prefix}-due_month"] = [N_("err.choice_required")]
    elif number is not None:
        payload["due_month"] = number


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


# --- the annual plan ---

def plan_year(query: dict, this_year: int) -> int:
    """The plan's year from the address; this year when none or a wrong one is given."""
    number = forms.digits(query.get("year", "").strip())
    return number if number is not None and 2000 <= number <= 2100 else this_year


def plan_filters(query: dict, this_year: int) -> dict:
    kept = {name: query[name].strip() for name in PLAN_FILTERS[1:] if query.get(name, "").strip()}
    return {"year": plan_year(query, this_year), **kept}


def activity_payload(form: dict, year: int) -> tuple[dict, dict]:
    """(POST /annual-plan payload, errors): a planned activity of the year shown."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "activity", ACTIVITY_FIELDS)
    payload: dict = {"year": year}
    _text(get, errors, "activity", "title", payload, minimum=3, message=N_("err.title_required"))
    _choice(get, errors, "activity", "area", PLAN_AREAS, payload)
    _choice(get, errors, "activity", "kind", PLAN_KINDS, payload)
    _choice(get, errors, "activity", "owner_role", OWNER_ROLES, payload)
    _month(form, errors, "activity", payload)
    _text(get, errors, "activity", "description", payload, required=False)
    _text(get, errors, "activity", "expects_reference", payload, required=False)
    return payload, errors


def activity_change(form: dict, activity: dict) -> tuple[dict, dict]:
    """(PATCH /annual-plan/{id} payload, errors): only what differs from the activity as shown."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "edit", EDIT_ACTIVITY_FIELDS)
    payload: dict = {}
    _text(get, errors, "edit", "title", payload, minimum=3, message=N_("err.title_required"))
    _choice(get, errors, "edit", "owner_role", OWNER_ROLES, payload)
    _choice(get, errors, "edit", "status", PLAN_STATUSES, payload)
    _month(form, errors, "edit", payload)
    for name in ("description", "cancel_reason", "expects_reference"):
        _text(get, errors, "edit", name, payload, required=False)
    if payload.get("status") == "cancelled" and not (payload.get("cancel_reason") or activity.get("cancel_reason")):
        errors["edit-cancel_reason"] = [N_("err.text_required")]
    return {name: value for name, value in payload.items() if value != activity.get(name)}, errors


def evidence_payload(form: dict) -> tuple[dict, dict]:
    """(POST /annual-plan/{id}/evidence payload, errors): the proof, and whether it ticks the activity done."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "evidence", EVIDENCE_FIELDS)
    payload: dict = {"done": get["done"] == "yes"}
    _choice(get, errors, "evidence", "type", EVIDENCE_TYPES, payload)
    _text(get, errors, "evidence", "reference", payload)
    _text(get, errors, "evidence", "title", payload, minimum=3, message=N_("err.title_required"))
    at = forms.optional_date(form, "evidence-at", errors)
    if at:
        payload["at"] = f"{at}T12:00:00+00:00"  # a day's proof: noon keeps it on that day in Oslo
    return payload, errors


def copy_payload(form: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    payload = {"from_year": forms.whole_number(form, "copy-from_year", errors, required=True),
               "to_year": forms.whole_number(form, "copy-to_year", errors, required=True)}
    return payload, errors


def by_month(items: list[dict]) -> list[tuple[int, list[dict]]]:
    """The year's activities by the month they are due, in the year's order, months without any left out."""
    return [(month, [item for item in items if item.get("due_month") == month]) for month in MONTHS
            if any(item.get("due_month") == month for item in items)]


def activity_values(activity: dict) -> dict:
    """The edit form filled in with the activity as stored."""
    return {f"edit-{name}": "" if activity.get(name) is None else str(activity[name]) for name in EDIT_ACTIVITY_FIELDS}


# --- governing documents and routines ---

def document_payload(form: dict, prefix: str = "document", required: bool = True) -> tuple[dict, dict]:
    """(POST /governing-documents payload, or with required=False the PATCH's whole form, errors)."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, prefix, DOCUMENT_FIELDS)
    payload: dict = {}
    _text(get, errors, prefix, "title", payload, minimum=3, message=N_("err.title_required"))
    _choice(get, errors, prefix, "kind", DOCUMENT_KINDS, payload)
    _choice(get, errors, prefix, "area", DOCUMENT_AREAS, payload)
    _text(get, errors, prefix, "owner", payload, message=N_("err.owner_required"))
    _choice(get, errors, prefix, "status", DOCUMENT_STATUSES, payload, required=not required)
    if get["version"]:
        payload["version"] = get["version"]
    approved = forms.optional_date(form, f"{prefix}-approved_on", errors)
    if approved or not required:
        payload["approved_on"] = approved
    interval = forms.whole_number(form, f"{prefix}-review_interval_months", errors)
    if interval is not None:
        payload["review_interval_months"] = interval
    if get["link"] or not required:
        payload["link"] = get["link"] or None
    return payload, errors


def document_change(form: dict, document: dict) -> tuple[dict, dict]:
    payload, errors = document_payload(form, "edit", required=False)
    return {name: value for name, value in payload.items() if value != document.get(name)}, errors


def document_values(document: dict) -> dict:
    return {f"edit-{name}": "" if document.get(name) is None else str(document[name]) for name in DOCUMENT_FIELDS}


def review_payload(form: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "review", REVIEW_FIELDS)
    payload = {"version": get["version"] or None, "note": get["note"] or None}
    forms.date_field(form, "review-reviewed_on", "reviewed_on", payload, errors)
    return payload, errors


def attestation_payload(form: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "attest", ATTEST_FIELDS)
    payload: dict = {"comment": get["comment"] or None}
    _text(get, errors, "attest", "period", payload)
    _choice(get, errors, "attest", "result", ATTESTATION_RESULTS, payload)
    if payload.get("result") in ("partly", "not_complied") and not get["comment"]:
        errors["attest-comment"] = [N_("err.text_required")]
    return payload, errors


# --- the advice log ---

def advice_payload(form: dict, prefix: str = "advice", required: bool = True) -> tuple[dict, dict]:
    """(POST /advice payload, or with required=False the PATCH's whole form, errors)."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, prefix, ADVICE_FIELDS)
    payload: dict = {}
    _text(get, errors, prefix, "title", payload, minimum=3, message=N_("err.title_required"))
    _text(get, errors, prefix, "question", payload, minimum=3)
    _text(get, errors, prefix, "requested_by", payload)
    _choice(get, errors, prefix, "kind", ADVICE_KINDS, payload)
    _choice(get, errors, prefix, "area", DOCUMENT_AREAS, payload)
    _choice(get, errors, prefix, "status", ADVICE_STATUSES, payload, required=False)
    forms.date_field(form, f"{prefix}-requested_on", "requested_on", payload, errors)
    payload["requirements_set"] = forms.lines(get["requirements_set"])
    payload["processor_agreement_needed"] = _yes_no(get["processor_agreement_needed"])
    payload["advice_given"] = get["advice_given"] or None
    payload["given_on"] = forms.optional_date(form, f"{prefix}-given_on", errors)
    if payload.get("status") == "given":  # as the service holds it, said beside the fields
        for name in ("advice_given", "given_on"):
            if not payload[name] and f"{prefix}-{name}" not in errors:
                errors[f"{prefix}-{name}"] = [N_("err.advice_required")]
    if required and "status" not in payload:
        payload["status"] = "open"
    return payload, errors


def advice_change(form: dict, entry: dict) -> tuple[dict, dict]:
    payload, errors = advice_payload(form, "edit", required=False)
    return {name: value for name, value in payload.items() if value != entry.get(name)}, errors


def advice_values(entry: dict) -> dict:
    values = {f"edit-{name}": "" if entry.get(name) is None else str(entry[name]) for name in ADVICE_FIELDS}
    values["edit-requirements_set"] = "\n".join(entry.get("requirements_set") or [])
    needed = entry.get("processor_agreement_needed")
    values["edit-processor_agreement_needed"] = "" if needed is None else "yes" if needed else "no"
    return values


# --- the requirements overview ---

def overlay_payload(form: dict) -> tuple[dict, dict]:
    """(PUT /requirements/{code} payload, errors): whether it applies, how it is met and by which documents."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "overlay", OVERLAY_FIELDS)
    applies = _yes_no(get["applies"])
    if applies is None:
        errors["overlay-applies"] = [N_("err.yes_no_required")]
    ids = []
    for part in forms.lines(get["document_ids"].replace(",", ";")):
        number = forms.digits(part.lstrip("#"))
        if number is None:
            errors["overlay-document_ids"] = [N_("err.number_invalid")]
        else:
            ids.append(number)
    return {"applies": applies, "how_met": get["how_met"] or None, "document_ids": ids,
            "responsible_role": get["responsible_role"] or None}, errors


def own_requirement_payload(form: dict) -> tuple[dict, dict]:
    """(POST /requirements payload, errors): a requirement of the agency's own, beside the common ones
    (an instruction of its own, or a law that only it is bound by); it applies from the start."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "own", OWN_REQUIREMENT_FIELDS)
    payload: dict = {"applies": True}
    _text(get, errors, "own", "code", payload, minimum=2)
    _text(get, errors, "own", "title_nb", payload, minimum=3, message=N_("err.title_required"))
    _text(get, errors, "own", "text_nb", payload, minimum=3)
    for name in ("title_en", "text_en", "legal_source", "how_met", "responsible_role"):
        _text(get, errors, "own", name, payload, required=False)
    return payload, errors


def overlay_values(requirement: dict) -> dict:
    applies = requirement.get("applies")
    return {"overlay-applies": "" if applies is None else "yes" if applies else "no",
            "overlay-how_met": requirement.get("how_met") or "",
            "overlay-document_ids": ", ".join(str(n) for n in requirement.get("document_ids") or []),
            "overlay-responsible_role": requirement.get("responsible_role") or ""}


# --- reports: a new draft ---

def new_report_payload(form: dict) -> tuple[dict, dict]:
    """(POST /reports payload, errors): the kind and period; its words are written on the report's page."""
    errors: dict[str, list[str]] = {}
    get = forms.prefixed_values(form, "newreport", NEW_REPORT_FIELDS)
    payload: dict = {}
    _choice(get, errors, "newreport", "kind", REPORT_KINDS, payload)
    forms.date_field(form, "newreport-period_start", "period_start", payload, errors)
    forms.date_field(form, "newreport-period_end", "period_end", payload, errors)
    return payload, errors


# --- the audit trail ---

def audited(deployed) -> list[str]:
    """The services whose trail can be read here: those this installation runs."""
    return [name for name in AUDITED_SERVICES if name in deployed]


def audit_service(query: dict, services=AUDITED_SERVICES) -> str:
    service = query.get("service", "")
    return service if service in services else services[0]


def audit_filters(query: dict) -> tuple[dict, dict, dict]:
    """(the filters kept in the address, the RPC's query, errors): a period as dates in Oslo, whole days."""
    filters = lists.kept_filters(query, AUDIT_LIST)
    for name in ("service", "since", "until"):
        if query.get(name, "").strip():
            filters[name] = query[name].strip()
    rpc = lists.rpc_query(filters, AUDIT_LIST, AUDIT_PAGE_SIZE)
    errors: dict[str, list[str]] = {}
    since = forms.optional_date(filters, "since", errors)
    until = forms.optional_date(filters, "until", errors)
    if since:
        rpc["since"] = forms.parse_local_time(f"{since}T00:00").isoformat()
    if until:  # up to and including the day given
        end = forms.parse_local_time(f"{until}T00:00")
        rpc["until"] = (end + timedelta(days=1)).isoformat()
    return filters, rpc, errors


def counted(listing: dict) -> dict:
    """A page of a list with the range it shows, for "Viser 51–100 av 274"."""
    first = (int(listing["page"]) - 1) * int(listing["page_size"]) + 1 if listing["items"] else 0
    return {**listing, "first": first, "last": first + len(listing["items"]) - 1 if listing["items"] else 0}


def _shown(value) -> str | None:
    """A value of a change as text: JSON as stored, cut short (the API gives it whole)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else text[:199] + "…"


def changed_fields(entry: dict) -> list[dict]:
    """An entry's changes as rows: {field, before, after} as text (an insert or delete has only one side)."""
    rows = []
    for name, change in sorted((entry.get("changes") or {}).items()):
        if entry.get("operation") == "update" and isinstance(change, dict) and set(change) <= {"before", "after"}:
            rows.append({"field": name, "before": _shown(change.get("before")), "after": _shown(change.get("after"))})
        elif entry.get("operation") == "delete":
            rows.append({"field": name, "before": _shown(change), "after": None})
        else:
            rows.append({"field": name, "before": None, "after": _shown(change)})
    return rows
