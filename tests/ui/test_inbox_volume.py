"""The inbox with hundreds of open tasks (issue 27): the count of all of them, paging whose links keep the
filters, a filter on what is asked, the tasks grouped with their due time in words; the menu's count; and
the employee's receipt reference finding the report in the list ("Mine meldinger" for the employee).

A separate agency of its own, so the counts are exact: 60 serious breaches, each escalated to five
recipients (the default rules), give 300 open tasks, seeded through the API with threads."""
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration

BREACHES = 60
TASKS_PER_BREACH = 5  # central, datatilsynet, leader, ombud, parent_department
SEED_SECONDS = 120


def _call(vern, agency, roles, method, path, body=None, params=None):
    answer = requests.request(method, f"{vern.base_url}{path}", json=body, params=params, timeout=30,
                              headers={"Authorization": f"Bearer {vern.token(roles, agency)}"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def _serious_breach(vern, agency, number):
    aware_at = datetime.now(timezone.utc) - timedelta(hours=1)
    incident = _call(vern, agency, ("pko",), "POST", "/incidents", {
        "title": f"Feilsendt brev nr. {number}", "description": "Vedtak sendt til feil mottaker.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (aware_at - timedelta(hours=1)).isoformat(), "aware_at": aware_at.isoformat()})
    _call(vern, agency, ("pko",), "POST", f"/incidents/{incident['id']}/assessment",
          {"severity": "high", "personal_data_involved": True, "rationale": "Kan ikke utelukke spredning."})
    return incident


def _open_total(vern, agency):
    return _call(vern, agency, ("pko",), "GET", "/notification-tasks",
                 params={"status": "open", "page_size": 1})["total"]


@pytest.fixture(scope="module")
def busy_agency(vern):
    """An agency of its own with at least 300 open tasks, once every escalation has been handled."""
    agency = f"inbox-{uuid.uuid4().hex[:6]}"
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: _serious_breach(vern, agency, n), range(BREACHES)))
    deadline = time.monotonic() + SEED_SECONDS
    while _open_total(vern, agency) < BREACHES * TASKS_PER_BREACH:
        assert time.monotonic() < deadline, f"only {_open_total(vern, agency)} open tasks"
        time.sleep(1)
    return agency


def _count(page):
    return page.inner_text("#inbox-count")


def _titles(page):
    return page.locator("li.task h3.task__title").all_inner_texts()


def _cards(page):
    """Each card's text: its title, what it asks, the case's reference, the recipient and the due time."""
    return page.locator("li.task").all_inner_texts()


def test_the_inbox_counts_every_open_task_pages_and_keeps_its_filters(vern, person, busy_agency, screenshots):
    total = _open_total(vern, busy_agency)
    assert total >= 300
    page = person(("pko",), agency=busy_agency)
    page.goto(f"{vern.site}/inbox")
    assert _count(page) == f"Viser 1–25 av {total} oppgaver"
    assert page.inner_text("nav.main-nav").count(f"Innboks ({total})") == 1  # the menu's count
    first = _cards(page)
    assert len(first) == 25 and len(_titles(page)) == 25
    # grouped by what is asked, each task with its due date and the time left in words
    assert page.locator("h2.task-group__title").first.is_visible()
    assert re.search(r"\d+ t igjen|\d+ dager igjen", page.locator("li.task").first.inner_text())

    page.click("nav.pagination a[rel=next]")
    page.wait_for_url("**page=2*")
    assert _count(page) == f"Viser 26–50 av {total} oppgaver"
    assert len(_cards(page)) == 25 and not set(_cards(page)) & set(first)  # other tasks than page 1

    # a filter: only Datatilsynet's notifications, newest first; the paging links keep both
    page.select_option("#filter-action", "notify_authority")
    page.select_option("#filter-sort", "newest")
    page.click("form.inbox-filters button[type=submit]")
    page.wait_for_url("**action=notify_authority*")
    assert _count(page) == f"Viser 1–25 av {BREACHES} oppgaver"
    assert page.inner_text("h2.task-group__title").startswith("Til oppfølging")
    asks = page.locator("li.task dl.task__facts dd:nth-of-type(1)").all_inner_texts()
    assert set(asks) == {"Melding til Datatilsynet"}
    following = page.get_attribute("nav.pagination a[rel=next]", "href")
    assert "action=notify_authority" in following and "sort=newest" in following and "page=2" in following
    page.click("nav.pagination a[rel=next]")
    page.wait_for_url("**page=2*")
    assert page.input_value("#filter-action") == "notify_authority"
    assert page.input_value("#filter-sort") == "newest"
    assert _count(page) == f"Viser 26–50 av {BREACHES} oppgaver"


def test_the_agency_heads_inbox_in_both_languages_and_widths(vern, person, busy_agency, screenshots, axe):
    for lang in ("nb", "en"):
        page = person(("leader",), agency=busy_agency, lang=lang)
        page.goto(f"{vern.site}/inbox")
        word = "av" if lang == "nb" else "of"
        assert f" {word} {BREACHES} " in _count(page)  # the agency head's own: one per breach
        failures = run_axe(page, axe)
        assert not failures, describe({f"/inbox ({lang}, {BREACHES} tasks)": failures})
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=screenshots / f"inbox-volume-{lang}-{width}.png", full_page=True)

    # a task confirmed on a filtered second page comes back to that page, one task fewer
    page = person(("leader",), agency=busy_agency)
    page.goto(f"{vern.site}/inbox?action=acknowledge&sort=newest&page=2")
    page.locator("li.task button", has_text="Bekreft at jeg er orientert").first.click()
    page.wait_for_url("**done=1*")
    assert "action=acknowledge" in page.url and "sort=newest" in page.url and "page=2" in page.url
    assert "Bekreftet" in page.inner_text("p.notice")
    assert _count(page) == f"Viser 26–50 av {BREACHES - 1} oppgaver"
    assert page.input_value("#filter-action") == "acknowledge"


def test_the_receipts_reference_finds_the_report_and_the_employee_has_mine(vern, person, busy_agency, screenshots):
    employee = person(("employee",), agency=busy_agency, sub=f"ansatt-{uuid.uuid4().hex[:6]}")
    employee.goto(f"{vern.site}/report")
    title = f"Minnepinne mistet {uuid.uuid4().hex[:6]}"
    employee.fill("#title", title)
    employee.fill("#description", "Minnepinne med elevlister mistet på bussen.")
    employee.select_option("#category", "lost_or_stolen_device")
    employee.check("#personal_data-yes")
    employee.click("button[type=submit] >> text=Send meldingen")
    employee.wait_for_url(re.compile(r"/report/receipt/"))
    reference = employee.inner_text("#reference")

    # the employee's own reports, and the reference finds the one
    employee.click("nav >> text=Mine meldinger")
    assert employee.inner_text("h1") == "Mine meldinger"
    assert title in employee.inner_text("main")
    employee.fill("#q", reference)
    employee.click("form.filters button[type=submit]")
    assert title in employee.inner_text("table")

    coordinator = person(("pko",), agency=busy_agency)
    coordinator.goto(f"{vern.site}/incidents?q={reference}")
    rows = coordinator.locator("table tbody tr")
    assert rows.count() == 1 and title in rows.inner_text() and reference in rows.inner_text()
