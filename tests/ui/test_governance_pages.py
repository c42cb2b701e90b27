"""The governance work in the browser, in bokmål and English, each page under axe-core: the annual plan
(plan an activity, its evidence, cancel it, copy the year), a governing document (register it, a review,
an attestation), the advice log, the requirements overview with the agency's answer and a requirement of
its own, drafting a report and writing its words, and the audit trail with its chain verified.

The plan's years are far ahead (2090), so no test depends on today's date."""
import uuid

import pytest
import requests

from tests.ui.browser_tools import describe, run_axe
from tests.ui.test_layout import MEASURE

pytestmark = pytest.mark.integration
LANGS = ["nb", "en"]


def _failing(violations: dict):
    failing = {name: found for name, found in violations.items() if found}
    assert not failing, describe(failing)


@pytest.mark.parametrize("lang", LANGS)
def test_plan_an_activity_add_evidence_cancel_and_copy_the_year(vern, person, axe, lang):
    year = 2090 if lang == "nb" else 2092
    page = person(("isk",), lang=lang)
    page.goto(f"{vern.site}/annual-plan?year={year}")
    violations = {"plan": run_axe(page, axe)}
    page.select_option("#activity-area", "security")
    page.select_option("#activity-kind", "exercise")
    page.select_option("#activity-owner_role", "isk")
    page.select_option("#activity-due_month", "10")
    page.click("form[action^='/annual-plan?'] button[type=submit]")  # no title: named beside the field
    assert page.locator("#activity-title-error").is_visible()
    assert page.input_value("#activity-kind") == "exercise"  # what was chosen is kept
    violations["plan (errors)"] = run_axe(page, axe)
    page.fill("#activity-title", f"Beredskapsøvelse ({lang})")
    page.click("form[action^='/annual-plan?'] button[type=submit]")
    page.wait_for_url("**done=planned*")
    october = page.locator("#month-10 + .table-scroll table")
    assert f"Beredskapsøvelse ({lang})" in october.inner_text()

    page.click(f"text=Beredskapsøvelse ({lang})")
    page.fill("#evidence-title", "Referat fra øvelsen")
    page.select_option("#evidence-type", "minutes")
    page.fill("#evidence-reference", "2090/123-4")
    page.fill("#evidence-at", "2026-10-02")  # a day past: evidence is never ahead of time
    page.click("form[action$='/evidence'] button[type=submit]")
    page.wait_for_url("**done=evidence*")
    assert "2090/123-4" in page.inner_text("#evidence + .table-scroll table")
    assert ("Utført" if lang == "nb" else "Done") in page.inner_text(".facts")
    violations["activity"] = run_axe(page, axe)
    activity_url = page.url.split("?")[0]

    page.goto(f"{vern.site}/annual-plan?year={year}")  # copied to the next year, planned and without evidence
    page.fill("#copy-to_year", str(year + 1))
    page.click("form[action='/annual-plan/copy'] button[type=submit]")
    page.wait_for_url(f"**year={year + 1}*")
    assert page.inner_text(".notice").startswith("1 ")
    assert f"Beredskapsøvelse ({lang})" in page.inner_text("#month-10 + .table-scroll table")

    page.goto(activity_url)

    page.select_option("#edit-status", "cancelled")  # cancelled without a reason: refused beside the field
    page.click("form:has(#edit-title) button[type=submit]")
    assert page.locator("#edit-cancel_reason-error").is_visible()
    violations["activity (errors)"] = run_axe(page, axe)
    page.fill("#edit-cancel_reason", "Slått sammen med kommunens øvelse.")
    page.click("form:has(#edit-title) button[type=submit]")
    page.wait_for_url("**done=updated*")
    assert "Slått sammen med kommunens øvelse." in page.inner_text(".facts")

    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_register_a_routine_review_it_and_attest_compliance(vern, person, axe, lang):
    page = person(("isk",), lang=lang)
    page.goto(f"{vern.site}/governing-documents")
    violations = {"documents": run_axe(page, axe)}
    title = f"Rutine for tilgangsstyring ({lang})"
    page.fill("#document-title", title)
    page.select_option("#document-kind", "access_control_routine")
    page.select_option("#document-area", "security")
    page.fill("#document-owner", "Informasjonssikkerhetskoordinator")
    page.select_option("#document-status", "in_force")  # in force without an approval date: the service says so
    page.click("form[method=post][action='/governing-documents'] button[type=submit]")
    assert page.locator("#document-approved_on-error").is_visible()
    assert page.input_value("#document-title") == title
    violations["documents (errors)"] = run_axe(page, axe)
    page.fill("#document-approved_on", "2026-02-01")
    page.click("form[method=post][action='/governing-documents'] button[type=submit]")
    page.wait_for_url("**done=created*")

    page.fill("#review-reviewed_on", "2026-11-15")
    page.fill("#review-version", "2.2")
    page.click("form[action$='/reviews'] button[type=submit]")
    page.wait_for_url("**done=reviewed*")
    assert "2.2" in page.inner_text("#reviews + .table-scroll table")

    page.fill("#attest-period", "2026-H2")
    page.select_option("#attest-result", "partly")  # partly complied with, and not said why
    page.click("form[action$='/attestations'] button[type=submit]")
    assert page.locator("#attest-comment-error").is_visible()
    violations["document (errors)"] = run_axe(page, axe)
    page.fill("#attest-comment", "To tilganger ble fjernet for sent.")
    page.click("form[action$='/attestations'] button[type=submit]")
    page.wait_for_url("**done=attested*")
    assert "To tilganger ble fjernet for sent." in page.inner_text("#attestations ~ .table-scroll table")
    violations["document"] = run_axe(page, axe)

    page.goto(f"{vern.site}/governing-documents?kind=access_control_routine&area=security")
    assert title in page.inner_text("#documents ~ .table-scroll table")
    assert page.input_value("#filter-kind") == "access_control_routine"
    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_log_a_request_for_advice_and_record_the_advice(vern, person, axe, lang):
    page = person(("pko",), lang=lang)
    page.goto(f"{vern.site}/advice")
    violations = {"advice log": run_axe(page, axe)}
    page.fill("#advice-title", f"Nytt timebestillingssystem ({lang})")
    page.fill("#advice-question", "Trenger vi databehandleravtale og DPIA?")
    page.fill("#advice-requested_by", "Helsestasjonen")
    page.select_option("#advice-kind", "procurement")
    page.select_option("#advice-area", "privacy")
    page.fill("#advice-requested_on", "2026-11-02")
    page.check("#advice-processor_agreement_needed-yes")
    page.click("form[method=post][action='/advice'] button[type=submit]")
    page.wait_for_url("**done=created*")
    violations["advice"] = run_axe(page, axe)

    page.select_option("#edit-status", "given")  # given, without the advice: beside both fields
    page.click("form:has(#edit-title) button[type=submit]")
    assert page.locator("#edit-advice_given-error").is_visible() and page.locator("#edit-given_on-error").is_visible()
    assert page.input_value("#edit-title") == f"Nytt timebestillingssystem ({lang})"
    violations["advice (errors)"] = run_axe(page, axe)
    page.fill("#edit-advice_given", "Ja: databehandleravtale og DPIA før anskaffelse.")
    page.fill("#edit-given_on", "2026-11-09")
    page.fill("#edit-requirements_set", "Databehandleravtale\nDPIA")
    page.click("form:has(#edit-title) button[type=submit]")
    page.wait_for_url("**done=updated*")
    facts = page.inner_text(".facts")
    assert "Ja: databehandleravtale og DPIA før anskaffelse." in facts and "DPIA" in facts

    page.goto(f"{vern.site}/advice?status=given")
    assert f"Nytt timebestillingssystem ({lang})" in page.inner_text("#advice ~ .table-scroll table")
    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_answer_a_requirement_of_the_overview(vern, person, axe, lang):
    page = person(("isk",), lang=lang)
    page.goto(f"{vern.site}/requirements")
    violations = {"requirements": run_axe(page, axe)}
    page.locator("table a").first.click()
    page.fill("#overlay-document_ids", "x")  # not a number: beside the field, the rest kept
    page.fill("#overlay-how_met", f"Rutine for tilgangsstyring, gjennomgått årlig ({lang}).")
    page.check("#overlay-applies-yes")
    page.click("form:has(#overlay-how_met) button[type=submit]")
    assert page.locator("#overlay-document_ids-error").is_visible()
    assert page.input_value("#overlay-how_met").endswith(f"({lang}).")
    violations["requirement (errors)"] = run_axe(page, axe)
    page.fill("#overlay-document_ids", "")
    page.click("form:has(#overlay-how_met) button[type=submit]")
    page.wait_for_url("**done=saved*")
    assert f"gjennomgått årlig ({lang})" in page.inner_text(".facts")
    violations["requirement"] = run_axe(page, axe)
    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_add_a_requirement_of_the_agencys_own(vern, person, axe, screenshots, lang):
    code = f"egen-logging-{uuid.uuid4().hex[:6]}"
    page = person(("isk",), lang=lang)
    page.goto(f"{vern.site}/requirements")
    page.fill("#own-code", "Egen Logging")  # capitals and a space: the service names the field
    page.fill("#own-title_nb", "Logging av oppslag i fagsystemer")
    page.fill("#own-text_nb", "Alle oppslag i fagsystemer med personopplysninger skal logges.")
    page.fill("#own-legal_source", "Virksomhetens instruks for informasjonssikkerhet")
    page.click("form[action='/requirements'] button[type=submit]")
    assert page.locator("#own-code-error").is_visible()
    assert page.input_value("#own-title_nb") == "Logging av oppslag i fagsystemer"
    violations = {"requirements (errors)": run_axe(page, axe)}
    page.fill("#own-code", code)
    page.click("form[action='/requirements'] button[type=submit]")
    page.wait_for_url(f"**/requirements/{code}?done=created")
    assert page.locator("[role=status]").is_visible()
    assert "Virksomhetens instruks" in page.inner_text(".facts")
    violations["requirement (created)"] = run_axe(page, axe)
    page.goto(f"{vern.site}/requirements")
    assert "Logging av oppslag i fagsystemer" in page.inner_text("table")
    page.set_viewport_size({"width": 390, "height": 844})
    measured = page.evaluate(MEASURE)
    assert measured["scrollWidth"] <= 390 and not measured["count"], measured
    page.screenshot(path=str(screenshots / f"requirements-{lang}-390.png"), full_page=True)
    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_draft_a_report_and_write_its_words_beside_the_preview(vern, person, axe, lang):
    year = 2026 if lang == "nb" else 2025  # one draft a kind and period
    page = person(("pko",), lang=lang)
    page.goto(f"{vern.site}/reports")
    violations = {"reports": run_axe(page, axe)}
    page.select_option("#newreport-kind", "incident_summary")
    page.fill("#newreport-period_start", f"{year}-07-01")
    page.fill("#newreport-period_end", f"{year}-01-01")  # the end before the start: the service says so
    page.click("form[method=post][action='/reports'] button[type=submit]")
    assert page.locator("#newreport-period_end-error").is_visible()
    violations["reports (errors)"] = run_axe(page, axe)
    page.fill("#newreport-period_start", f"{year}-01-01")
    page.fill("#newreport-period_end", f"{year}-06-30")
    page.click("form[method=post][action='/reports'] button[type=submit]")
    page.wait_for_url("**/reports/*")
    page.fill("#text-summary", f"Færre avvik enn i fjor ({lang}).")
    page.click("#part-summary button[type=submit]")
    page.wait_for_url("**saved=summary*")
    assert f"Færre avvik enn i fjor ({lang})." in page.inner_text(".report-workspace")
    page.goto(f"{vern.site}/reports?kind=incident_summary")
    assert page.locator("#reports ~ .table-scroll table a").count() >= 1
    _failing(violations)


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_trail_filtered_paged_and_its_chain_verified(vern, person, axe, lang):
    headers = {"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}
    made = requests.post(f"{vern.base_url}/advice", headers=headers, timeout=10, json={
        "title": f"Revidert forespørsel ({lang})", "question": "Hva nå?", "requested_by": "Bydel Sagene",
        "kind": "other", "area": "privacy", "requested_on": "2026-11-02"})
    assert made.status_code == 201, made.text
    page = person(("auditor",), lang=lang)
    page.goto(f"{vern.site}/audit?service=reporting&entity=advice_entries&entity_id={made.json()['id']}")
    violations = {"audit": run_axe(page, axe)}
    rows = page.locator("#entries ~ .table-scroll tbody tr")
    assert rows.count() == 1 and "advice_entries" in rows.inner_text()
    rows.locator("summary").click()  # the fields it was created with
    assert f"Revidert forespørsel ({lang})" in rows.inner_text()
    page.goto(f"{vern.site}/audit?service=reporting&since=2026-13-01")  # a wrong date: beside the field
    assert page.locator("#since-error").is_visible()
    page.goto(f"{vern.site}/audit?service=reporting")
    page.click("a[href*='verify=1']")
    assert page.locator("section[aria-labelledby=verification] .notice").count() == 1, page.inner_text("main")
    notice = page.inner_text("section[aria-labelledby=verification] .notice")
    assert ("urørt" if lang == "nb" else "intact") in notice, notice
    violations["audit (verified)"] = run_axe(page, axe)
    _failing(violations)
