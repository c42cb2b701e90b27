"""Routing rules (who is told what): a rule's form, its conditions as lines of name=value, and the
list of the agency's own rules and the municipality's defaults."""
from services.gateway.web.forms import lines
from services.gateway.web.i18n import N_
from services.notifications import domain
from services.notifications.schemas import DUE_FIELDS, ROUTABLE_EVENTS, RULE_CHANNELS
from shared.contracts.notifications import RECIPIENT_ROLES

EVENTS = ROUTABLE_EVENTS
ROLES = RECIPIENT_ROLES
CHANNELS = RULE_CHANNELS
TIMES = DUE_FIELDS
ACTIONS = domain.ACTIONS
DEFAULT_AGENCY = domain.DEFAULT_AGENCY
FIELDS = ("event_type", "conditions", "recipient_role", "channel", "due_field", "due_hours", "reminder_hours",
          "overdue_roles", "action")


def rule_filters(query: dict) -> dict:
    kept = {}
    if query.get("event_type") in EVENTS:
        kept["event_type"] = query["event_type"]
    if query.get("include_retired") == "true":
        kept["include_retired"] = "true"
    return kept


def conditions_text(conditions: dict | None) -> str:
    return "\n".join(f"{name}={_shown(value)}" for name, value in (conditions or {}).items())


def _shown(value) -> str:
    return "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _value(text: str):
    """A condition's value as the API takes it: true/false a boolean, null none, else the word itself."""
    return {"true": True, "false": False, "null": None}.get(text.lower(), text)


def _hours(text: str) -> float:
    return float(text.replace(",", "."))


def rule_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST or PUT /routing-rules, errors by the form's fields)."""
    errors: dict[str, list[str]] = {}
    get = {name: form.get(name, "").strip() for name in FIELDS}
    conditions = {}
    for line in lines(get["conditions"]):
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            errors["conditions"] = [N_("err.condition_format")]
            break
        conditions[name.strip()] = _value(value.strip())
    payload = {"event_type": get["event_type"], "recipient_role": get["recipient_role"],
               "channel": get["channel"] or "contact", "conditions": conditions,
               "due_field": get["due_field"] or None, "action": get["action"] or None,
               "overdue_roles": [role for role in ROLES if form.get(f"overdue_roles-{role}")]}
    if get["event_type"] not in EVENTS:
        errors["event_type"] = [N_("err.choice_required")]
    if get["recipient_role"] not in ROLES:
        errors["recipient_role"] = [N_("err.choice_required")]
    try:
        payload["due_hours"] = _hours(get["due_hours"]) if get["due_hours"] else None
    except ValueError:
        errors["due_hours"] = [N_("err.number_invalid")]
    try:
        # hours apart by spaces or semicolons; a comma is the decimal mark, as Norwegians write it
        payload["reminder_hours"] = [_hours(item) for item in get["reminder_hours"].replace(";", " ").split()]
    except ValueError:
        errors["reminder_hours"] = [N_("err.number_invalid")]
    return payload, errors


def rule_values(rule: dict) -> dict:
    values = {name: rule.get(name) or "" for name in ("event_type", "recipient_role", "channel", "due_field", "action")}
    values["conditions"] = conditions_text(rule.get("conditions"))
    values["due_hours"] = _number(rule.get("due_hours"))
    values["reminder_hours"] = " ".join(_number(hours) for hours in rule.get("reminder_hours") or [])
    values.update({f"overdue_roles-{role}": "1" for role in rule.get("overdue_roles") or []})
    return values


def _number(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def nested_errors(details) -> dict:
    """The service's errors beside the fields; a condition's own name and message go to the conditions field."""
    errors: dict[str, list[str]] = {}
    if not isinstance(details, dict):
        return {"_form": [str(details)]} if details else {}
    for name, messages in details.items():
        target = name if name in FIELDS else "_form"
        if isinstance(messages, dict):
            flat = [f"{inner}: {' '.join(map(str, value if isinstance(value, list) else [value]))}"
                    for inner, value in messages.items()]
        else:
            flat = [str(m) for m in (messages if isinstance(messages, list) else [messages])]
        errors.setdefault(target, []).extend(flat)
    return errors
