"""The pictures and the search in the browser, in bokmål and English, with axe-core: the risk map beside
its tables, the year's incidents by month, completion per campaign, the municipality's comparison; the
dashboard's links to the lists behind its figures; the header's search, which finds an employee's report
by the receipt's reference and shows each group only to those who may read it."""
from datetime import datetime, timedelta, timezone

import pytest
import requests

from shared.clock import today as oslo_today
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration

WORD = "Kvitteringsprøve"  # a word only this test's records have


def _api(vern, roles, method, path, agency="demo", sub=None, **kwargs):
    headers = {"Authorization": f"Bearer {vern.token(roles, agency, sub)}"}
    response = requests.request(method, f"{vern.base_url}{path}", headers=headers, timeout=10, **kwargs)
    assert response.status_code < 300, response.text
    return response.json()


@pytest.fixture(scope="module")
def records(vern):
    now = datetime.now(timezone.utc)
    employee = _api(vern, ("employee",), "POST", "/incidents", sub="ansatt-1", json={
        "title": f"{WORD}: brev med helseopplysninger sendt til feil adresse", "description": "Sendt i posten.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (now - timedelta(hours=30)).isoformat(), "aware_at": (now - timedelta(hours=20)).isoformat()})
    _api(vern, ("pko",), "POST", f"/incidents/{employee['id']}/assessment",
         json={"severity": "high", "personal_data_involved": True})
    assessment = _api(vern, ("isk",), "POST", "/risk-assessments",
                      json={"title": f"{WORD} for saksarkivet", "scope": "system"})
    risk = _api(vern, ("isk",), "POST", f"/risk-assessments/{assessment['id']}/risks",
                json={"title": f"{WORD}: innsyn i saksarkivet", "likelihood": 4, "consequence": 4})
    start = oslo_today() - timedelta(days=5)
    _api(vern, ("isk",), "POST", "/training/campaigns", json={
        "title": f"{WORD} phishingkampanje", "topic": "security", "theme": "Phishing",
        "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=60)).isoformat(), "target_rate": 80})
    return {"incident": employee["id"], "risk": risk["id"]}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_pictures_stand_beside_their_tables(vern, person, axe, records, screenshots, lang):
    failures = {}
    page = person(("pko",), lang=lang)
    page.goto(f"{vern.site}/risks")
    heat = page.locator("section.heat")
    assert heat.locator("svg[role=img]").count() == 2
    assert heat.locator("svg title").first.inner_html() == ("Før tiltak" if lang == "nb" else "Before treatment")
    assert heat.locator("table").count() == 2 and "1" in heat.locator("table").first.inner_text()
    failures["/risks"] = run_axe(page, axe)
    if lang == "nb":
        page.screenshot(path=screenshots / "risks-heat-map.png", full_page=True)

    page.goto(f"{vern.site}/dashboard")
    months = page.locator("#months-title").locator("xpath=..")
    assert months.locator("svg[role=img] rect.chart__series").count() >= 1
    assert months.locator("table tbody tr").count() == 12
    # the running clocks link to the incident list filtered and sorted by deadline
    page.click("text=/Se alle \\d+ klokker|See all \\d+ running clocks/")
    assert "notification=pending" in page.url and "sort=deadline" in page.url
    assert page.locator("#sort").input_value() == "deadline"
    assert WORD in page.locator("main table").first.inner_text()
    failures["/incidents?notification=pending&sort=deadline"] = run_axe(page, axe)
    page.goto(f"{vern.site}/dashboard")
    failures["/dashboard"] = run_axe(page, axe)

    page.goto(f"{vern.site}/training")
    bars = page.locator("svg.chart--bars")
    assert bars.get_attribute("role") == "img" and WORD in bars.inner_html()
    failures["/training"] = run_axe(page, axe)

    central = person(("central",), "fin", lang=lang)
    central.goto(f"{vern.site}/municipality")
    assert central.locator("svg.chart--bars[role=img]").count() >= 1
    failures["/municipality"] = run_axe(central, axe)
    failing = {path: found for path, found in failures.items() if found}
    assert not failing, describe(failing)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_search_finds_by_words_and_by_the_receipts_reference(vern, person, axe, records, screenshots, lang):
    failures = {}
    page = person(("pko",), lang=lang)
    page.fill("#site-search-q", WORD.lower())
    page.click(".site-search button")
    assert "/search?q=" in page.url and page.input_value("#search-q") == WORD.lower()
    for group in ("incidents", "risks", "processing", "documents"):
        assert page.locator(f"#group-{group}").count() == 1, group
    assert "(1)" in page.inner_text("#group-incidents") and "(1)" in page.inner_text("#group-risks")
    page.click(f"#group-risks ~ ul a >> text={WORD}: innsyn i saksarkivet")
    assert page.url.endswith(f"/risks/{records['risk']}")
    page.go_back()
    page.click("text=/Åpne listen over risikoer|Open the list of risks/")
    assert WORD.lower() in page.locator("#filter-q").input_value()
    assert WORD in page.locator("main table:not(.table--heat)").inner_text()
    page.goto(f"{vern.site}/search?q={WORD}")
    failures["/search"] = run_axe(page, axe)
    if lang == "nb":
        page.screenshot(path=screenshots / "search.png", full_page=True)
    page.goto(f"{vern.site}/search?q=x")  # one character: said beside the field
    assert page.locator("#search-q-error").is_visible()
    failures["/search?q=x"] = run_axe(page, axe)

    # the employee finds their report by the receipt's reference, and sees no group they may not read
    employee = person(("employee",), sub="ansatt-1", lang=lang)
    employee.goto(f"{vern.site}/search?q={records['incident'][:8].upper()}")
    assert employee.locator("#group-incidents").count() == 1
    assert employee.locator("#group-risks, #group-processing, #group-documents").count() == 0
    assert WORD in employee.inner_text("#group-incidents ~ ul")
    failures["/search as employee"] = run_axe(employee, axe)
    other = person(("employee",), sub="ansatt-2", lang=lang)  # another employee: not theirs
    other.goto(f"{vern.site}/search?q={records['incident'][:8].upper()}")
    assert "(0)" in other.inner_text("#group-incidents")
    failing = {path: found for path, found in failures.items() if found}
    assert not failing, describe(failing)
