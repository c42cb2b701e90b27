"""Notification rules as plain functions: which rule applies, when a task is due, what it says."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.reporting.messages import LANGUAGES, label

DEFAULT_AGENCY = "*"  # rules and contacts that apply to every agency without its own


COORDINATOR_ROLES = ("pko", "isk")


@dataclass(frozen=True)
class Rule:
    recipient_role: str
    conditions: dict
    channel: str = "manual"
    due_field: str | None = None
    due_hours: float | None = None
    template: str | None = None
    reminder_hours: tuple = ()
    overdue_roles: tuple = ()


def matches(conditions: dict, facts: dict) -> bool:
    """Every condition is an exact match on a fact of the event (kind, severity, agency, ...)."""
    return all(facts.get(key) == expected for key, expected in conditions.items())


def rules_in_force(agency_rules: list, default_rules: list) -> list:
    """An agency that has rules of its own for an event replaces the defaults for it."""
    return agency_rules or default_rules


def recipients(rules: list[Rule], facts: dict) -> list[Rule]:
    """The matching rules, one per recipient role (the first rule for a role wins)."""
    chosen: dict[str, Rule] = {}
    for rule in rules:
        if rule.recipient_role not in chosen and matches(rule.conditions, facts):
            chosen[rule.recipient_role] = rule
    return list(chosen.values())


def due_time(rule: Rule, facts: dict) -> datetime | None:
    """Due `due_hours` after the event's `due_field` (e.g. aware_at + 72 h for Datatilsynet)."""
    if rule.due_field is None or rule.due_hours is None:
        return None
    start = facts.get(rule.due_field)
    if not isinstance(start, datetime):
        return None
    return start + timedelta(hours=rule.due_hours)


def reminder_times(rule: Rule, facts: dict, now: datetime) -> list[tuple[int, datetime]]:
    """Numbered reminder times, `reminder_hours` after the rule's `due_field`, leaving out those already past."""
    start = facts.get(rule.due_field) if rule.due_field else None
    if not isinstance(start, datetime):
        return []
    times = [(number, start + timedelta(hours=hours))
             for number, hours in enumerate(sorted(rule.reminder_hours), start=1)]
    return [(number, at) for number, at in times if at > now]


def coordinator_for(facts: dict) -> str:
    """Who handles the case: the privacy coordinator when personal data are involved (always, for a
    DPIA), else the ISK."""
    return "pko" if facts.get("personal_data_involved") or facts.get("dpia_id") else "isk"


def is_overdue(status: str, due_at: datetime | None, now: datetime) -> bool:
    return status == "open" and due_at is not None and now > due_at


def hours_left(due_at: datetime | None, now: datetime) -> float | None:
    return None if due_at is None else max((due_at - now).total_seconds() / 3600, 0.0)


def sees_every_task(roles) -> bool:
    """Coordinators, auditors and admins see every task of their agency; others their own role's inbox."""
    return bool(set(roles) & {"pko", "isk", "auditor", "admin", "central"})


def as_json_facts(data: dict) -> dict:
    """Event data as stored with a task: times as ISO 8601 text, everything else as it came."""
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in data.items()}


# Why a risk's decision task was closed, as the completion note (bokmål / English).
RESOLUTION_NOTES = {
    "residual_acceptable": "Risikoen er innenfor akseptkriteriene / The risk is within the acceptance criteria",
    "risk_closed": "Risikoen er lukket / The risk was closed",
}


def acceptance_note(justification: str) -> str:
    return f"Akseptert av virksomhetsleder / Accepted by the agency head: {justification}"


def treatment_note(justification: str) -> str:
    return f"Tiltak besluttet / Treatment decided: {justification}"


def resolution_note(resolution: str) -> str:
    """An unknown resolution (added to the contract later) is shown as it is."""
    return RESOLUTION_NOTES.get(resolution, resolution)


def consultation_note(outcome: str, reference: str | None) -> str:
    """Datatilsynet's answer to a prior consultation, in both languages, with its case number if any."""
    nb, en = (label(outcome, "consultation_outcome", language) for language in LANGUAGES)
    case = f" ({reference})" if reference else ""
    return f"Forhåndsdrøftelse avsluttet: {nb} / Prior consultation concluded: {en}{case}"
