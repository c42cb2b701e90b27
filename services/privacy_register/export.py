"""The record of processing activities as a table for Datatilsynet: every field, Norwegian column names.

The columns follow the art. 30(1) order of Datatilsynet's template for controllers (behandlingsansvarlig),
then Vern's additions; each heading says which part of art. 30(1) it answers.
"""


def _items(values) -> str:
    return "; ".join(values or ())


def _bases(bases) -> str:
    parts = []
    for basis in bases or ():
        text = f"{basis['purpose']}: art. 6 nr. 1 bokstav {basis['article6']}"
        if basis.get("article9"):
            text += f", art. 9 nr. 2 bokstav {basis['article9']}"
        if basis.get("article10"):
            text += f", art. 10: {basis['article10']}"
        if basis.get("reference"):
            text += f" ({basis['reference']})"
        parts.append(text)
    return "; ".join(parts)


def _transfers(transfers) -> str:
    return "; ".join(f"{t['country']} – {t['recipient']} ({t['safeguard']})" for t in transfers or ())


def _yes_no(value) -> str:
    return {True: "Ja", False: "Nei"}.get(value, "Ikke besvart")


COLUMNS = (
    ("Behandlingsaktivitet", lambda v: v["name"]),
    ("Behandlingsansvarlig (art. 30 nr. 1 a)", lambda v: v.get("controller") or ""),
    ("Kontaktopplysninger behandlingsansvarlig (a)", lambda v: v.get("controller_contact") or ""),
    ("Felles behandlingsansvarlig (a)", lambda v: _items(v.get("joint_controllers"))),
    ("Personvernombud (a)", lambda v: v.get("dpo_contact") or ""),
    ("Formålet med behandlingen (b)", lambda v: _items(v.get("purposes"))),
    ("Kategorier av registrerte (c)", lambda v: _items(v.get("data_subject_categories"))),
    ("Kategorier av personopplysninger (c)", lambda v: _items(v.get("personal_data_categories"))),
    ("Særlige kategorier (art. 9)", lambda v: _items(v.get("special_categories"))),
    ("Straffbare forhold (art. 10)", lambda v: _yes_no(v.get("criminal_offence_data"))),
    ("Kategorier av mottakere (d)", lambda v: _items(v.get("recipients"))),
    ("Overføring til tredjeland (e)", lambda v: _yes_no(v.get("third_country_transfers"))),
    ("Tredjeland, mottaker og garantier (e)", lambda v: _transfers(v.get("transfers"))),
    ("Planlagte tidsfrister for sletting (f)", lambda v: v.get("retention") or ""),
    ("Generell beskrivelse av sikkerhetstiltak (g)", lambda v: v.get("security_measures") or ""),
    ("Behandlingsgrunnlag (art. 6, 9, 10)", lambda v: _bases(v.get("legal_bases"))),
    ("Beskrivelse", lambda v: v.get("description") or ""),
    ("Kilder til personopplysningene", lambda v: _items(v.get("data_sources"))),
    ("Systemer", lambda v: _items(v.get("systems"))),
    ("Databehandlere", lambda v: _items(v.get("processors"))),
    ("Databehandlere uten gyldig avtale", lambda v: _items(v.get("processors_without_agreement"))),
    ("Eier", lambda v: v.get("owner") or ""),
    ("Eierrolle", lambda v: v.get("owner_role") or ""),
    ("Ansvarlig enhet", lambda v: v.get("responsible_unit") or ""),
    ("Antall registrerte (omtrent)", lambda v: v.get("approx_data_subjects")),
    ("Automatiserte avgjørelser", lambda v: _yes_no(v.get("automated_decisions"))),
    ("Profilering", lambda v: _yes_no(v.get("profiling"))),
    ("Systematisk overvåking", lambda v: _yes_no(v.get("monitoring"))),
    ("Ny teknologi", lambda v: _yes_no(v.get("new_technology"))),
    ("Status", lambda v: v["status"]),
    ("DPIA", lambda v: v["dpia_status"]),
    ("Sist gjennomgått", lambda v: v.get("last_reviewed") or ""),
    ("Fullstendig (art. 30)", lambda v: "Ja" if v["complete"] else "Nei"),
    ("Mangler (art. 30)", lambda v: "; ".join(f"{m['field']} ({m['article']})" for m in v["missing"])),
    ("Versjon", lambda v: v["version"]),
    ("Id", lambda v: v["id"]),
)


def register_table(views: list[dict]) -> dict:
    return {"title": "Protokoll over behandlingsaktiviteter", "columns": [name for name, _ in COLUMNS],
            "rows": [[value(view) for _, value in COLUMNS] for view in views]}
