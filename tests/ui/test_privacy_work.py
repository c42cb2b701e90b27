"""The PKO's record of processing in the browser: register a processing activity, then screen it for a DPIA."""
import pytest

from services.privacy_register.screening import CRITERIA

pytestmark = pytest.mark.integration


def test_register_a_processing_activity_and_screen_it(vern, person):
    page = person(("pko",))
    page.goto(f"{vern.site}/processing")
    page.fill("#name", "Skoleskyss")
    page.fill("#purpose", "Tildele skoleskyss")
    page.select_option("#article6", "e")
    page.fill("#data_subject_categories", "Elever\nForesatte")
    page.click("button >> text=Registrer behandlingen")
    page.wait_for_url("**/processing/*?created=1")
    assert "Elever; Foresatte" in page.locator(".facts").inner_text()

    page.click("button >> text=Lagre vurderingen")  # nothing answered: the summary names each field
    assert page.locator(".error-summary li").count() == 2 * len(CRITERIA)
    for key in CRITERIA:
        page.check(f"#criterion-{key}-{'yes' if key == 'vulnerable_subjects' else 'no'}")
        page.fill(f"#justification-{key}", "Vurdert av PKO")
    page.click("button >> text=Lagre vurderingen")
    page.wait_for_url("**screened=1*")
    assert "DPIA anbefales" in page.locator("#screening ~ p").first.inner_text()
