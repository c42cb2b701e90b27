"""The web interface's pure parts: translations, CSRF tokens, the 72-hour clock in words, the forms,
and that every page is guarded like the API route it stands for."""
import inspect
from html.parser import HTMLParser
from datetime import datetime, timedelta, timezone

import pytest

from services.gateway.openapi import openapi_path, routes
from services.gateway.service import GatewayService
from services.gateway.web import (clocks, forms, i18n, incident_forms, lists, privacy_forms, risk_forms, session,
                                  training_forms)
from services.gateway.web.page_route import PageRoute
from services.gateway.web.page_tools import home_for
from services.incidents.domain import CATEGORIES
from shared.auth import Principal
from shared.permissions import PERMISSIONS

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
# Pages anyone may open: the sign-in itself, the way home, and the stylesheet and script.
PUBLIC_PAGES = {"GET /", "GET /login", "POST /login", "POST /logout", "GET /static/{name}"}


def pages():
    found = []
    for name, method in inspect.getmembers(GatewayService, inspect.isfunction):
        found += [(name, e) for e in getattr(method, "nameko_entrypoints", ()) if isinstance(e, PageRoute)]
    return found


def test_every_incident_category_has_a_label():
    # (test_translations.py keeps both languages' catalogues complete and alike)
    assert all(f"category.{c}" in i18n.KEYS for c in CATEGORIES)


def test_the_language_comes_from_the_query_then_the_cookie_then_bokmal():
    assert i18n.choose("en", "nb") == "en"
    assert i18n.choose(None, "en") == "en"
    assert i18n.choose("de", None) == "nb"
    assert i18n.text("nav.report", "en") == "Report a deviation"
    assert i18n.text("page_of", "nb", page=1, pages=3) == "Side 1 av 3"
    assert i18n.label("severity", "very_high", "nb") == "svært høy"


def test_every_key_a_template_uses_is_in_the_catalogues():
    import re
    from services.gateway.web.rendering import TEMPLATES

    used = set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']\s*[,)]""", text))
        # the field macros take their label, legend and hint keys as arguments
        for call in re.findall(r"(?:text_field|radio_group|select_field)\((.*?)\)\s*}}", text):
            used |= set(re.findall(r"""["']([a-z_]+\.[a-z_.0-9]+)["']""", call))
    assert used and not used - i18n.KEYS, sorted(used - i18n.KEYS)


@pytest.mark.parametrize("left, lang, expected", [
    (timedelta(hours=41, minutes=59), "nb", "41 t igjen"),
    (timedelta(hours=41, minutes=59), "en", "41 h left"),
    (timedelta(minutes=25), "nb", "25 min igjen"),
    (timedelta(hours=-3), "en", "overdue by 3 h"),
    (timedelta(hours=-2, minutes=-1), "nb", "over fristen med 3 t"),
    (timedelta(minutes=-1), "en", "overdue by 1 h"),
])
def test_the_clock_in_words(left, lang, expected):
    assert clocks.clock_text(NOW, NOW + left, lang) == expected


def test_the_clock_urgency_is_also_said_in_words():
    assert clocks.urgency(NOW, NOW + timedelta(hours=30)) == "running"
    assert clocks.urgency(NOW, NOW + timedelta(hours=5)) == "urgent"
    assert clocks.urgency(NOW, NOW - timedelta(hours=1)) == "overdue"


def test_a_csrf_token_fits_only_its_nonce_and_session():
    key = session.csrf_key("secret")
    token = session.csrf_token(key, "nonce", "session-a")
    assert session.csrf_valid(key, "nonce", "session-a", token)
    assert not session.csrf_valid(key, "nonce", "session-b", token)
    assert not session.csrf_valid(key, "other", "session-a", token)
    assert not session.csrf_valid(session.csrf_key("another secret"), "nonce", "session-a", token)
    assert not session.csrf_valid(key, None, "session-a", token)
    assert not session.csrf_valid(key, "nonce", "session-a", None)


def test_the_report_form_becomes_the_api_payload():
    payload, errors = incident_forms.report_payload({
        "title": "Feilsendt e-post", "description": "Til feil mottaker.", "category": "misdirected_email_or_letter",
        "occurred_at": "2026-11-23T08:15", "aware_at": "23.11.2026 09:30", "personal_data": "yes",
        "action_taken": "Ba mottaker slette den.", "reporting_unit": ""})
    assert errors == {}
    assert payload["kind"] == "personal_data_breach"
    assert payload["occurred_at"] == "2026-11-23T07:15:00Z"  # Oslo is UTC+1 in November
    assert payload["aware_at"] == "2026-11-23T08:30:00Z"
    # what was done is a field of its own, not glued into the description
    assert payload["actions_taken"] == "Ba mottaker slette den." and payload["description"] == "Til feil mottaker."
    assert "reporting_unit" not in payload


def test_a_report_without_what_was_done_leaves_the_field_out():
    payload, errors = incident_forms.report_payload({
        "title": "Feilsendt e-post", "description": "Til feil mottaker.", "category": "misdirected_email_or_letter",
        "occurred_at": "2026-11-23T08:15", "aware_at": "23.11.2026 09:30", "personal_data": "unknown",
        "action_taken": "  "})
    assert errors == {} and "actions_taken" not in payload
    _, errors = incident_forms.report_payload({"action_taken": "x" * 5_001})
    assert errors["action_taken"] == ["err.text_too_long"]
    # the service's word on actions_taken lands beside the form's field
    assert incident_forms.report_errors({"actions_taken": ["Too long."], "title": ["Short."]}) == {
        "action_taken": ["Too long."], "title": ["Short."]}


def test_an_empty_report_names_every_missing_field():
    _, errors = incident_forms.report_payload({"occurred_at": "i går"})
    assert set(errors) == {"title", "description", "category", "occurred_at", "aware_at", "personal_data"}
    assert errors["occurred_at"] == ["err.datetime_invalid"]
    assert all(message in i18n.KEYS for messages in errors.values() for message in messages)


def test_the_assessment_form():
    payload, errors = incident_forms.assessment_payload({"severity": "high", "personal_data_involved": "yes"})
    assert errors == {} and payload == {"severity": "high", "personal_data_involved": True,
                                        "marked_serious": False, "rationale": None}
    assert set(incident_forms.assessment_payload({})[1]) == {"severity", "personal_data_involved"}


def test_each_role_starts_where_its_work_is():
    def start(*roles):
        return home_for(Principal(sub="x", roles=frozenset(roles), agency="demo"))

    assert start("employee") == "/report"
    assert start("leader") == "/inbox"
    assert start("pko") == "/dashboard"
    assert start("central") == "/municipality"
    assert home_for(None) == "/login"


def test_every_page_is_guarded_or_knowingly_public():
    public = set()
    for name, entrypoint in pages():
        if entrypoint.action is None:
            public.add(f"{entrypoint.method} {openapi_path(entrypoint.url)}")
        else:
            assert entrypoint.action in PERMISSIONS, f"{name}: {entrypoint.action} is not in the matrix"
            assert entrypoint.api, f"{name}: name the API route(s) the page stands for"
    assert public == PUBLIC_PAGES, "a new page without an action must be guarded (or listed here, on purpose)"


def test_a_page_requires_the_same_action_as_its_api_route():
    api = {f"{e.method} {openapi_path(e.url)}": e.action for _, e in routes(GatewayService)}
    for name, entrypoint in pages():
        for route in entrypoint.api:
            assert route in api, f"{name}: no API route {route}"
            assert api[route] == entrypoint.action, f"{name}: {entrypoint.action}, but {route} needs {api[route]}"


def test_pages_and_api_routes_do_not_share_a_path():
    api_paths = {openapi_path(e.url) for _, e in routes(GatewayService)}
    assert not {openapi_path(e.url) for _, e in pages()} & api_paths


def test_the_risk_assessment_form():
    payload, errors = risk_forms.risk_assessment_payload({"title": " Ny fagplattform ", "scope": "system",
                                                     "assessed": "", "owner": "Seksjonsleder IKT"})
    assert errors == {} and payload == {"title": "Ny fagplattform", "scope": "system", "owner": "Seksjonsleder IKT"}
    assert set(risk_forms.risk_assessment_payload({"scope": "galaxy"})[1]) == {"title", "scope"}


def test_the_risk_form_sends_likelihood_and_consequence_as_numbers():
    payload, errors = risk_forms.risk_payload({"title": "Uvedkommende får tilgang", "likelihood": "3",
                                          "consequence": "4", "threat": "Phishing", "vulnerability": "",
                                          "asset": "Saksmapper", "owner": "IKT"})
    assert errors == {} and payload == {"title": "Uvedkommende får tilgang", "likelihood": 3, "consequence": 4,
                                        "threat": "Phishing", "asset": "Saksmapper", "owner": "IKT"}
    assert set(risk_forms.risk_payload({})[1]) == {"title", "likelihood", "consequence"}
    assert risk_forms.risk_payload({"title": "abc", "likelihood": "x", "consequence": "2"})[0]["likelihood"] == "x"


def test_the_risk_measure_form_sends_an_iso_date():
    payload, errors = risk_forms.risk_measure_payload({"title": "Tofaktor", "due_date": "31.12.2026", "owner": "IKT"})
    assert errors == {} and payload == {"title": "Tofaktor", "due_date": "2026-12-31", "owner": "IKT"}
    assert risk_forms.risk_measure_payload({"title": "Tofaktor", "due_date": "2026-12-31", "owner": "IKT"})[0][
        "due_date"] == "2026-12-31"
    _, errors = risk_forms.risk_measure_payload({"due_date": "snart"})
    assert errors == {"title": ["err.name_required"], "owner": ["err.owner_required"],
                      "due_date": ["err.date_invalid"]}


def test_the_processing_form_becomes_the_core_of_the_record():
    payload, errors = privacy_forms.processing_payload({
        "name": "Elevadministrasjon", "purpose": "Følge opp elever", "article6": "e",
        "legal_reference": "opplæringsloven § 15-10", "data_subject_categories": "Elever\nForesatte\n",
        "personal_data_categories": "Navn; karakterer", "recipients": "", "retention": "Fem år",
        "status": "active"})
    assert errors == {}
    core = {"name": "Elevadministrasjon", "status": "active", "purposes": ["Følge opp elever"],
            "legal_bases": [{"purpose": "Følge opp elever", "article6": "e", "article9": None, "article10": None,
                             "reference": "opplæringsloven § 15-10"}],
            "data_subject_categories": ["Elever", "Foresatte"],
            "personal_data_categories": ["Navn", "karakterer"], "recipients": [], "retention": "Fem år"}
    assert {key: payload[key] for key in core} == core  # the rest: tests/unit/gateway/test_privacy_forms.py
    assert set(privacy_forms.processing_payload({"status": "retired"})[1]) == {"name", "purpose", "article6", "status"}
    assert privacy_forms.processing_errors({"legal_bases": {0: {"article6": ["Bad."]}}, "purposes": ["No."]}) == {
        "article6": ["Bad."], "purpose": ["No."]}


def test_the_screening_form_answers_every_criterion_with_a_justification():
    from services.privacy_register.screening_rules import CRITERIA

    form = {f"criterion-{key}": "no" for key in CRITERIA} | {f"justification-{key}": "Ikke aktuelt" for key in CRITERIA}
    form["criterion-large_scale"] = "yes"
    payload, errors = privacy_forms.screening_payload(form, CRITERIA)
    assert errors == {} and payload["criteria"]["large_scale"] is True
    assert payload["criteria"]["sensitive_data"] is False
    assert set(payload["justifications"]) == set(CRITERIA)
    _, errors = privacy_forms.screening_payload({}, CRITERIA)
    assert len(errors) == 2 * len(CRITERIA)
    assert privacy_forms.screening_errors({"justifications": {"large_scale": ["Too short."]}}, CRITERIA) == {
        "justification-large_scale": ["Too short."]}


def test_the_campaign_form():
    payload, errors = training_forms.campaign_payload({
        "campaign-title": "Phishing før jul", "campaign-topic": "security", "campaign-theme": "Phishing",
        "campaign-starts_on": "01.12.2026", "campaign-ends_on": "2026-12-20", "campaign-target_rate": "85 %"})
    assert errors == {} and payload == {"title": "Phishing før jul", "topic": "security", "theme": "Phishing",
                                        "starts_on": "2026-12-01", "ends_on": "2026-12-20", "target_rate": 85.0}
    assert set(training_forms.campaign_payload({})[1]) == {"campaign-title", "campaign-topic", "campaign-theme",
                                                  "campaign-starts_on", "campaign-ends_on"}
    assert forms.prefixed_errors({"course_id": ["Give a course or a theme."]}, "campaign", training_forms.CAMPAIGN_FIELDS) \
        == {"campaign-theme": ["Give a course or a theme."]}


def test_the_exercise_form():
    payload, errors = training_forms.exercise_payload({
        "exercise-title": "Løsepengevirus", "exercise-type": "tabletop", "exercise-scenario": "Alle filer krypteres",
        "exercise-held_on": "2026-11-20", "exercise-participant_roles": "IKT-leder\nKommunikasjon",
        "exercise-observations": "", "exercise-evaluation": ""})
    assert errors == {} and payload == {"title": "Løsepengevirus", "type": "tabletop",
                                        "scenario": "Alle filer krypteres", "held_on": "2026-11-20",
                                        "participant_roles": ["IKT-leder", "Kommunikasjon"], "observations": []}
    assert set(training_forms.exercise_payload({"exercise-held_on": "snart"})[1]) == {
        "exercise-title", "exercise-type", "exercise-scenario", "exercise-held_on"}


def test_the_risk_decision_form():
    payload, errors = risk_forms.risk_decision_payload({"decision": "accept", "justification": "Tiltakene koster for mye.",
                                                   "valid_until": "31.12.2099"})
    assert errors == {} and payload == {"decision": "accept", "justification": "Tiltakene koster for mye.",
                                        "valid_until": "2099-12-31"}
    payload, errors = risk_forms.risk_decision_payload({"decision": "treat", "justification": "Gjennomfør tiltakene.",
                                                   "valid_until": "2099-12-31"})
    assert errors == {} and "valid_until" not in payload
    assert set(risk_forms.risk_decision_payload({"decision": "accept"})[1]) == {"justification", "valid_until"}
    assert forms.suffixed({"valid_until": ["x"], "_form": ["y"]}, "t1") == {"valid_until-t1": ["x"], "_form": ["y"]}


def test_the_inbox_approves_or_rejects_a_dpia():
    payload, errors = privacy_forms.dpia_decision_payload({"decision": "approved", "dpo_advice_followed": "no",
                                                          "reason_not_followed": " Kostnad ", "note": ""})
    assert errors == {} and payload == {"decision": "approved", "note": None, "dpo_advice_followed": False,
                                        "reason_not_followed": "Kostnad"}
    payload, errors = privacy_forms.dpia_decision_payload({"decision": "approved"})
    assert errors == {} and payload["dpo_advice_followed"] is None
    payload, errors = privacy_forms.dpia_decision_payload({"decision": "rejected", "note": "Mangler risikoene.",
                                                          "dpo_advice_followed": "yes"})
    assert errors == {} and payload == {"decision": "rejected", "note": "Mangler risikoene."}
    assert privacy_forms.dpia_decision_payload({"decision": "rejected", "note": "Nei"})[1] == {
        "note": ["err.dpia_rejection_note"]}
    assert privacy_forms.dpia_decision_payload({})[1] == {"decision": ["err.dpia_decision_required"]}
    # the service's own rule (a reason when the advice was not followed) lands beside its field
    details = {"reason_not_followed": ["Explain why the DPO's advice was not followed / Begrunn avviket fra rådet."]}
    errors = forms.suffixed(forms.service_errors(details, privacy_forms.DPIA_DECISION_FIELDS), "d1")
    assert list(errors) == ["reason_not_followed-d1"]


def test_the_dpia_decision_form_offers_what_the_api_accepts():
    from services.privacy_register.schemas import DpiaDecisionSchema

    fields = DpiaDecisionSchema().fields
    assert set(privacy_forms.DPIA_DECISION_FIELDS) == set(fields)
    assert privacy_forms.DPIA_DECISIONS == lists.choices(DpiaDecisionSchema, "decision")


def _decision(kind, **more):
    return {"kind": kind, "decided_at": "2026-11-01T10:00:00+00:00", "voided_at": None, "in_force": kind == "accept",
            **more}


def test_the_risk_decision_form_shows_only_while_the_risk_awaits_a_decision():
    unacceptable = {"status": "open", "acceptable": False, "decisions": []}
    assert risk_forms.decision_state(unacceptable) == ("awaiting", None)
    assert risk_forms.decision_state(None) == ("awaiting", None)  # the risk service did not answer: it checks
    accepted = _decision("accept", valid_until="2099-12-31")
    assert risk_forms.decision_state({"status": "open", "acceptable": True, "decisions": [accepted]}) == (
        "accepted", accepted)
    treat = _decision("treat")
    assert risk_forms.decision_state({**unacceptable, "decisions": [treat]}) == ("treat", treat)
    expired = _decision("accept", valid_until="2026-01-01", in_force=False)
    voided = _decision("treat", voided_at="2026-11-02T10:00:00+00:00")
    assert risk_forms.decision_state({**unacceptable, "decisions": [expired, voided]}) == ("awaiting", None)
    assert risk_forms.decision_state({"status": "closed", "acceptable": False, "decisions": []}) == ("none", None)


def test_the_lists_keep_their_filters_and_pass_them_as_the_api_route_does():
    query = {"acceptable": "false", "assessment_status": "planned", "owner": " IKT ", "level": "", "evil": "x",
             "assessment_page": "2"}
    filters = lists.kept_filters(query, risk_forms.RISK_LIST, risk_forms.ASSESSMENT_LIST)
    assert filters == {"acceptable": "false", "assessment_status": "planned", "owner": "IKT", "assessment_page": "2"}
    assert lists.rpc_query(filters, risk_forms.RISK_LIST) == {"acceptable": "false", "owner": "IKT", "page": 1,
                                                              "page_size": 25}
    assert lists.rpc_query(filters, risk_forms.ASSESSMENT_LIST) == {"status": "planned", "page": "2", "page_size": 25}


def test_a_list_pages_and_keeps_the_other_lists_filters():
    calls = []

    def call(query):
        calls.append(query)
        return {"items": [{}] * 25, "total": 60, "page": 2, "page_size": 25}

    listed = lists.listing(call, {"campaign_status": "running", "exercise_page": "2"}, training_forms.EXERCISE_LIST,
                           "/training")
    assert calls == [{"page": "2", "page_size": 25}] and listed["pages"] == 3
    assert listed["previous"] == "/training?campaign_status=running&exercise_page=1#exercises"
    assert listed["next"] == "/training?campaign_status=running&exercise_page=3#exercises"


def test_a_refused_filter_is_a_message_and_an_empty_list():
    from shared.errors import BadInput

    def refuse(query):
        raise BadInput("Invalid input", {"q": ["Shorter than minimum length 2."]})

    listed = lists.listing(refuse, {"q": "a"}, privacy_forms.PROCESSING_LIST, "/processing")
    assert listed["items"] == [] and listed["total"] == 0 and listed["next"] is None
    assert listed["error"] == "q: Shorter than minimum length 2."


def test_every_filter_value_the_api_accepts_has_a_label():
    offered = [("level", risk_forms.RISK_FILTER_CHOICES["level"]), ("rstatus", risk_forms.RISK_FILTER_CHOICES["status"]),
               ("scope", risk_forms.RISK_FILTER_CHOICES["scope"]),
               ("astatus", risk_forms.ASSESSMENT_FILTER_CHOICES["status"]),
               ("scope", risk_forms.ASSESSMENT_FILTER_CHOICES["scope"]),
               ("pstatus", privacy_forms.PROCESSING_FILTER_CHOICES["status"]),
               ("dpiastatus", privacy_forms.PROCESSING_FILTER_CHOICES["dpia_status"]),
               ("tstatus", training_forms.CAMPAIGN_FILTER_CHOICES["status"]),
               ("topic", training_forms.CAMPAIGN_FILTER_CHOICES["topic"]),
               ("tstatus", training_forms.EXERCISE_FILTER_CHOICES["status"]),
               ("exercise_type", training_forms.EXERCISE_FILTER_CHOICES["type"]),
               ("followup", training_forms.EXERCISE_FILTER_CHOICES["follow_up_status"])]
    missing = [f"{prefix}.{value}" for prefix, values in offered for value in values
               if f"{prefix}.{value}" not in i18n.KEYS]
    assert not missing, missing


def _comparison_sections():
    """The municipality view's sections and figures, from the reporting service's own code (no facts)."""
    from datetime import date

    from services.reporting.reports import period_figures

    class NoFacts:
        def execute(self, query):
            return []

    return period_figures(NoFacts(), ["demo"], date(2026, 1, 1), date(2026, 12, 31))


def test_every_section_and_figure_of_the_municipality_view_has_a_label():
    sections = _comparison_sections()
    assert sections
    names = [f"msection.{section}" for section in sections]
    names += [f"figure.{section}.{figure}" for section, figures in sections.items() for figure in figures]
    missing = [name for name in names if name not in i18n.KEYS]
    assert not missing, missing


def test_the_municipality_view_shows_the_counts_and_rates_side_by_side():
    from services.gateway.web.overview_pages import figure_sections

    sections = _comparison_sections()
    shown = figure_sections([{"agency": "a", **sections}, {"agency": "b", **sections}])
    assert [s["name"] for s in shown] == list(sections)
    training = next(s for s in shown if s["name"] == "training")
    assert "completion_rate" in training["figures"]  # None without enrolments: a dash, still a row
    assert "exercise_findings" not in training["figures"]  # a breakdown stays in the reports


def test_the_municipality_view_shows_each_agencys_coordinator_coverage_and_the_total():
    from services.gateway.web.overview_pages import figure_sections
    from services.gateway.web.page_route import View
    from services.reporting.report_figures import coordinator_coverage, municipality_coverage

    held = [{"id": "k1", "starts_on": "2026-03-01", "roles": ["pko", "isk"]}]
    byr = coordinator_coverage(held, [{"course_id": "k1", "role": "pko", "attended": True}],
                               datetime(2026, 1, 1).date(), datetime(2026, 12, 31).date(), datetime(2026, 6, 1).date())
    uke = coordinator_coverage(held, [], datetime(2026, 1, 1).date(), datetime(2026, 12, 31).date(),
                               datetime(2026, 6, 1).date())
    total = municipality_coverage([byr, uke])
    assert not [key for key in total if f"figure.coordinators.{key}" not in i18n.KEYS]
    comparison = {"period": {"start": "2026-01-01", "end": "2026-06-01"},
                  "agencies": [{"agency": "byr", "coordinators": byr}, {"agency": "uke", "coordinators": uke}],
                  "municipality": {"coordinators": total}}
    for lang, share, without in (("nb", "Andel PKO deltok på (prosent)", "Virksomheter der PKO ikke deltok på noe"),
                                 ("en", "Share attended by the PKO (per cent)", "Agencies whose PKO attended none")):
        view = View(lang=lang, principal=Principal(sub="sentral", roles=frozenset({"central"}), agency="fin"),
                    csrf_token="t", path="/municipality")
        page = view.render("municipality.html", comparison=comparison, sections=figure_sections(comparison["agencies"]),
                           pictures={}, total=total).get_data(as_text=True)
        row = page[page.index(share):page.index("</tr>", page.index(share))]
        assert ">100<" in row and ">0<" in row, row  # byr's PKO attended the one held; uke's did not
        assert without in page and i18n.text("municipality.total", lang) in page


class _Tables(HTMLParser):
    """Each table of a page as rows of (tag, class, text) cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self.cell = [tag, dict(attrs).get("class") or "", ""]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append((self.cell[0], self.cell[1], self.cell[2].strip()))
            self.cell = None


def test_the_municipality_view_sets_each_figure_under_its_own_agency_named_and_the_period_in_words():
    from services.gateway.web.overview_pages import figure_sections
    from services.gateway.web.page_route import View

    sections = _comparison_sections()
    bym = {**sections, "incidents": {**sections["incidents"], "reported": 304, "serious": 70}}
    ude = {**sections, "incidents": {**sections["incidents"], "reported": 12, "serious": 2}}
    comparison = {"period": {"start": "2026-01-01", "end": "2026-12-31"},
                  "agencies": [{"agency": "bym", "name": "Bymiljøetaten", **bym},
                               {"agency": "ude", "name": "Utdanningsetaten", **ude}], "municipality": {}}
    for lang, period in (("nb", "1. januar–31. desember 2026"), ("en", "1 January–31 December 2026")):
        view = View(lang=lang, principal=Principal(sub="sentral", roles=frozenset({"central"}), agency="fin"),
                    csrf_token="t", path="/municipality")
        page = view.render("municipality.html", comparison=comparison, sections=figure_sections(comparison["agencies"]),
                           pictures={}, total=None).get_data(as_text=True)
        assert period in page
        parser = _Tables()
        parser.feed(page)
        incidents = parser.tables[0]
        head, *rows = incidents
        names = [text for _, _, text in head]
        assert names[1:] == ["Bymiljøetaten", "Utdanningsetaten"] and "bym" not in names
        by_label = {row[0][2]: row for row in rows}
        reported, serious = (by_label[i18n.text(f"figure.incidents.{key}", lang)] for key in ("reported", "serious"))
        for column, (count, severe) in ((names.index("Bymiljøetaten"), ("304", "70")),
                                        (names.index("Utdanningsetaten"), ("12", "2"))):
            assert (reported[column][2], serious[column][2]) == (count, severe)
            # the name is set like its figures (right), so the figure sits under it, not under its neighbour
            assert "num" in head[column][1].split() and "num" in reported[column][1].split()


def test_the_training_page_lists_the_municipalitys_coordinator_courses():
    from services.gateway.web.page_route import View

    empty = {"items": [], "page": 1, "page_size": 25, "total": 0, "pages": 0, "previous": None, "next": None,
             "error": None}
    courses = {"items": [{"id": "k1", "title": "Koordinatorsamling", "kind": "event", "starts_on": "2026-10-20",
                          "ends_on": "2026-10-21", "roles": ["pko", "isk"], "link": "https://intranett.example/s"}]}
    for lang, kind, roles in (("nb", "arrangement", "personvernkoordinator, informasjonssikkerhetskoordinator"),
                              ("en", "event", "privacy coordinator, security coordinator")):
        view = View(lang=lang, principal=Principal(sub="kari", roles=frozenset({"pko"}), agency="demo"),
                    csrf_token="t", path="/training")
        page = view.render("training.html", values={}, errors={}, filters={}, campaigns=empty, exercises=empty,
                           completion=None, coordinator_courses=courses, campaign_choices=training_forms.CAMPAIGN_FILTER_CHOICES,
                           exercise_choices=training_forms.EXERCISE_FILTER_CHOICES, saved=None,
                           topics=training_forms.TOPICS, types=training_forms.EXERCISE_TYPES).get_data(as_text=True)
        row = page[page.index("Koordinatorsamling") - 60:]
        row = row[:row.index("</tr>")]
        assert '<a href="https://intranett.example/s">Koordinatorsamling</a>' in row
        assert f"<td>{kind}</td>" in row and roles in row, row
        assert i18n.text("training.coordinator_courses", lang).replace("'", "&#39;") in page


def test_the_error_summary_names_each_field_by_its_label():
    from services.gateway.web import training_forms
    from services.gateway.web.page_route import View

    exercise = {"id": "e1", "title": "Bortfall av fagsystem", "status": "in_progress", "type": "tabletop",
                "findings": [], "follow_up_status": None, "held_on": "2026-03-01", "participant_roles": ["isk"],
                "scenario": "Fagsystemet er nede", "observations": None, "evaluation": None}
    errors = {"finding-severity": ["err.choice_required"], "finding-title": ["err.text_required"]}
    for lang, choose, title in (("nb", "Velg alvorlighet.", "Hva viste øvelsen: Skriv en tekst."),
                                ("en", "Choose severity.", "What the exercise showed: Write a text.")):
        view = View(lang=lang, principal=Principal(sub="isk", roles=frozenset({"isk"}), agency="demo"),
                    csrf_token="t", path="/training/exercises/e1")
        page = view.render("exercise.html", status=400, exercise=exercise, values={}, errors=errors, done=None,
                           attachments={"attachments": [], "max_bytes": 20_000_000}, severities=training_forms.FINDING_SEVERITIES,
                           follow_up_statuses=training_forms.FOLLOW_UP_STATUSES).get_data(as_text=True)
        summary = page[page.index('class="error-summary"'):page.index("</ul>", page.index('class="error-summary"'))]
        assert f'<a href="#finding-severity">{choose}</a>' in summary, summary
        assert f'<a href="#finding-title">{title}</a>' in summary, summary
        assert i18n.text("err.choice_required", lang) not in summary


def test_a_summary_line_without_a_known_label_keeps_its_message():
    from services.gateway.web.rendering import field_labels, summary_line

    page = ('<label for="due">Frist <span class="optional">(valgfritt)</span></label>'
            '<fieldset id="risk"><legend>Fulgte du rådet?</legend><label for="risk-yes">Ja</label></fieldset>')
    assert field_labels(page) == {"due": "Frist", "risk": "Fulgte du rådet?", "risk-yes": "Ja"}
    assert summary_line("err.date_required", "Frist", "nb") == "Frist: Oppgi en dato."
    assert summary_line("err.choice_required", "Fulgte du rådet?", "nb") == "Fulgte du rådet?: Gjør et valg."
    assert summary_line("err.choice_required", "DPIA-status", "nb") == "Velg DPIA-status."
    assert summary_line("err.choice_required", None, "nb") == "Gjør et valg."
    assert summary_line("err.purpose_required", "Formål", "nb") == "Beskriv formålet.", "it names its field already"
    assert summary_line("Too short.", "Land", "en") == "Land: Too short.", "a service's message"


def test_a_period_in_words_names_the_year_once_or_both_when_they_differ():
    from services.gateway.web.periods import period_in_words

    assert period_in_words("2026-01-01", "2026-12-31", "nb") == "1. januar–31. desember 2026"
    assert period_in_words("2026-01-01", "2026-12-31", "en") == "1 January–31 December 2026"
    assert period_in_words("2025-12-01", "2026-02-03", "nb") == "1. desember 2025–3. februar 2026"
