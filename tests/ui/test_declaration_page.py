"""The self-declaration on its page, in the browser: each answer with the rule beside it, the records it
counted linked to their pages, "Ingen data" where nothing was counted, and no serious or critical WCAG
violation (axe-core) in either language."""
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests

from shared.clock import today as oslo_today
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


def _call(vern, roles, agency, method, path, body=None):
    answer = requests.request(method, f"{vern.base_url}{path}", json=body, timeout=10,
                              headers={"Authorization": f"Bearer {vern.token(roles, agency)}"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def test_the_agency_head_reads_each_answer_its_rule_and_opens_the_breach_it_counted(vern, person, screenshots,
                                                                                     axe):
    agency = f"ui-{uuid.uuid4().hex[:8]}"
    now = datetime.now(timezone.utc)
    breach = _call(vern, ("pko",), agency, "POST", "/incidents", {
        "title": "Elevliste sendt til feil foresatt", "description": "Oppdaget av kontaktlærer.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (now - timedelta(hours=81)).isoformat(), "aware_at": (now - timedelta(hours=80)).isoformat()})
    _call(vern, ("pko",), agency, "POST", f"/incidents/{breach['id']}/authority-notifications",
          {"reference": "AR-80", "delay_reason": "Omfanget var uklart til leverandøren svarte."})
    period = {"period_start": (oslo_today() - timedelta(days=10)).isoformat(),
              "period_end": (oslo_today() + timedelta(days=10)).isoformat()}
    report = _call(vern, ("leader",), agency, "POST", "/reports", {"kind": "self_declaration", **period})

    def breach_linked():
        content = _call(vern, ("leader",), agency, "GET", f"/reports/{report['id']}")["content"]
        return any(r["id"] == breach["id"] for s in content["statements"] for r in s["records"])

    deadline = time.monotonic() + 20
    while not breach_linked():  # the facts arrive over the bus
        assert time.monotonic() < deadline, "the breach never reached reporting"
        time.sleep(0.3)

    page = person(("leader",), agency)
    page.goto(f"{vern.site}/reports/{report['id']}")
    late = page.locator("#statement-breaches_notified_in_time")
    assert late.locator(".declaration__answer").inner_text() == "Nei"
    assert "0 av 1 brudd ble avgjort innen 72 timer" in late.locator(".declaration__rule").inner_text()
    assert page.locator("#statement-ropa_complete .declaration__answer").inner_text() == "Ingen data"
    assert page.locator("#statement-ropa_complete .declaration__rule").inner_text() == \
        "Ingen aktive behandlingsaktiviteter i protokollen"
    failures = {"/reports/{id} (nb)": run_axe(page, axe)}
    page.screenshot(path=screenshots / "self-declaration.png", full_page=True)
    late.locator("a", has_text="Elevliste sendt til feil foresatt").click()  # the records of a "no" are open
    page.wait_for_url(f"**/incidents/{breach['id']}")

    page.goto(f"{vern.site}/reports/{report['id']}?lang=en")
    assert page.locator("#statement-breaches_notified_in_time .declaration__answer").inner_text() == "No"
    assert page.locator("#statement-ropa_complete .declaration__answer").inner_text() == "No data"
    failures["/reports/{id} (en)"] = run_axe(page, axe)
    failing = {path: found for path, found in failures.items() if found}
    assert not failing, describe(failing)
