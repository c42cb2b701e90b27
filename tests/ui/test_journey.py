"""Issue 12's journey in a real browser: an employee reports, the coordinator assesses it as a
serious breach, the agency head sees the task and acknowledges it, the dashboard shows the 72-hour clock."""
import re
import time
from datetime import datetime, timedelta

import pytest
import requests

from services.gateway.web.forms import local_input_value

pytestmark = pytest.mark.integration  # SQLite only: the pages add no storage of their own
TITLE = "E-post med elevdata sendt til feil mottaker"
CLOCK = re.compile(r"^(\d+) t igjen$")


def _until(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError("not in time")


def test_report_assess_acknowledge_and_the_clock(vern, person, screenshots):
    now = datetime.now().astimezone()

    # an employee reports a deviation in two minutes
    employee = person(("employee",), sub="ansatt-ola")
    assert employee.url.endswith("/report")
    assert employee.get_attribute("html", "lang") == "nb"
    employee.fill("#title", TITLE)
    employee.fill("#description", "En e-post med karakterer for 28 elever ble sendt til en ekstern adresse.")
    employee.select_option("#category", "misdirected_email_or_letter")
    employee.fill("#occurred_at", local_input_value(now - timedelta(hours=3)))
    employee.fill("#aware_at", local_input_value(now - timedelta(hours=1)))
    employee.check("#personal_data-yes")
    employee.fill("#action_taken", "Ba mottakeren slette e-posten.")
    employee.screenshot(path=screenshots / "report-form.png", full_page=True)
    employee.click("text=Send meldingen")
    employee.wait_for_url(re.compile(r"/report/receipt/"))
    incident_id = employee.url.rsplit("/", 1)[1]
    assert employee.inner_text("#reference") == incident_id[:8].upper()
    assert "Takk, meldingen er mottatt" in employee.inner_text("h1")
    employee.screenshot(path=screenshots / "report-receipt.png", full_page=True)

    # the coordinator assesses it: high severity, personal data involved -> a serious breach
    coordinator = person(("pko",), sub="pko-kari")
    assert coordinator.url.endswith("/dashboard")
    coordinator.click("nav >> text=Hendelser")
    coordinator.click(f"text={TITLE}")
    coordinator.check("#severity-high")
    coordinator.check("#personal_data_involved-yes")
    coordinator.fill("#rationale", "Elevdata til ekstern mottaker; kan ikke utelukke spredning.")
    coordinator.click("text=Lagre vurderingen")
    assert "Vurderingen er lagret" in coordinator.inner_text("[role=status]")
    assert "Alvorlig hendelse" in coordinator.inner_text(".facts")
    assert "høy" in coordinator.inner_text(".facts")

    # escalation -> notifications makes the tasks (asynchronously): the agency head's inbox shows one
    head = person(("leader",), sub="leder-demo")
    assert head.url.endswith("/inbox")

    def task_shown():
        head.reload()
        return head.locator(".task", has_text=TITLE).count() > 0

    _until(task_shown)
    head.screenshot(path=screenshots / "inbox-agency-head.png", full_page=True)
    head.locator(".task", has_text=TITLE).first.locator("button", has_text="Bekreft at jeg er orientert").click()
    assert "Bekreftet" in head.inner_text("[role=status]")
    leader_api = {"Authorization": f"Bearer {vern.token(('leader',), 'demo')}"}
    tasks = requests.get(f"{vern.base_url}/notification-tasks", params={"incident_id": incident_id},
                         headers=leader_api, timeout=10).json()["items"]
    assert [t["status"] for t in tasks if t["recipient_role"] == "leader"] == ["completed"]

    # the coordinator's dashboard shows the 72-hour clock for the breach (aware an hour ago: 70 h left)
    coordinator.goto(f"{vern.site}/dashboard")
    row = coordinator.locator("section[aria-labelledby=clocks-title] tr", has_text=TITLE)
    if not row.count():  # not among the ten most urgent of the session's clocks: the link shows them all
        coordinator.click("section[aria-labelledby=clocks-title] a[href*='notification=pending']")
        row = coordinator.locator("main tr", has_text=TITLE)
    clock = row.locator(".clock").inner_text()
    assert CLOCK.match(clock) and 69 <= int(CLOCK.match(clock).group(1)) <= 71, clock
    coordinator.goto(f"{vern.site}/dashboard")
    coordinator.screenshot(path=screenshots / "dashboard.png", full_page=True)
    coordinator.goto(f"{vern.site}/incidents/{incident_id}")
    coordinator.screenshot(path=screenshots / "incident-detail.png", full_page=True)
    coordinator.goto(f"{vern.site}/incidents")
    coordinator.screenshot(path=screenshots / "incident-list.png", full_page=True)

    # the same dashboard in English
    coordinator.goto(f"{vern.site}/dashboard?lang=en")
    assert coordinator.get_attribute("html", "lang") == "en"
    english_row = coordinator.locator("section[aria-labelledby=clocks-title] tr", has_text=TITLE)
    assert re.match(r"^\d+ h left$", english_row.locator(".clock").inner_text())
    coordinator.screenshot(path=screenshots / "dashboard-en.png", full_page=True)
