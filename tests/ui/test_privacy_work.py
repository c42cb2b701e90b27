"""The PKO's record of processing in the browser: register an activity with the whole art. 30 record,
edit it (and meet someone else's edit), screen it for a DPIA, and write and submit the DPIA."""
import re

import pytest
import requests

from services.privacy_register.screening_rules import CRITERIA
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


def api_activity(vern, name):
    """An activity registered through the API, as another PKO (or an import) would."""
    headers = {"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}
    created = requests.post(f"{vern.base_url}/processing-activities", headers=headers, timeout=10, json={
        "name": name, "purposes": ["Tildele plass"], "legal_bases": [{"purpose": "Tildele plass", "article6": "e"}],
        "data_subject_categories": ["Barn", "Foresatte"]})
    assert created.status_code == 201, created.text
    return created.json()["id"], headers


def fill_the_record(page):
    page.fill("#name", "Skoleskyss")
    page.fill("#purpose", "Tildele skoleskyss")
    page.select_option("#article6", "e")
    page.fill("#controller", "Oslo kommune, Utdanningsetaten")
    page.fill("#data_subject_categories", "Elever\nForesatte")
    page.fill("#personal_data_categories", "Navn\nAdresse\nHelseopplysninger")
    page.check("#special-health")
    page.select_option("#article9", "g")
    page.fill("#recipients", "Transportselskap")
    page.check("#third_country_transfers-yes")
    page.fill("#transfer-0-country", "USA")
    page.fill("#transfer-0-recipient", "Skyleverandør Inc.")
    page.select_option("#transfer-0-safeguard", "standard_contractual_clauses")
    page.fill("#processors", "Skyleverandør AS")
    page.fill("#systems", "Skyssportalen")
    page.fill("#retention", "Slettes fem år etter skoleslutt")
    page.fill("#security_measures", "Tilgangsstyring og logging")


def test_register_a_whole_activity_edit_it_and_activate_it(vern, person, screenshots):
    page = person(("pko",))
    page.goto(f"{vern.site}/processing")
    fill_the_record(page)
    page.click("button >> text=Registrer behandlingen")
    page.wait_for_url("**/processing/*?created=1")
    assert "Elever; Foresatte" in page.inner_text("main")
    transfers = page.inner_text("#transfers-table")
    assert "USA" in transfers and "Skyleverandør Inc." in transfers and "standard personvernbestemmelser" in transfers
    assert "Skyleverandør AS: mangler gyldig databehandleravtale" in page.inner_text("#processors")
    assert "helseopplysninger" in page.inner_text("main")
    page.screenshot(path=screenshots / "processing-activity.png", full_page=True)

    page.click("text=Endre behandlingen")
    page.wait_for_url("**/edit")
    assert page.input_value("#transfer-0-country") == "USA" and page.is_checked("#special-health")
    page.fill("#retention", "Slettes ett år etter skoleslutt")
    page.fill("#transfer-1-country", "Storbritannia")  # the empty group adds a transfer
    page.fill("#transfer-1-recipient", "Driftspartner Ltd")
    page.select_option("#transfer-1-safeguard", "adequacy_decision")
    page.fill("#note", "Ny arkivplan")
    page.click("button >> text=Lagre endringene")
    page.wait_for_url("**?updated=1")
    assert "Slettes ett år etter skoleslutt" in page.inner_text("main")
    assert "Storbritannia" in page.inner_text("#transfers-table")
    history = page.inner_text("#history ~ .table-scroll table")
    assert "Lagringstid og sletting" in history and "Ny arkivplan" in history

    page.click("button >> text=Sett som aktiv")
    page.wait_for_url("**?status_changed=1")
    assert page.inner_text(".facts dd >> nth=0").startswith("aktiv")


def test_a_required_field_left_out_is_named_beside_it_and_the_rest_is_kept(vern, person, axe, screenshots):
    page = person(("pko",))
    page.goto(f"{vern.site}/processing")
    fill_the_record(page)
    page.fill("#purpose", "")
    page.click("button >> text=Registrer behandlingen")
    assert page.inner_text(".error-summary a[href='#purpose']") == "Beskriv formålet."
    assert page.inner_text("#purpose-error").strip().endswith("Beskriv formålet.")
    assert "purpose-error" in page.get_attribute("#purpose", "aria-describedby")
    assert page.get_attribute("#purpose", "aria-invalid") == "true"
    assert page.input_value("#name") == "Skoleskyss" and page.input_value("#transfer-0-country") == "USA"
    assert page.is_checked("#special-health") and page.input_value("#article9") == "g"
    assert page.input_value("#processors") == "Skyleverandør AS"
    found = run_axe(page, axe)
    assert not found, describe(found)
    page.screenshot(path=screenshots / "processing-errors.png", full_page=True)


def test_someone_elses_edit_is_shown_and_the_persons_input_kept(vern, person):
    processing_id, headers = api_activity(vern, "Barnehageopptak")
    page = person(("pko",))
    page.goto(f"{vern.site}/processing/{processing_id}/edit")
    changed = requests.patch(f"{vern.base_url}/processing-activities/{processing_id}", headers=headers, timeout=10,
                             json={"retention": "Slettes etter opptaket", "note": "Endret av en kollega"})
    assert changed.status_code == 200, changed.text
    page.fill("#security_measures", "Tofaktorinnlogging")
    page.click("button >> text=Lagre endringene")
    assert "Noen andre har endret behandlingen" in page.inner_text(".error-summary")
    assert "Lagringstid og sletting" in page.inner_text("#conflict") and "Endret av en kollega" in page.inner_text("#conflict")
    assert page.input_value("#security_measures") == "Tofaktorinnlogging"
    page.click("button >> text=Lagre endringene")  # knowingly, now on the new version
    page.wait_for_url("**?updated=1")
    text = page.inner_text("main")
    assert "Tofaktorinnlogging" in text and "Slettes etter opptaket" in text


def test_a_screening_requires_a_dpia_which_is_written_and_submitted_for_review(vern, person, screenshots):
    processing_id, _ = api_activity(vern, "Trivselsundersøkelse i skolen")
    page = person(("pko",))
    page.goto(f"{vern.site}/processing/{processing_id}")
    page.check("#dt-8")  # evaluating learning, coping and well-being in schools: always a DPIA
    for key in CRITERIA:
        page.check(f"#criterion-{key}-{'yes' if key == 'vulnerable_subjects' else 'no'}")
        page.fill(f"#justification-{key}", "Vurdert av PKO")
    page.click("button >> text=Lagre vurderingen")
    page.wait_for_url("**screened=1*")
    result = page.inner_text("#screening-result")
    assert "DPIA kreves" in result
    assert "Datatilsynets liste punkt 8" in page.inner_text("#screening ~ ul")

    page.click("button >> text=Opprett DPIA")
    page.wait_for_url(re.compile(r"/dpias/[^/?]+\?created=1"))
    assert page.inner_text("#dpia-status") == "utkast"
    page.fill("#description", "Elevene svarer på spørsmål om trivsel og mobbing.")
    page.click("button >> text=Lagre og send til godkjenning")  # parts missing: named, the text kept
    summary = page.inner_text(".error-summary")
    assert summary.count("Fyll ut denne delen") == 3
    assert page.input_value("#description") == "Elevene svarer på spørsmål om trivsel og mobbing."
    page.fill("#necessity_proportionality", "Skolen må følge opp elevenes læringsmiljø.")
    page.fill("#risk-0-title", "Svar om mobbing blir kjent for medelever")
    page.select_option("#risk-0-likelihood", "2")
    page.select_option("#risk-0-severity", "4")
    page.fill("#risk-0-measures", "Svarene lagres uten navn for andre enn kontaktlærer")
    page.select_option("#risk-0-residual_likelihood", "1")
    page.fill("#measures", "Tilgangsstyring, anonymisering i rapporter.")
    page.click("button >> text=Lagre og send til godkjenning")
    page.wait_for_url("**?submitted=1")
    assert page.inner_text("#dpia-status") == "til godkjenning"
    assert "Svar om mobbing blir kjent for medelever" in page.inner_text("main")
    assert "utkast → til godkjenning" in page.inner_text("#dpia-history ~ .table-scroll table")
    page.screenshot(path=screenshots / "dpia-in-review.png", full_page=True)

    page.click("text=Trivselsundersøkelse i skolen >> nth=0")
    assert "under arbeid" in page.inner_text(".facts >> nth=0")
    leader = person(("leader",))
    leader.goto(f"{vern.site}/inbox")
    assert "Trivselsundersøkelse i skolen" in leader.inner_text("main")
