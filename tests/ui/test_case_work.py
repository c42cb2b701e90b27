"""The coordinator's case work on a personal data breach, in a real browser: status, handler, journal
note and measures on the incident's page; the ENISA assessment, the decision, the notification to
Datatilsynet (which stops the 72-hour clock) and the communication to the data subjects on the breach
page; then closing with root cause and lessons, refused while a measure is open. axe-core checks the
pages in each state, error summaries included."""
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration
TITLE = "Helseopplysninger sendt i ukryptert e-post"


@pytest.fixture
def breach_id(vern):
    now = datetime.now(timezone.utc)
    headers = {"Authorization": f"Bearer {vern.token(('employee',), 'demo', 'ansatt-per')}"}
    reported = requests.post(f"{vern.base_url}/incidents", headers=headers, timeout=10, json={
        "title": TITLE, "description": "Epikrise sendt til feil fastlege.", "kind": "personal_data_breach",
        "category": "misdirected_email_or_letter", "occurred_at": (now - timedelta(hours=5)).isoformat(),
        "aware_at": (now - timedelta(hours=2)).isoformat()})
    assert reported.status_code == 201, reported.text
    return reported.json()["id"]


def _notice(page) -> str:
    return page.inner_text("[role=status]")


def test_a_coordinator_handles_a_breach_from_report_to_closing(vern, person, axe, screenshots, breach_id):
    violations = {}
    pko = person(("pko",), sub="pko-kari")
    pko.goto(f"{vern.site}/incidents/{breach_id}")

    # case handling on the incident's page
    pko.check("#transition-status-triage")
    pko.click("text=Endre status >> nth=-1")
    assert "Statusen er endret" in _notice(pko)
    assert "til vurdering" in pko.inner_text(".facts")
    assert "Status endret (meldt → til vurdering)" in pko.inner_text("section[aria-labelledby=journal-title]")
    pko.fill("#handler-handler", "pko-kari")
    pko.check("#handler-role-pko")
    pko.click("button >> text=Tildel")
    assert "Saksbehandler er tildelt" in _notice(pko)
    assert "pko-kari" in pko.inner_text(".facts")
    pko.fill("#note-text", "Ringte fastlegen; e-posten er slettet.")
    pko.click("text=Lagre notatet")
    assert "Ringte fastlegen" in pko.inner_text("section[aria-labelledby=journal-title]")

    pko.click("text=Legg til tiltaket")  # an empty measure: errors beside the fields, nothing stored
    assert pko.locator(".error-summary").is_visible()
    assert pko.locator("#measure-title-error").is_visible() and pko.locator("#measure-owner-error").is_visible()
    violations["incident (errors)"] = run_axe(pko, axe)
    pko.fill("#measure-title", "Innfør kryptert e-post for helseopplysninger")
    pko.check("#measure-kind-preventive")
    pko.fill("#measure-owner", "IT-seksjonen")
    pko.fill("#measure-due_date", "2027-01-31")
    pko.click("text=Legg til tiltaket")
    assert "Tiltaket er lagt til" in _notice(pko)
    row = pko.locator("section[aria-labelledby=measures-title] tbody tr", has_text="kryptert e-post")
    assert "31.01.2027" in row.inner_text()

    pko.check("#severity-high")
    pko.check("#personal_data_involved-yes")
    pko.click("text=Lagre vurderingen")
    violations["incident"] = run_axe(pko, axe)
    pko.screenshot(path=screenshots / "incident-case-work.png", full_page=True)

    # the breach page: the clock runs until Datatilsynet is notified
    pko.click("text=Personvernbrudd: vurdering og varsling")
    assert pko.locator(".clock").count() == 1
    pko.click("text=Lagre vurderingen")  # nothing chosen: every question named
    summary = pko.inner_text(".error-summary")
    assert "Kryss av for minst én type opplysninger" in summary and "Skriv et tall" in summary
    violations["breach (errors)"] = run_axe(pko, axe)
    pko.check("#breach-data_types-sensitive")
    pko.check("#breach-ease_of_identification-maximum")
    pko.check("#breach-confidentiality-0_5")
    pko.check("#breach-integrity-0")
    pko.check("#breach-availability-0")
    pko.check("#breach-malicious-no")
    pko.fill("#breach-data_subjects", "1")
    pko.check("#breach-unintelligible-no")
    pko.check("#breach-vulnerable_subjects-yes")
    pko.click("text=Lagre vurderingen")
    assert "Vurderingen av bruddet er lagret" in _notice(pko)
    recommendation = pko.inner_text(".recommendation")
    assert "Anbefaling for melding til Datatilsynet: skal varsles" in recommendation

    # an exemption must name its ground; the decision that follows the recommendation (preselected) needs no
    # justification
    pko.check("#decision-notify_data_subjects-exempt")
    pko.click("text=Lagre beslutningen")
    assert "Velg grunnlaget for unntaket." in pko.inner_text("#decision-subject_exemption-error")
    pko.check("#decision-notify_data_subjects-required")
    assert pko.is_checked("#decision-notify_authority-required")
    pko.click("text=Lagre beslutningen")
    assert "Beslutningen om varsling er lagret" in _notice(pko)

    # departing from the recommendation needs a justification: the service says so, beside the field, and
    # the folded form stays open
    pko.click("text=Ny beslutning")
    pko.check("#decision-notify_authority-not_required")
    pko.click("text=Lagre beslutningen")
    assert pko.locator("#decision-justification-error").is_visible()
    assert pko.is_checked("#decision-notify_authority-not_required")
    assert "skal varsles" in pko.inner_text("section[aria-labelledby=decision] > p")  # the first one stands

    pko.fill("#notification-reference", "AR987654321")
    pko.fill("#notification-summary", "Epikrise sendt til feil fastlege; slettet.")
    violations["breach (decided)"] = run_axe(pko, axe)
    pko.screenshot(path=screenshots / "breach.png", full_page=True)
    pko.click("text=Registrer meldingen")
    assert "Meldingen til Datatilsynet er registrert" in _notice(pko)
    assert pko.locator(".clock").count() == 0  # the clock stopped
    assert "meldt i tide" in pko.inner_text(".facts")
    assert "AR987654321" in pko.inner_text("section[aria-labelledby=notification]")

    pko.select_option("#communication-channel", "digital_mailbox")
    pko.fill("#communication-subjects_reached", "1")
    pko.click("text=Registrer informasjonen")
    assert "Informasjonen til de registrerte er registrert" in _notice(pko)
    assert "informert" in pko.inner_text(".facts")

    # resolve, and closing is refused while the measure is open
    pko.click("text=Tilbake til hendelsen")
    for status in ("investigating", "resolved"):
        pko.check(f"#transition-status-{status}")
        pko.click("text=Endre status >> nth=-1")
    pko.fill("#close-root_cause", "Manuell e-post uten kryptering.")
    pko.fill("#close-lessons_learned", "Helseopplysninger sendes bare kryptert.")
    pko.click("button >> text=Lukk hendelsen")
    assert "uavsluttet arbeid" in pko.inner_text(".error-summary")
    assert pko.input_value("#close-root_cause") == "Manuell e-post uten kryptering."  # the input is kept
    row = pko.locator("section[aria-labelledby=measures-title] tbody tr", has_text="kryptert e-post")
    row.locator("select").select_option("done")
    row.locator("button").click()
    assert "Tiltaket er oppdatert" in _notice(pko)
    pko.fill("#close-root_cause", "Manuell e-post uten kryptering.")
    pko.fill("#close-lessons_learned", "Helseopplysninger sendes bare kryptert.")
    pko.click("button >> text=Lukk hendelsen")
    assert "Hendelsen er lukket" in _notice(pko)
    assert "lukket" in pko.inner_text(".facts")
    assert "Helseopplysninger sendes bare kryptert." in pko.inner_text("main")
    assert pko.locator("#reopen").count() == 1 and pko.locator("#transition").count() == 0
    violations["incident (closed)"] = run_axe(pko, axe)

    failing = {name: found for name, found in violations.items() if found}
    assert not failing, describe(failing)

    # what the browser did is what the API holds
    api = requests.get(f"{vern.base_url}/incidents/{breach_id}", timeout=10,
                       headers={"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}).json()
    assert api["status"] == "closed" and api["handler"] == "pko-kari"
    assert api["authority_notifications"][0]["reference"] == "AR987654321"
    assert [m["status"] for m in api["measures"]] == ["done"]


def test_an_employee_sees_no_case_work(vern, person, breach_id):
    employee = person(("employee",), sub="ansatt-per")
    employee.goto(f"{vern.site}/incidents/{breach_id}")
    assert employee.locator("#transition, #measure, #note, #close").count() == 0
