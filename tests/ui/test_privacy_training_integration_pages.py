"""The pages for work that needed the API before: data processor agreements with their expiry, the
overall privacy assessment and a prior consultation's answer; courses and completions imported from
CSV (a dry run with its line errors first); the coordinators' courses; routing rules; webhook
subscriptions (a delivery sent again, the secret replaced); and the exports. Each main path in the browser, checked by axe-core in bokmål and English."""
import uuid
from datetime import timedelta

import pytest
import requests

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_escalation import report
from tests.integration.test_privacy_register import complete_record, screen, written_dpia
from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


def _agency() -> str:
    return f"ui-{uuid.uuid4().hex[:8]}"


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def _axe_both(page, url, axe, name, violations):
    """axe-core on the page in bokmål and in English (the language link's cookie), back in bokmål."""
    for lang in ("en", "nb"):
        page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
        violations[f"{name} ({lang})"] = run_axe(page, axe)


def _shots(page, url, name, screenshots):
    """Screenshots at a phone's and a desk's width in both languages (var/screenshots/), to look at."""
    for lang in ("nb", "en"):
        for width, height in ((1280, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
            page.screenshot(path=screenshots / f"{name}-{lang}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}{'&' if '?' in url else '?'}lang=nb")


def _failing(violations):
    failing = {name: found for name, found in violations.items() if found}
    assert not failing, describe(failing)


def test_processor_agreements_with_their_expiry(vern, person, axe, screenshots):
    code = _agency()
    pko = vern.client(("pko",), code)
    processing = _ok(pko.post("/processing-activities", json=complete_record(name="Elevadministrasjon")), 201)
    _ok(pko.post("/processor-agreements", json={
        "processor": "Gammel Drift AS", "status": "signed", "signed_on": "2020-01-01",
        "expires_on": (oslo_today() - timedelta(days=3)).isoformat(), "processing_ids": [processing["id"]]}), 201)
    page = person(("pko",), code)
    page.goto(f"{vern.site}/processor-agreements")
    page.fill("#agreement-processor", "Skolesystemer AS")
    page.select_option("#agreement-status", "signed")
    page.fill("#agreement-expires_on", (oslo_today() + timedelta(days=20)).isoformat())
    page.check("label:has-text('Elevadministrasjon')")
    page.click("button >> text=Registrer avtalen")
    assert page.locator("#agreement-signed_on-error").is_visible()  # signed needs a date, beside the field
    assert page.input_value("#agreement-processor") == "Skolesystemer AS"
    violations = {"agreements (errors)": run_axe(page, axe)}
    page.fill("#agreement-signed_on", "2025-06-01")
    page.click("button >> text=Registrer avtalen")
    page.wait_for_url("**saved=1*")
    table = page.locator("main table").inner_text()
    assert "Skolesystemer AS" in table and "utløper snart" in table and "utløpt" in table
    page.goto(f"{vern.site}/processor-agreements?expiry=expired")
    rows = page.locator("main table tbody tr").all_inner_texts()
    assert len(rows) == 1 and "Gammel Drift AS" in rows[0]
    _axe_both(page, f"{vern.site}/processor-agreements", axe, "agreements", violations)

    page.goto(f"{vern.site}/processing/{processing['id']}")
    listed = page.inner_text("#agreements")
    assert "Skolesystemer AS" in listed and "Gammel Drift AS" in listed and "utløpt" in listed
    page.click("#agreements >> text=Gammel Drift AS")
    assert "Avtalen utløp" in page.inner_text("main")
    page.select_option("#agreement-status", "terminated")
    page.click("button >> text=Lagre")
    assert "Avtalen er lagret" in page.inner_text("[role=status]")
    stored = _ok(pko.get("/processor-agreements"))["items"]
    assert {a["processor"]: a["status"] for a in stored} == {"Gammel Drift AS": "terminated",
                                                            "Skolesystemer AS": "signed"}
    _axe_both(page, page.url.split("?")[0], axe, "agreement", violations)
    _shots(page, f"{vern.site}/processor-agreements", "agreements", screenshots)
    _failing(violations)


def test_the_overall_privacy_assessment_and_a_prior_consultation(vern, person, axe, screenshots):
    code = _agency()
    pko, ombud, leader = (vern.client((role,), code) for role in ("pko", "ombud", "leader"))
    processing = _ok(pko.post("/processing-activities", json=complete_record()), 201)
    page = person(("pko",), code)
    page.goto(f"{vern.site}/processing/{processing['id']}")
    page.click("text=Åpne den overordnede vurderingen")
    page.wait_for_url("**/assessment")
    for aspect in ("lawfulness", "purpose_limitation", "data_minimisation", "storage_limitation",
                   "information_to_data_subjects", "data_subject_rights"):
        page.check(f"#aspect-{aspect}-status-ok")
    page.check("#aspect-access_control-status-partly")
    page.click("details:has(#aspect-access_control-measure) summary")
    page.fill("#aspect-access_control-measure", "Gjennomgå lesetilganger")
    page.click("button >> text=Lagre vurderingen")
    assert page.locator("#aspect-access_control-measure_owner-error").is_visible()
    assert page.input_value("#aspect-access_control-measure") == "Gjennomgå lesetilganger"
    violations = {"assessment (errors)": run_axe(page, axe)}
    page.fill("#aspect-access_control-measure_owner", "Systemeier")
    page.fill("#aspect-access_control-measure_due", (oslo_today() + timedelta(days=60)).isoformat())
    page.click("button >> text=Lagre vurderingen")
    assert "Vurderingen er lagret" in page.inner_text("[role=status]")
    assert "delvis i orden: Gjennomgå lesetilganger" in page.inner_text("#assessment-facts")
    stored = _ok(pko.get(f"/processing-activities/{processing['id']}"))["privacy_assessment"]
    assert stored["aspects"]["access_control"]["measure_owner"] == "Systemeier"
    _axe_both(page, page.url.split("?")[0], axe, "assessment", violations)

    screen(pko, processing["id"], sensitive_data=True, vulnerable_subjects=True)
    dpia = written_dpia(pko, processing["id"])
    _ok(pko.post(f"/dpias/{dpia['id']}/status", json={"status": "in_review"}))
    _ok(ombud.post(f"/dpias/{dpia['id']}/dpo-advice", json={"advice": "Forhåndsdrøft med Datatilsynet."}))
    _ok(leader.post(f"/dpias/{dpia['id']}/decision", json={"decision": "approved", "dpo_advice_followed": True}))
    page.goto(f"{vern.site}/dpias/{dpia['id']}")
    page.click("text=Forhåndsdrøftingen")
    page.check("#outcome-advice_given")
    page.fill("#submitted_on", oslo_today().isoformat())
    page.fill("#answered_on", (oslo_today() - timedelta(days=1)).isoformat())  # before it was sent: refused
    page.click("button >> text=Registrer svaret")
    assert page.locator("#answered_on-error").is_visible()
    violations["prior consultation (errors)"] = run_axe(page, axe)
    page.fill("#answered_on", (oslo_today() + timedelta(days=30)).isoformat())
    page.fill("#reference", "DT 26/01234")
    page.click("button >> text=Registrer svaret")
    assert "Svaret er registrert" in page.inner_text("[role=status]")
    assert "skriftlige råd gitt" in page.inner_text("#consultation-facts")
    _axe_both(page, page.url.split("?")[0], axe, "prior consultation", violations)
    _shots(page, page.url.split("?")[0], "prior-consultation", screenshots)
    _shots(page, f"{vern.site}/processing/{processing['id']}/assessment", "privacy-assessment", screenshots)
    _failing(violations)


def test_a_course_and_completions_imported_from_csv_after_a_dry_run(vern, person, axe, screenshots):
    code = _agency()
    course_code = f"PV-{uuid.uuid4().hex[:4]}"
    page = person(("pko",), code)
    page.goto(f"{vern.site}/training/courses")
    page.fill("#course-code", course_code)
    page.click("button >> text=Opprett kurset")
    assert page.locator("#course-title-error").is_visible()
    assert page.input_value("#course-code") == course_code
    violations = {"courses (errors)": run_axe(page, axe)}
    page.fill("#course-title", "Personvern for alle ansatte")
    page.check("#course-topic-privacy")
    page.fill("#course-pass_mark", "80")
    page.click("button >> text=Opprett kurset")
    page.wait_for_url("**saved=course*")
    assert course_code in page.inner_text("#courses ~ .table-scroll table")

    day = (oslo_today() - timedelta(days=5)).strftime("%d.%m.%Y")
    content = (f"BrukerID;Kurskode;Fullført;Poeng;Enhet;Rolle\r\nu-0001;{course_code};{day};91;Skole;employee\r\n"
               f"u-0002;{course_code};31.02.2026;88;Skole;employee\r\n"
               f"u-0003;{course_code};{day};75;Skole;employee\r\n").encode()
    page.set_input_files("#file", files=[{"name": "laringsportal.csv", "mimeType": "text/csv", "buffer": content}])
    page.check("#mode-valid_rows")
    page.click("button >> text=Sjekk filen")
    assert "Ingenting er lagret ennå" in page.inner_text(".import-result [role=status]")
    errors = page.locator("#import-errors tbody tr").all_inner_texts()
    assert len(errors) == 1 and errors[0].startswith("3\t")  # the header is line 1: the bad date is line 3
    violations["courses (dry run)"] = run_axe(page, axe)
    page.screenshot(path=screenshots / "courses-dry-run.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "courses-dry-run-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    pko = vern.client(("pko",), code)
    assert _ok(pko.get("/training/completions"))["total"] == 0  # a dry run stores nothing
    page.click("button >> text=Importer 2 gjennomføringer nå")
    assert "2 importert" in page.inner_text(".import-result [role=status]")
    assert _ok(pko.get("/training/completions"))["total"] == 2
    _axe_both(page, f"{vern.site}/training/courses", axe, "courses", violations)

    page.goto(f"{vern.site}/training/courses")
    page.click(f"text=Personvern for alle ansatte")
    assert "Gjennomføringer som passer: 2" in page.inner_text("main")
    _axe_both(page, page.url.split("?")[0], axe, "course", violations)
    _failing(violations)


def test_the_central_team_publishes_a_coordinator_course_and_an_agency_records_who_came(vern, person, axe,
                                                                                      screenshots):
    title = f"Koordinatorsamling {uuid.uuid4().hex[:4]}"
    central = person(("central",), "fin")
    central.goto(f"{vern.site}/training/coordinators")
    central.fill("#publish-title", title)
    central.check("#publish-kind-event")
    central.fill("#publish-starts_on", oslo_today().isoformat())
    central.click("button >> text=Publiser")
    assert central.locator("#publish-roles-error").is_visible()
    violations = {"coordinators (central, errors)": run_axe(central, axe)}
    central.check("#publish-roles-pko")
    central.check("#publish-roles-isk")
    central.click("button >> text=Publiser")
    assert "Kurset er publisert" in central.inner_text("[role=status]")
    assert title in central.inner_text("#courses ~ .table-scroll table")

    code = _agency()
    page = person(("pko",), code)
    page.goto(f"{vern.site}/training/coordinators")
    page.select_option("#take-course_id", label=f"{title} ({oslo_today().strftime('%d.%m.%Y')})")
    page.check("#take-role-pko")
    page.click("button >> text=Registrer deltakelsen")
    assert page.locator("#take-person-error").is_visible()
    page.fill("#take-person", "Kari Nordmann")
    page.click("button >> text=Registrer deltakelsen")
    assert "Deltakelsen er registrert" in page.inner_text("[role=status]")
    assert "Kari Nordmann" in page.inner_text("#participations ~ .table-scroll table")
    _axe_both(page, f"{vern.site}/training/coordinators", axe, "coordinators", violations)
    _shots(page, f"{vern.site}/training/coordinators", "coordinators", screenshots)
    _failing(violations)


def test_routing_rules_added_changed_and_retired(vern, person, axe, screenshots):
    code = _agency()
    page = person(("pko",), code)
    page.goto(f"{vern.site}/routing-rules")
    assert "alle virksomheter" not in page.inner_text("main")
    assert page.locator("#defaults ~ .table-scroll table tbody tr").count() > 0  # the defaults are visible
    page.select_option("#event_type", "incidents.incident_escalated")
    page.select_option("#recipient_role", "leader")
    page.fill("#conditions", "severity critical")
    page.click("button >> text=Legg til regelen")
    assert page.locator("#conditions-error").is_visible()
    violations = {"routing (errors)": run_axe(page, axe)}
    page.fill("#conditions", "severity=critical")
    page.select_option("#due_field", "aware_at")
    page.fill("#due_hours", "24")
    page.fill("#reminder_hours", "4 12")
    page.click("button >> text=Legg til regelen")
    assert "Regelen er lagt til" in page.inner_text("[role=status]")
    own = page.locator("#own ~ .table-scroll table").first.inner_text()
    assert "hendelse eskalert" in own and "severity=critical" in own and "24 timer etter" in own
    _axe_both(page, f"{vern.site}/routing-rules", axe, "routing rules", violations)
    _shots(page, f"{vern.site}/routing-rules", "routing-rules", screenshots)

    page.goto(f"{vern.site}/routing-rules")
    page.locator("#own ~ .table-scroll table a").first.click()
    page.select_option("#recipient_role", "isk")
    page.click("button >> text=Lagre")
    assert "Regelen er endret" in page.inner_text("[role=status]")
    rules = _ok(vern.client(("pko",), code).get("/routing-rules"))["items"]
    mine = [r for r in rules if r["agency"] == code]
    assert [(r["recipient_role"], r["reminder_hours"]) for r in mine] == [("isk", [4, 12])]
    page.goto(f"{vern.site}/routing-rules/{mine[0]['id']}")
    violations["routing rule"] = run_axe(page, axe)
    page.click("button >> text=Avslutt regelen")
    assert "Regelen er avsluttet" in page.inner_text("[role=status]")
    assert not [r for r in _ok(vern.client(("pko",), code).get("/routing-rules"))["items"] if r["agency"] == code]
    _failing(violations)


def test_a_webhook_subscription_created_redelivered_rotated_paused_and_deleted(vern, person, axe, screenshots):
    code = _agency()
    page = person(("admin",), code)
    page.goto(f"{vern.site}/webhooks")
    page.fill("#url", "https://receiver.invalid/vern")
    page.fill("#event_types", "ingen.slik.hendelse")
    page.click("button >> text=Opprett abonnementet")
    assert page.locator("#event_types-error").is_visible()  # the service refuses an unknown type
    assert page.input_value("#url") == "https://receiver.invalid/vern"
    violations = {"webhooks (errors)": run_axe(page, axe)}
    page.fill("#event_types", "incidents.*")
    page.click("button >> text=Opprett abonnementet")
    first_secret = page.inner_text("#secret")
    assert first_secret.startswith("whsec_")  # shown once
    violations["webhook (created)"] = run_axe(page, axe)
    # the secret is on the form's answer, not after a redirect: the subscription's own address from the list
    subscription, = _ok(vern.client(("admin",), code).get("/webhooks/subscriptions"))["items"]
    subscription_url = f"{vern.site}/webhooks/{subscription['id']}"
    # an incident of the agency becomes a delivery to the (unreachable) receiver; it can be sent again now
    report(vern.client(("pko",), code), title="Phishing mot servicetorget")
    wait_for(lambda: page.goto(subscription_url) and page.locator("button >> text=Send på nytt").count(), timeout=30)
    page.click("button >> text=Send på nytt")
    assert "sendes på nytt nå" in page.inner_text("[role=status]")
    page.click("button >> text=Bytt hemmelighet")
    assert "Hemmeligheten er byttet" in page.inner_text("[role=status]")
    assert page.inner_text("#secret").startswith("whsec_") and page.inner_text("#secret") != first_secret
    violations["webhook (rotated)"] = run_axe(page, axe)
    page.goto(subscription_url)
    page.click("button >> text=Sett på pause")
    assert "satt på pause" in page.inner_text("[role=status]")
    _axe_both(page, subscription_url, axe, "webhook", violations)
    _axe_both(page, f"{vern.site}/webhooks", axe, "webhooks", violations)
    _shots(page, subscription_url, "webhook", screenshots)
    page.goto(subscription_url)
    page.click("button >> text=Slett abonnementet")
    assert "Abonnementet er slettet" in page.inner_text("[role=status]")
    assert _ok(vern.client(("admin",), code).get("/webhooks/subscriptions"))["total"] == 0
    _failing(violations)


def test_the_exports_through_the_session(vern, person):
    code = _agency()
    pko = vern.client(("pko", "isk"), code)
    _ok(pko.post("/processing-activities", json=complete_record(name="Skoleskyss")), 201)
    page = person(("pko", "isk"), code)
    page.goto(f"{vern.site}/processing")
    with page.expect_download() as download:
        page.click("text=Last ned protokollen (CSV)")
    assert download.value.suggested_filename == "behandlingsprotokoll.csv"
    assert "Skoleskyss" in open(download.value.path(), encoding="utf-8-sig").read()
    page.goto(f"{vern.site}/risks")
    with page.expect_download() as download:
        page.click("text=Last ned risikoregisteret (Excel)")
    assert download.value.suggested_filename == "risikoregister.xlsx"
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    refused = requests.get(f"{vern.site}/processing/export?format=pdf", cookies=cookies, timeout=10)
    assert refused.status_code == 400
