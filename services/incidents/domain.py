"""Incident rules as plain functions: kinds, seriousness, escalation, reported times."""
from datetime import datetime

from shared.contracts.incidents import KINDS, SEVERITIES  # noqa: F401  (the vocabulary is the contract's)

# the incident list's orders: the latest reported first, or the nearest 72-hour deadline first
LIST_ORDERS = ("newest", "deadline")

# Default category list; a deployment replaces it with INCIDENT_CATEGORIES in its configuration.
CATEGORIES = (
    "phishing", "malware_ransomware", "lost_or_stolen_device", "misdirected_email_or_letter",
    "unauthorised_access", "excessive_access_rights", "system_outage", "data_loss",
    "physical_intrusion", "vendor_incident", "other",
)
DATA_SUBJECT_CATEGORIES = (
    "employees", "applicants", "pupils_students", "children", "patients_clients", "residents",
    "relatives", "business_contacts", "other",
)
# Categories of personal data; national_id is fødselsnummer, child_welfare is barnevern.
PERSONAL_DATA_CATEGORIES = (
    "identity_contact", "national_id", "financial", "health", "special_category", "criminal_offences",
    "child_welfare", "location", "communication_content", "credentials", "other",
)
# One ladder for the incident scale and the ENISA breach scale: very_high ranks with critical.
SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3, "very_high": 3}
SERIOUS_RANK = SEVERITY_RANK["high"]
INCIDENT_SCALE = SEVERITIES  # lowest first: a rank is an index into it


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


def report_time_problems(occurred_at: datetime, aware_at: datetime, now: datetime,
                         detected_at: datetime | None = None) -> dict:
    """Field -> messages for times that cannot be right; empty when they are consistent."""
    problems: dict[str, list[str]] = {}
    for field, value in (("occurred_at", occurred_at), ("detected_at", detected_at), ("aware_at", aware_at)):
        if value is not None and value > now:
            problems.setdefault(field, []).append("Cannot be in the future / Kan ikke være fram i tid.")
    if aware_at < occurred_at:
        problems.setdefault("aware_at", []).append(
            "Cannot be before occurred_at / Kan ikke være før hendelsen skjedde.")
    for field, messages in detection_time_problems(occurred_at, detected_at, aware_at).items():
        problems.setdefault(field, []).extend(messages)
    return problems


# Security severity for incidents without personal data (docs/domain/incidents.md: "Security severity").
# The highest of the confidentiality, integrity and availability impacts, raised one step when
# the incident reaches the whole agency or beyond, lowered one when it touched one person only.
IMPACT_LEVELS = ("none", "low", "medium", "high")
SCOPES = ("individual", "unit", "agency", "several_agencies")
_SEVERITY_BY_IMPACT = {"none": 0, "low": 0, "medium": 1, "high": 2}
_SCOPE_ADJUSTMENT = {"individual": -1, "unit": 0, "agency": 1, "several_agencies": 1}


def security_severity(confidentiality: str | None, integrity: str | None, availability: str | None,
                      scope: str | None) -> str | None:
    """low | medium | high | critical from C/I/A impact and scope; None until all four are known."""
    if None in (confidentiality, integrity, availability, scope):
        return None
    impacts = (confidentiality, integrity, availability)
    if all(level == "none" for level in impacts):
        return "low"
    base = max(_SEVERITY_BY_IMPACT[level] for level in impacts)
    rank = min(max(base + _SCOPE_ADJUSTMENT[scope], 0), len(INCIDENT_SCALE) - 1)
    return INCIDENT_SCALE[rank]


def detection_time_problems(occurred_at: datetime, detected_at: datetime | None, aware_at: datetime) -> dict:
    """Detection lies between occurrence and awareness: occurred <= detected <= aware."""
    problems: dict[str, list[str]] = {}
    if detected_at is None:
        return problems
    if detected_at < occurred_at:
        problems["detected_at"] = ["Cannot be before occurred_at / Kan ikke være før hendelsen skjedde."]
    elif detected_at > aware_at:
        problems["detected_at"] = ["Cannot be after aware_at / Kan ikke være etter at virksomheten fikk kjennskap."]
    return problems
