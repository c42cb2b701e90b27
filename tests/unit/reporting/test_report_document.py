"""Reports as documents: the layout of each kind as blocks (no file parsed), and both writers produce files
that open: DOCX through python-docx, PDF through poppler (pdftotext for the words, pdftoppm for a page)."""
import io
import subprocess
from datetime import date, datetime, timezone

import docx
import pytest

from services.reporting import (annual_plan, annual_plan_rules, declaration_rules, report_content, report_document,
                                report_figures)
from services.reporting.report_layout import Heading, Note, Paragraph, Table, filename, label, layout

START, END = date(2026, 1, 1), date(2026, 12, 31)
ALL = {"incidents", "risk", "privacy_register", "training"}


def figures():
    incidents = [{"id": "inc-1", "reported_at": "2026-03-02T09:00:00+00:00", "kind": "personal_data_breach",
                  "category": "phishing", "severity": "high", "serious": True, "title": "E-post til feil mottaker",
                  "aware_at": "2026-03-02T08:00:00+00:00", "notified_at": "2026-03-06T10:00:00+00:00",
                  "notified_late": True},
                 {"id": "inc-2", "reported_at": "2026-04-11T09:00:00+00:00", "kind": "deviation",
                  "category": "other"}]
    processings = [{"id": "p-1", "name": "Lønn", "status": "active", "complete": True,
                    "dpia_required_at": "2026-01-02", "dpia_approved_at": "2026-01-10"}]
    found = {"incident": incidents, "processing": processings,
             "assessment": [{"id": "a-1", "title": "ROS", "approved_at": "2026-02-01", "risk_count": 7}],
             "campaign": [{"id": "c-1", "title": "Personvernuka", "completed_at": "2026-05-01"}]}
    return {
        "declaration": declaration_rules.evidence(found, START, END, datetime(2026, 12, 31, tzinfo=timezone.utc),
                                                  [{"id": "rep-0", "version": 1, "approved_at": "2026-11-30"}]),
        "incidents": report_figures.incident_figures(incidents, START, END),
        "risk": report_figures.risk_figures([{"approved_at": "2026-02-01", "risk_count": 7}], [], [], START, END),
        "privacy_register": report_figures.privacy_figures([{"status": "active", "complete": True,
                                                             "dpia_approved_at": "2026-01-10"}]),
        "training": report_figures.training_figures([{"completed_at": "2026-05-01", "enrolled": 8, "completed": 6}],
                                                    [], [], START, END),
        "management_review_approved": True,
        "annual_plan": annual_plan_followup(),
    }


def annual_plan_followup():
    activities = [
        {"id": 1, "year": 2026, "area": "security", "kind": "risk_assessment", "title": "ROS for fagsystemet",
         "owner_role": "isk", "due_month": 3, "status": "done", "done_at": datetime(2026, 4, 2, 10, tzinfo=timezone.utc),
         "evidence": [{"title": "ROS godkjent"}], "cancel_reason": None},
        {"id": 2, "year": 2026, "area": "privacy", "kind": "exercise", "title": "Beredskapsøvelse",
         "owner_role": "pko", "due_month": 10, "status": "planned", "done_at": None, "evidence": [],
         "cancel_reason": None}]
    return {"year": 2026, "activities": [annual_plan.with_standing(a, date(2026, 11, 1)) for a in activities],
            "figures": annual_plan_rules.figures(activities, date(2026, 11, 1))}


def view_of(kind, content, status="draft", **extra):
    title_nb, title_en = report_content.TITLES[kind]
    return {"id": "r-1", "agency": "demo", "kind": kind, "title_nb": title_nb, "title_en": title_en,
            "period_start": "2026-01-01", "period_end": "2026-12-31", "version": 2, "status": status,
            "inputs": {}, "content": {"period": {"start": "2026-01-01", "end": "2026-12-31"}, **content},
            "content_sha256": None, "seal_valid": None, "approved_at": None, "approved_by": None, **extra}


def approved(view, seal_valid=True):
    return {**view, "status": "approved", "approved_by": "leder", "approved_at": "2026-12-31T13:30:00+00:00",
            "content_sha256": "0f" * 32, "seal_valid": seal_valid}


def texts(blocks):
    found = []
    for block in blocks:
        if isinstance(block, Table):
            found += [cell for row in ((block.header,) if block.header else ()) + block.rows for cell in row]
        else:
            found.append(block.text)
    return found


def table_after(blocks, heading):
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    return next(b for b in blocks[index:] if isinstance(b, Table))


def test_an_incident_summary_is_the_title_the_facts_a_draft_marking_and_the_figures_as_tables():
    content = report_content.compose("incident_summary", figures(), {"summary": "Færre hendelser enn i fjor."},
                                     ALL, None)
    blocks = layout(view_of("incident_summary", content), "nb")
    assert blocks[0] == Heading("Oppsummering av hendelser og avvik", 0)
    assert blocks[1] == Note("UTKAST – ikke godkjent")
    assert blocks[2].rows[:4] == (("Virksomhet", "demo"), ("Periode", "01.01.2026 – 31.12.2026"), ("Versjon", "2"),
                                  ("Status", "utkast"))
    assert ("Meldt i perioden", "2") in table_after(blocks, "Nøkkeltall").rows
    assert table_after(blocks, "Per måned").rows == (("mars 2026", "1"), ("april 2026", "1"))
    assert ("brudd på personopplysningssikkerheten", "1") in table_after(blocks, "Per type").rows
    breaches = table_after(blocks, "Brudd på personopplysningssikkerheten").rows
    assert ("Meldt for sent", "1") in breaches and ("Meldt for sent (saker)", "inc-1") in breaches
    assert Paragraph("Færre hendelser enn i fjor.") in blocks
    assert Paragraph("(ikke utfylt)", missing=True) in blocks  # lessons learned, not written yet

    english = texts(layout(view_of("incident_summary", content), "en"))
    assert english[:2] == ["Incident and deviation summary", "DRAFT – not approved"]
    assert "By month" in english and "March 2026" in english and "Notified within 72 hours" in english
    assert "(not filled in)" in english


def test_a_management_review_shows_the_inputs_a_to_g_previous_decisions_and_a_source_not_deployed():
    content = report_content.compose("management_review", figures(), {"b": "Ny lov.", "decisions": "Innføre MFA."},
                                     {"incidents", "training", "risk"}, "Kryptere alle bærbare.")
    blocks = layout(approved(view_of("management_review", content)), "nb")
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[0].startswith("(a) Status for tiltak") and headings[6].startswith("(g) ")
    assert headings[7] == "Beslutninger om forbedringer og endringsbehov"
    assert Paragraph("Kryptere alle bærbare.") in blocks and Paragraph("Innføre MFA.") in blocks
    # (f): risk is deployed, the privacy register is not: its note is printed, nothing fails
    rows = [row for b in blocks if isinstance(b, Table) for row in b.rows]
    assert ("Godkjente risikovurderinger", "1") in rows and ("Vurderte risikoer", "7") in rows
    assert any(isinstance(b, Note) and "privacy_register" in b.text for b in blocks)
    assert ("Gjennomføringsgrad (%)", "75,0") in rows
    facts = dict(blocks[1].rows)
    assert not any(isinstance(b, Note) and "UTKAST" in b.text for b in blocks)
    assert facts["Godkjent av"] == "leder" and facts["Godkjent"] == "31.12.2026 kl. 14:30"  # Oslo time
    assert facts["Innholdets SHA-256"] == "0f" * 32 and facts["Forsegling"].startswith("holder (")
    english = dict(layout(approved(view_of("management_review", content)), "en")[1].rows)
    assert english["Approved"] == "2026-12-31 14:30" and english["Content SHA-256"] == "0f" * 32


def test_a_broken_seal_is_printed_as_a_warning():
    content = report_content.compose("incident_summary", figures(), {}, ALL, None)
    blocks = layout(approved(view_of("incident_summary", content), seal_valid=False), "en")
    assert dict(blocks[1].rows)["Seal"].startswith("does NOT hold")
    assert any(isinstance(b, Note) and b.text.startswith("The seal does not hold") for b in blocks)


def test_a_self_declaration_answers_each_statement_with_its_basis_and_ends_in_a_signature():
    content = report_content.compose("self_declaration", figures(), {
        "comment_breaches_notified_in_time": "Ett brudd ble meldt for sent.", "weaknesses_and_measures": "Rutine."},
        ALL - {"training"}, None)
    view = {**view_of("self_declaration", content), "inputs": {"signature_place": "Oslo"}}
    blocks = layout(view, "nb")
    summary = table_after(blocks, "Erklæring")
    assert summary.header == ("Bekreftelse", "Svar")
    answers = dict(summary.rows)
    breach_statement = "Brudd er avgjort innen 72 timer: meldt Datatilsynet eller dokumentert som ikke meldepliktig"
    assert answers[breach_statement] == "Nei"
    assert answers["DPIA er gjennomført der det kreves"] == "Ja"
    assert answers["Det finnes databehandleravtale med alle databehandlere"] == "Ingen data"
    assert answers["Beredskapsøvelse er holdt"] == "Ingen kilde"
    breach = table_after(blocks, breach_statement)
    assert breach.rows == (("Svar", "Nei"), ("Kommentar", "Ett brudd ble meldt for sent."))
    # the rule beside the answer, and the breach it counted
    assert Paragraph("Regel: 0 av 1 brudd ble avgjort innen 72 timer: meldt i tide eller dokumentert som ikke "
                     "meldepliktig; 1 for sent (meldt etter 72 timer eller uten avgjørelse etter 72 timer).") in blocks
    section = blocks[blocks.index(Heading(breach_statement, 2)):]
    counted = section[section.index(Heading("Poster som er telt", 3)) + 1]
    assert counted == Paragraph("• Brudd «E-post til feil mottaker» (id inc-1): avvik – meldt Datatilsynet for sent, "
                                "etter 98 timer")
    basis = table_after(blocks, "Grunnlag: Hendelser og avvik")
    assert ("Brudd på personopplysningssikkerheten: Meldt for sent", "1") in basis.rows
    assert any(isinstance(b, Note) and "Opplæring og beredskapsøvelser" in b.text for b in blocks)
    assert Paragraph("Rutine.") in blocks
    signature = table_after(blocks, "Underskrift").rows
    assert signature[0] == ("Sted", "Oslo") and signature[1][1].startswith("____")
    assert dict(table_after(layout(approved(view), "nb"), "Underskrift").rows)["Dato"] == "31.12.2026"
    english = dict(table_after(layout(view, "en"), "Declaration").rows)
    assert set(english.values()) == {"Yes", "No", "No data", "No source"}
    assert Paragraph("• Report «Ledelsens gjennomgang / Management review v1» (id rep-0): in order – approved "
                     "2026-11-30") in layout(view, "en")


def test_a_generic_table_section_and_unknown_figures_render_without_labels_of_their_own():
    """The shape another report kind (annual_plan_followup) uses: columns with titles, rows by key."""
    content = {"sections": [
        {"key": "plan", "title_nb": "Årshjul", "title_en": "Annual plan", "table": {
            "columns": [{"key": "activity", "title_nb": "Aktivitet", "title_en": "Activity"},
                        {"key": "due", "title_nb": "Frist", "title_en": "Due"},
                        {"key": "done", "title_nb": "Utført", "title_en": "Done"}],
            "rows": [{"activity": "Risikovurdering", "due": "2026-03-01", "done": True},
                     {"activity": "Øvelse", "due": None, "done": False}]}},
        {"key": "empty", "title_nb": "Tom", "title_en": "Empty", "table": {"columns": [], "rows": []}},
        {"key": "new", "title_nb": "Nytt", "title_en": "New", "available": True,
         "figures": {"brand_new_figure": 3, "ratio": 0.5, "by_colour": {"dark_red": 2}}},
        {"key": "gone", "title_nb": "Borte", "title_en": "Gone", **report_content.not_deployed("archive")}]}
    blocks = layout(view_of("incident_summary", content), "nb")
    plan = table_after(blocks, "Årshjul")
    assert plan.header == ("Aktivitet", "Frist", "Utført")
    assert plan.rows == (("Risikovurdering", "2026-03-01", "ja"), ("Øvelse", "–", "nei"))
    assert ("Brand new figure", "3") in table_after(blocks, "Nøkkeltall").rows
    assert ("Ratio", "0,5") in table_after(blocks, "Nøkkeltall").rows
    assert table_after(blocks, "By colour").rows == (("Dark red", "2"),)
    assert Note("archive er ikke tatt i bruk i denne virksomheten / archive is not deployed") in blocks
    assert table_after(layout(view_of("incident_summary", content), "en"), "Annual plan").header[0] == "Activity"
    assert label("late", "en") == "Notified late" and label("2026-02", "nb") == "februar 2026"


def test_the_file_name_names_kind_period_version_and_language():
    view = view_of("management_review", {})
    assert filename(view, "nb", "pdf") == "management_review-2026-v2-nb.pdf"
    half = {**view, "period_start": "2026-01-01", "period_end": "2026-06-30"}
    assert filename(half, "en", "docx") == "management_review-2026-01-01_2026-06-30-v2-en.docx"
    with pytest.raises(ValueError):
        layout(view, "sv")


def every_kind():
    for kind in report_content.KINDS:
        content = report_content.compose(kind, figures(), {"b": "Øvrige forhold: særlig årsavslutning."}
                                         if kind == "management_review" else {}, ALL - {"risk"}, None)
        yield kind, view_of(kind, content)


@pytest.mark.parametrize("kind,view", list(every_kind()), ids=report_content.KINDS)
def test_the_docx_opens_and_holds_the_title_and_the_figures(kind, view):
    for language, title in (("nb", view["title_nb"]), ("en", view["title_en"])):
        document = docx.Document(io.BytesIO(report_document.render_docx(view, language)))
        paragraphs = [p.text for p in document.paragraphs]
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert paragraphs[0] == title and document.core_properties.title == title
        assert ("UTKAST – ikke godkjent" if language == "nb" else "DRAFT – not approved") in paragraphs
        if kind == "annual_plan_followup":  # codes in the plan's table are shown as words
            assert ("Utført etter frist" if language == "nb" else "Done late") in cells
            assert ("Forfalt" if language == "nb" else "Overdue") in cells
            continue
        assert "Meldt for sent (saker)" in cells or "Notified late (cases)" in cells or kind == "self_declaration"
        assert "inc-1" in cells  # a figure's value: the case notified late


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def first_page_png(data: bytes) -> bytes:
    return subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1"], input=data, capture_output=True,
                          check=True).stdout


@pytest.mark.parametrize("kind,view", list(every_kind()), ids=report_content.KINDS)
def test_the_pdf_holds_the_norwegian_title_and_its_first_page_renders(kind, view):
    data = report_document.render_pdf(view, "nb")
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert view["title_nb"] in text and "UTKAST – ikke godkjent" in text
    assert "Hendelser og avvik" in text or "Brudd er meldt Datatilsynet" in text or "Beredskapsøvelse" in text
    if kind == "management_review":
        assert "Øvrige forhold: særlig årsavslutning." in text  # æ, ø, å in the coordinators' own words
    if kind == "self_declaration":
        assert "egenerklæring" in text and "Underskrift" in text
    png = first_page_png(data)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    english = pdf_text(report_document.render_pdf(approved(view), "en"))
    assert view["title_en"] in english and "0f" * 32 in english.replace("\n", "").replace(" ", "") \
        and "DRAFT" not in english


def test_a_declaration_approved_before_statements_had_rules_still_prints_as_it_was_sealed():
    """Approved content is frozen: an older one has no rule or records, and prints without them."""
    old = {"statements": [{"key": "breaches_notified_in_time", "answer": "no", "source": "incidents",
                           "statement_nb": "Brudd er meldt Datatilsynet innen 72 timer",
                           "statement_en": "Breaches were notified to Datatilsynet within 72 hours",
                           "figures": {"reported": 1}, "comment": None}], "weaknesses_and_measures": None}
    blocks = layout(approved(view_of("self_declaration", old)), "nb")
    assert table_after(blocks, "Brudd er meldt Datatilsynet innen 72 timer").rows[0] == ("Svar", "Nei")
    assert not any(isinstance(b, Paragraph) and b.text.startswith("Regel:") for b in blocks)
    assert Heading("Poster som er telt", 3) not in blocks
    assert pdf_text(report_document.render_pdf(approved(view_of("self_declaration", old)), "en")).count("Answer") >= 1
