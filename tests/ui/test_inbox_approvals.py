"""The agency head's approvals in the inbox: a DPIA approved with a note, one rejected (a rejection
must say why), and a draft report approved."""
import uuid

import pytest
import requests

from shared.clock import today as oslo_today
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


def _call(vern, roles, method, path, body=None):
    answer = requests.request(method, f"{vern.base_url}{path}", json=body, timeout=10,
                              headers={"Authorization": f"Bearer {vern.token(roles, 'demo')}"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def dpia_in_review(vern, title, advised=True):
    """A DPIA submitted for approval, with the DPO's advice (art. 35(2)) unless told otherwise."""
    processing = _call(vern, ("pko",), "POST", "/processing-activities",
                       {"name": f"Behandling for {title}", "purposes": ["Saksbehandling"]})
    dpia = _call(vern, ("pko",), "POST", "/dpias", {
        "processing_id": processing["id"], "title": title, "description": "Systematisk beskrivelse.",
        "necessity_proportionality": "Nødvendig for å gi tjenesten.", "measures": "Tilgangsstyring og logging.",
        "risks": [{"title": "Uautorisert innsyn", "likelihood": 2, "severity": 3, "measures": "Tilgangsstyring",
                   "residual_likelihood": 1, "residual_severity": 2}]})
    _call(vern, ("pko",), "POST", f"/dpias/{dpia['id']}/status", {"status": "in_review"})
    if advised:
        _call(vern, ("ombud",), "POST", f"/dpias/{dpia['id']}/dpo-advice", {"advice": "Kan godkjennes."})
    return dpia


def _card(page, title):
    return page.locator("li.task", has=page.locator(f"h3:has-text('{title}')"))


def test_the_agency_head_approves_a_dpia_with_a_note(vern, person, screenshots):
    title = f"DPIA for timebestilling {uuid.uuid4().hex[:6]}"
    dpia = dpia_in_review(vern, title)
    page = person(("leader",))
    page.goto(f"{vern.site}/inbox")
    card = _card(page, title)
    assert "Kan godkjennes." in card.inner_text()  # the DPO's advice beside the decision
    page.screenshot(path=screenshots / "inbox-dpia.png", full_page=True)
    card.locator(f"h3 a:has-text('{title}')").click()  # the whole DPIA, one click away
    assert page.locator("#dpia-status").inner_text() == "til godkjenning"
    page.go_back()
    card = _card(page, title)
    card.locator("input[value=approved]").check()
    card.locator("input[name=dpo_advice_followed][value=yes]").check()
    card.locator("textarea[name=note]").fill("Restrisikoen er akseptabel.")
    card.locator("button[type=submit]").click()
    page.wait_for_url("**decided=dpia_approved*")
    assert title not in page.inner_text("main")
    decided = _call(vern, ("pko",), "GET", f"/dpias/{dpia['id']}")
    assert decided["status"] == "approved" and decided["dpo_advice_followed"] is True


def test_a_rejection_without_its_justification_is_shown_beside_the_field(vern, person, axe):
    title = f"DPIA for kameraovervåking {uuid.uuid4().hex[:6]}"
    dpia = dpia_in_review(vern, title, advised=False)
    page = person(("leader",))
    page.goto(f"{vern.site}/inbox")
    card = _card(page, title)
    card.locator("input[value=rejected]").check()
    card.locator("button[type=submit]").click()
    note = page.locator(f"#note-{dpia['id']}")
    assert page.locator(f"#note-{dpia['id']}-error").is_visible()
    assert f"note-{dpia['id']}-error" in note.get_attribute("aria-describedby")
    assert page.locator(f".error-summary a[href='#note-{dpia['id']}']").count() == 1
    assert page.is_checked(f"#decision-{dpia['id']}-rejected")  # what was chosen stays
    failures = run_axe(page, axe)
    assert not failures, describe({"/inbox (DPIA rejection errors)": failures})

    card = _card(page, title)
    card.locator("textarea[name=note]").fill("Beskriv risikoene for de registrerte grundigere.")
    card.locator("button[type=submit]").click()
    page.wait_for_url("**decided=dpia_rejected*")
    assert _call(vern, ("pko",), "GET", f"/dpias/{dpia['id']}")["status"] == "rejected"


def test_the_agency_head_approves_a_draft_report(vern, person):
    year = oslo_today().year - 1
    report = _call(vern, ("pko",), "POST", "/reports", {"kind": "incident_summary", "period_start": f"{year}-01-01",
                                                        "period_end": f"{year}-12-31"})
    page = person(("leader",))
    page.goto(f"{vern.site}/inbox")
    card = page.locator("li.task", has=page.locator(f"form[action='/inbox/reports/{report['id']}/approval']"))
    assert f"01.01.{year} – 31.12.{year}" in card.inner_text()
    assert "Oppsummering av hendelser og avvik" in card.inner_text()
    card.locator("input[name=read_confirmed]").check()  # the agency head has read it
    card.locator("button[type=submit]").click()
    page.wait_for_url("**decided=report*")
    assert page.locator(f"form[action='/inbox/reports/{report['id']}/approval']").count() == 0
    assert _call(vern, ("pko",), "GET", f"/reports/{report['id']}")["status"] == "approved"
