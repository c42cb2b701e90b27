"""DPIA screening (art. 35): is a data protection impact assessment needed?

Pure functions, no I/O. The procedure follows Datatilsynet (docs/domain/sources.md):
first Datatilsynet's list of processing that always requires a DPIA (art. 35(4)),
then the nine WP248 rev.01 criteria with the "two or more" rule.
One criterion alone is not a duty, but "in some cases one criterion can be
enough", so it is reported as `recommended` for the DPO to judge.
"""
from dataclasses import dataclass, field

REQUIRED = "required"
RECOMMENDED = "recommended"
NOT_REQUIRED = "not_required"

# Order matters: reasons and forms list the criteria in WP248's order.
CRITERIA = (
    "evaluation_scoring",
    "automated_decision",
    "systematic_monitoring",
    "sensitive_data",
    "large_scale",
    "matching_datasets",
    "vulnerable_subjects",
    "innovative_technology",
    "prevents_rights",
)

# (bokmål, English); the bokmål wording is Oslo kommune's/Datatilsynet's question
# turned into a statement, so it reads well inside a sentence.
CRITERION_LABELS = {
    "evaluation_scoring": (
        "evaluering eller poengsetting",
        "evaluation or scoring (incl. profiling and predicting)"),
    "automated_decision": (
        "automatiske beslutninger med rettslig eller tilsvarende betydelig virkning",
        "automated decision-making with legal or similar significant effect"),
    "systematic_monitoring": (
        "systematisk monitorering",
        "systematic monitoring"),
    "sensitive_data": (
        "særlige kategorier av personopplysninger eller opplysninger av svært personlig karakter",
        "sensitive data or data of a highly personal nature"),
    "large_scale": (
        "personopplysninger behandles i stor skala",
        "data processed on a large scale"),
    "matching_datasets": (
        "matching eller sammenstilling av datasett",
        "matching or combining datasets"),
    "vulnerable_subjects": (
        "personopplysninger om sårbare registrerte",
        "data concerning vulnerable data subjects"),
    "innovative_technology": (
        "innovativ bruk eller anvendelse av ny teknologisk eller organisatorisk løsning",
        "innovative use or applying new technological or organisational solutions"),
    "prevents_rights": (
        "behandlingen hindrer de registrerte i å utøve en rettighet eller gjøre bruk av en tjeneste eller en avtale",
        "processing prevents data subjects from exercising a right or using a service or a contract"),
}

# Datatilsynet's decision 18/03670 (16.03.2019). English is Datatilsynet's
# unofficial translation; bokmål is our rendering except item 8 (confirmed wording).
DATATILSYNET_LIST = {
    1: ("innhenting av personopplysninger fra tredjeparter",
        "data collected via third parties"),
    2: ("biometriske opplysninger for identifikasjon",
        "biometric data for identification purposes"),
    3: ("genetiske opplysninger",
        "genetic data"),
    4: ("personopplysninger behandlet med innovativ teknologi",
        "personal data processed using innovative technology"),
    5: ("systematisk overvåking av ansattes aktivitet",
        "systematic monitoring of employee activities"),
    6: ("behandling uten samtykke for vitenskapelige eller historiske formål",
        "processing without consent for scientific or historical purposes"),
    7: ("lokasjonsdata",
        "location data"),
    8: ("evaluere læring, mestring og trivsel i skoler eller barnehager",
        "evaluating learning, coping and well-being in schools or kindergartens"),
    9: ("systematisk overvåking, også kameraovervåking, i stort omfang på områder tilgjengelige for allmennheten",
        "systematic monitoring, incl. camera surveillance, on a large scale in areas accessible to the public"),
    10: ("kameraovervåking i skoler eller barnehager i åpningstiden",
         "camera surveillance in schools or kindergartens during opening hours"),
    11: ("sensitive eller svært personlige opplysninger i stort omfang for trening av algoritmer",
         "sensitive or highly personal data on a large scale for training of algorithms"),
    12: ("systematisk overvåking av ferdigheter, kompetanse, resultater, psykisk helse og utvikling",
         "systematically monitoring proficiency, skills, scores, mental health and development"),
    13: ("kommersielle tjenester eller produkter som forutsier arbeidsevne, økonomi, helse, "
         "personlige preferanser eller interesser, pålitelighet, atferd, lokasjon eller rute",
         "services or products for commercial use that predict working capacity, economic status, health, "
         "personal preferences or interests, trustworthiness, behaviour, location or route"),
    14: ("innsamling i stort omfang via tingenes internett eller velferdsteknologi",
         "large-scale collection through the internet of things or welfare technology"),
}

# Items that apply only "in conjunction with at least one other criterion".
# Ticking one asserts that combination; the reason says so, so a reviewer can check it.
LIST_ITEMS_NEEDING_ANOTHER_CRITERION = frozenset({1, 2, 3, 4, 6, 7})


@dataclass(frozen=True)
class Screening:
    result: str                       # one of REQUIRED, RECOMMENDED, NOT_REQUIRED
    reasons: list[str] = field(default_factory=list)


def screen(criteria: dict[str, bool], datatilsynet_list: list[int]) -> Screening:
    """Screen one processing. Missing or None criteria count as not met (Ikke vurdert)."""
    _check_known(criteria, datatilsynet_list)
    items = sorted(set(datatilsynet_list))
    met = [key for key in CRITERIA if criteria.get(key)]
    reasons = [_list_item_reason(item) for item in items]
    if met:
        reasons.append(_criteria_reason(met))
    return Screening(result=_result(items, met), reasons=reasons or [_nothing_applies_reason()])


def _result(items: list[int], met: list[str]) -> str:
    if items or len(met) >= 2:
        return REQUIRED
    if len(met) == 1:
        return RECOMMENDED
    return NOT_REQUIRED


def _check_known(criteria: dict[str, bool], datatilsynet_list: list[int]) -> None:
    # A misspelt key would silently count as "not met" and could hide a duty.
    unknown_keys = sorted(set(criteria) - set(CRITERIA))
    if unknown_keys:
        raise ValueError(f"unknown criteria: {', '.join(unknown_keys)}")
    unknown_items = unknown_list_items(datatilsynet_list)
    if unknown_items:
        raise ValueError(f"unknown items on Datatilsynet's list: {unknown_items}")


def _list_item_reason(item: int) -> str:
    nb, en = DATATILSYNET_LIST[item]
    if item in LIST_ITEMS_NEEDING_ANOTHER_CRITERION:
        nb += " (sammen med minst ett annet kriterium, bekreftet ved avkrysningen)"
        en += " (in conjunction with at least one other criterion, asserted by ticking it)"
    return f"Datatilsynets liste punkt {item}: {nb} / Datatilsynet's list item {item}: {en}"


def _criteria_reason(met: list[str]) -> str:
    nb_names = "; ".join(CRITERION_LABELS[key][0] for key in met)
    en_names = "; ".join(CRITERION_LABELS[key][1] for key in met)
    count = len(met)
    nb = f"{count} av {len(CRITERIA)} kriterier oppfylt (WP248): {nb_names}"
    en = f"{count} of {len(CRITERIA)} criteria met (WP248): {en_names}"
    if count == 1:
        nb += " – ett kriterium kan være nok; personvernombudet bør vurdere"
        en += " – one criterion can be enough; the DPO should judge"
    return f"{nb} / {en}"


def _nothing_applies_reason() -> str:
    return ("Ingen punkter på Datatilsynets liste og ingen av de 9 kriteriene (WP248) er oppfylt"
            " / No item on Datatilsynet's list and none of the 9 criteria (WP248) applies")


def unknown_list_items(items) -> list[int]:
    """Items that are not 1..14, in the order given; for the API schema's validation."""
    return [item for item in items if isinstance(item, bool) or item not in DATATILSYNET_LIST]


# The processing's fields (the register's model); every field is either mapped
# below or deliberately left out, which the unit tests check.
PROCESSING_FIELDS = frozenset({
    "name", "purposes", "legal_bases", "data_subject_categories", "personal_data_categories",
    "special_categories", "criminal_offence_data", "recipients", "transfers", "retention",
    "security_measures", "systems", "processors", "controller", "joint_controllers", "owner",
    "status", "description", "data_sources", "approx_data_subjects", "automated_decisions",
    "profiling", "monitoring", "new_technology", "last_reviewed", "third_country_transfers",
    "controller_contact", "dpo_contact", "owner_role", "responsible_unit",
})

# Which answers a change to a processing's field may invalidate. A field missing
# here touches nothing (administrative fields such as status, owner, name).
_ALL = frozenset(CRITERIA)
_CRITERIA_BY_FIELD = {
    # A new or changed purpose can change what the processing is, so every answer.
    "purposes": _ALL,
    "description": _ALL,
    "legal_bases": frozenset({"prevents_rights", "sensitive_data"}),
    "data_subject_categories": frozenset({"vulnerable_subjects", "large_scale"}),
    "personal_data_categories": frozenset({"sensitive_data", "evaluation_scoring"}),
    "special_categories": frozenset({"sensitive_data"}),
    "criminal_offence_data": frozenset({"sensitive_data"}),
    "recipients": frozenset({"matching_datasets"}),
    "transfers": frozenset({"matching_datasets", "innovative_technology"}),
    "third_country_transfers": frozenset({"matching_datasets", "innovative_technology"}),
    "data_sources": frozenset({"matching_datasets"}),
    "systems": frozenset({"innovative_technology", "matching_datasets"}),
    "new_technology": frozenset({"innovative_technology"}),
    "approx_data_subjects": frozenset({"large_scale"}),
    "retention": frozenset({"large_scale"}),
    "automated_decisions": frozenset({"automated_decision", "evaluation_scoring", "prevents_rights"}),
    "profiling": frozenset({"evaluation_scoring"}),
    "monitoring": frozenset({"systematic_monitoring"}),
    "processors": frozenset({"matching_datasets"}),
    "joint_controllers": frozenset({"matching_datasets"}),
    # security_measures reduce risk in the DPIA but change no screening answer;
    # name, status, owner, controller and last_reviewed are administrative.
}


def criteria_touched_by(changed_fields: set[str]) -> set[str]:
    """The criteria whose answers a change to these processing fields may affect."""
    touched: set[str] = set()
    for name in changed_fields:
        touched |= _CRITERIA_BY_FIELD.get(name, frozenset())
    return touched


def touches_screening(changed_fields: set[str]) -> bool:
    """True when the change should re-open the processing's screening."""
    return bool(criteria_touched_by(changed_fields))
