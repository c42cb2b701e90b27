"""One DPIA as DOCX: the sections of art. 35(7), the risk table, art. 36, in bokmål and English."""
import io

import docx
import pytest

from services.privacy_register.dpia_document import render_docx

FULL = {
    "id": "dpia-1",
    "title": "Kameraovervåking ved Vestli skole",
    "status": "approved",
    "outdated": True,
    "processing": {
        "id": "proc-7",
        "name": "Kameraovervåking i skolegården",
        "purposes": ["Forebygge hærverk", "Sikre elevenes trygghet"],
        "controller": "Utdanningsetaten",
        "legal_bases": [{"purpose": "Forebygge hærverk", "article6": "6(1)(e)", "article9": None,
                         "article10": None, "reference": "opplæringslova § 9 A"}],
    },
    "description": "Kameraer filmer skolegården utenfor skoletid.",
    "necessity_proportionality": "Hærverk koster mye; ingen mildere tiltak har virket.",
    "risks": [
        {"title": "Overvåking av barn", "description": "Elever filmes", "likelihood": 3, "severity": 4,
         "level": "high", "measures": "Filming kun utenfor skoletid", "residual_likelihood": 2,
         "residual_severity": 4, "residual_level": "high"},
        {"title": "Uautorisert tilgang", "description": None, "likelihood": 2, "severity": 3,
         "level": "medium", "measures": "Tilgangsstyring og logging", "residual_likelihood": 1,
         "residual_severity": 3, "residual_level": "low"},
    ],
    "measures": "Skilting, sletting etter 7 dager, tilgangsstyring.",
    "residual_risk": "high",
    "data_subject_views": "FAU er hørt og støtter tiltaket.",
    "dpo_advice": {"advice": "Begrens filming til kveld og helg.", "given_by": "Personvernombudet",
                   "given_at": "2026-10-01", "followed": False,
                   "reason_not_followed": "Hærverk skjer også i friminutt."},
    "author": "Kari Nordmann",
    "reviewer": "Ola Nordmann",
    "approver": "Direktør Hansen",
    "created_at": "2026-09-01T08:00:00+00:00",
    "submitted_at": "2026-09-20T10:30:00+00:00",
    "approved_at": "2026-10-10T12:00:00+00:00",
    "prior_consultation": {"required": True, "outcome": "advice_given", "submitted_on": "2026-10-12",
                           "answered_on": "2026-11-20", "reference": "26/01234"},
    "history": [
        {"at": "2026-09-20T10:30:00+00:00", "by": "Kari Nordmann", "from_status": "draft",
         "to_status": "in_review", "note": None},
        {"at": "2026-10-10T12:00:00+00:00", "by": "Direktør Hansen", "from_status": "in_review",
         "to_status": "approved", "note": "Godkjent med forbehold"},
    ],
}

MINIMAL = {
    "id": "dpia-2", "title": None, "status": "draft", "outdated": False,
    "processing": {"id": "proc-8", "name": "Elevregister", "purposes": [], "controller": None,
                   "legal_bases": []},
    "description": None, "necessity_proportionality": None, "risks": [], "measures": None,
    "residual_risk": None, "data_subject_views": None, "dpo_advice": None,
    "author": None, "reviewer": None, "approver": None,
    "created_at": None, "submitted_at": None, "approved_at": None,
    "prior_consultation": None, "history": [],
}


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def table_with_header(document, first_cell: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first_cell)


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_full_dpia_in_bokmal_has_the_sections_of_art_35_7():
    document = open_docx(render_docx(FULL))

    assert headings(document) == [
        "Vurdering av personvernkonsekvenser (DPIA)",
        "Kameraovervåking ved Vestli skole",
        "Fakta",
        "Systematisk beskrivelse av behandlingen og formålene (art. 35(7)(a))",
        "Behandlingsgrunnlag",
        "Vurdering av nødvendighet og forholdsmessighet (art. 35(7)(b))",
        "Vurdering av risikoen for de registrertes rettigheter og friheter (art. 35(7)(c))",
        "Tiltak for å håndtere risikoene (art. 35(7)(d))",
        "Restrisiko og forhåndsdrøftelse med Datatilsynet (art. 36)",
        "Forhåndsdrøftelse",
        "Råd fra personvernombudet (art. 35(2))",
        "De registrertes synspunkter (art. 35(9))",
        "Historikk",
    ]


def test_full_dpia_facts_table_names_processing_people_and_outdated_status():
    document = open_docx(render_docx(FULL))
    facts = dict(rows_of(table_with_header(document, "Behandling")))

    assert facts["Behandling"] == "Kameraovervåking i skolegården"
    assert facts["Formål"] == "Forebygge hærverk; Sikre elevenes trygghet"
    assert facts["Behandlingsansvarlig"] == "Utdanningsetaten"
    assert facts["Status"] == "godkjent – UTDATERT / OUTDATED"
    assert facts["Utarbeidet av"] == "Kari Nordmann"
    assert facts["Godkjent av"] == "Direktør Hansen"
    assert facts["Godkjent"] == "2026-10-10 14:00"   # shown in Oslo time
    assert any(p.text.startswith("UTDATERT / OUTDATED") for p in document.paragraphs)


def test_full_dpia_risk_table_has_one_row_per_risk():
    document = open_docx(render_docx(FULL))

    assert rows_of(table_with_header(document, "Risiko")) == [
        ["Risiko", "Sannsynlighet × konsekvens → nivå", "Tiltak", "Restrisiko"],
        ["Overvåking av barn\nElever filmes", "3 × 4 → høy", "Filming kun utenfor skoletid", "2 × 4 → høy"],
        ["Uautorisert tilgang", "2 × 3 → middels", "Tilgangsstyring og logging", "1 × 3 → lav"],
    ]


def test_high_residual_risk_requires_prior_consultation_and_shows_the_outcome():
    document = open_docx(render_docx(FULL))
    text = all_text(document)

    assert "Samlet restrisiko: høy." in text
    assert ("Restrisikoen er høy: forhåndsdrøftelse med Datatilsynet er påkrevd "
            "før behandlingen starter (art. 36(1)).") in text
    consultation = dict(rows_of(table_with_header(document, "Mottatt av Datatilsynet")))
    assert consultation == {"Mottatt av Datatilsynet": "2026-10-12", "Svar fra Datatilsynet": "2026-11-20",
                            "Utfall": "skriftlige råd gitt", "Saksnummer": "26/01234"}


def test_dpo_advice_not_followed_gives_the_reason():
    document = open_docx(render_docx(FULL))
    advice = dict(rows_of(table_with_header(document, "Råd")))

    assert advice["Rådet er fulgt"] == "nei"
    assert advice["Begrunnelse for ikke å følge rådet"] == "Hærverk skjer også i friminutt."


def test_history_table_lists_the_transitions():
    document = open_docx(render_docx(FULL))

    assert rows_of(table_with_header(document, "Tidspunkt"))[1:] == [
        ["2026-09-20 12:30", "Kari Nordmann", "utkast", "til gjennomgang", "ikke utfylt"],
        ["2026-10-10 14:00", "Direktør Hansen", "til gjennomgang", "godkjent", "Godkjent med forbehold"],
    ]


def test_full_dpia_in_english():
    document = open_docx(render_docx(FULL, language="en"))
    text = all_text(document)

    assert headings(document)[0] == "Data protection impact assessment (DPIA)"
    assert "Assessment of necessity and proportionality (art. 35(7)(b))" in headings(document)
    assert "Measures envisaged to address the risks (art. 35(7)(d))" in headings(document)
    assert "Views of the data subjects (art. 35(9))" in headings(document)
    assert rows_of(table_with_header(document, "Risk"))[1][1:] == [
        "3 × 4 → high", "Filming kun utenfor skoletid", "2 × 4 → high"]
    assert "prior consultation with Datatilsynet is required before the processing starts (art. 36(1))" in text
    assert dict(rows_of(table_with_header(document, "Processing")))["Status"] == "approved – UTDATERT / OUTDATED"
    assert "written advice given" in text
    assert "Vurdering av personvernkonsekvenser" not in text


@pytest.mark.parametrize("language, missing", [("nb", "ikke utfylt"), ("en", "not filled in")])
def test_minimal_dpia_shows_missing_values_and_never_none(language, missing):
    document = open_docx(render_docx(MINIMAL, language=language))
    text = all_text(document)
    facts = dict(rows_of(document.tables[0]))

    assert "None" not in text
    assert "OUTDATED" not in text
    assert set(list(facts.values())[1:3] + list(facts.values())[4:]) == {missing}
    assert len(document.tables) == 1          # no risks, no advice, no history: sentences instead
    assert "(art. 35(7)(c))" in text and "(art. 35(7)(d))" in text and "(art. 35(9))" in text


def test_minimal_dpia_without_processing_or_keys_still_renders():
    document = open_docx(render_docx({**MINIMAL, "processing": None, "status": None}))

    assert "None" not in all_text(document)
    assert dict(rows_of(document.tables[0]))["Behandling"] == "ikke utfylt"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_full_dpia_never_shows_none(language):
    assert "None" not in all_text(open_docx(render_docx(FULL, language=language)))


def test_residual_risk_not_high_needs_no_consultation():
    dpia = {**FULL, "residual_risk": "medium", "prior_consultation": None, "outdated": False}
    text = all_text(open_docx(render_docx(dpia)))

    assert "Samlet restrisiko: middels." in text
    assert "forhåndsdrøftelse etter art. 36(1) er ikke påkrevd" in text
    assert "UTDATERT" not in text


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError):
        render_docx(MINIMAL, language="nn")
