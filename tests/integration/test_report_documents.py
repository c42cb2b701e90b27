"""Reports as PDF and DOCX over the real RabbitMQ: a draft is marked as one, an approved report prints
its frozen figures (a later event changes nothing in it), and both files open (python-docx, and poppler
turns the PDF's first page into an image)."""
import io
import re
import subprocess
import uuid

import docx

from tests.integration.harness import wait_for
from tests.integration.test_reports import PERIOD, YEAR, ok, report_incident

MEDIA_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def download(client, report_id, file_format, language):
    response = client.get(f"/reports/{report_id}/document", params={"format": file_format, "language": language})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith(MEDIA_TYPES[file_format])
    return response


def docx_text(data: bytes) -> tuple[list[str], dict]:
    """The document's paragraphs, and its two-column rows as label -> value (python-docx opens the file)."""
    document = docx.Document(io.BytesIO(data))
    rows = {row.cells[0].text: row.cells[-1].text for table in document.tables for row in table.rows}
    return [p.text for p in document.paragraphs], rows


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def renders_first_page(data: bytes) -> None:
    png = subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1"], input=data, capture_output=True,
                         check=True).stdout
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000


def reported(client, report_id):
    content = ok(client.get(f"/reports/{report_id}"))["content"]
    sections = content.get("sections") or []
    parts = [p for s in sections for p in s.get("parts", [])] + sections
    return next(p["figures"]["reported"] for p in parts if p.get("key") == "incidents")


def test_an_approved_review_prints_its_frozen_figures_and_a_draft_is_marked(vern):
    code = f"doc-{uuid.uuid4().hex[:8]}"
    coordinator, leader = vern.client(("pko", "isk"), code), vern.client(("leader",), code)
    for n in range(3):
        report_incident(coordinator, n)
    review = ok(coordinator.post("/reports", json={"kind": "management_review", **PERIOD, "inputs": {
        "b": "Ny personopplysningslov ventes; særlig økt vekt på å følge opp.", "decisions": "Innføre MFA."}}), 201)
    wait_for(lambda: reported(coordinator, review["id"]) == 3, timeout=20)

    # a draft is marked as one, in both languages and both formats
    draft = download(coordinator, review["id"], "pdf", "nb")
    assert f'filename="management_review-{YEAR}-v1-nb.pdf"' in draft.headers["Content-Disposition"]
    assert "UTKAST – ikke godkjent" in pdf_text(draft.content)
    paragraphs, _ = docx_text(download(coordinator, review["id"], "docx", "en").content)
    assert "DRAFT – not approved" in paragraphs

    approved = ok(leader.post(f"/reports/{review['id']}/approval", json={"read_confirmed": True}))
    report_incident(coordinator, 3)  # after approval: the approved document must not count it
    summary = ok(coordinator.post("/reports", json={"kind": "incident_summary", **PERIOD}), 201)
    wait_for(lambda: reported(coordinator, summary["id"]) == 4, timeout=20)

    for language, title, figure, sha in (("nb", "Ledelsens gjennomgang", "Meldt i perioden", "Innholdets SHA-256"),
                                         ("en", "Management review", "Reported in the period", "Content SHA-256")):
        paragraphs, rows = docx_text(download(leader, review["id"], "docx", language).content)
        assert paragraphs[0] == title and rows[figure] == "3" and rows[sha] == approved["content_sha256"]
        assert "Innføre MFA." in paragraphs and not any("UTKAST" in p or "DRAFT" in p for p in paragraphs)
        pdf = download(leader, review["id"], "pdf", language).content
        text = pdf_text(pdf)
        assert title in text and re.search(rf"{figure}\s+3\b", text), text
        assert approved["content_sha256"] in re.sub(r"\s", "", text)
        assert "særlig økt vekt på å følge opp" in text
        renders_first_page(pdf)
    _, live = docx_text(download(coordinator, summary["id"], "docx", "nb").content)
    assert live["Meldt i perioden"] == "4"  # the new event is there, in a draft

    refused = coordinator.get(f"/reports/{review['id']}/document", params={"format": "odt"})
    assert refused.status_code == 400 and "format" in refused.json()["error"]["fields"]
    refused = coordinator.get(f"/reports/{review['id']}/document", params={"language": "sv"})
    assert refused.status_code == 400 and "language" in refused.json()["error"]["fields"]
    assert vern.client(("employee",), code).get(f"/reports/{review['id']}/document").status_code == 403
    assert vern.client(("pko",), "other").get(f"/reports/{review['id']}/document").status_code == 404


def test_a_self_declaration_prints_each_answer_and_the_signature_lines(vern):
    code = f"doc-{uuid.uuid4().hex[:8]}"
    leader = vern.client(("leader",), code)
    report_incident(vern.client(("pko",), code), 0)
    declaration = ok(leader.post("/reports", json={"kind": "self_declaration", **PERIOD, "inputs": {
        "signature_place": "Tromsø", "comment_ropa_complete": "Protokollen er under arbeid.",
        "weaknesses_and_measures": "Opplæring av nye ansatte må følges opp."}}), 201)
    wait_for(lambda: next(s for s in ok(leader.get(f"/reports/{declaration['id']}"))["content"]["statements"]
                          if s["key"] == "breaches_notified_in_time")["figures"]["reported"] == 1, timeout=20)

    text = pdf_text(download(leader, declaration["id"], "pdf", "nb").content)
    assert "Virksomhetsleders egenerklæring" in text and "UTKAST – ikke godkjent" in text

    ok(leader.post(f"/reports/{declaration['id']}/approval", json={"read_confirmed": True}))
    response = download(leader, declaration["id"], "docx", "nb")
    assert f'filename="self_declaration-{YEAR}-v1-nb.docx"' in response.headers["Content-Disposition"]
    paragraphs, rows = docx_text(response.content)
    assert paragraphs[0] == "Virksomhetsleders egenerklæring"
    # the one incident is no breach, and nothing is registered: no records, so no answer either way
    assert rows["Brudd er avgjort innen 72 timer: meldt Datatilsynet eller dokumentert som ikke meldepliktig"] \
        == "Ingen data"
    assert rows["Protokollen over behandlingsaktiviteter er fullstendig"] == "Ingen data"
    assert rows["Kommentar"] and "Opplæring av nye ansatte må følges opp." in paragraphs
    assert rows["Sted"] == "Tromsø" and rows["Virksomhetsleder (underskrift)"].startswith("____")
    pdf = download(leader, declaration["id"], "pdf", "en").content
    english = pdf_text(pdf)
    assert "Agency head's self-declaration" in english and "Signature" in english and "DRAFT" not in english
    assert re.search(r"The record of processing activities is complete\s+No data\b", english), english
    renders_first_page(pdf)
