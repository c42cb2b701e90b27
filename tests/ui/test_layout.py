"""A layout that holds: every page at a phone's width (390 px) and a desk's (1280 px), with an agency of
realistic size, has nothing wider than the window and nothing reaching past the box it sits in; the
header and menu take at most a fifth of a phone's height; the municipality table shows each figure
under its own agency, named as the directory names it.

The pages are read from the web mixins' `page(...)` routes, so a page added later is measured too.
Screenshots of the dashboard, the incident list, the risks, training, the search, the municipality view,
the annual plan, the governing documents and the audit trail go to var/screenshots/ (docs/screenshots/
holds copies)."""
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import requests
import yaml

from shared.clock import today as oslo_today
from tests.integration.agency_records import create_records, ok
from tests.integration.harness import DIRECTORY, wait_for
from tests.integration.test_privacy_register import complete_record

pytestmark = pytest.mark.integration

AGENCY, AGENCY_NAME = "layout-bym", "Bymiljøetaten"
NEIGHBOUR, NEIGHBOUR_NAME = "layout-ude", "Utdanningsetaten"  # a second column for the municipality view
INCIDENTS, PROCESSINGS, OPEN_TASKS = 300, 150, 300
VIEWPORTS = {"phone": (390, 844), "desk": (1280, 900)}
COORDINATORS = ("pko", "isk", "leader")  # together they may open every page of their agency
PARALLEL = 4  # requests in flight: enough to seed quickly, few enough for a small machine
TITLES = (
    "E-post med elevdata sendt til feil mottaker", "Mistet bærbar PC med saksmapper på trikken",
    "Phishing mot lønnsavdelingen: flere ansatte oppga passord", "Løsepengevirus på filserveren til parkforvaltningen",
    "Skrev ut pasientliste på feil skriver", "Tilgangskort til driftssentralen mistet",
    "Vedtak om parkeringstillatelse sendt til feil adresse", "Uautorisert innsyn i byggesaksarkivet",
    "Minnepenn med kartdata funnet i møterommet", "Sensorer i bysykkelstativene sendte posisjonsdata ukryptert",
)
CATEGORIES = ("misdirected_email_or_letter", "lost_or_stolen_device", "phishing", "malware_ransomware", "data_loss")
PROCESSING_NAMES = ("Parkeringstillatelser", "Renovasjon og gebyrer", "Bysykkelabonnement", "Vinterdrift og klager",
                    "Skiltvedtak", "Gravetillatelser", "Tilskudd til grønne tak", "Kameraovervåking i tunneler")

# with every disclosure opened, every element (or text) that reaches past the window's right edge, or past
# the grid cell it sits in (where the next cell paints over it), unless a box that scrolls or clips holds
# it in; the worst first
MEASURE = """() => {
  document.querySelectorAll('details').forEach(details => { details.open = true; });  // what a tap shows too
  const width = document.documentElement.clientWidth;
  // held in: inside a box that scrolls or clips and itself ends within `right`; an absolutely placed
  // element escapes every such box below its containing block (the nearest placed ancestor)
  const held = (element, limit, right) => {
    let escapes = element.nodeType === 1 && getComputedStyle(element).position === 'absolute';
    for (let box = element.parentElement; box && box !== limit; box = box.parentElement) {
      if (box === document.body || box === document.documentElement) return false;
      const style = getComputedStyle(box);
      if (style.position !== 'static') escapes = false;
      if (!escapes && style.overflowX !== 'visible' && box.getBoundingClientRect().right <= right + 1) return true;
    }
    return false;
  };
  const cellOf = element => {
    for (let box = element.parentElement; box && box.parentElement; box = box.parentElement) {
      if (getComputedStyle(box.parentElement).display.endsWith('grid')) return box;
    }
    return null;
  };
  const name = element => {
    const parts = [];
    for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) part += '#' + node.id;
      else if (node.classList.length) part += '.' + [...node.classList].join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 1 && !held(element, null, width)) {
      found.push({element: name(element), right: Math.round(box.right), past: 'window'});
      continue;
    }
    const cell = cellOf(element);
    const edge = cell && cell.getBoundingClientRect().right;
    // the cell itself may be the box that scrolls (a table in its own scroll box, placed in a grid)
    if (cell && box.right > edge + 1 && !held(element, cell.parentElement, edge)) {
      found.push({element: name(element), right: Math.round(box.right), past: name(cell)});
    }
  }
  // text sticking out of its element (a long word that does not wrap) widens the page as well
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
    if (!text.textContent.trim()) continue;
    range.selectNodeContents(text);
    const box = range.getBoundingClientRect();
    if (box.right > width + 1 && !held(text, null, width)) {
      found.push({element: name(text.parentElement) + ' (text)', right: Math.round(box.right), past: 'window'});
    }
  }
  found.sort((a, b) => b.right - a.right);
  return {width, scrollWidth: document.documentElement.scrollWidth, worst: found.slice(0, 6), count: found.length};
}"""


def _post(client_token, vern, path, body, status=201):
    for _ in range(3):  # a busy machine's RPC timeout (503) is tried again: seeding needs volume, not exactness
        answer = requests.post(f"{vern.base_url}{path}", headers={"Authorization": f"Bearer {client_token}"},
                               json=body, timeout=30)
        if answer.status_code != 503:
            break
    assert answer.status_code == status, f"POST {path}: {answer.text}"
    return answer.json()


def _name_agencies(vern):
    """The two agencies in the notifications service's directory, with names and contacts like demo's."""
    directory = yaml.safe_load(DIRECTORY.read_text())
    demo = next(entry for entry in directory["agencies"] if entry["code"] == "demo")
    for code, name in ((AGENCY, AGENCY_NAME), (NEIGHBOUR, NEIGHBOUR_NAME)):
        vern.register_agency(code)
        directory["agencies"].append({**demo, "code": code, "name": name})
    vern.load_directory(directory)


def _report_incidents(vern, agency, count):
    """`count` incidents as an agency's year has them: every tenth a breach of personal data learnt of 1
    to 80 hours ago and assessed high (the 72-hour clocks run or have run out; five notification tasks
    each), every other one a security incident assessed high (three tasks each), the rest assessed
    medium, low or not yet."""
    token = vern.token(("pko", "isk"), agency)
    now = datetime.now(timezone.utc)

    def one(n):
        breach = n % 10 == 0
        aware = now - timedelta(hours=(1, 20, 50, 80)[n // 10 % 4] if breach else 30)
        kind = "personal_data_breach" if breach else "security_incident" if n % 2 else ("deviation", "near_miss")[n % 4 // 2]
        incident = _post(token, vern, "/incidents", {
            "title": f"{TITLES[(n // 10 if breach else n) % len(TITLES)]} ({n + 1})", "description": "Oppdaget ved gjennomgang av loggene.",
            "kind": kind, "category": CATEGORIES[n % len(CATEGORIES)],
            "occurred_at": (aware - timedelta(hours=1)).isoformat(), "aware_at": aware.isoformat()})
        severity = "high" if breach or kind == "security_incident" else (None, "medium", "low")[n % 3]
        if severity:
            _post(token, vern, f"/incidents/{incident['id']}/assessment",
                  {"severity": severity, "personal_data_involved": breach}, status=200)
        return incident

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, range(count)))


def _record_processing(vern, agency, count):
    token = vern.token(("pko",), agency)

    def one(n):
        return _post(token, vern, "/processing-activities", complete_record(
            name=f"{PROCESSING_NAMES[n % len(PROCESSING_NAMES)]} {n + 1}", controller=AGENCY_NAME,
            status=("active", "draft")[n % 2]))

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, range(count)))


COURSE_TITLES = ("Personvern for alle ansatte", "Informasjonssikkerhet i hverdagen", "Phishing og sosial manipulering")


def _record_agreements_and_courses(vern, agency, processings):
    """Processor agreements as an agency has them (some expired, some expiring, long names and several
    activities each) and a course catalogue, for the agreements' and courses' pages."""
    token = vern.token(("pko",), agency)
    day = oslo_today()

    def agreement(n):
        return _post(token, vern, "/processor-agreements", {
            "processor": f"{('Skolesystemer', 'Bymiljødata', 'Parkeringsløsninger Norge', 'Renovasjonsportalen')[n % 4]}"
                         f" AS avdeling {n + 1}", "status": ("signed", "draft", "signed", "terminated")[n % 4],
            "signed_on": "2024-01-15", "expires_on": (day + timedelta(days=(-20, 30, 400, 900)[n % 4])).isoformat(),
            "sub_processors": ["Driftspartner AB", "Skyleverandør Europe Ltd"], "reference": f"2026/{1000 + n}",
            "processing_ids": [p["id"] for p in processings[n:n + 3]]})

    def course(n):
        return _post(token, vern, "/training/courses", {
            "code": f"KURS-{n + 1:03d}", "title": f"{COURSE_TITLES[n % 3]} {n + 1}",
            "topic": ("privacy", "security", "both")[n % 3], "mandatory": n % 2 == 0, "validity_months": 24})

    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(agreement, range(40)))
        list(pool.map(course, range(30)))
PLAN_TITLES = ("ROS for fagsystemene", "Gjennomgang av behandlingsprotokollen", "Phishingkampanje for alle ansatte",
               "Beredskapsøvelse: bortfall av strøm", "Internkontroll: tilgangsstyring", "Ledelsens gjennomgang")
DOCUMENT_TITLES = ("Rutine for tilgangsstyring og autorisasjon i fagsystemene", "Informasjonssikkerhetspolicy",
                   "Instruks for bruk av e-post og Teams", "Beredskapsplan for IKT-bortfall")
ADVICE_TITLES = ("Nytt fagsystem for byggesak", "Kameraovervåking ved gjenvinningsstasjonene",
                 "Skytjeneste for saksbehandling av parkeringsklager", "Innbyggerdialog i sosiale medier")


def _governance_year(vern, agency):
    """A year of governance work: 48 planned activities over the twelve months (some done with evidence),
    40 governing documents and routines with reviews and attestations, 80 requests for advice."""
    token = vern.token(("pko", "isk"), agency)
    year = oslo_today().year
    kinds = ("risk_assessment", "register_review", "campaign", "exercise", "internal_control", "report")

    def activity(n):
        made = _post(token, vern, "/annual-plan", {
            "year": year, "area": ("security", "privacy")[n % 2], "kind": kinds[n % len(kinds)],
            "title": f"{PLAN_TITLES[n % len(PLAN_TITLES)]} ({n + 1})", "owner_role": ("isk", "pko", "leader")[n % 3],
            "due_month": n % 12 + 1, "description": "Planlagt i årshjulet etter ledelsens gjennomgang."})
        if n % 3 == 0:
            _post(token, vern, f"/annual-plan/{made['id']}/evidence", {
                "type": "minutes", "reference": f"{year}/{1000 + n}-3", "title": "Referat fra gjennomgangen"})

    def document(n):
        made = _post(token, vern, "/governing-documents", {
            "title": f"{DOCUMENT_TITLES[n % len(DOCUMENT_TITLES)]} ({n + 1})", "kind": ("routine", "policy",
            "instruction", "access_control_routine", "preparedness_routine")[n % 5], "area": ("security", "privacy",
            "both")[n % 3], "owner": "Informasjonssikkerhetskoordinator", "version": f"{n % 4 + 1}.{n % 3}",
            "approved_on": f"{year - 1}-0{n % 9 + 1}-15", "status": "in_force",
            "link": f"https://intranett.oslo.kommune.no/styring/rutiner/{AGENCY}/dokument-{n + 1}"})
        _post(token, vern, f"/governing-documents/{made['id']}/reviews", {
            "reviewed_on": f"{year}-01-1{n % 9}", "note": "Gjennomgått uten endringer."})
        _post(token, vern, f"/governing-documents/{made['id']}/attestations", {
            "period": f"{year - 1}", "result": ("complied", "partly")[n % 2],
            "comment": "To tilganger ble fjernet for sent etter at ansatte sluttet." if n % 2 else None})

    def advice(n):
        _post(token, vern, "/advice", {
            "title": f"{ADVICE_TITLES[n % len(ADVICE_TITLES)]} ({n + 1})", "question": "Trengs DPIA og "
            "databehandleravtale før anskaffelsen?", "requested_by": "Prosjektkontoret, Bymiljøetaten",
            "kind": ("project", "procurement", "other")[n % 3], "area": ("privacy", "security", "both")[n % 3],
            "requested_on": f"{year}-0{n % 9 + 1}-0{n % 9 + 1}", "processor_agreement_needed": n % 2 == 0})

    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(activity, range(48)))
        list(pool.map(document, range(40)))
        list(pool.map(advice, range(80)))


def _open_tasks(vern, agency) -> int:
    answer = requests.get(f"{vern.base_url}/notification-tasks", params={"status": "open", "page_size": 1},
                          headers={"Authorization": f"Bearer {vern.token(('pko',), agency)}"}, timeout=10)
    return ok(answer)["total"]


@pytest.fixture(scope="module")
def seeded(vern):
    """A record of every kind for the pages' paths, then an agency's year: 300 incidents (30 serious
    breaches and 150 serious security incidents: 600 notification tasks), 150 processing activities;
    and a small neighbour agency."""
    _name_agencies(vern)
    records = create_records(vern, AGENCY)
    _report_incidents(vern, AGENCY, INCIDENTS)
    processings = _record_processing(vern, AGENCY, PROCESSINGS)
    _record_agreements_and_courses(vern, AGENCY, processings)
    _record_processing(vern, AGENCY, PROCESSINGS)
    _governance_year(vern, AGENCY)
    _report_incidents(vern, NEIGHBOUR, 12)
    _record_processing(vern, NEIGHBOUR, 5)
    wait_for(lambda: _open_tasks(vern, AGENCY) >= OPEN_TASKS, timeout=120, interval=1)
    return records


def page_routes() -> list[tuple[str, str | None]]:
    """Every GET page of the web interface (path, action), from the mixins' `page(...)` routes."""
    from services.gateway.web.page_route import PageRoute
    from services.gateway.web.routes import WebPages

    found = set()
    for attribute in dir(WebPages):
        for entrypoint in getattr(getattr(WebPages, attribute), "nameko_entrypoints", ()):
            if isinstance(entrypoint, PageRoute) and entrypoint.method == "GET":
                found.add((entrypoint.url, entrypoint.action))
    return sorted(found)


def _filled(url: str, records: dict) -> str:
    """A route's path with its parameters named by seeded records (`<string:incident_id>`)."""
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(records[match.group(1)]), url)


def _visited(records, roles=COORDINATORS) -> list[str]:
    """The pages these roles may open and the coordinators may not (for the coordinators: every page they
    may open, which is every page but the auditor's audit trail)."""
    from shared.auth import Principal
    from shared.permissions import allowed

    def may(who, action):
        return action is None or allowed(Principal(sub="layout", roles=frozenset(who), agency=AGENCY), action)

    # a file, a PDF, the exports' and the attachments' downloads: not pages
    skipped = {"/static/<string:name>", "/reports/<string:report_id>/document", "/processing/export", "/risks/export"}
    # the search page with words, so its groups of results are measured too
    searched = {"/search": "/search?q=phishing"}
    return [searched.get(url, _filled(url, records)) for url, action in page_routes()
            if url not in skipped and "<string:attachment_id>" not in url and may(roles, action)
            and (roles == COORDINATORS or not may(COORDINATORS, action))]


def test_the_pages_are_read_from_the_web_routes():
    urls = [url for url, _ in page_routes()]
    assert {"/dashboard", "/incidents", "/municipality", "/inbox", "/incidents/<string:incident_id>"} <= set(urls)


def _measure(page) -> dict:
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_page_is_wider_than_the_window(vern, browser, seeded, viewport):
    width, height = VIEWPORTS[viewport]
    failures = {}
    for roles, agency, paths in ((COORDINATORS, AGENCY, _visited(seeded)),
                                 (("auditor",), AGENCY, _visited(seeded, ("auditor",))),
                                 (("central",), "fin", ["/municipality", "/dashboard", "/incidents"]),
                                 (None, None, ["/login"])):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
        page = context.new_page()
        page.set_default_timeout(30_000)
        if roles:
            page.goto(f"{vern.site}/login")
            page.fill("#token", vern.token(roles, agency))
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/login" not in url)
        for path in paths:
            answer = page.goto(vern.site + path)
            assert answer.status == 200, f"{path}: {answer.status}"
            measured = _measure(page)
            if measured["scrollWidth"] > width or measured["count"]:
                failures[f"{path} ({'/'.join(roles or ('anonymous',))})"] = measured
        context.close()
    assert not failures, f"at {width} px:\n" + yaml.safe_dump(failures, allow_unicode=True, sort_keys=False)


def test_the_header_and_menu_take_at_most_a_fifth_of_a_phone(vern, browser, person, seeded):
    width, height = VIEWPORTS["phone"]
    page = person(COORDINATORS, AGENCY, sub="koordinator-med-langt-navn")
    page.set_viewport_size({"width": width, "height": height})
    for path in ("/dashboard", "/incidents"):
        page.goto(vern.site + path)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= height / 5, f"{path}: the header is {header['height']} px of {height}"
    # the menu is one tap away, and every link of it is there
    assert not page.locator(".main-nav a[href='/municipality']").is_visible()
    page.click(".menu summary")
    assert page.locator(".main-nav a[href='/municipality']").is_visible()


def test_the_municipality_shows_each_figure_under_its_own_agency(vern, person, seeded):
    day = oslo_today()
    comparison = ok(requests.get(f"{vern.base_url}/reports/comparison", timeout=10,
                                 params={"period_start": f"{day.year}-01-01", "period_end": day.isoformat()},
                                 headers={"Authorization": f"Bearer {vern.token(('central',), 'fin')}"}))
    reported = {row["agency"]: row["incidents"]["reported"] for row in comparison["agencies"]}
    assert reported[AGENCY] != reported[NEIGHBOUR]
    page = person(("central",), "fin")
    page.goto(f"{vern.site}/municipality")
    table = page.locator("table[aria-labelledby='section-incidents']")
    headers = table.locator("thead th").all_inner_texts()
    assert AGENCY_NAME in headers and NEIGHBOUR_NAME in headers and AGENCY not in headers
    row = table.locator("tbody tr", has=page.locator("th", has_text="Meldte hendelser"))
    cells = row.locator("td").all_inner_texts()
    for name, code in ((AGENCY_NAME, AGENCY), (NEIGHBOUR_NAME, NEIGHBOUR)):
        assert cells[headers.index(name) - 1] == str(reported[code]), (name, headers, cells)
    # the figure is set where its agency's name is: both to the right edge of the same column
    column = headers.index(NEIGHBOUR_NAME)
    header_box = table.locator("thead th").nth(column).evaluate(
        "cell => { const r = document.createRange(); r.selectNodeContents(cell); return r.getBoundingClientRect().right; }")
    figure_box = row.locator("td").nth(column - 1).evaluate(
        "cell => { const r = document.createRange(); r.selectNodeContents(cell); return r.getBoundingClientRect().right; }")
    assert abs(header_box - figure_box) <= 2, (header_box, figure_box)
    assert re.search(r"1\. januar–\d{1,2}\. \w+ \d{4}", page.locator("main").inner_text())


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_screenshots_of_the_overviews(vern, browser, seeded, screenshots, viewport):
    width, height = VIEWPORTS[viewport]
    suffix = "" if viewport == "desk" else f"-{width}"
    for roles, agency, path, name in ((("pko",), AGENCY, "/dashboard", "dashboard"),
                                      (("pko",), AGENCY, "/incidents", "incident-list"),
                                      (("pko",), AGENCY, "/risks", "risks"),
                                      (("pko",), AGENCY, "/training", "training"),
                                      (("pko",), AGENCY, "/search?q=phishing", "search"),
                                      (("central",), "fin", "/municipality", "municipality"),
                                      (("isk",), AGENCY, "/annual-plan", "annual-plan"),
                                      (("isk",), AGENCY, "/governing-documents", "governing-documents"),
                                      (("auditor",), AGENCY, "/audit?service=incidents", "audit-trail")):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
        page = context.new_page()
        page.goto(f"{vern.site}/login")
        page.fill("#token", vern.token(roles, agency, sub="kari" if "pko" in roles or "isk" in roles
                                       else "revisor" if "auditor" in roles else "sentralt-team"))
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/login" not in url)
        page.goto(vern.site + path)
        page.screenshot(path=screenshots / f"{name}{suffix}.png", full_page=True)
        context.close()
