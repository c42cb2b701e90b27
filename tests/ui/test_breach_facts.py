"""The facts for the notification to Datatilsynet, filled in on the breach page in a real browser: the
draft's missing items by label (never a key), each a link to its field; a time the service refuses
shown beside its field with the input kept; what is saved goes through the incident's PATCH and leaves the
missing list. axe-core checks the page with and without errors."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration
RAW_KEY = re.compile(r"\b(description|consequences|measures|information|contact)\.[a-z_]+\b")


def _api(vern, method, path, body=None, roles=("pko",)):
    answer = requests.request(method, f"{vern.base_url}{path}", json=body, timeout=10,
                              headers={"Authorization": f"Bearer {vern.token(roles, 'demo')}"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


@pytest.fixture
def decided_breach(vern):
    """A breach assessed and decided (notify Datatilsynet), so the page shows the art. 33(3) draft."""
    now = datetime.now(timezone.utc)
    incident = _api(vern, "POST", "/incidents", {
        "title": "Elevliste lagt ut på nett", "description": "En elevliste lå åpent på skolens nettside.",
        "kind": "personal_data_breach", "category": "unauthorised_access",
        "occurred_at": (now - timedelta(hours=6)).isoformat(), "aware_at": (now - timedelta(hours=3)).isoformat()})
    _api(vern, "POST", f"/incidents/{incident['id']}/breach-assessment", {
        "data_types": ["simple"], "ease_of_identification": "maximum",
        "cb": {"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0, "malicious": False},
        "data_subjects": 30, "unintelligible": False, "vulnerable_subjects": True, "recipients_trusted": False})
    _api(vern, "POST", f"/incidents/{incident['id']}/breach-decision",
         {"notify_authority": "required", "notify_data_subjects": "not_required",
          "justification": "Vurdert av personvernkoordinator."})
    return incident["id"]


def test_the_coordinator_fills_in_the_facts_the_draft_lacks(vern, person, axe, decided_breach):
    violations = {}
    pko = person(("pko",))
    pko.goto(f"{vern.site}/incidents/{decided_breach}/breach")
    facts = pko.locator("section[aria-labelledby=facts]")
    missing = facts.locator("ul.missing").inner_text()
    assert "Antall berørte registreringer" in missing and not RAW_KEY.search(missing), missing
    assert not RAW_KEY.search(pko.inner_text("main"))
    violations["breach (facts)"] = run_axe(pko, axe)

    pko.fill("#facts-detected_at", "2099-01-01T10:00")  # the service refuses a time in the future
    pko.fill("#facts-approx_records", "30")
    pko.click("text=Lagre fakta")
    assert pko.locator("#facts-detected_at-error").is_visible()
    assert pko.input_value("#facts-detected_at") == "2099-01-01T10:00"
    assert pko.input_value("#facts-approx_records") == "30"  # the input is kept
    violations["breach (facts, errors)"] = run_axe(pko, axe)

    pko.fill("#facts-detected_at", "")
    pko.check("#facts-data_subject_categories-pupils_students")
    pko.fill("#facts-data_whereabouts", "Fjernet fra nettsiden; ingen nedlastinger i loggen.")
    pko.click("text=Lagre fakta")
    assert "Fakta til meldingen er lagret" in pko.inner_text("[role=status]")
    missing = pko.locator("section[aria-labelledby=facts] ul.missing").inner_text()
    assert "Antall berørte registreringer" not in missing and "Hvem de berørte er" not in missing

    failing = {name: found for name, found in violations.items() if found}
    assert not failing, describe(failing)
    saved = _api(vern, "GET", f"/incidents/{decided_breach}")
    assert saved["approx_records"] == 30 and saved["data_subject_categories"] == ["pupils_students"]
    assert saved["data_whereabouts"].startswith("Fjernet fra nettsiden")
