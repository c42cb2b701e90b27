"""WCAG 2.1 AA, checked in the browser: axe-core on every page (no serious or critical violation),
the report form by keyboard alone, and the language attributes."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def incident_id(vern):
    """A breach whose 72-hour clock ran out a day ago, so lists, detail and dashboard show an overdue clock."""
    now = datetime.now(timezone.utc)
    headers = {"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}
    reported = requests.post(f"{vern.base_url}/incidents", headers=headers, timeout=10, json={
        "title": "Mistet bærbar PC med saksmapper", "description": "Glemt på trikken.",
        "kind": "personal_data_breach", "category": "lost_or_stolen_device",
        "occurred_at": (now - timedelta(hours=100)).isoformat(), "aware_at": (now - timedelta(hours=96)).isoformat()})
    assert reported.status_code == 201, reported.text
    return reported.json()["id"]


@pytest.fixture(scope="module")
def risk_ids(vern):
    """An assessment with one risk, for the assessment's and the risk's pages."""
    headers = {"Authorization": f"Bearer {vern.token(('isk',), 'demo')}"}
    assessment = requests.post(f"{vern.base_url}/risk-assessments", headers=headers, timeout=10,
                               json={"title": "Sak- og arkivsystem", "scope": "system"})
    assert assessment.status_code == 201, assessment.text
    risk = requests.post(f"{vern.base_url}/risk-assessments/{assessment.json()['id']}/risks", headers=headers,
                         timeout=10, json={"title": "Tap av saksmapper", "likelihood": 2, "consequence": 3})
    assert risk.status_code == 201, risk.text
    pko = {"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}
    activity = requests.post(f"{vern.base_url}/processing-activities", headers=pko, timeout=10,
                             json={"name": "Elevadministrasjon", "purposes": ["Følge opp elever"]})
    assert activity.status_code == 201, activity.text
    # for the inbox: a DPIA in review (without the DPO's advice yet) and a draft report, each with its form
    dpia = requests.post(f"{vern.base_url}/dpias", headers=pko, timeout=10,
                         json={"processing_id": activity.json()["id"], "title": "DPIA for elevadministrasjon",
                               "description": "Systematisk beskrivelse.", "necessity_proportionality": "Nødvendig.",
                               "risks": [{"title": "Uautorisert innsyn", "likelihood": 2, "severity": 3}],
                               "measures": "Tilgangsstyring."})
    assert dpia.status_code == 201, dpia.text
    submitted = requests.post(f"{vern.base_url}/dpias/{dpia.json()['id']}/status", headers=pko, timeout=10,
                              json={"status": "in_review"})
    assert submitted.status_code == 200, submitted.text
    report = requests.post(f"{vern.base_url}/reports", headers=pko, timeout=10,
                           json={"kind": "management_review", "period_start": "2025-01-01", "period_end": "2025-12-31"})
    assert report.status_code == 201, report.text
    draft = requests.post(f"{vern.base_url}/dpias", headers=pko, timeout=10,  # its page shows the writing form
                          json={"processing_id": activity.json()["id"], "title": "DPIA for elevadministrasjon (utkast)"})
    assert draft.status_code == 201, draft.text
    return {"assessment": assessment.json()["id"], "risk": risk.json()["id"], "processing": activity.json()["id"],
            "dpia": draft.json()["id"]}


PAGES = {
    ("pko",): ["/dashboard", "/incidents", "/incidents/{id}", "/incidents/{id}/breach", "/risks", "/processing",
              "/processing/{processing}", "/processing/{processing}/edit", "/dpias/{dpia}", "/training", "/report",
              # the lists filtered, and a filter the API refuses (its reason shown in place of the list)
              "/risks?level=high&assessment_status=planned", "/processing?q=x&dpia_status=not_screened",
              "/training?exercise_type=tabletop&campaign_status=running"],
    ("ombud",): ["/dpias/{dpia}"],
    ("isk",): ["/risks", "/risks/assessments/{assessment}", "/risks/{risk}"],
    ("leader",): ["/inbox"],
    ("central",): ["/municipality"],
    ("employee",): ["/report"],
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_page_has_no_serious_or_critical_violation(vern, person, browser, axe, incident_id, risk_ids, screenshots,
                                                        lang):
    failures = {}
    anonymous = browser.new_context()
    login = anonymous.new_page()
    login.goto(f"{vern.site}/login?lang={lang}")
    failures["/login"] = run_axe(login, axe)
    login.click("button[type=submit]")  # empty: the error summary
    failures["/login (errors)"] = run_axe(login, axe)
    anonymous.close()
    for roles, paths in PAGES.items():
        page = person(roles, "fin" if "central" in roles else "demo", lang=lang)  # central: the central agency
        for path in paths:
            page.goto(vern.site + path.format(id=incident_id, **risk_ids))
            assert page.get_attribute("html", "lang") == lang, path
            failures[f"{path} as {roles}"] = run_axe(page, axe)
            if lang == "nb" and roles != ("pko",) and path in ("/inbox", "/municipality"):
                page.screenshot(path=screenshots / f"{path.strip('/')}.png", full_page=True)
        if roles == ("employee",):
            page.click("text=/Send meldingen|Send the report/")  # an empty report: the error summary
            failures["/report (errors)"] = run_axe(page, axe)
            if lang == "nb":
                page.screenshot(path=screenshots / "report-errors.png", full_page=True)
    failing = {path: found for path, found in failures.items() if found}
    assert not failing, describe(failing)


def test_the_report_form_works_by_keyboard_alone(vern, person, screenshots):
    page = person(("employee",))
    page.goto(f"{vern.site}/report")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    def tab_to(element_id, limit=40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                # the focus is visible: an outline, not only a colour change
                assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
                return
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("title")
    page.keyboard.type("Skrev ut pasientliste på feil skriver")
    tab_to("description")
    page.keyboard.type("Listen lå i fellesskriveren i en time.")
    tab_to("category")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.getElementById('category').value") != ""
    tab_to("personal_data-yes")
    page.keyboard.press("Space")
    assert page.is_checked("#personal_data-yes")
    tab_to("action_taken")
    page.keyboard.type("Hentet listen og makulerte den.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/report/receipt/"))
    assert page.inner_text("#reference")


def test_language_attributes_and_the_switch(vern, person):
    page = person(("pko",))
    assert page.get_attribute("html", "lang") == "nb"
    switch = page.locator("a.lang-switch")
    assert switch.get_attribute("lang") == "en" and switch.get_attribute("hreflang") == "en"
    switch.click()
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Dashboard"
    page.goto(f"{vern.site}/incidents")  # remembered in a cookie
    assert page.get_attribute("html", "lang") == "en"
