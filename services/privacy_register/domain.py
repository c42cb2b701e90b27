"""Privacy register rules as plain functions: art. 30 completeness, record changes, DPIA risk, agreements."""
from datetime import date

from shared.contracts.privacy_register import RISK_LEVELS

STATUSES = ("draft", "active", "retired")
ARTICLE_6 = ("a", "b", "c", "d", "e", "f")  # art. 6(1)(a)-(f)
ARTICLE_9 = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")  # art. 9(2)(a)-(j)
SPECIAL_CATEGORIES = ("racial_or_ethnic_origin", "political_opinions", "religious_or_philosophical_beliefs",
                      "trade_union_membership", "genetic", "biometric", "health", "sex_life_or_orientation")
SAFEGUARDS = ("adequacy_decision", "standard_contractual_clauses", "binding_corporate_rules", "code_or_certification",
              "derogation_art_49")
OWNER_ROLES = ("system_owner", "process_owner")

# Art. 30(1): what must always be there, and what "where possible" asks for.
MANDATORY = (("controller", "30(1)(a)"), ("purposes", "30(1)(b)"), ("data_subject_categories", "30(1)(c)"),
             ("personal_data_categories", "30(1)(c)"), ("recipients", "30(1)(d)"),
             ("third_country_transfers", "30(1)(e)"))
WHERE_POSSIBLE = (("retention", "30(1)(f)"), ("security_measures", "30(1)(g)"))

# The overall privacy assessment (overordnet vurdering av personvern), Oslo kommune's register fields.
ASPECTS = ("lawfulness", "purpose_limitation", "data_minimisation", "storage_limitation",
           "information_to_data_subjects", "data_subject_rights", "access_control")
ASPECT_STATUSES = ("ok", "partly", "not_ok", "not_assessed")

DPIA_TRANSITIONS = {
    "draft": ("in_review",),
    "in_review": ("approved", "rejected", "draft"),
    "rejected": ("draft",),
    "approved": ("draft",),  # revised, e.g. when outdated (art. 35(11))
}
AGREEMENT_STATUSES = ("draft", "signed", "terminated")
EXPIRY_WARNING_DAYS = 60


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def missing_fields(record: dict) -> list[dict]:
    """The mandatory art. 30(1) fields not filled in; an empty list means the entry is complete."""
    missing = [{"field": field, "article": article} for field, article in MANDATORY if _blank(record.get(field))]
    if record.get("third_country_transfers") and not record.get("transfers"):
        missing.append({"field": "transfers", "article": "30(1)(e)"})
    return missing


def recommended_missing(record: dict) -> list[dict]:
    return [{"field": field, "article": article} for field, article in WHERE_POSSIBLE if _blank(record.get(field))]


def changes(before: dict, after: dict) -> dict:
    """Each field whose value differs, with its value before and after."""
    return {field: {"before": before.get(field), "after": after.get(field)}
            for field in sorted(set(before) | set(after)) if before.get(field) != after.get(field)}


def has_special_categories(record: dict) -> bool:
    return bool(record.get("special_categories")) or bool(record.get("criminal_offence_data"))


def dpia_risk_level(likelihood: int, severity: int) -> str:
    """On the four-step scales of the CNIL method: high when both are significant or worse, low when
    both are at most limited, otherwise medium."""
    if likelihood >= 3 and severity >= 3:
        return "high"
    if likelihood <= 2 and severity <= 2:
        return "low"
    return "medium"


def residual_risk(risks: list[dict]) -> str | None:
    """The highest residual level of the DPIA's risks (a residual rating not given is the inherent one)."""
    levels = [dpia_risk_level(r.get("residual_likelihood") or r["likelihood"],
                              r.get("residual_severity") or r["severity"]) for r in risks]
    return max(levels, key=RISK_LEVELS.index) if levels else None


def can_move(status: str, target: str) -> bool:
    return target in DPIA_TRANSITIONS.get(status, ())


def agreement_valid(status: str, expires_on: date | None, today: date) -> bool:
    return status == "signed" and (expires_on is None or expires_on >= today)


def processors_without_agreement(processing_id: str, processors: list[str], agreements, today: date) -> list[str]:
    """Processors the processing uses that have no valid agreement covering it (`agreements`: rows with
    processor, processing_ids, status, expires_on)."""
    covered = {a.processor.casefold() for a in agreements
               if processing_id in (a.processing_ids or []) and agreement_valid(a.status, a.expires_on, today)}
    return [name for name in processors if name.casefold() not in covered]


def expiry_due(expires_on: date | None, today: date) -> bool:
    return expires_on is not None and (expires_on - today).days <= EXPIRY_WARNING_DAYS
