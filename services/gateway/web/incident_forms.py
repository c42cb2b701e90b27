"""The incident forms: an employee's report of a deviation and the coordinator's assessment.
"""
from services.gateway.web.forms import parse_local_time

YES_NO_UNKNOWN = ("yes", "no", "unknown")
SEVERITIES = ("low", "medium", "high", "critical")


def report_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents, errors by field as translation keys)."""
    errors: dict[str, list[str]] = {}
    title = form.get("title", "").strip()
    description = form.get("description", "").strip()
    category = form.get("category", "").strip()
    personal = form.get("personal_data", "")
    if len(title) < 3:
        errors["title"] = ["err.title_required"]
    if not description:
        errors["description"] = ["err.description_required"]
    if not category:
        errors["category"] = ["err.category_required"]
    times = {}
    for name, missing in (("occurred_at", "err.occurred_required"), ("aware_at", "err.aware_required")):
        raw = form.get(name, "").strip()
        parsed = parse_local_time(raw)
        if not raw:
            errors[name] = [missing]
        elif parsed is None:
            errors[name] = ["err.datetime_invalid"]
        else:
            times[name] = parsed.isoformat().replace("+00:00", "Z")
    if personal not in YES_NO_UNKNOWN:
        errors["personal_data"] = ["err.personal_data_required"]
    done = form.get("action_taken", "").strip()
    payload = {
        "title": title,
        # the report has no field of its own for what was done; the coordinator reads it in the description
        "description": f"{description}\n\nHva er gjort / What was done: {done}" if done else description,
        # yes: a possible personal-data breach for the PKO; unsure: the coordinator's assessment decides
        "kind": "personal_data_breach" if personal == "yes" else "deviation",
        "category": category,
        **times,
    }
    unit = form.get("reporting_unit", "").strip()
    if unit:
        payload["reporting_unit"] = unit
    return payload, errors


def assessment_payload(form: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    severity = form.get("severity", "")
    personal = form.get("personal_data_involved", "")
    if severity not in SEVERITIES:
        errors["severity"] = ["err.severity_required"]
    if personal not in ("yes", "no"):
        errors["personal_data_involved"] = ["err.personal_data_required"]
    payload = {"severity": severity, "personal_data_involved": personal == "yes",
               "marked_serious": form.get("marked_serious") == "on",
               "rationale": form.get("rationale", "").strip() or None}
    return payload, errors
