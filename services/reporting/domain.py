"""Notification rules as plain functions: which rule applies, when a task is due, what it says."""
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_AGENCY = "*"  # rules and contacts that apply to every agency without its own


@dataclass(frozen=True)
class Rule:
    recipient_role: str
    conditions: dict
    channel: str = "manual"
    due_field: str | None = None
    due_hours: float | None = None


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


RECIPIENT_ASK = {
    "leader": ("Du er ansvarlig virksomhetsleder og skal holdes orientert.",
               "You are the accountable agency head and are kept informed."),
    "ombud": ("Til orientering for personvernombudet.", "For the data protection officer's information."),
    "central": ("Til orientering for Byrådsavdeling for finans.", "For the central team's information."),
    "parent_department": ("Til orientering for overordnet byrådsavdeling.",
                          "For the parent department's information."),
    "datatilsynet": ("Bruddet skal meldes til Datatilsynet (GDPR art. 33).",
                     "The breach must be notified to Datatilsynet (GDPR art. 33)."),
}


def incident_message(recipient_role: str, facts: dict, due_at: datetime | None) -> tuple[str, str]:
    """Title and body of an escalated incident's notification, in bokmål and English."""
    title = f"Alvorlig hendelse / Serious incident: {facts['title']}"
    ask_nb, ask_en = RECIPIENT_ASK.get(recipient_role, ("", ""))
    lines = [
        f"Virksomhet / Agency: {facts['agency']}",
        f"Type / Kind: {facts['kind']}  Kategori / Category: {facts['category']}",
        f"Alvorlighet / Severity: {facts['severity']}",
        f"Personopplysninger berørt / Personal data involved: {'ja / yes' if facts['personal_data_involved'] else 'nei / no'}",
        f"Oppdaget / Aware at: {facts['aware_at'].isoformat()}",
        ask_nb,
        ask_en,
    ]
    if due_at is not None:
        lines.append(f"Frist / Due: {due_at.isoformat()}")
    return title, "\n".join(line for line in lines if line)
