"""Data processor agreements (art. 28), the overall privacy assessment of a processing activity and the
answer to a prior consultation with Datatilsynet (art. 36): the forms, and the agreements' list, which
the API gives whole, filtered, sorted and paged here as the other lists are in the service.
"""
from datetime import date
from urllib.parse import urlencode

from services.gateway.web.forms import date_field, digits, lines, optional_date, prefixed_values, whole_number
from services.gateway.web.i18n import N_
from services.gateway.web.lists import PAGE_SIZE
from services.privacy_register import domain
from shared.contracts.privacy_register import CONSULTATION_OUTCOMES

AGREEMENT_STATUSES = domain.AGREEMENT_STATUSES
TRANSFER_BASES = ("none", *domain.SAFEGUARDS)
EXPIRY_STATES = ("expired", "expiring", "valid", "no_expiry")
AGREEMENT_SORTS = ("expires_on", "processor")
AGREEMENT_FIELDS = ("processor", "status", "signed_on", "expires_on", "review_on", "sub_processors",
                    "transfer_basis", "municipal_template", "reference", "processing_ids")
ASPECTS = domain.ASPECTS
ASPECT_STATUSES = domain.ASPECT_STATUSES
ASPECT_PARTS = ("status", "comment", "measure", "measure_owner", "measure_due")
OUTCOMES = CONSULTATION_OUTCOMES
CONSULTATION_FIELDS = ("outcome", "submitted_on", "answered_on", "reference")


# --- the agreements' list ---

def expiry_state(agreement: dict, on: date) -> str | None:
    """Only a signed agreement runs out: expired (after its last day), expiring (within the service's
    warning window), valid, or no_expiry (signed without an end date); None for a draft or terminated one."""
    if agreement["status"] != "signed":
        return None
    if not agreement.get("expires_on"):
        return "no_expiry"
    if date.fromisoformat(agreement["expires_on"]) < on:
        return "expired"
    return "expiring" if agreement.get("expiring") else "valid"


def agreements_naming(items: list[dict], processing_id: str, on: date) -> list[dict]:
    """The agreements that name a processing activity (for its page), each with its expiry state."""
    return [{**item, "expiry": expiry_state(item, on)} for item in items if processing_id in item["processing_ids"]]


def agreement_filters(query: dict) -> dict:
    """The list's filters as the address keeps them; a value the page does not offer is dropped."""
    offered = {"status": AGREEMENT_STATUSES, "expiry": EXPIRY_STATES, "sort": AGREEMENT_SORTS}
    kept = {name: query.get(name, "").strip() for name in offered}
    kept = {name: value for name, value in kept.items() if value in offered[name]}
    processing_id = query.get("processing_id", "").strip()
    if processing_id:
        kept["processing_id"] = processing_id[:36]
    page = digits(query.get("page", "").strip())
    if page is not None and 0 < page < 10_000:
        kept["page"] = str(page)
    return kept


def agreement_listing(items: list[dict], filters: dict, on: date, path: str, page_size: int = PAGE_SIZE) -> dict:
    """The shape lists.listing gives (items, total, pages and paging links), with each item's expiry state."""
    rows = [{**item, "expiry": expiry_state(item, on)} for item in items]
    if "status" in filters:
        rows = [row for row in rows if row["status"] == filters["status"]]
    if "expiry" in filters:
        rows = [row for row in rows if row["expiry"] == filters["expiry"]]
    if "processing_id" in filters:
        rows = [row for row in rows if filters["processing_id"] in row["processing_ids"]]
    if filters.get("sort") == "processor":
        rows.sort(key=lambda row: row["processor"].casefold())
    else:  # the first to run out first; those without an end date last
        rows.sort(key=lambda row: (row.get("expires_on") or "9999-12-31", row["processor"].casefold()))
    total = len(rows)
    pages = max(1, -(-total // page_size))
    number = min(int(filters.get("page", 1)), pages)

    def link(to):
        return f"{path}?{urlencode({**filters, 'page': to})}"

    return {"items": rows[(number - 1) * page_size:number * page_size], "total": total, "page": number,
            "page_size": page_size, "pages": pages, "error": None,
            "previous": link(number - 1) if number > 1 else None, "next": link(number + 1) if number < pages else None}


# --- an agreement's form ---

def agreement_payload(form: dict, known_processing: set[str]) -> tuple[dict, dict]:
    """(payload for POST or PATCH /processor-agreements, errors by the form's agreement-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "agreement", AGREEMENT_FIELDS)
    chosen = [value for key, value in form.items() if key.startswith("agreement-processing-") and value]
    payload = {"processor": get["processor"], "status": get["status"],
               "sub_processors": lines(get["sub_processors"]), "reference": get["reference"] or None,
               "transfer_basis": get["transfer_basis"] or None,
               "municipal_template": {"yes": True, "no": False}.get(get["municipal_template"]),
               "processing_ids": [value for value in chosen if value in known_processing]}
    if len(get["processor"]) < 2:
        errors["agreement-processor"] = [N_("err.name_required")]
    if get["status"] not in AGREEMENT_STATUSES:
        errors["agreement-status"] = [N_("err.choice_required")]
    for name in ("signed_on", "expires_on", "review_on"):
        payload[name] = optional_date(form, f"agreement-{name}", errors)
    if get["status"] == "signed" and not form.get("agreement-signed_on", "").strip():
        errors.setdefault("agreement-signed_on", [N_("err.signed_on_required")])
    return payload, errors


def agreement_values(agreement: dict) -> dict:
    """An agreement as its form shows it."""
    values = {f"agreement-{name}": agreement.get(name) or "" for name in
              ("processor", "status", "signed_on", "expires_on", "review_on", "transfer_basis", "reference")}
    values["agreement-sub_processors"] = "\n".join(agreement.get("sub_processors") or [])
    values["agreement-municipal_template"] = {True: "yes", False: "no"}.get(agreement.get("municipal_template"), "")
    values.update({f"agreement-processing-{pid}": pid for pid in agreement.get("processing_ids") or []})
    return values


# --- the overall privacy assessment ---

def assessment_payload(form: dict) -> tuple[dict, dict]:
    """(payload for PUT /processing-activities/{id}/privacy-assessment, errors by aspect-<name>-<part>)."""
    errors: dict[str, list[str]] = {}
    aspects = {}
    for aspect in ASPECTS:
        get = prefixed_values(form, f"aspect-{aspect}", ASPECT_PARTS)
        if get["status"] not in ASPECT_STATUSES:
            errors[f"aspect-{aspect}-status"] = [N_("err.choice_required")]
        answer = {"status": get["status"], "comment": get["comment"] or None, "measure": get["measure"] or None,
                  "measure_owner": get["measure_owner"] or None,
                  "measure_due": optional_date(form, f"aspect-{aspect}-measure_due", errors)}
        if answer["measure"] and not answer["measure_owner"]:
            errors[f"aspect-{aspect}-measure_owner"] = [N_("err.measure_owner_required")]
        if answer["measure"] and not form.get(f"aspect-{aspect}-measure_due", "").strip():
            errors[f"aspect-{aspect}-measure_due"] = [N_("err.date_required")]
        aspects[aspect] = answer
    payload = {"aspects": aspects}
    months = whole_number(form, "review_months", errors)
    if months is not None:
        payload["review_months"] = months
    return payload, errors


def assessment_values(assessment: dict | None) -> dict:
    if not assessment:
        return {"review_months": "12"}
    values = {"review_months": str(assessment.get("review_months", 12))}
    for aspect, answer in (assessment.get("aspects") or {}).items():
        for part in ASPECT_PARTS:
            values[f"aspect-{aspect}-{part}"] = answer.get(part) or ""
    return values


def assessment_errors(details) -> dict:
    """The service's nested errors ({aspects: {name: {part: [...]}}}) beside the form's fields."""
    errors: dict[str, list[str]] = {}
    if not isinstance(details, dict):
        return {"_form": [str(details)]} if details else {}
    for name, messages in details.items():
        if name == "aspects" and isinstance(messages, dict):
            for aspect, parts in messages.items():
                if isinstance(parts, dict):
                    for part, inner in parts.items():
                        target = f"aspect-{aspect}-{part}" if part in ASPECT_PARTS else "_form"
                        errors.setdefault(target, []).extend(_flat(inner))
                else:
                    errors.setdefault("_form", []).extend(_flat(parts))
        else:
            errors.setdefault("review_months" if name == "review_months" else "_form", []).extend(_flat(messages))
    return errors


def assessment_order() -> list[str]:
    return [f"aspect-{aspect}-{part}" for aspect in ASPECTS for part in ASPECT_PARTS] + ["review_months"]


# --- the answer to a prior consultation ---

def consultation_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /dpias/{id}/prior-consultation, errors)."""
    errors: dict[str, list[str]] = {}
    get = {name: form.get(name, "").strip() for name in CONSULTATION_FIELDS}
    payload = {"outcome": get["outcome"], "reference": get["reference"] or None}
    if get["outcome"] not in OUTCOMES:
        errors["outcome"] = [N_("err.choice_required")]
    for name in ("submitted_on", "answered_on"):
        date_field(form, name, name, payload, errors)
    return payload, errors


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for inner in messages.values() for m in _flat(inner)]
    return [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]
