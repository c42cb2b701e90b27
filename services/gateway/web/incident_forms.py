"""The incident forms: an employee's report, the coordinator's assessment and case work, and the
breach work (ENISA assessment, decision, notification to Datatilsynet, communication to the data subjects).

The choices come from the incidents service's own domain modules, so a form never offers what the
service would refuse.
"""
from services.gateway.web.forms import (flat_messages, one_of, optional_date, parse_local_time, prefixed_values,
                                        service_errors, whole_number)
from services.gateway.web.i18n import N_
from services.incidents import breach, duty
from shared.contracts.incidents import AUTHORITY_DUTIES, SEVERITIES, SUBJECT_DUTIES

YES_NO_UNKNOWN = ("yes", "no", "unknown")


def report_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents, errors by field as translation keys)."""
    errors: dict[str, list[str]] = {}
    title = form.get("title", "").strip()
    description = form.get("description", "").strip()
    category = form.get("category", "").strip()
    personal = form.get("personal_data", "")
    if len(title) < 3:
        errors["title"] = [N_("err.title_required")]
    if not description:
        errors["description"] = [N_("err.description_required")]
    if not category:
        errors["category"] = [N_("err.category_required")]
    times = {}
    for name, missing in (("occurred_at", N_("err.occurred_required")), ("aware_at", N_("err.aware_required"))):
        raw = form.get(name, "").strip()
        parsed = parse_local_time(raw)
        if not raw:
            errors[name] = [missing]
        elif parsed is None:
            errors[name] = [N_("err.datetime_invalid")]
        else:
            times[name] = parsed.isoformat().replace("+00:00", "Z")
    if personal not in YES_NO_UNKNOWN:
        errors["personal_data"] = [N_("err.personal_data_required")]
    payload = {
        "title": title,
        "description": description,
        # yes: a possible personal-data breach for the PKO; unsure: the coordinator's assessment decides
        "kind": "personal_data_breach" if personal == "yes" else "deviation",
        "category": category,
        **times,
    }
    unit = form.get("reporting_unit", "").strip()
    if unit:
        payload["reporting_unit"] = unit
    done = form.get("action_taken", "").strip()
    if done:  # what the reporter did right away: a field of its own, the draft to Datatilsynet's "measures"
        payload["actions_taken"] = done
    if len(done) > ACTIONS_TAKEN_MAX:
        errors["action_taken"] = [N_("err.text_too_long")]
    return payload, errors


# the report form's field for what was done (action_taken) is the service's actions_taken
REPORT_FIELDS = ("title", "description", "category", "occurred_at", "aware_at", "personal_data", "action_taken",
                 "reporting_unit")
ACTIONS_TAKEN_MAX = 5_000


def report_errors(details) -> dict:
    """The service's refusals of a report, beside the form's fields."""
    if isinstance(details, dict) and "actions_taken" in details:
        details = {("action_taken" if name == "actions_taken" else name): messages
                   for name, messages in details.items()}
    return service_errors(details, REPORT_FIELDS)


def assessment_payload(form: dict) -> tuple[dict, dict]:
    errors: dict[str, list[str]] = {}
    severity = form.get("severity", "")
    personal = form.get("personal_data_involved", "")
    if severity not in SEVERITIES:
        errors["severity"] = [N_("err.severity_required")]
    if personal not in ("yes", "no"):
        errors["personal_data_involved"] = [N_("err.personal_data_required")]
    payload = {"severity": severity, "personal_data_involved": personal == "yes",
               "marked_serious": form.get("marked_serious") == "on",
               "rationale": form.get("rationale", "").strip() or None}
    return payload, errors


# --- the coordinator's case work: several forms on one page, so each form's fields carry a prefix ---

MEASURE_KINDS = ("containment", "corrective", "preventive")
MEASURE_STATUSES = ("planned", "in_progress", "done", "cancelled")
HANDLER_ROLES = ("pko", "isk")
CASE_FIELDS = ("transition-status", "transition-note", "handler-handler", "handler-role", "note-text",
               "measure-title", "measure-kind", "measure-owner", "measure-due_date", "close-root_cause",
               "close-lessons_learned", "reopen-reason")


def _required_text(values: dict, prefix: str, name: str, errors: dict, minimum: int = 1,
                   message: str = N_("err.text_required")) -> None:
    if len(values[name]) < minimum:
        errors[f"{prefix}-{name}"] = [message]


def transition_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/status, errors): a rejection must say why."""
    values, errors = prefixed_values(form, "transition", ("status", "note")), {}
    if not values["status"]:
        errors["transition-status"] = [N_("err.status_required")]
    if values["status"] == "rejected" and len(values["note"]) < 3:
        errors["transition-note"] = [N_("err.rejection_reason")]
    return {"status": values["status"], "note": values["note"] or None}, errors


def handler_payload(form: dict) -> tuple[dict, dict]:
    """(payload for PUT /incidents/{id}/handler, errors)."""
    values, errors = prefixed_values(form, "handler", ("handler", "role")), {}
    _required_text(values, "handler", "handler", errors, message=N_("err.handler_required"))
    if values["role"] not in HANDLER_ROLES:
        errors["handler-role"] = [N_("err.handler_role_required")]
    return values, errors


def note_payload(form: dict) -> tuple[dict, dict]:
    values, errors = prefixed_values(form, "note", ("text",)), {}
    _required_text(values, "note", "text", errors)
    return values, errors


def measure_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/measures, errors); the due date is optional."""
    values, errors = prefixed_values(form, "measure", ("title", "kind", "owner", "due_date")), {}
    _required_text(values, "measure", "title", errors, 3, N_("err.name_required"))
    _required_text(values, "measure", "owner", errors, message=N_("err.owner_required"))
    if values["kind"] not in MEASURE_KINDS:
        errors["measure-kind"] = [N_("err.measure_kind_required")]
    payload = {"title": values["title"], "kind": values["kind"], "owner": values["owner"]}
    if values["due_date"]:
        payload["due_date"] = optional_date(form, "measure-due_date", errors)
    return payload, errors


def measure_status_payload(form: dict) -> tuple[dict, dict]:
    """(payload for PATCH /incidents/{id}/measures/{measure_id}): the one thing a row's form changes."""
    return one_of(form, "status", MEASURE_STATUSES)


def close_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/close, errors): the root cause and what was learned."""
    values, errors = prefixed_values(form, "close", ("root_cause", "lessons_learned")), {}
    _required_text(values, "close", "root_cause", errors, 3)
    _required_text(values, "close", "lessons_learned", errors, 3)
    return values, errors


def reopen_payload(form: dict) -> tuple[dict, dict]:
    values, errors = prefixed_values(form, "reopen", ("reason",)), {}
    _required_text(values, "reopen", "reason", errors, 3)
    return values, errors


# --- a personal data breach: the ENISA assessment, the decision, the notification and the communication ---

DATA_TYPES = tuple(breach.DATA_TYPE_BASE_SCORE)
EASE_OF_IDENTIFICATION = tuple(breach.EASE_OF_IDENTIFICATION)
CB_LEVELS = {f"{level:g}": level for level in breach.CB_LEVELS}  # "0", "0.25", "0.5"
AUTHORITY_DECISIONS = AUTHORITY_DUTIES
SUBJECT_DECISIONS = SUBJECT_DUTIES
SUBJECT_EXEMPTIONS = duty.SUBJECT_EXEMPTIONS
AUTHORITY_CHANNELS = duty.AUTHORITY_CHANNELS
SUBJECT_CHANNELS = duty.SUBJECT_CHANNELS
PHASES = duty.PHASES
BREACH_FIELDS = ("breach-data_types", "breach-ease_of_identification", "breach-confidentiality", "breach-integrity",
                 "breach-availability", "breach-malicious", "breach-data_subjects", "breach-unintelligible",
                 "breach-vulnerable_subjects", "breach-recipients_trusted", "breach-dpc", "breach-dpc_justification",
                 "decision-notify_authority", "decision-notify_data_subjects", "decision-subject_exemption",
                 "decision-justification", "notification-phase", "notification-submitted_at", "notification-channel",
                 "notification-reference", "notification-delay_reason", "notification-summary",
                 "communication-channel", "communication-communicated_at", "communication-subjects_reached",
                 "communication-summary")
# a nested error of the service (cb.confidentiality) → the form's field
_BREACH_NESTED = {"cb": "breach"}


def _yes_no(form: dict, name: str, errors: dict) -> bool | None:
    value = form.get(name, "")
    if value not in ("yes", "no"):
        errors[name] = [N_("err.yes_no_required")]
        return None
    return value == "yes"


def breach_assessment_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/breach-assessment, errors): ENISA's inputs (ENISA 2013, docs/domain/sources.md).
    Each type of data is a checkbox of its own (breach-data_types-<type>), as every checkbox in the pages."""
    errors: dict[str, list[str]] = {}
    chosen = [t for t in DATA_TYPES if form.get(f"breach-data_types-{t}") == "on"]
    if not chosen:
        errors["breach-data_types"] = [N_("err.data_types_required")]
    ease = form.get("breach-ease_of_identification", "")
    if ease not in EASE_OF_IDENTIFICATION:
        errors["breach-ease_of_identification"] = [N_("err.choice_required")]
    cb = {}
    for name in ("confidentiality", "integrity", "availability"):
        level = form.get(f"breach-{name}", "")
        if level not in CB_LEVELS:
            errors[f"breach-{name}"] = [N_("err.choice_required")]
        else:
            cb[name] = CB_LEVELS[level]
    cb["malicious"] = _yes_no(form, "breach-malicious", errors)
    payload = {"data_types": chosen, "ease_of_identification": ease, "cb": cb,
               "data_subjects": whole_number(form, "breach-data_subjects", errors, required=True),
               "unintelligible": _yes_no(form, "breach-unintelligible", errors),
               "vulnerable_subjects": _yes_no(form, "breach-vulnerable_subjects", errors),
               "recipients_trusted": form.get("breach-recipients_trusted") == "on"}
    dpc = form.get("breach-dpc", "").strip()
    if dpc:  # empty: the data types' base score applies
        payload["dpc"] = whole_number(form, "breach-dpc", errors)
        payload["dpc_justification"] = form.get("breach-dpc_justification", "").strip() or None
    return payload, errors


def breach_decision_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/breach-decision, errors): an exemption names its art. 34(3) ground."""
    values = prefixed_values(form, "decision", ("notify_authority", "notify_data_subjects", "subject_exemption",
                                        "justification"))
    errors: dict[str, list[str]] = {}
    if values["notify_authority"] not in AUTHORITY_DECISIONS:
        errors["decision-notify_authority"] = [N_("err.choice_required")]
    if values["notify_data_subjects"] not in SUBJECT_DECISIONS:
        errors["decision-notify_data_subjects"] = [N_("err.choice_required")]
    exempt = values["notify_data_subjects"] == "exempt"
    if exempt and values["subject_exemption"] not in SUBJECT_EXEMPTIONS:
        errors["decision-subject_exemption"] = [N_("err.exemption_required")]
    return {"notify_authority": values["notify_authority"], "notify_data_subjects": values["notify_data_subjects"],
            "subject_exemption": values["subject_exemption"] if exempt else None,
            "justification": values["justification"] or None}, errors


def _moment(form: dict, name: str, errors: dict) -> str | None:
    """An optional time field (empty: now, as the API's default)."""
    raw = form.get(name, "").strip()
    if not raw:
        return None
    parsed = parse_local_time(raw)
    if parsed is None:
        errors[name] = [N_("err.datetime_invalid")]
        return None
    return parsed.isoformat().replace("+00:00", "Z")


def authority_notification_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/authority-notifications, errors): what was sent to Datatilsynet."""
    values = prefixed_values(form, "notification", ("phase", "channel", "reference", "delay_reason", "summary"))
    errors: dict[str, list[str]] = {}
    if values["phase"] not in PHASES:
        errors["notification-phase"] = [N_("err.choice_required")]
    if values["channel"] not in AUTHORITY_CHANNELS:
        errors["notification-channel"] = [N_("err.choice_required")]
    payload = {"phase": values["phase"], "channel": values["channel"],
               "phased": form.get("notification-phased") == "on",
               "submitted_at": _moment(form, "notification-submitted_at", errors),
               **{name: values[name] or None for name in ("reference", "delay_reason", "summary")}}
    return payload, errors


def subject_communication_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /incidents/{id}/subject-communications, errors): how the data subjects were told."""
    errors: dict[str, list[str]] = {}
    channel = form.get("communication-channel", "")
    if channel not in SUBJECT_CHANNELS:
        errors["communication-channel"] = [N_("err.choice_required")]
    return {"channel": channel,
            "communicated_at": _moment(form, "communication-communicated_at", errors),
            "subjects_reached": whole_number(form, "communication-subjects_reached", errors),
            "summary": form.get("communication-summary", "").strip() or None}, errors


def prefixed_service_errors(details, prefix: str, known_fields: tuple[str, ...]) -> dict:
    """A service's errors on one prefixed form; a nested error (cb.integrity) goes to its own field."""
    flat: dict = {}
    if isinstance(details, dict):
        for name, messages in details.items():
            if isinstance(messages, dict) and name in _BREACH_NESTED:
                for inner, inner_messages in messages.items():
                    flat[f"{_BREACH_NESTED[name]}-{inner}"] = flat_messages(inner_messages)
            else:
                flat[f"{prefix}-{name}"] = flat_messages(messages)
        details = flat
    return service_errors(details, known_fields)
