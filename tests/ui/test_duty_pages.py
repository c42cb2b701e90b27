"""The pages of the 72-hour duty at a phone's width and a desk's, in both languages: the breach page of a
notifiable medium breach (facts, reasons, draft) and the PKO's inbox with the Datatilsynet task, which
offers the way to record the notification and no acknowledgement. Screenshots go to var/screenshots/."""
from datetime import datetime, timedelta, timezone

import pytest

from tests.integration.breach_inputs import MEDIUM_MISDIRECTED
from tests.ui.test_breach_facts import _api

pytestmark = pytest.mark.integration
WIDTHS = (390, 1280)


@pytest.fixture
def notifiable_breach(vern):
    """A medium misdirected e-mail, recommended for notification: Datatilsynet's task without escalation."""
    now = datetime.now(timezone.utc)
    incident = _api(vern, "POST", "/incidents", {
        "title": "Elevliste sendt til feil foresatt", "description": "E-post med karakterer til feil mottaker.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (now - timedelta(hours=5)).isoformat(), "aware_at": (now - timedelta(hours=4)).isoformat(),
        "actions_taken": "Ba mottakeren slette e-posten."})
    _api(vern, "POST", f"/incidents/{incident['id']}/breach-assessment", MEDIUM_MISDIRECTED)
    return incident["id"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_duty_pages_fit_a_phone_and_a_desk_in_both_languages(vern, person, screenshots, notifiable_breach,
                                                                 lang):
    pko = person(("pko",), lang=lang)
    for width in WIDTHS:
        pko.set_viewport_size({"width": width, "height": 900})
        for name, path in (("breach", f"/incidents/{notifiable_breach}/breach"), ("inbox", "/inbox")):
            pko.goto(f"{vern.site}{path}")
            pko.wait_for_load_state("networkidle")
            pko.screenshot(path=str(screenshots / f"duty-{name}-{lang}-{width}.png"), full_page=True)
            overflow = pko.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            widest = pko.evaluate("""() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(-3).join(' ')""")
            assert overflow <= 1, f"{name} is {overflow} px wider than a {width} px screen: {widest}"
    pko.goto(f"{vern.site}/inbox")
    text = pko.inner_text("main")
    recorded = "Registrer meldingen til Datatilsynet" if lang == "nb" else "Record the notification to Datatilsynet"
    assert recorded in text
