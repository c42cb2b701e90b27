"""The coordinator's risk work in the browser: a new assessment, a risk in it (likelihood × consequence),
listed on the assessment's page and in the register, then a measure for it."""
import pytest

pytestmark = pytest.mark.integration


def test_create_an_assessment_add_a_risk_and_a_measure(vern, person):
    page = person(("isk",))
    page.goto(f"{vern.site}/risks")
    page.click("text=Opprett risikovurderingen")  # empty: the error summary links to the fields
    assert page.locator(".error-summary a[href='#title']").count() == 1
    page.fill("#title", "Ny elevplattform")
    page.select_option("#scope", "system")
    page.click("text=Opprett risikovurderingen")
    page.wait_for_url("**/risks/assessments/*")
    assert page.locator("h1").inner_text() == "Ny elevplattform"

    page.fill("#title", "Uvedkommende får tilgang til elevmapper")
    page.select_option("#likelihood", "3")
    page.select_option("#consequence", "4")
    page.fill("#threat", "Phishing mot lærere")
    page.fill("#asset", "Elevmapper")
    page.fill("#owner", "Rektor")
    page.click("button >> text=Legg til risiko")
    page.wait_for_url("**?added=1*")
    row = page.locator("#risks ~ .table-scroll table tr", has_text="Uvedkommende får tilgang til elevmapper")
    assert "3 × 4" in row.inner_text()

    page.goto(f"{vern.site}/risks")
    page.click("text=Uvedkommende får tilgang til elevmapper")
    page.fill("#title", "Tofaktorinnlogging for lærere")
    page.fill("#due_date", "2099-12-31")
    page.fill("#owner", "IKT-leder")
    page.click("button >> text=Legg til tiltak")
    page.wait_for_url("**?added=1*")
    assert "Tofaktorinnlogging for lærere" in page.locator("#measures ~ .table-scroll table").inner_text()
