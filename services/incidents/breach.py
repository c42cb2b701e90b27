"""Personal-data breach severity (ENISA 2013) and Vern's notification recommendations.

ENISA scores severity only: SE = DPC x EI + CB. Whether Datatilsynet (GDPR art. 33)
and the data subjects (art. 34) must be told also depends on the likelihood of
harm (EDPB Guidelines 9/2022): unintelligible data, a trusted recipient. The
rules below that turn score and facts into recommendations are Vern's own; the
docs/domain/incidents.md states them with worked examples.
"""
from dataclasses import dataclass, field

from services.incidents.texts import N_, Term, both, text
from shared.contracts.incidents import BREACH_SEVERITIES

DATA_TYPE_BASE_SCORE = {"simple": 1, "behavioural": 2, "financial": 3, "sensitive": 4}
EASE_OF_IDENTIFICATION = {"negligible": 0.25, "limited": 0.5, "significant": 0.75, "maximum": 1.0}
CB_LEVELS = (0.0, 0.25, 0.5)
MALICIOUS_INTENT = 0.5
SEVERITIES = BREACH_SEVERITIES  # the ENISA scale, lowest first
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
    risk: str  # "unlikely" | "risk" | "high_risk": the art. 33/34 risk level
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
    """From ENISA severity and the likelihood facts to the art. 33/34 risk level, with reason codes.

    ENISA's low band is not the art. 33 threshold: data taken or disclosed on purpose (malicious,
    confidentiality lost) are not "unlikely to result in a risk" however low the score (EDPB
    Guidelines 01/2021 on examples regarding personal data breach notification: an employee who
    copies the controller's data for their own ends).
    """
    reasons = [reason(ENISA_SEVERITY, severity)]
    cb = facts["cb"]
    only_confidentiality = cb["integrity"] == 0 and cb["availability"] == 0
    if facts["unintelligible"] and only_confidentiality:
        return "unlikely", reasons + ["unintelligible"]
    if facts.get("recipients_trusted") and only_confidentiality and not cb["malicious"]:
        return "unlikely", reasons + ["trusted_recipients"]
    if severity == "low":
        if not (cb["malicious"] and cb["confidentiality"] > 0):
            return "unlikely", reasons + ["low_severity"]
        reasons = reasons + ["malicious_confidentiality"]
    level = "high_risk" if severity in ("high", "very_high") else "risk"
    if level == "risk" and facts.get("vulnerable_subjects"):
        return "high_risk", reasons + ["vulnerable_subjects"]
    return level, reasons


def authority_recommendation(risk: str, reasons: list) -> Recommendation:
    if risk == "unlikely":
        return Recommendation("not_required", reasons + ["art33_not_required"])
    return Recommendation("required", reasons + ["art33_required"])


def data_subject_recommendation(severity: str, risk: str, reasons: list, facts: dict) -> Recommendation:
    if risk != "high_risk":
        return Recommendation("not_required", reasons + ["art34_not_high_risk"])
    # High risk remains (integrity, availability or intent), but the confidentiality harm is neutralised.
    if facts["unintelligible"]:
        return Recommendation("exempt", reasons + ["art34_3_a"])
    if facts.get("recipients_trusted"):
        return Recommendation("exempt", reasons + ["art34_3_b"])
    return Recommendation("required", reasons + ["art34_required"])


# The reasons of a recommendation are stored as codes, each shown in the reader's language: `reason.<code>`
# in the catalogue. A code may carry one parameter after a colon ("enisa_severity:high"), its words
# `reason.<code>.<parameter>`.
ENISA_SEVERITY = "enisa_severity"
REASONS = {ENISA_SEVERITY: N_("reason.enisa_severity"), "unintelligible": N_("reason.unintelligible"),
           "trusted_recipients": N_("reason.trusted_recipients"), "low_severity": N_("reason.low_severity"),
           "malicious_confidentiality": N_("reason.malicious_confidentiality"),
           "vulnerable_subjects": N_("reason.vulnerable_subjects"),
           "art33_not_required": N_("reason.art33_not_required"), "art33_required": N_("reason.art33_required"),
           "art34_not_high_risk": N_("reason.art34_not_high_risk"), "art34_3_a": N_("reason.art34_3_a"),
           "art34_3_b": N_("reason.art34_3_b"), "art34_required": N_("reason.art34_required")}
PARAMETERS = {ENISA_SEVERITY: {"low": N_("reason.enisa_severity.low"),
                               "medium": N_("reason.enisa_severity.medium"),
                               "high": N_("reason.enisa_severity.high"),
                               "very_high": N_("reason.enisa_severity.very_high")}}
# Rows stored before the codes hold English sentences: the ones Vern wrote are read back as their codes.
_LEGACY_SEVERITY = "ENISA severity "
LEGACY_REASONS = {text(key, "en"): code for code, key in REASONS.items() if code != ENISA_SEVERITY}


def reason(code: str, parameter: str | None = None) -> str:
    """The stored form of a reason: its code, and its parameter after a colon."""
    return f"{code}:{parameter}" if parameter is not None else code


def explain(stored: str) -> dict:
    """A stored reason as {"code", "text_nb", "text_en"}; an unknown string is shown as it is (code None)."""
    if stored.startswith(_LEGACY_SEVERITY) and stored[len(_LEGACY_SEVERITY):] in PARAMETERS[ENISA_SEVERITY]:
        stored = reason(ENISA_SEVERITY, stored[len(_LEGACY_SEVERITY):])
    stored = LEGACY_REASONS.get(stored, stored)
    code, _, parameter = stored.partition(":")
    if code not in REASONS or bool(parameter) != (code in PARAMETERS):
        return {"code": None, "text_nb": stored, "text_en": stored}
    if parameter:
        words = PARAMETERS[code].get(parameter)
        nb, en = both(REASONS[code], severity=Term(words) if words else parameter)
    else:
        nb, en = both(REASONS[code])
    return {"code": code, "text_nb": nb, "text_en": en}


def explain_all(stored: list) -> list[dict]:
    return [explain(item) for item in stored or []]


def english(stored: list) -> list[str]:
    """The reasons as English sentences: the API's field from before the codes."""
    return [item["text_en"] for item in explain_all(stored)]


def follows_recommendation(notify_authority: str, notify_data_subjects: str,
                           recommended_authority: str, recommended_data_subjects: str) -> bool:
    """A decision that departs from the recommendation must carry a justification."""
    return (notify_authority, notify_data_subjects) == (recommended_authority, recommended_data_subjects)
