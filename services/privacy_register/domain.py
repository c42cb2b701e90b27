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

ROLES = ("controller", "processor")  # the agency keeps the art. 30(1) record, or the art. 30(2) one

# Every item of art. 30(1) (controller) and art. 30(2) (processor) that Vern checks, with its label as
# a coordinator reads it. Art. 30(1)(f) and (g) and art. 30(2)(d) say "where possible"; Vern requires
# them of a public agency's record all the same: an agency's retention follows from the archive rules
# (arkivloven, bevarings- og kassasjonsvedtak) and its security measures from its own art. 32 duty, so
# both can always be stated. The UK ICO's guidance on documentation lists retention schedules and
# security measures among what a controller must record; that is the reading applied here, not a
# ruling of Datatilsynet.
ITEMS = {
    "controller": ("30(1)(a)", "Behandlingsansvarliges navn", "Name of the controller"),
    "controller_contact": ("30(1)(a)", "Behandlingsansvarliges kontaktopplysninger",
                           "Contact details of the controller"),
    "dpo_contact": ("30(1)(a)", "Personvernombudets kontaktopplysninger",
                    "Contact details of the data protection officer"),
    "purposes": ("30(1)(b)", "Formålene med behandlingen", "Purposes of the processing"),
    "data_subject_categories": ("30(1)(c)", "Kategorier av registrerte", "Categories of data subjects"),
    "personal_data_categories": ("30(1)(c)", "Kategorier av personopplysninger", "Categories of personal data"),
    "recipients": ("30(1)(d)", "Kategorier av mottakere", "Categories of recipients"),
    "third_country_transfers": ("30(1)(e)", "Overføring til tredjeland (ja eller nei)",
                                "Transfers to third countries (yes or no)"),
    "transfers": ("30(1)(e)", "Tredjeland, mottaker og garantier", "Third country, recipient and safeguards"),
    "retention": ("30(1)(f)", "Planlagte tidsfrister for sletting (per kategori, eller kriteriene)",
                  "Envisaged time limits for erasure (per category, or the criteria)"),
    "security_measures": ("30(1)(g)", "Generell beskrivelse av tekniske og organisatoriske sikkerhetstiltak",
                          "General description of the technical and organisational security measures"),
    "processor_name": ("30(2)(a)", "Databehandlerens navn", "Name of the processor"),
    "processor_contact": ("30(2)(a)", "Databehandlerens kontaktopplysninger", "Contact details of the processor"),
    "processor_dpo_contact": ("30(2)(a)", "Personvernombudets kontaktopplysninger",
                              "Contact details of the data protection officer"),
    "controllers": ("30(2)(a)", "Behandlingsansvarlige det behandles på vegne av",
                    "Controllers on whose behalf the processing is carried out"),
    "controllers_contact": ("30(2)(a)", "Kontaktopplysninger til hver behandlingsansvarlig",
                            "Contact details of each controller"),
    "processing_categories": ("30(2)(b)", "Kategorier av behandling utført for hver behandlingsansvarlig",
                              "Categories of processing carried out on behalf of each controller"),
    "processor_third_country_transfers": ("30(2)(c)", "Overføring til tredjeland (ja eller nei)",
                                          "Transfers to third countries (yes or no)"),
    "processor_transfers": ("30(2)(c)", "Tredjeland, mottaker og garantier",
                            "Third country, recipient and safeguards"),
    "processor_security_measures": ("30(2)(d)", "Generell beskrivelse av tekniske og organisatoriske "
                                                "sikkerhetstiltak",
                                    "General description of the technical and organisational security measures"),
}
# Which record field each item reads, per role (an item not listed reads the field of its own name).
CONTROLLER_ITEMS = ("controller", "controller_contact", "dpo_contact", "purposes", "data_subject_categories",
                    "personal_data_categories", "recipients", "third_country_transfers", "transfers", "retention",
                    "security_measures")
PROCESSOR_ITEMS = ("processor_name", "processor_contact", "processor_dpo_contact", "controllers",
                   "controllers_contact", "processing_categories", "processor_third_country_transfers",
                   "processor_transfers", "processor_security_measures")
FIELD_OF = {"processor_dpo_contact": "dpo_contact", "processor_third_country_transfers": "third_country_transfers",
            "processor_transfers": "transfers", "processor_security_measures": "security_measures"}
# The contacts the agency directory gives when the processing names none (a contact given on it wins).
DIRECTORY_ROLES = {"controller_contact": "leader", "processor_contact": "leader", "dpo_contact": "ombud"}

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
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def item(key: str) -> dict:
    article, label_nb, label_en = ITEMS[key]
    return {"key": key, "article": article, "label_nb": label_nb, "label_en": label_en}


def with_directory(record: dict, contacts: dict) -> dict:
    """The record with each contact it leaves blank taken from the agency directory (`contacts`: field ->
    text, e.g. {"dpo_contact": "Personvernombud, pvo@example.no"}); a contact given on the record wins."""
    own = ("processor_contact", "dpo_contact") if record.get("role") == "processor" else \
        ("controller_contact", "dpo_contact")  # only the contacts its own record asks for
    return {**record, **{field: text for field, text in contacts.items()
                         if field in own and text and _blank(record.get(field))}}


def missing_items(record: dict) -> list[dict]:
    """The one completeness rule of the record of processing: every art. 30(1) item for the agency's
    processing as controller, every art. 30(2) item as processor; an empty list means complete.
    `record` is the record as shown, with the directory's contacts filled in (`with_directory`)."""
    processor = record.get("role") == "processor"
    keys = PROCESSOR_ITEMS if processor else CONTROLLER_ITEMS
    return [item(key) for key in keys if _is_missing(key, record)]


def _is_missing(key: str, record: dict) -> bool:
    field = FIELD_OF.get(key, key)
    if field == "transfers":  # only when transfers are declared (art. 30(1)(e), 30(2)(c) "where applicable")
        return bool(record.get("third_country_transfers")) and _blank(record.get("transfers"))
    if field == "third_country_transfers":
        return record.get("third_country_transfers") is None  # unanswered; "no" is an answer
    if key == "controllers_contact":
        return any(_blank(c.get("contact")) for c in record.get("controllers") or ())
    return _blank(record.get(field))


def missing_labels(missing: list[dict], language: str = "nb") -> str:
    return "; ".join(f"{m['label_' + language]} ({m['article']})" for m in missing)


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
