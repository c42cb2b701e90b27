"""Incident rules as plain functions: kinds, seriousness, escalation, reported times."""
from datetime import datetime

from shared.contracts.incidents import KINDS, SEVERITIES  # noqa: F401  (the vocabulary is the contract's)

# Default category list (configurable per agency in a later issue; ../shared/DOMAIN.md §2).
CATEGORIES = (
    "phishing", "malware_ransomware", "lost_or_stolen_device", "misdirected_email_or_letter",
    "unauthorised_access", "excessive_access_rights", "system_outage", "data_loss",
    "physical_intrusion", "vendor_incident", "other",
)
# One ladder for the incident scale and the ENISA breach scale: very_high ranks with critical.
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3, "very_high": 3}
SERIOUS_RANK = SEVERITY_RANK["high"]
INCIDENT_SCALE = ("low", "medium", "high", "critical")


def severity_rank(severity: str | None, breach_severity: str | None = None) -> int:
    return max(SEVERITY_RANK.get(severity, -1), SEVERITY_RANK.get(breach_severity, -1))


def effective_severity(severity: str | None, breach_severity: str | None = None) -> str | None:
    """The higher of the two assessments, on the incident scale (low..critical)."""
    rank = severity_rank(severity, breach_severity)
    return INCIDENT_SCALE[rank] if rank >= 0 else None


def is_serious(severity: str | None, marked_serious: bool, breach_severity: str | None = None) -> bool:
    """Serious when high, very high or critical, or when a coordinator marked it so."""
    return marked_serious or severity_rank(severity, breach_severity) >= SERIOUS_RANK


def escalation_rank(severity: str | None, marked_serious: bool, breach_severity: str | None = None) -> int:
    rank = severity_rank(severity, breach_severity)
    return max(rank, SERIOUS_RANK) if marked_serious else rank


def escalation_reason(severity: str | None, marked_serious: bool, breach_severity: str | None = None) -> str | None:
    if SEVERITY_RANK.get(severity, -1) >= SERIOUS_RANK:
        return "severity"
    if SEVERITY_RANK.get(breach_severity, -1) >= SERIOUS_RANK:
        return "breach_severity"
    if marked_serious:
        return "marked_serious"
    return None


def should_escalate(escalated_rank: int | None, severity: str | None, marked_serious: bool,
                    breach_severity: str | None = None) -> bool:
    """Escalate the first time an incident is serious, and again only when its severity rises."""
    if not is_serious(severity, marked_serious, breach_severity):
        return False
    return escalated_rank is None or escalation_rank(severity, marked_serious, breach_severity) > escalated_rank


def involves_personal_data(kind: str, assessed_involvement: bool) -> bool:
    """A personal-data breach always involves personal data, whatever the assessment says."""
    return kind == "personal_data_breach" or assessed_involvement


def report_time_problems(occurred_at: datetime, aware_at: datetime, now: datetime) -> dict:
    """Field -> messages for times that cannot be right; empty when they are consistent."""
    problems: dict[str, list[str]] = {}
    if occurred_at > now:
        problems.setdefault("occurred_at", []).append("Cannot be in the future / Kan ikke være fram i tid.")
    if aware_at > now:
        problems.setdefault("aware_at", []).append("Cannot be in the future / Kan ikke være fram i tid.")
    if aware_at < occurred_at:
        problems.setdefault("aware_at", []).append(
            "Cannot be before occurred_at / Kan ikke være før hendelsen skjedde.")
    return problems
