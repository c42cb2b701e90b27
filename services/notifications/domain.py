"""Notification rules as plain functions: which rule applies, when a task is due, what it says."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from services.notifications.messages import LANGUAGES, label
from shared.clock import OSLO

DEFAULT_AGENCY = "*"  # rules and contacts that apply to every agency without its own


COORDINATOR_ROLES = ("pko", "isk")


# What a task asks of its recipient, which decides how it may be completed (completion_problem):
# acknowledge: confirm being informed (the addressee, or a coordinator on their behalf with a note);
# notify_authority: done only when the notification to Datatilsynet is recorded in the incidents service;
# decide: done by the decision itself (the agency head's on an unacceptable risk);
# triage: assess a reported breach (done by the breach assessment, or by hand);
# follow_up: a coordinator's follow-up (overdue, failed delivery, a recipient's question);
# carry_out: a measure's owner carries it out (done when the measure is closed where it lives).
ACTIONS = ("acknowledge", "notify_authority", "decide", "triage", "follow_up", "carry_out")
DONE_ELSEWHERE = {
    "notify_authority": "Record the notification sent to Datatilsynet (Altinn reference or channel) on the "
                        "incident's breach page, or a decision that it is not notifiable / Registrer meldingen "
                        "til Datatilsynet (Altinn-referanse eller kanal) på bruddsiden, eller en beslutning om at "
                        "bruddet ikke skal meldes",
    "decide": "The agency head decides on the risk (accept or treat) on the risk's page / "
              "Virksomhetsleder beslutter på risikosiden (aksepter eller behandle)",
    "carry_out": "Done when the measure is closed: the owner reports it done with the link in the message, or "
                 "the coordinator closes the measure / Utført når tiltaket avsluttes: eieren melder det "
                 "gjennomført med lenken i meldingen, eller koordinator avslutter tiltaket",
}
ON_BEHALF_ROLES = frozenset({"pko", "isk", "admin"})

# One ladder for the incident scale and ENISA's bands: very_high ranks with critical.
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3, "very_high": 3}
# Conditions that compare rather than match: name -> test of (expected, facts).
COMPARISONS = {
    "severity_at_least": lambda expected, facts: max(
        SEVERITY_RANK.get(facts.get("severity"), -1), SEVERITY_RANK.get(facts.get("breach_severity"), -1))
    >= SEVERITY_RANK[expected],
}


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
    action: str | None = None


def matches(conditions: dict, facts: dict) -> bool:
    """Every condition holds: an exact match on a fact of the event (kind, category, personal_data_involved,
    notify_authority, ...), or a comparison (`severity_at_least`: the incident's severity or the ENISA band
    of the breach, whichever is higher, is at least the one named)."""
    return all(COMPARISONS[key](expected, facts) if key in COMPARISONS else facts.get(key) == expected
               for key, expected in conditions.items())


def default_action(recipient_role: str, subject_type: str) -> str:
    """What a rule's task asks when the rule does not say: Datatilsynet's incident task is the notification
    itself, the agency head's risk task the decision; everything else is to be acknowledged."""
    if recipient_role == "datatilsynet" and subject_type == "incident":
        return "notify_authority"
    if recipient_role == "leader" and subject_type == "risk":
        return "decide"
    return "acknowledge"


def completion_problem(action: str, recipient_role: str, roles, note: str | None) -> tuple[str, str] | None:
    """Why a caller may not mark a task done by hand: (kind, message), kind `conflict` (the task is done
    elsewhere) or `note` (a coordinator acknowledging for someone else must say how they were told)."""
    if action in DONE_ELSEWHERE:
        return "conflict", DONE_ELSEWHERE[action]
    if action == "acknowledge" and recipient_role not in roles:
        if not ON_BEHALF_ROLES & set(roles):
            return "conflict", ("Only the recipient confirms this task / Bare mottakeren kan bekrefte oppgaven")
        if not (note or "").strip():
            return "note", ("Say how the recipient was informed when you confirm on their behalf / "
                            "Skriv hvordan mottakeren ble orientert når du bekrefter på deres vegne")
    return None


# The facts of a case whose change a recipient is told of, in the order they are told.
CHANGE_FIELDS = ("kind", "category", "severity", "breach_severity", "personal_data_involved",
                 "approx_data_subjects", "risk", "notify_authority")


def changes(before: dict, after: dict) -> list[dict]:
    """What changed between two versions of a case's facts, from -> to; a fact the newer event does not
    carry is not a change."""
    return [{"field": field, "before": before.get(field), "after": after[field]}
            for field in CHANGE_FIELDS if field in after and before.get(field) != after[field]]


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


def measure_due(due_date: date) -> dict:
    """When a measure's owner task is due: at the end of its due date as the agency counts days (Oslo), and
    a week before, which the default rules count the reminders from (7 days and 1 day before)."""
    end = datetime.combine(due_date + timedelta(days=1), time(0), OSLO).astimezone(timezone.utc)
    return {"due_at": end, "week_before_due_at": end - timedelta(days=7)}


# Why an owner's task closed without the measure being done: the measure got another owner.
REASSIGNED = "reassigned"
REASSIGNED_NOTE = "Tiltaket har fått en annen eier / The measure has another owner"


def measure_closed_note(status: str) -> str:
    nb, en = (label(status, "measure_status", language) for language in LANGUAGES)
    return f"Tiltaket er avsluttet ({nb}) / The measure was closed ({en})"


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
    """Event data as stored with a task: times and dates as ISO 8601 text, everything else as it came."""
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in data.items()}


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


# Why a task was closed by a later fact rather than done by its recipient: the coordinator decided the
# breach is not notifiable. Such a task re-opens when the duty is back (reopens).
NOT_REQUIRED = "not_required"


def reopens(status: str, closed_reason: str | None, facts: dict) -> bool:
    """A task closed because the duty fell away re-opens when the newer facts say notify again."""
    return status == "completed" and closed_reason == NOT_REQUIRED and facts.get("notify_authority") == "required"


def not_required_note(justification: str | None) -> str:
    """Why Datatilsynet's task closed: the coordinator's documented decision (art. 33(5))."""
    why = f": {justification}" if justification else ""
    return (f"Ikke meldepliktig etter koordinators beslutning (art. 33 nr. 5){why} / "
            f"Not notifiable by the coordinator's decision (art. 33(5)){why}")


def consultation_note(outcome: str, reference: str | None) -> str:
    """Datatilsynet's answer to a prior consultation, in both languages, with its case number if any."""
    nb, en = (label(outcome, "consultation_outcome", language) for language in LANGUAGES)
    case = f" ({reference})" if reference else ""
    return f"Forhåndsdrøftelse avsluttet: {nb} / Prior consultation concluded: {en}{case}"


AGENCY_RULE_EDITORS = frozenset({"pko", "isk", "admin"})


def rule_editing_problem(roles, own_agency: str, agency: str) -> str | None:
    """Why a caller may not change `agency`'s routing rules, or None: an agency's rules are its own
    admin's and coordinators'; the defaults (`*`) apply to every agency and are the operator's."""
    if agency == DEFAULT_AGENCY:
        return None if "operator" in roles else (
            "Only the operator changes the municipality's default rules / "
            "Bare driftsoperatøren kan endre kommunens standardregler")
    if agency != own_agency:
        return ("Routing rules can be changed only by the agency's own admin or coordinators / "
                "Varslingsregler kan bare endres av virksomhetens egen administrator eller koordinatorer")
    if not AGENCY_RULE_EDITORS & set(roles):
        return ("Only the agency's admin or coordinators change its routing rules / "
                "Bare virksomhetens administrator eller koordinatorer kan endre varslingsreglene")
    return None
