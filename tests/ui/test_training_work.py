"""The coordinator records a preparedness exercise and creates a campaign in the browser."""
import pytest

pytestmark = pytest.mark.integration


def test_record_an_exercise_and_create_a_campaign(vern, person):
    page = person(("isk",))
    page.goto(f"{vern.site}/training")
    page.fill("#exercise-title", "Løsepengevirus i sak/arkiv")
    page.select_option("#exercise-type", "tabletop")
    page.fill("#exercise-scenario", "Alle filer på fellesområdet krypteres en fredag kveld.")
    page.fill("#exercise-held_on", "2026-11-20")
    page.click("button >> text=Registrer øvelsen")
    page.wait_for_url("**saved=exercise*")
    assert "Løsepengevirus i sak/arkiv" in page.locator("#exercises ~ .table-scroll table").first.inner_text()

    page.fill("#campaign-title", "Phishing før jul")
    page.check("#campaign-topic-security")
    page.fill("#campaign-theme", "Phishing")
    page.fill("#campaign-starts_on", "2099-12-01")
    page.fill("#campaign-ends_on", "2099-11-01")  # before the start: the service's message beside the field
    page.click("button >> text=Opprett kampanjen")
    assert page.locator("#campaign-ends_on-error").count() == 1
    page.fill("#campaign-ends_on", "2099-12-20")
    page.click("button >> text=Opprett kampanjen")
    page.wait_for_url("**saved=campaign*")
    assert "Phishing før jul" in page.locator("#campaigns ~ .table-scroll table").first.inner_text()
