"""The record of processing activities as a table for Datatilsynet: every field, in bokmål or English.

The columns follow the art. 30(1) order of Datatilsynet's template for controllers (behandlingsansvarlig),
then the art. 30(2) items of the processor's record (databehandler), then Vern's additions; each heading
says which part of art. 30 it answers. Coded values (special categories, safeguards, statuses) are
written as words in the table's language, never as codes.
"""
from services.privacy_register import domain

# code -> (bokmål, English)
LABELS = {
    "role": {"controller": ("behandlingsansvarlig", "controller"), "processor": ("databehandler", "processor")},
    "special": {
        "racial_or_ethnic_origin": ("rasemessig eller etnisk opprinnelse", "racial or ethnic origin"),
        "political_opinions": ("politisk oppfatning", "political opinions"),
        "religious_or_philosophical_beliefs": ("religion eller filosofisk overbevisning",
                                               "religious or philosophical beliefs"),
        "trade_union_membership": ("fagforeningsmedlemskap", "trade union membership"),
        "genetic": ("genetiske opplysninger", "genetic data"),
        "biometric": ("biometriske opplysninger for identifikasjon", "biometric data for identification"),
        "health": ("helseopplysninger", "health data"),
        "sex_life_or_orientation": ("seksuelle forhold eller seksuell orientering", "sex life or sexual orientation"),
    },
    "safeguard": {
        "adequacy_decision": ("beslutning om tilstrekkelig beskyttelsesnivå", "adequacy decision"),
        "standard_contractual_clauses": ("standard personvernbestemmelser (SCC)", "standard contractual clauses"),
        "binding_corporate_rules": ("bindende virksomhetsregler", "binding corporate rules"),
        "code_or_certification": ("atferdsnorm eller sertifisering", "code of conduct or certification"),
        "derogation_art_49": ("unntak etter art. 49", "derogation under art. 49"),
    },
    "status": {"draft": ("utkast", "draft"), "active": ("aktiv", "active"), "retired": ("avsluttet", "retired")},
    "owner_role": {"system_owner": ("systemeier", "system owner"), "process_owner": ("prosesseier", "process owner")},
    "dpia": {"not_screened": ("ikke vurdert", "not screened"), "not_required": ("kreves ikke", "not required"),
             "screening_reopened": ("må vurderes på nytt", "to be screened again"),
             "required": ("kreves, ikke startet", "required, not started"),
             "in_progress": ("under arbeid", "in progress"), "approved": ("godkjent", "approved"),
             "outdated": ("utdatert", "outdated")},
}
LANGUAGES = ("nb", "en")
TITLE = ("Protokoll over behandlingsaktiviteter", "Record of processing activities")


def _label(kind: str, code, language: str) -> str:
    if code is None or code == "":
        return ""
    words = LABELS[kind].get(code)
    return words[LANGUAGES.index(language)] if words else str(code)


def _items(values) -> str:
    return "; ".join(values or ())


def _bases(bases, language) -> str:
    article, letter = ("art. 6 nr. 1 bokstav", "art. 9 nr. 2 bokstav") if language == "nb" else \
        ("art. 6(1) point", "art. 9(2) point")
    parts = []
    for basis in bases or ():
        text = f"{basis['purpose']}: {article} {basis['article6']}"
        if basis.get("article9"):
            text += f", {letter} {basis['article9']}"
        if basis.get("article10"):
            text += f", art. 10: {basis['article10']}"
        if basis.get("reference"):
            text += f" ({basis['reference']})"
        parts.append(text)
    return "; ".join(parts)


def _transfers(transfers, language) -> str:
    return "; ".join(f"{t['country']} – {t['recipient']} ({_label('safeguard', t['safeguard'], language)})"
                     for t in transfers or ())


def _controllers(controllers) -> str:
    return "; ".join(", ".join(part for part in (c.get("name"), c.get("contact")) if part) for c in controllers or ())


def _yes_no(value, language) -> str:
    words = {True: ("Ja", "Yes"), False: ("Nei", "No")}.get(value, ("Ikke besvart", "Not answered"))
    return words[LANGUAGES.index(language)]


def _text(field):
    return lambda v, lang: v.get(field) or ""


# (bokmål heading, English heading, value(view, language))
COLUMNS = (
    ("Behandlingsaktivitet", "Processing activity", lambda v, lang: v["name"]),
    ("Rolle (art. 30 nr. 1 eller nr. 2)", "Role (art. 30(1) or 30(2))",
     lambda v, lang: _label("role", v.get("role") or "controller", lang)),
    ("Behandlingsansvarlig (art. 30 nr. 1 a)", "Controller (art. 30(1)(a))", _text("controller")),
    ("Kontaktopplysninger behandlingsansvarlig (a)", "Contact details of the controller (a)",
     _text("controller_contact")),
    ("Felles behandlingsansvarlig (a)", "Joint controllers (a)", lambda v, lang: _items(v.get("joint_controllers"))),
    ("Personvernombud (a)", "Data protection officer (a)", _text("dpo_contact")),
    ("Formålet med behandlingen (b)", "Purposes of the processing (b)", lambda v, lang: _items(v.get("purposes"))),
    ("Kategorier av registrerte (c)", "Categories of data subjects (c)",
     lambda v, lang: _items(v.get("data_subject_categories"))),
    ("Kategorier av personopplysninger (c)", "Categories of personal data (c)",
     lambda v, lang: _items(v.get("personal_data_categories"))),
    ("Særlige kategorier (art. 9)", "Special categories (art. 9)",
     lambda v, lang: "; ".join(_label("special", code, lang) for code in v.get("special_categories") or ())),
    ("Straffbare forhold (art. 10)", "Criminal offence data (art. 10)",
     lambda v, lang: _yes_no(v.get("criminal_offence_data"), lang)),
    ("Kategorier av mottakere (d)", "Categories of recipients (d)", lambda v, lang: _items(v.get("recipients"))),
    ("Overføring til tredjeland (e)", "Transfers to third countries (e)",
     lambda v, lang: _yes_no(v.get("third_country_transfers"), lang)),
    ("Tredjeland, mottaker og garantier (e)", "Third country, recipient and safeguards (e)",
     lambda v, lang: _transfers(v.get("transfers"), lang)),
    ("Planlagte tidsfrister for sletting (f)", "Envisaged time limits for erasure (f)", _text("retention")),
    ("Generell beskrivelse av sikkerhetstiltak (g)", "General description of security measures (g)",
     _text("security_measures")),
    ("Databehandler (art. 30 nr. 2 a)", "Processor (art. 30(2)(a))", _text("processor_name")),
    ("Kontaktopplysninger databehandler (art. 30 nr. 2 a)", "Contact details of the processor (art. 30(2)(a))",
     _text("processor_contact")),
    ("Behandlingsansvarlige det behandles for (art. 30 nr. 2 a)",
     "Controllers on whose behalf it processes (art. 30(2)(a))", lambda v, lang: _controllers(v.get("controllers"))),
    ("Kategorier av behandling (art. 30 nr. 2 b)", "Categories of processing (art. 30(2)(b))",
     lambda v, lang: _items(v.get("processing_categories"))),
    ("Behandlingsgrunnlag (art. 6, 9, 10)", "Legal basis (art. 6, 9, 10)",
     lambda v, lang: _bases(v.get("legal_bases"), lang)),
    ("Beskrivelse", "Description", _text("description")),
    ("Kilder til personopplysningene", "Sources of the personal data", lambda v, lang: _items(v.get("data_sources"))),
    ("Systemer", "Systems", lambda v, lang: _items(v.get("systems"))),
    ("Databehandlere", "Processors used", lambda v, lang: _items(v.get("processors"))),
    ("Databehandlere uten gyldig avtale", "Processors without a valid agreement",
     lambda v, lang: _items(v.get("processors_without_agreement"))),
    ("Eier", "Owner", _text("owner")),
    ("Eierrolle", "Owner role", lambda v, lang: _label("owner_role", v.get("owner_role"), lang)),
    ("Ansvarlig enhet", "Responsible unit", _text("responsible_unit")),
    ("Antall registrerte (omtrent)", "Number of data subjects (approx.)",
     lambda v, lang: v.get("approx_data_subjects")),
    ("Automatiserte avgjørelser", "Automated decisions", lambda v, lang: _yes_no(v.get("automated_decisions"), lang)),
    ("Profilering", "Profiling", lambda v, lang: _yes_no(v.get("profiling"), lang)),
    ("Systematisk overvåking", "Systematic monitoring", lambda v, lang: _yes_no(v.get("monitoring"), lang)),
    ("Ny teknologi", "New technology", lambda v, lang: _yes_no(v.get("new_technology"), lang)),
    ("Status", "Status", lambda v, lang: _label("status", v["status"], lang)),
    ("DPIA", "DPIA", lambda v, lang: _label("dpia", v["dpia_status"], lang)),
    ("Sist gjennomgått", "Last reviewed", _text("last_reviewed")),
    ("Fullstendig (art. 30)", "Complete (art. 30)", lambda v, lang: _yes_no(v["complete"], lang)),
    ("Mangler (art. 30)", "Missing (art. 30)", lambda v, lang: domain.missing_labels(v["missing"], lang)),
    ("Versjon", "Version", lambda v, lang: v["version"]),
    ("Id", "Id", lambda v, lang: v["id"]),
)


def headings(language: str = "nb") -> list[str]:
    return [column[LANGUAGES.index(language)] for column in COLUMNS]


def register_table(views: list[dict], language: str = "nb") -> dict:
    return {"title": TITLE[LANGUAGES.index(language)], "columns": headings(language),
            "rows": [[value(view, language) for _, _, value in COLUMNS] for view in views]}
