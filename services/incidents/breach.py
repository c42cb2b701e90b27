"""Personal-data breach severity (ENISA 2013) and Vern's notification recommendations.

ENISA scores severity only: SE = DPC x EI + CB. Whether Datatilsynet (GDPR art. 33)
and the data subjects (art. 34) must be told also depends on the likelihood of
harm (EDPB Guidelines 9/2022): unintelligible data, a trusted recipient. The
rules below that turn score and facts into recommendations are Vern's own; the
README states them with worked examples.
"""
from dataclasses import dataclass, field

DATA_TYPE_BASE_SCORE = {"simple": 1, "behavioural": 2, "financial": 3, "sensitive": 4}
EASE_OF_IDENTIFICATION = {"negligible": 0.25, "limited": 0.5, "significant": 0.75, "maximum": 1.0}
CB_LEVELS = (0.0, 0.25, 0.5)
MALICIOUS_INTENT = 0.5
SEVERITIES = ("low", "medium", "high", "very_high")
MANY_SUBJECTS = 100  # ENISA's flag: more than 100 individuals


def default_dpc(data_types) -> int:
    """The highest base score among the data types (ENISA 3.1.1)."""
    return max(DATA_TYPE_BASE_SCORE[data_type] for data_type in data_types)


def circumstances(confidentiality: float, integrity: float, availability: float, malicious: bool) -> float:
    """CB: the elements are added (ENISA 3.1.3)."""
    return confidentiality + integrity + availability + (MALICIOUS_INTENT if malicious else 0.0)


def severity_score(dpc: int, ei: float, cb: float) -> float:
    return dpc * ei + cb


def severity_band(score: float) -> str:
    if score < 2:
        return "low"
    if score < 3:
        return "medium"
    if score < 4:
        return "high"
    return "very_high"


@dataclass(frozen=True)
class Recommendation:
    decision: str
    reasons: list = field(default_factory=list)


@dataclass(frozen=True)
class BreachAssessment:
    dpc: int
    ei: float
    cb: float
    score: float
    severity: str
    risk: str  # "unlikely" | "risk" | "high_risk": the art. 33/34 risk level (DOMAIN.md §2.4)
    many_subjects: bool
    notify_authority: Recommendation
    notify_data_subjects: Recommendation


def assess(facts: dict) -> BreachAssessment:
    """facts: data_types, dpc (validated), ease_of_identification, cb{...}, data_subjects,
    unintelligible, vulnerable_subjects, recipients_trusted."""
    dpc = facts.get("dpc") or default_dpc(facts["data_types"])
    ei = EASE_OF_IDENTIFICATION[facts["ease_of_identification"]]
    cb_facts = facts["cb"]
    cb = circumstances(cb_facts["confidentiality"], cb_facts["integrity"], cb_facts["availability"],
                       cb_facts["malicious"])
    score = severity_score(dpc, ei, cb)
    severity = severity_band(score)
    risk, reasons = risk_level(severity, facts)
    return BreachAssessment(
        dpc=dpc, ei=ei, cb=cb, score=score, severity=severity, risk=risk,
        many_subjects=facts["data_subjects"] > MANY_SUBJECTS,
        notify_authority=authority_recommendation(risk, reasons),
        notify_data_subjects=data_subject_recommendation(severity, risk, reasons, facts),
    )


def risk_level(severity: str, facts: dict) -> tuple[str, list]:
    """From ENISA severity and the likelihood facts to the art. 33/34 risk level, with reasons."""
    reasons = [f"ENISA severity {severity}"]
    cb = facts["cb"]
    only_confidentiality = cb["integrity"] == 0 and cb["availability"] == 0
    if facts["unintelligible"] and only_confidentiality:
        return "unlikely", reasons + ["data unintelligible to anyone without the key (key not compromised)"]
    if facts.get("recipients_trusted") and only_confidentiality and not cb["malicious"]:
        return "unlikely", reasons + ["only known, trusted recipients, who confirmed deletion"]
    if severity == "low":
        return "unlikely", reasons + ["low severity: individuals are unlikely to be affected beyond inconvenience"]
    level = "high_risk" if severity in ("high", "very_high") else "risk"
    if level == "risk" and facts.get("vulnerable_subjects"):
        return "high_risk", reasons + ["vulnerable data subjects (children, patients, ...) raise the risk"]
    return level, reasons


def authority_recommendation(risk: str, reasons: list) -> Recommendation:
    if risk == "unlikely":
        return Recommendation("not_required", reasons + ["art. 33(1): unlikely to result in a risk; "
                                                         "document it in the internal register (art. 33(5))"])
    return Recommendation("required", reasons + ["art. 33(1): notify Datatilsynet within 72 hours of awareness"])


def data_subject_recommendation(severity: str, risk: str, reasons: list, facts: dict) -> Recommendation:
    if risk != "high_risk":
        return Recommendation("not_required", reasons + ["art. 34(1) applies only at high risk"])
    # High risk remains (integrity, availability or intent), but the confidentiality harm is neutralised.
    if facts["unintelligible"]:
        return Recommendation("exempt", reasons + ["art. 34(3)(a): data unintelligible (e.g. encrypted)"])
    if facts.get("recipients_trusted"):
        return Recommendation("exempt", reasons + ["art. 34(3)(b): the only recipients are trusted and deleted "
                                                   "the data, so the high risk is no longer likely"])
    return Recommendation("required", reasons + ["art. 34(1): high risk; tell the data subjects without undue delay"])


def follows_recommendation(notify_authority: str, notify_data_subjects: str,
                           recommended_authority: str, recommended_data_subjects: str) -> bool:
    """A decision that departs from the recommendation must carry a justification."""
    return (notify_authority, notify_data_subjects) == (recommended_authority, recommended_data_subjects)
