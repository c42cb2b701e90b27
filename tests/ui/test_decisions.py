"""The agency head decides on an unacceptable risk from the inbox: the decision form beside acknowledging."""
import time

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


def _post(vern, token, path, body):
    answer = requests.post(f"{vern.base_url}{path}", headers={"Authorization": f"Bearer {token}"}, json=body,
                           timeout=10)
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def test_the_agency_head_requires_treatment_of_an_unacceptable_risk(vern, person, axe):
    isk = vern.token(("isk",), "demo")
    assessment = _post(vern, isk, "/risk-assessments", {"title": "Nettskjema for søknader", "scope": "system"})
    risk = _post(vern, isk, f"/risk-assessments/{assessment['id']}/risks",
                 {"title": "Søknader lekker til uvedkommende", "likelihood": 5, "consequence": 5})
    _post(vern, isk, f"/risks/{risk['id']}/measures",
          {"title": "Tilgangsstyring i skjemaløsningen", "owner": "IKT-leder", "due_date": "2099-06-30"})
    for status in ("in_progress", "completed"):
        _post(vern, isk, f"/risk-assessments/{assessment['id']}/status", {"status": status})

    page = person(("leader",))
    deadline = time.monotonic() + 30
    while True:  # the task comes by event
        page.goto(f"{vern.site}/inbox")
        if page.locator("form[action$='/decision'] >> nth=0").count() or time.monotonic() > deadline:
            break
        time.sleep(1)
    form = page.locator("form.decision").first
    assert form.count() == 1, "no decision form for the unacceptable risk"

    form.locator("button").click()  # nothing chosen: the summary links to the fields of this form
    assert page.locator(".error-summary a").count() >= 2
    failures = run_axe(page, axe)
    assert not failures, describe({"/inbox (decision errors)": failures})

    form = page.locator("form.decision").first
    form.locator("input[value=treat]").check()
    form.locator("textarea").fill("Risikoen er for høy; tiltakene skal gjennomføres i år.")
    form.locator("button").click()
    assert "decided=risk" in page.url, page.locator(".error-summary").inner_text()
    decided = requests.get(f"{vern.base_url}/risks?assessment_id={assessment['id']}", timeout=10,
                           headers={"Authorization": f"Bearer {isk}"}).json()["items"][0]
    assert [d["kind"] for d in decided["decisions"]] == ["treat"]

    # decided: no form for it again (its task is closed by the decision's event; until then, the decision shows)
    page.goto(f"{vern.site}/inbox")
    assert page.locator(f"form[action='/inbox/risks/{risk['id']}/decision']").count() == 0
    card = page.locator("li.task", has=page.locator(f"a[href='/risks/{risk['id']}']"))
    assert card.count() == 0 or "Du har krevd behandling" in card.first.locator(".decided").inner_text()
