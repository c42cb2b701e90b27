"""Evidence attachments on the incident's page, in a real browser, in bokmål and English: the coordinator
uploads a file, a disallowed one (an .exe renamed .pdf) is refused beside the field, the list links to a
download of the same bytes, and a removal with its reason stays listed. axe-core checks each state."""
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe
from tests.ui.test_layout import MEASURE

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
TEXTS = {
    "nb": {"upload": "Last opp", "attached": "Filen er lagt ved", "refused": "Bare PDF, PNG, JPEG",
           "remove": "Fjern", "removed": "Vedlegget er fjernet", "removed_by": "Fjernet av", "title": "Vedlegg"},
    "en": {"upload": "Upload", "attached": "The file was attached", "refused": "Only PDF, PNG, JPEG",
           "remove": "Remove", "removed": "The attachment was removed", "removed_by": "Removed by",
           "title": "Attachments"},
}


def incident(vern, title):
    now = datetime.now(timezone.utc)
    headers = {"Authorization": f"Bearer {vern.token(('pko',), 'demo', 'pko-kari')}"}
    reported = requests.post(f"{vern.base_url}/incidents", headers=headers, timeout=10, json={
        "title": title, "description": "Skjermbilder av loggen skal legges ved.", "kind": "security_incident",
        "category": "phishing", "occurred_at": (now - timedelta(hours=5)).isoformat(),
        "aware_at": (now - timedelta(hours=2)).isoformat()})
    assert reported.status_code == 201, reported.text
    return reported.json()["id"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_coordinator_attaches_downloads_and_removes_evidence(vern, person, axe, screenshots, tmp_path, lang):
    texts, violations = TEXTS[lang], {}
    incident_id = incident(vern, f"Phishing med vedlegg ({lang})")
    pko = person(("pko",), sub="pko-kari", lang=lang)
    pko.goto(f"{vern.site}/incidents/{incident_id}#attachments")
    section = pko.locator("section[aria-labelledby=attachments-title]")
    assert texts["title"] in section.inner_text()

    renamed = tmp_path / "faktura.pdf"
    renamed.write_bytes(EXE)
    pko.set_input_files("#attachment-file", str(renamed))
    pko.click(f"#attachment button[type=submit] >> text={texts['upload']}")
    assert pko.locator(".error-summary").is_visible()
    assert texts["refused"] in pko.inner_text("#attachment-file-error")
    violations["refused"] = run_axe(pko, axe)

    evidence = tmp_path / "Møtereferat.pdf"
    evidence.write_bytes(PDF)
    pko.set_input_files("#attachment-file", str(evidence))
    pko.fill("#attachment-description", "Referat fra møtet med leverandøren")
    pko.click(f"#attachment button[type=submit] >> text={texts['upload']}")
    assert texts["attached"] in pko.inner_text("[role=status]")
    link = section.locator("a[download]", has_text="Møtereferat.pdf")
    with pko.expect_download() as started:
        link.click()
    download = started.value
    assert download.suggested_filename == "Møtereferat.pdf"
    assert open(download.path(), "rb").read() == PDF
    violations["listed"] = run_axe(pko, axe)
    pko.screenshot(path=str(screenshots / f"incident-attachments-{lang}.png"), full_page=True)
    pko.set_viewport_size({"width": 390, "height": 844})  # the list and both forms hold on a phone
    measured = pko.evaluate(MEASURE)
    assert measured["scrollWidth"] <= 390 and not measured["count"], measured
    pko.screenshot(path=str(screenshots / f"incident-attachments-{lang}-390.png"), full_page=True)
    pko.set_viewport_size({"width": 1280, "height": 900})

    pko.fill("input[name=reason]", "Feil versjon av referatet")
    pko.click(f"section[aria-labelledby=attachments-title] button >> text={texts['remove']}")
    assert texts["removed"] in pko.inner_text("[role=status]")
    listed = section.inner_text()
    assert texts["removed_by"] in listed and "Feil versjon av referatet" in listed
    assert section.locator("a[download]").count() == 0  # listed, but no longer downloadable
    violations["removed"] = run_axe(pko, axe)

    reader = person(("leader",), lang=lang)  # reads the incident, may not add evidence
    reader.goto(f"{vern.site}/incidents/{incident_id}")
    assert reader.locator("#attachment-file").count() == 0
    assert {state: found for state, found in violations.items() if found} == {}, describe(
        [v for found in violations.values() for v in found])


def _created(vern, roles, path, body) -> str:
    headers = {"Authorization": f"Bearer {vern.token(roles, 'demo')}"}
    answer = requests.post(f"{vern.base_url}{path}", headers=headers, timeout=10, json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def dpia_page(vern) -> str:
    activity = _created(vern, ("pko",), "/processing-activities",
                        {"name": "Elevadministrasjon", "purposes": ["Følge opp elever"]})
    return f"/dpias/{_created(vern, ('pko',), '/dpias', {'processing_id': activity, 'title': 'DPIA for elevdata'})}"


def exercise_page(vern) -> str:
    return "/training/exercises/" + _created(vern, ("isk",), "/training/exercises", {
        "title": "Strømbrudd på rådhuset", "type": "tabletop", "scenario": "Strømmen går i åtte timer.",
        "held_on": "2026-03-02"})


def document_page(vern) -> str:
    return "/governing-documents/" + str(_created(vern, ("isk",), "/governing-documents", {
        "title": "Rutine for tilgangskontroll", "kind": "access_control_routine", "area": "both", "owner": "isk",
        "version": "2.1", "approved_on": "2026-01-15", "status": "in_force"}))


# the record, who writes it, who only reads it, and the confirmation after an upload in each language
RECORDS = {
    "dpia": (dpia_page, ("pko",), ("ombud",), {"nb": "Filen er lagt ved vurderingen", "en": "attached to the assessment"}),
    "exercise": (exercise_page, ("isk",), ("leader",), {"nb": "Filen er lagt ved øvelsen", "en": "attached to the exercise"}),
    "document": (document_page, ("isk",), ("leader",), {"nb": "Filen er lagt ved dokumentet", "en": "attached to the document"}),
}


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("record", list(RECORDS))
def test_evidence_on_a_dpia_an_exercise_and_a_governing_document(vern, person, axe, screenshots, tmp_path, record,
                                                                 lang):
    """The same section as on an incident: a refused file named beside the field, the upload confirmed,
    the download the same bytes, the removal with its reason kept in the list; a reader sees no form."""
    make, writer, reader_roles, attached = RECORDS[record]
    texts, path = TEXTS[lang], make(vern)
    page = person(writer, lang=lang)
    page.goto(f"{vern.site}{path}#attachments")
    section = page.locator("section[aria-labelledby=attachments-title]")
    assert texts["title"] in section.inner_text()

    renamed = tmp_path / "faktura.pdf"
    renamed.write_bytes(EXE)
    page.set_input_files("#attachment-file", str(renamed))
    page.click(f"#attachment button[type=submit] >> text={texts['upload']}")
    assert texts["refused"] in page.inner_text("#attachment-file-error")
    violations = {"refused": run_axe(page, axe)}

    evidence = tmp_path / "Evaluering.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#attachment-file", str(evidence))
    page.fill("#attachment-description", "Signert versjon")
    page.click(f"#attachment button[type=submit] >> text={texts['upload']}")
    assert attached[lang] in page.inner_text("[role=status]")
    with page.expect_download() as started:
        section.locator("a[download]", has_text="Evaluering.pdf").click()
    assert open(started.value.path(), "rb").read() == PDF
    violations["listed"] = run_axe(page, axe)
    page.set_viewport_size({"width": 390, "height": 844})
    measured = page.evaluate(MEASURE)
    assert measured["scrollWidth"] <= 390 and not measured["count"], measured
    page.screenshot(path=str(screenshots / f"{record}-attachments-{lang}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(screenshots / f"{record}-attachments-{lang}.png"), full_page=True)

    page.fill("input[name=reason]", "Feil versjon")
    page.click(f"section[aria-labelledby=attachments-title] button >> text={texts['remove']}")
    assert texts["removed"] in page.inner_text("[role=status]")
    assert "Feil versjon" in section.inner_text() and section.locator("a[download]").count() == 0

    reader = person(reader_roles, lang=lang)
    reader.goto(f"{vern.site}{path}")
    assert texts["title"] in reader.inner_text("section[aria-labelledby=attachments-title]")
    assert reader.locator("#attachment-file").count() == 0
    assert {state: found for state, found in violations.items() if found} == {}, describe(
        [v for found in violations.values() for v in found])
