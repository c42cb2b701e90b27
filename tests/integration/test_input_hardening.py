"""Issue 23, items 5, 7 and 10, through the running gateway: sign-in's `next` stays on this site, hostile
input (a lone surrogate, JSON nested thousands deep, 1.5 for a whole number) is a 400 naming the field
on the API and never a 500 on the pages, and an export neutralises a formula behind whitespace."""
import csv
import io
import json
import re
import uuid

import requests
from openpyxl import load_workbook

from tests.integration.test_bad_input import VALID, stored
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_risk import new_assessment, new_risk, ok

SURROGATE_JSON = '"\\ud800"'  # as a client sends a lone surrogate: valid JSON, no valid Unicode
DEEP = "[" * 5000 + "]" * 5000


def site(vern) -> str:
    return vern.base_url.removesuffix("/api/v1")


def csrf_of(page: requests.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def signed_in(vern, roles=("pko",), agency="demo") -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{site(vern)}/login", timeout=10)
    browser.post(f"{site(vern)}/login", data={"csrf_token": csrf_of(form), "token": vern.token(roles, agency)},
                 timeout=10)
    return browser


def raw_post(client, path: str, text: str) -> requests.Response:
    return client.post(path, data=text.encode(), headers={"Content-Type": "application/json"})


# --- item 5: sign-in

def test_next_after_sign_in_goes_only_to_a_path_of_this_site(vern):
    for target in ("/\t/evil.example", "/\n/x", "//evil.example", "/\\evil.example", "https://evil.example"):
        browser = requests.Session()
        form = browser.get(f"{site(vern)}/login", timeout=10)
        answer = browser.post(f"{site(vern)}/login", allow_redirects=False, timeout=10, data={
            "csrf_token": csrf_of(form), "token": vern.token(("pko",), "demo"), "next": target})
        assert answer.status_code == 303 and answer.headers["Location"] == "/dashboard", (target, answer.text)


def test_next_on_the_sign_in_page_is_never_a_500_nor_kept_when_it_leaves_the_site(vern):
    for query in ("next=/%09/evil.example", "next=/%0A/x", "next=/%0D%0ASet-Cookie:%20x=1", "next=/%00"):
        page = requests.get(f"{site(vern)}/login?{query}", timeout=10)
        assert page.status_code == 200, (query, page.text)
        assert 'name="next" value=""' in page.text or 'name="next"' not in page.text, query
    kept = requests.get(f"{site(vern)}/login?next=%2Frisks%3Fpage%3D2", timeout=10)
    assert kept.status_code == 200 and 'value="/risks?page=2"' in kept.text


def test_next_of_this_site_is_followed(vern):
    browser = requests.Session()
    form = browser.get(f"{site(vern)}/login", timeout=10)
    answer = browser.post(f"{site(vern)}/login", allow_redirects=False, timeout=10, data={
        "csrf_token": csrf_of(form), "token": vern.token(("pko",), "demo"), "next": "/risks?page=2"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/risks?page=2"


# --- item 7: no 5xx from input

def test_a_lone_surrogate_is_a_400_naming_the_field_and_stores_nothing(vern, coordinator):
    before = stored(vern)
    body = '{"title": ' + SURROGATE_JSON + ', ' + ", ".join(
        f'"{key}": "{value}"' for key, value in VALID.items() if key != "title") + "}"
    answer = raw_post(coordinator, "/incidents", body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["fields"] == {
        "title": ["Must not contain a lone UTF-16 surrogate (\\ud800-\\udfff) / "
                  "Kan ikke inneholde et enslig UTF-16-surrogat (\\ud800-\\udfff)."]}
    assert stored(vern) == before


def test_a_lone_surrogate_is_refused_on_other_services_and_in_lists_and_keys(vern, coordinator):
    record = raw_post(coordinator, "/processing-activities", '{"name": "Elev' + SURROGATE_JSON[1:-1] + 'adm"}')
    assert record.status_code == 400 and set(record.json()["error"]["fields"]) == {"name"}
    listed = raw_post(coordinator, "/processing-activities",
                      '{"name": "Elevadministrasjon", "purposes": ["ok", ' + SURROGATE_JSON + "]}")
    assert listed.status_code == 400 and set(listed.json()["error"]["fields"]) == {"purposes"}
    key = raw_post(coordinator, "/incidents", '{' + SURROGATE_JSON + ': "x"}')
    assert key.status_code == 400 and set(key.json()["error"]["fields"]) == {"_schema"}
    # a query string cannot carry one: its UTF-8 bytes (ED A0 80) are not UTF-8 and are replaced
    query = coordinator.get("/incidents?title=%ED%A0%80&status=%ED%A0%80")
    assert query.status_code == 400 and "status" in query.json()["error"]["fields"]


def test_json_nested_thousands_deep_is_a_400_on_every_kind_of_route(vern, coordinator):
    admin = vern.client(roles=("admin", "pko"))
    for client, method, path in ((coordinator, "post", "/incidents"), (coordinator, "post", "/processing-activities"),
                                 (coordinator, "patch", "/incidents/1"), (admin, "post", "/webhooks/subscriptions"),
                                 (coordinator, "post", "/risk-assessments")):
        for text in (DEEP, '{"title": ' + DEEP + "}", '{"a": ' * 3000 + "1" + "}" * 3000):
            answer = client.request(method, path, data=text.encode(), headers={"Content-Type": "application/json"})
            assert answer.status_code == 400, (path, answer.status_code, answer.text[:300])
            assert set(answer.json()["error"]["fields"]) == {"_body"}


def test_a_fraction_for_a_whole_number_is_a_400_naming_the_field(vern):
    isk = vern.client(("isk",), f"input-{uuid.uuid4().hex[:8]}")
    assessment = new_assessment(isk)
    path = f"/risk-assessments/{assessment['id']}/risks"
    body = {"title": "Uautorisert tilgang", "likelihood": 1.5, "consequence": 3, "owner": "systemeier"}
    answer = isk.post(path, json=body)
    assert answer.status_code == 400 and set(answer.json()["error"]["fields"]) == {"likelihood"}, answer.text
    assert isk.post(path, json={**body, "likelihood": 2, "consequence": 2.0}).json()["error"]["fields"].keys() == {
        "consequence"}
    huge = json.dumps({**body, "likelihood": 0}).replace('"likelihood": 0', '"likelihood": 1e400')  # inf to json
    assert raw_post(isk, path, huge).json()["error"]["fields"].keys() == {"likelihood"}
    assert ok(isk.get("/risks", params={"assessment_id": assessment["id"]}))["total"] == 0
    for query in ({"page": "1.5"}, {"page_size": "1.5"}, {"page": "²"}, {"page": "9" * 5000}):
        answer = isk.get("/risks", params=query)
        assert answer.status_code == 400 and set(answer.json()["error"]["fields"]) == set(query), answer.text
    requirement = vern.client(("pko",)).post("/requirements", json={
        "code": "egen-2", "title_nb": "Eget krav", "text_nb": "Et krav virksomheten har satt selv.",
        "document_ids": [1.5]})
    assert requirement.status_code == 400 and set(requirement.json()["error"]["fields"]) == {"document_ids"}


def test_the_pages_answer_hostile_input_without_a_500(vern):
    browser = signed_in(vern, ("pko",))
    processing = ok(vern.client(("pko",)).post("/processing-activities", json=complete_record()), 201)
    edit = f"{site(vern)}/processing/{processing['id']}/edit"
    form = browser.get(edit, timeout=10)
    assert form.status_code == 200
    for version in ("²", "1.5", "9" * 5000):  # the version the form was opened on, as sent back
        answer = browser.post(edit, timeout=10, data={"csrf_token": csrf_of(form), "version": version,
                                                      "name": "Elevadministrasjon"})
        assert answer.status_code < 500, (version, answer.text[:500])
    # a form's bytes that are no UTF-8 (a surrogate's), and a number with a fraction, in the report form
    report = browser.get(f"{site(vern)}/report", timeout=10)
    answer = browser.post(f"{site(vern)}/report", timeout=10, headers={
        "Content-Type": "application/x-www-form-urlencoded"}, data=(
        f"csrf_token={csrf_of(report)}&title=%ED%A0%80&description=%ED%A0%80x&category=other&personal_data=1.5"
        "&occurred_at=%ED%A0%80&aware_at=2026-01-01T10:00").encode())
    assert answer.status_code < 500 and answer.status_code != 303, answer.text[:500]
    for query in ("page=1.5", "page=%ED%A0%80", "page=²", "status=%00", "page_size=" + "9" * 5000):
        listing = browser.get(f"{site(vern)}/processing?{query}", timeout=10)
        assert listing.status_code < 500, (query, listing.text[:500])


# --- item 10: exports

def test_a_formula_behind_whitespace_or_a_line_break_is_text_in_the_export(vern):
    isk = vern.client(("isk",), f"input-{uuid.uuid4().hex[:8]}")
    assessment = new_assessment(isk)
    titles = [" =1+1 hidden", "\n+1+1 hidden", "\r\n-1+1 hidden", "\t@SUM(A1) hidden", "  =HYPERLINK(\"x\")"]
    for title in titles:
        new_risk(isk, assessment["id"], 2, 2, title=title)
    new_risk(isk, assessment["id"], 2, 2, title="Tap av data - 2 hendelser")
    exported = isk.get("/risks/export", params={"format": "csv", "assessment_id": assessment["id"]})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = {row[3] for row in rows[1:]}
    assert cells == {"'" + title for title in titles} | {"Tap av data - 2 hendelser"}, cells
    workbook = isk.get("/risks/export", params={"format": "xlsx", "assessment_id": assessment["id"]})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert all(sheet.cell(row, 4).data_type == "s" for row in range(2, sheet.max_row + 1))
