"""The pages' guard without a browser: sign-in, the role per page, CSRF on every form, headers."""
import re
from datetime import datetime, timedelta, timezone

import pytest
import requests

pytestmark = pytest.mark.integration


def _signed_in(vern, roles, agency="demo"):
    session = requests.Session()
    form = session.get(f"{vern.site}/login", timeout=10)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    session.post(f"{vern.site}/login", data={"csrf_token": csrf, "token": vern.token(roles, agency)}, timeout=10)
    return session


def _csrf(session, vern, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', session.get(vern.site + path, timeout=10).text).group(1)


def test_a_page_without_a_session_sends_to_the_login_page(vern):
    answer = requests.get(f"{vern.site}/dashboard", allow_redirects=False, timeout=10)
    assert answer.status_code == 303 and answer.headers["Location"] == "/login?next=%2Fdashboard"


def test_a_role_without_the_action_gets_403(vern):
    employee = _signed_in(vern, ("employee",))
    assert employee.get(f"{vern.site}/dashboard", timeout=10).status_code == 403
    assert employee.get(f"{vern.site}/inbox", timeout=10).status_code == 403
    assert employee.get(f"{vern.site}/report", timeout=10).status_code == 200


def test_a_post_without_the_csrf_token_is_refused(vern):
    employee = _signed_in(vern, ("employee",))
    form = {"title": "Forsøk", "description": "x", "category": "other", "personal_data": "no",
            "occurred_at": "2026-01-01T10:00", "aware_at": "2026-01-01T10:00"}
    assert employee.post(f"{vern.site}/report", data=form, timeout=10).status_code == 403
    assert employee.post(f"{vern.site}/report", data={**form, "csrf_token": "0" * 64}, timeout=10).status_code == 403
    # another session's token does not fit this session
    other = _signed_in(vern, ("employee",))
    stolen = _csrf(other, vern, "/report")
    assert employee.post(f"{vern.site}/report", data={**form, "csrf_token": stolen}, timeout=10).status_code == 403


def test_the_session_cookie_and_the_page_headers(vern):
    session = requests.Session()
    form = session.get(f"{vern.site}/login", timeout=10)
    policy = form.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    answer = session.post(f"{vern.site}/login", data={"csrf_token": csrf, "token": vern.token(("pko",), "demo")},
                          allow_redirects=False, timeout=10)
    assert answer.status_code == 303 and answer.headers["Location"] == "/dashboard"
    cookie = next(c for c in answer.raw.headers.getlist("Set-Cookie") if c.startswith("vern_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert session.get(f"{vern.site}/dashboard", timeout=10).headers["Cache-Control"] == "no-store"


def test_logout_ends_the_session(vern):
    session = _signed_in(vern, ("pko",))
    csrf = _csrf(session, vern, "/dashboard")
    session.post(f"{vern.site}/logout", data={"csrf_token": csrf}, timeout=10)
    assert session.get(f"{vern.site}/dashboard", allow_redirects=False, timeout=10).status_code == 303


def test_an_invalid_token_is_refused_on_the_login_page(vern):
    session = requests.Session()
    csrf = _csrf(session, vern, "/login")
    answer = session.post(f"{vern.site}/login", data={"csrf_token": csrf, "token": "ey.not.valid"}, timeout=10)
    assert answer.status_code == 400 and "error-summary" in answer.text


def test_next_never_leaves_the_site(vern):
    session = requests.Session()
    csrf = _csrf(session, vern, "/login")
    answer = session.post(f"{vern.site}/login", data={"csrf_token": csrf, "token": vern.token(("pko",), "demo"),
                                                       "next": "//evil.example/"}, allow_redirects=False, timeout=10)
    assert answer.headers["Location"] == "/dashboard"


def test_the_central_team_of_another_agency_reads_a_case_but_its_forms_change_nothing(vern):
    """The web forms go through the same own-agency check as the API: central + pko of `fin` sees
    demo's incident, and its note, measure and status change on it are 404 with nothing stored."""
    api, now = {"Authorization": f"Bearer {vern.token(('pko',), 'demo')}"}, datetime.now(timezone.utc)
    incident = requests.post(f"{vern.base_url}/incidents", headers=api, timeout=10, json={
        "title": "Brev til feil mottaker", "description": "Vedtak sendt til feil adresse.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        # an hour ago: no deadline of the 72 hours passes during the test and writes to the journal
        "occurred_at": (now - timedelta(hours=2)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()}).json()
    before = requests.get(f"{vern.base_url}/incidents/{incident['id']}", headers=api, timeout=10).json()
    outsider = _signed_in(vern, ("central", "pko"), "fin")  # the central agency (Byrådsavdeling for finans)
    page = f"/incidents/{incident['id']}"
    assert outsider.get(vern.site + page, timeout=10).status_code == 200, "the central team reads every agency"
    for path, form in ((f"{page}/notes", {"note-text": "Skrevet av en annen etat"}),
                       (f"{page}/measures", {"measure-title": "Sperr kontoen", "measure-kind": "containment",
                                             "measure-owner": "isk"}),
                       (f"{page}/status", {"transition-status": "triage"})):
        answer = outsider.post(vern.site + path, data={**form, "csrf_token": _csrf(outsider, vern, page)},
                               allow_redirects=False, timeout=10)
        assert answer.status_code == 404, (path, answer.status_code)
    after = requests.get(f"{vern.base_url}/incidents/{incident['id']}", headers=api, timeout=10).json()
    assert (after["journal"], after["measures"], after["status"]) == (
        before["journal"], before["measures"], before["status"])

