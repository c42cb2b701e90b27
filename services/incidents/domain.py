"""Incident rules as plain functions: kinds, seriousness, escalation, reported times."""
from datetime import datetime

from shared.contracts.incidents import KINDS, SEVERITIES  # noqa: F401  (the vocabulary is the contract's)

# Default category list (configurable per agency in a later issue; ../shared/DOMAIN.md §2).
CATEGORIES = (
    "phishing", "malware_ransomware", "lost_or_stolen_device", "misdirected_email_or_letter",
    "unauthorised_access", "excessive_access_rights", "system_outage", "data_loss",
    "physical_intrusion", "vendor_incident", "other",
)
SERIOUS_SEVERITIES = frozenset({"high", "critical"})


def is_serious(severity: str | None, marked_serious: bool) -> bool:
    """Serious when the severity is high or critical, or a coordinator marked it so."""
    return marked_serious or severity in SERIOUS_SEVERITIES


def escalation_reason(severity: str | None, marked_serious: bool) -> str | None:
    if severity in SERIOUS_SEVERITIES:
        return "severity"
    if marked_serious:
        return "marked_serious"
    return None


def should_escalate(already_escalated: bool, severity: str | None, marked_serious: bool) -> bool:
    """An incident is escalated once, the first time it is serious; never again after."""
    return not already_escalated and is_serious(severity, marked_serious)


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
