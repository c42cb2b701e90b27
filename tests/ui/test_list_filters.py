"""The lists' filters in the browser: filter, see only the matching rows, and the filter stays chosen."""
import uuid

import pytest
import requests

pytestmark = pytest.mark.integration


def _post(vern, roles, path, body):
    answer = requests.post(f"{vern.base_url}{path}", headers={"Authorization": f"Bearer {vern.token(roles, 'demo')}"},
                           json=body, timeout=10)
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def _rows(page, table="table"):
    return page.locator(table).first.inner_text()


def test_the_risk_list_filtered_by_level_and_the_assessments_by_status(vern, person, screenshots):
    mark = uuid.uuid4().hex[:6]
    assessment = _post(vern, ("isk",), "/risk-assessments", {"title": f"Lønnssystem {mark}", "scope": "system"})
    _post(vern, ("isk",), f"/risk-assessments/{assessment['id']}/risks",
          {"title": f"Lønn utbetales feil {mark}", "likelihood": 5, "consequence": 5})
    _post(vern, ("isk",), f"/risk-assessments/{assessment['id']}/risks",
          {"title": f"Lønnsslipp forsinket {mark}", "likelihood": 1, "consequence": 1})

    page = person(("isk",))
    page.goto(f"{vern.site}/risks")
    page.select_option("#filter-level", "high")
    page.select_option("#filter-assessment_status", "planned")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**level=high*")
    assert f"Lønn utbetales feil {mark}" in _rows(page)
    assert f"Lønnsslipp forsinket {mark}" not in _rows(page)
    assert all(cell == "høy" for cell in page.locator("table:not(.table--heat) tbody td:nth-child(3)").all_inner_texts())
    assert page.input_value("#filter-level") == "high"
    assert page.input_value("#filter-assessment_status") == "planned"
    assert f"Lønnssystem {mark}" in page.locator("#assessments-title ~ ul").inner_text()
    page.screenshot(path=screenshots / "risks-filtered.png", full_page=True)

    page.goto(f"{vern.site}/risks?acceptable=false")  # the dashboard's link
    assert page.input_value("#filter-acceptable") == "false"


def test_the_record_of_processing_searched_and_filtered_by_status(vern, person, screenshots):
    mark = uuid.uuid4().hex[:6]
    _post(vern, ("pko",), "/processing-activities", {"name": f"Skoleskyss {mark}", "purposes": ["Skyss"],
                                                     "status": "draft"})
    _post(vern, ("pko",), "/processing-activities", {"name": f"Skoleskyss aktiv {mark}", "purposes": ["Skyss"],
                                                     "status": "active"})
    page = person(("pko",))
    page.goto(f"{vern.site}/processing")
    page.fill("#filter-q", mark)
    page.select_option("#filter-status", "draft")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**status=draft*")
    assert f"Skoleskyss {mark}" in _rows(page)
    assert f"Skoleskyss aktiv {mark}" not in _rows(page)
    assert page.input_value("#filter-q") == mark and page.input_value("#filter-status") == "draft"
    assert "Behandlinger som passer: 1" in page.locator("[role=status]").first.inner_text()
    page.screenshot(path=screenshots / "processing-filtered.png", full_page=True)

    page.fill("#filter-q", "x")  # too short for the API: its reason, not an error page
    page.click("form.filters button[type=submit]")
    assert page.locator("[role=alert]").count() == 1 and "q:" in page.locator("[role=alert]").inner_text()
    assert page.input_value("#filter-q") == "x"


def test_the_exercises_filtered_by_type_and_the_campaigns_by_status(vern, person, screenshots):
    mark = uuid.uuid4().hex[:6]
    for kind in ("tabletop", "functional"):
        _post(vern, ("isk",), "/training/exercises", {"title": f"Strømbrudd {kind} {mark}", "type": kind,
                                                      "scenario": "Strømmen går i hele bygget.",
                                                      "held_on": "2026-10-14"})
    page = person(("isk",))
    page.goto(f"{vern.site}/training")
    page.select_option("#filter-exercise_type", "functional")
    page.select_option("#filter-campaign_status", "running")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**exercise_type=functional*")
    exercises = page.locator("#exercises ~ .table-scroll table").first.inner_text()
    assert f"Strømbrudd functional {mark}" in exercises and f"Strømbrudd tabletop {mark}" not in exercises
    assert page.input_value("#filter-exercise_type") == "functional"
    assert page.input_value("#filter-campaign_status") == "running"
    page.screenshot(path=screenshots / "training-filtered.png", full_page=True)
