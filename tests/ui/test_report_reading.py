"""The agency head reads before sealing: a draft report in the inbox shows its content (each section or
statement, with the coordinators' words) and its PDF, and cannot be approved until "I have read the
report" is ticked. The coordinators write the text parts on the report page, with a preview. The
approval fits a phone and a desk in both languages. Screenshots go to var/screenshots/."""
import uuid

import pytest
import requests

from shared.clock import today as oslo_today
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration
WIDTHS = (390, 1280)
YEAR = oslo_today().year - 1


def _api(vern, agency, roles, method, path, body=None):
    answer = requests.request(method, f"{vern.base_url}{path}", json=body, timeout=10,
                              headers={"Authorization": f"Bearer {vern.token(roles, agency)}"})
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def _draft(vern, agency, kind, inputs=None):
    return _api(vern, agency, ("pko",), "POST", "/reports", {
        "kind": kind, "period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31", "inputs": inputs or {}})


def _approval_card(page, report_id):
    return page.locator("li.task", has=page.locator(f"form[action='/inbox/reports/{report_id}/approval']"))


def test_the_agency_head_cannot_seal_a_report_without_reading_it(vern, person, axe):
    agency = f"les-{uuid.uuid4().hex[:6]}"
    draft = _draft(vern, agency, "self_declaration", {"weaknesses_and_measures": "Avtalene med leverandørene "
                                                                                  "må gjennomgås i år."})
    statements = draft["content"]["statements"]
    first = statements[0]
    draft = _api(vern, agency, ("pko",), "PATCH", f"/reports/{draft['id']}",
                 {"inputs": {f"comment_{first['key']}": "Kontrollert mot protokollen i mars."}})
    page = person(("leader",), agency)
    page.goto(f"{vern.site}/inbox")
    card = _approval_card(page, draft["id"])
    shown = card.inner_text()
    for statement in statements:  # each statement with its answer, whatever the statements say
        assert statement["statement_nb"] in shown
    assert "Kontrollert mot protokollen i mars." in shown and "Avtalene med leverandørene" in shown

    # the PDF opens with the browser's session (no bearer header)
    link = card.locator("a[href$='/document?format=pdf&language=nb']")
    pdf = page.request.get(f"{vern.site}{link.get_attribute('href')}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # not ticked: refused, the error beside the box, nothing sealed
    card.locator("button[type=submit]").click()
    box = page.locator(f"#read_confirmed-{draft['id']}")
    error = page.locator(f"#read_confirmed-{draft['id']}-error")
    assert error.is_visible() and "Bekreft at du har lest rapporten" in error.inner_text()
    assert f"read_confirmed-{draft['id']}-error" in box.get_attribute("aria-describedby")
    assert page.locator(f".error-summary a[href='#read_confirmed-{draft['id']}']").count() == 1
    assert _api(vern, agency, ("pko",), "GET", f"/reports/{draft['id']}")["status"] == "draft"
    failures = run_axe(page, axe)
    assert not failures, describe({"/inbox (report not read)": failures})

    # ticked: sealed, with who read it
    box.check()
    _approval_card(page, draft["id"]).locator("button[type=submit]").click()
    page.wait_for_url("**decided=report*")
    assert page.locator(f"form[action='/inbox/reports/{draft['id']}/approval']").count() == 0
    sealed = _api(vern, agency, ("pko",), "GET", f"/reports/{draft['id']}")
    assert sealed["status"] == "approved" and sealed["seal_valid"] is True
    assert sealed["read_confirmed_at"] and sealed["read_confirmed_by"] == sealed["approved_by"]


def test_a_coordinator_writes_the_text_parts_with_a_preview(vern, person, axe):
    agency = f"tekst-{uuid.uuid4().hex[:6]}"
    draft = _draft(vern, agency, "incident_summary")
    page = person(("pko",), agency)
    page.goto(f"{vern.site}/reports/{draft['id']}")
    page.fill("#text-summary", "Færre avvik enn i fjor.\n\nFlere meldte brudd tidlig.")
    page.locator("#part-summary button[type=submit]").click()
    page.wait_for_url("**saved=summary*")
    assert page.locator("p.notice[role=status]").is_visible()
    assert page.input_value("#text-summary") == "Færre avvik enn i fjor.\n\nFlere meldte brudd tidlig."
    preview = page.inner_text(".report-content")
    assert "Færre avvik enn i fjor." in preview and "Flere meldte brudd tidlig." in preview
    assert _api(vern, agency, ("pko",), "GET", f"/reports/{draft['id']}")["inputs"]["summary"].startswith("Færre")

    # too long: the error beside the field, what was written kept, nothing stored
    page.eval_on_selector("#text-lessons_learned", "e => { e.removeAttribute('maxlength'); e.value = 'x'.repeat(20001); }")
    page.locator("#part-lessons_learned button[type=submit]").click()
    assert page.locator("#text-lessons_learned-error").is_visible()
    assert len(page.input_value("#text-lessons_learned")) == 20001
    assert "lessons_learned" not in _api(vern, agency, ("pko",), "GET", f"/reports/{draft['id']}")["inputs"]
    failures = run_axe(page, axe)
    assert not failures, describe({"/reports/{id} (text too long)": failures})

    # the agency head sees the coordinators' words in the inbox
    leader = person(("leader",), agency)
    leader.goto(f"{vern.site}/inbox")
    assert "Flere meldte brudd tidlig." in _approval_card(leader, draft["id"]).inner_text()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_approval_fits_a_phone_and_a_desk_in_both_languages(vern, person, screenshots, lang):
    agency = f"skjerm-{uuid.uuid4().hex[:6]}"
    review = _draft(vern, agency, "management_review", {"decisions": "Ny rutine for tilgangsstyring."})
    declaration = _draft(vern, agency, "self_declaration")
    leader = person(("leader",), agency, lang=lang)
    read = "Jeg har lest rapporten" if lang == "nb" else "I have read the report"
    for width in WIDTHS:
        leader.set_viewport_size({"width": width, "height": 900})
        for name, path in (("inbox", "/inbox"), ("page", f"/reports/{review['id']}")):
            leader.goto(f"{vern.site}{path}")
            leader.wait_for_load_state("networkidle")
            leader.screenshot(path=str(screenshots / f"report-approval-{name}-{lang}-{width}.png"), full_page=True)
            overflow = leader.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            widest = leader.evaluate("""() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(-3).join(' ')""")
            assert overflow <= 1, f"{name} is {overflow} px wider than a {width} px screen: {widest}"
        leader.goto(f"{vern.site}/inbox")
        for report in (review, declaration):
            card = _approval_card(leader, report["id"])
            assert read in card.inner_text()
            title = report["title_en"] if lang == "en" else report["title_nb"]
            assert title in card.inner_text()
        sections = [s["title_en" if lang == "en" else "title_nb"] for s in review["content"]["sections"]]
        shown = _approval_card(leader, review["id"]).inner_text()
        assert all(section in shown for section in sections), sections
        assert "Ny rutine for tilgangsstyring." in shown
