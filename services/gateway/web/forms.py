"""Form fields to API payloads, and the errors of both back to fields: the report and the assessment.

Checks here only catch what a person forgot (a required field, a date typed wrongly), in their
language; the services validate again and their messages are shown beside the field they name.
"""
from datetime import datetime, timezone

from services.gateway.web.rendering import OSLO

YES_NO_UNKNOWN = ("yes", "no", "unknown")
SEVERITIES = ("low", "medium", "high", "critical")
_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y kl. %H:%M", "%d.%m.%Y")


def parse_local_time(value: str) -> datetime | None:
    """A time as a browser's datetime-local field or a person types it, in Oslo time, as UTC."""
    value = (value or "").strip()
    for pattern in _FORMATS:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=OSLO).astimezone(timezone.utc)
        except ValueError:
            continue
    return None


def local_input_value(moment: datetime) -> str:
    """The value a datetime-local field shows for a moment (Oslo time, to the minute)."""
    return moment.astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")


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


def service_errors(details, known_fields: tuple[str, ...]) -> dict:
    """A service's BadInput details ({field: [messages]}) as form errors; others go to the summary."""
    errors: dict[str, list[str]] = {}
    if not isinstance(details, dict):
        return {"_form": [str(details)]} if details else {}
    for name, messages in details.items():
        messages = messages if isinstance(messages, list) else [str(messages)]
        flat = [m if isinstance(m, str) else str(m) for m in messages]
        errors.setdefault(name if name in known_fields else "_form", []).extend(flat)
    return errors


# --- risk work: the assessment, a risk in it, a measure for a risk ---
# Only what a person forgot is checked here; the risk service validates the payload with the API's
# schema again, and its messages come back through service_errors beside the field they name.

RISK_SCOPES = ("overall", "system", "process", "project", "procurement")
ASSESSMENT_FIELDS = ("scope", "title", "assessed", "owner")
RISK_FIELDS = ("title", "likelihood", "consequence", "threat", "vulnerability", "asset", "owner")
MEASURE_FIELDS = ("title", "due_date", "owner")


def _optional(form: dict, names: tuple[str, ...]) -> dict:
    """The fields filled in, stripped; an empty field is left out (the API's default applies)."""
    return {name: form.get(name, "").strip() for name in names if form.get(name, "").strip()}


def _rating(form: dict, name: str, errors: dict) -> int | str | None:
    raw = form.get(name, "").strip()
    if not raw:
        errors[name] = ["err.rating_required"]
        return None
    return int(raw) if raw.isdigit() else raw  # not a number: the service's schema names it


def risk_assessment_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risk-assessments, errors)."""
    errors: dict[str, list[str]] = {}
    payload = _optional(form, ASSESSMENT_FIELDS)
    if payload.get("scope") not in RISK_SCOPES:
        errors["scope"] = ["err.scope_required"]
    if len(payload.get("title", "")) < 3:
        errors["title"] = ["err.name_required"]
    return payload, errors


def risk_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risk-assessments/{id}/risks, errors): likelihood × consequence as numbers."""
    errors: dict[str, list[str]] = {}
    payload = _optional(form, ("title", "threat", "vulnerability", "asset", "owner"))
    if len(payload.get("title", "")) < 3:
        errors["title"] = ["err.name_required"]
    for name in ("likelihood", "consequence"):
        value = _rating(form, name, errors)
        if value is not None:
            payload[name] = value
    return payload, errors


def risk_measure_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risks/{id}/measures, errors); the due date as the API's ISO date."""
    errors: dict[str, list[str]] = {}
    payload = _optional(form, MEASURE_FIELDS)
    if len(payload.get("title", "")) < 3:
        errors["title"] = ["err.name_required"]
    if not payload.get("owner"):
        errors["owner"] = ["err.owner_required"]
    due = payload.get("due_date")
    if not due:
        errors["due_date"] = ["err.date_required"]
    else:
        parsed = parse_date(due)
        if parsed is None:
            errors["due_date"] = ["err.date_invalid"]
        else:
            payload["due_date"] = parsed
    return payload, errors


def parse_date(value: str) -> str | None:
    """A date as a browser's date field (2026-12-31) or a person (31.12.2026) writes it, as ISO."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None


# --- the record of processing (art. 30) and its DPIA screening ---

ARTICLE_6 = ("a", "b", "c", "d", "e", "f")
PROCESSING_STATUSES = ("draft", "active")
PROCESSING_FIELDS = ("name", "purpose", "article6", "data_subject_categories", "personal_data_categories",
                     "recipients", "retention", "status")
# the service's field (or nested list) → the form's field
_PROCESSING_ALIASES = {"purposes": "purpose", "legal_bases": "article6"}


def lines(value: str) -> list[str]:
    """A list field (one item a line, or separated by semicolons), without empty items."""
    return [item.strip() for part in (value or "").splitlines() for item in part.split(";") if item.strip()]


def processing_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /processing-activities, errors): one purpose, its art. 6 basis, the lists by line."""
    errors: dict[str, list[str]] = {}
    name = form.get("name", "").strip()
    purpose = form.get("purpose", "").strip()
    article6 = form.get("article6", "")
    status = form.get("status", "draft")
    if len(name) < 3:
        errors["name"] = ["err.name_required"]
    if not purpose:
        errors["purpose"] = ["err.purpose_required"]
    if article6 not in ARTICLE_6:
        errors["article6"] = ["err.article6_required"]
    if status not in PROCESSING_STATUSES:
        errors["status"] = ["err.status_required"]
    payload = {"name": name, "status": status, "purposes": [purpose] if purpose else [],
               "legal_bases": [{"purpose": purpose, "article6": article6}] if purpose and article6 else [],
               **{field: lines(form.get(field, ""))
                  for field in ("data_subject_categories", "personal_data_categories", "recipients")}}
    retention = form.get("retention", "").strip()
    if retention:
        payload["retention"] = retention
    reference = form.get("legal_reference", "").strip()
    if reference and payload["legal_bases"]:
        payload["legal_bases"][0]["reference"] = reference
    return payload, errors


def processing_errors(details) -> dict:
    """The service's errors on the form's fields: a nested legal basis error goes to its select."""
    if isinstance(details, dict):
        details = {_PROCESSING_ALIASES.get(name, name): _flat(messages) for name, messages in details.items()}
    return service_errors(details, PROCESSING_FIELDS + ("legal_reference",))


def _flat(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for inner in messages.values() for m in _flat(inner)]
    return messages if isinstance(messages, list) else [str(messages)]


def screening_payload(form: dict, criteria: tuple[str, ...]) -> tuple[dict, dict]:
    """(payload for POST /processing-activities/{id}/screening, errors): each WP248 criterion answered
    yes or no, each with a justification; the form's fields are criterion-<key> and justification-<key>."""
    errors: dict[str, list[str]] = {}
    answers, justifications = {}, {}
    for key in criteria:
        answer = form.get(f"criterion-{key}", "")
        if answer not in ("yes", "no"):
            errors[f"criterion-{key}"] = ["err.yes_no_required"]
        else:
            answers[key] = answer == "yes"
        why = form.get(f"justification-{key}", "").strip()
        if len(why) < 3:
            errors[f"justification-{key}"] = ["err.justification_required"]
        justifications[key] = why
    return {"criteria": answers, "justifications": justifications}, errors


def screening_errors(details, criteria: tuple[str, ...]) -> dict:
    known = tuple(f"{prefix}-{key}" for key in criteria for prefix in ("criterion", "justification"))
    if isinstance(details, dict):
        flat: dict = {}
        for name, inner in details.items():
            prefix = {"criteria": "criterion", "justifications": "justification"}.get(name)
            if prefix and isinstance(inner, dict):
                for key, messages in inner.items():
                    flat[f"{prefix}-{key}"] = _flat(messages)
            else:
                flat[name] = _flat(inner)
        details = flat
    return service_errors(details, known)


# --- training: a campaign and an exercise, two forms on one page, so their fields carry a prefix ---

TOPICS = ("privacy", "security", "both")
EXERCISE_TYPES = ("tabletop", "functional", "full_scale")
CAMPAIGN_FIELDS = ("title", "topic", "theme", "starts_on", "ends_on", "target_rate")
EXERCISE_FIELDS = ("title", "type", "scenario", "held_on", "participant_roles", "observations", "evaluation")


def _date_field(form: dict, name: str, field: str, payload: dict, errors: dict) -> None:
    raw = form.get(name, "").strip()
    if not raw:
        errors[name] = ["err.date_required"]
    elif parse_date(raw) is None:
        errors[name] = ["err.date_invalid"]
    else:
        payload[field] = parse_date(raw)


def campaign_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/campaigns, errors by the form's campaign-* fields)."""
    errors: dict[str, list[str]] = {}
    get = {name: form.get(f"campaign-{name}", "").strip() for name in CAMPAIGN_FIELDS}
    payload = {"title": get["title"], "topic": get["topic"], "theme": get["theme"]}
    if len(get["title"]) < 3:
        errors["campaign-title"] = ["err.name_required"]
    if get["topic"] not in TOPICS:
        errors["campaign-topic"] = ["err.topic_required"]
    if not get["theme"]:
        errors["campaign-theme"] = ["err.theme_required"]
    for name in ("starts_on", "ends_on"):
        _date_field(form, f"campaign-{name}", name, payload, errors)
    if get["target_rate"]:
        try:
            payload["target_rate"] = float(get["target_rate"].replace(",", ".").rstrip("% "))
        except ValueError:
            errors["campaign-target_rate"] = ["err.rate_invalid"]
    return payload, errors


def exercise_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/exercises, errors by the form's exercise-* fields)."""
    errors: dict[str, list[str]] = {}
    get = {name: form.get(f"exercise-{name}", "").strip() for name in EXERCISE_FIELDS}
    payload = {"title": get["title"], "type": get["type"], "scenario": get["scenario"],
               "participant_roles": lines(get["participant_roles"]), "observations": lines(get["observations"])}
    if len(get["title"]) < 3:
        errors["exercise-title"] = ["err.name_required"]
    if get["type"] not in EXERCISE_TYPES:
        errors["exercise-type"] = ["err.exercise_type_required"]
    if len(get["scenario"]) < 3:
        errors["exercise-scenario"] = ["err.scenario_required"]
    _date_field(form, "exercise-held_on", "held_on", payload, errors)
    if get["evaluation"]:
        payload["evaluation"] = get["evaluation"]
    return payload, errors


def prefixed_errors(details, prefix: str, known_fields: tuple[str, ...]) -> dict:
    """A service's errors on a prefixed form (course_id's error is about the theme, the form's only choice)."""
    if isinstance(details, dict):
        details = {f"{prefix}-{'theme' if name == 'course_id' else name}": _flat(messages)
                   for name, messages in details.items()}
    return service_errors(details, tuple(f"{prefix}-{name}" for name in known_fields))


# --- the agency head's decisions from the inbox ---

RISK_DECISIONS = ("accept", "treat")
RISK_DECISION_FIELDS = ("decision", "justification", "valid_until")


def risk_decision_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risks/{id}/decision, errors): accept with a validity, or require treatment."""
    errors: dict[str, list[str]] = {}
    decision = form.get("decision", "")
    justification = form.get("justification", "").strip()
    if decision not in RISK_DECISIONS:
        errors["decision"] = ["err.decision_required"]
    if len(justification) < 10:
        errors["justification"] = ["err.decision_justification"]
    payload = {"decision": decision, "justification": justification}
    raw = form.get("valid_until", "").strip()
    if decision == "accept" and not raw:
        errors["valid_until"] = ["err.valid_until_required"]
    elif raw and decision == "accept":
        parsed = parse_date(raw)
        if parsed is None:
            errors["valid_until"] = ["err.date_invalid"]
        else:
            payload["valid_until"] = parsed
    return payload, errors


def dpia_approval_payload(form: dict) -> dict:
    """The one decision the inbox offers on a DPIA in review: approve it (a note is optional)."""
    return {"decision": "approved", "note": form.get("note", "").strip() or None}


def suffixed(errors: dict, suffix: str) -> dict:
    """One form of many on a page: its fields' ids (and so the summary's links) end with -<suffix>."""
    return {name if name.startswith("_") else f"{name}-{suffix}": messages for name, messages in errors.items()}
