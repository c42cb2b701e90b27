"""The breach page: the recommendation's reasons in the page's language, the facts for the notification
to Datatilsynet (sent through the incident's PATCH, only what changed, errors beside the fields, input
kept), and what the draft still lacks named by label, never by its key."""
import re

import pytest

from services.gateway.web import breach_facts, breach_reasons, i18n
from services.gateway.web.breach_pages import BreachPages
from services.gateway.web.case_work_pages import CaseWorkPages
from services.gateway.web.page_route import View
from shared.auth import Principal
from shared.errors import BadInput

ID = "5e8a1c3d-7b2f-4e6a-9d0c-4f1b2a3c5d6e"
ENGLISH_REASON = "The breach is likely to result in a risk to the rights and freedoms of natural persons."
REASON_TEXTS = [{"code": "risk", "text_nb": "Bruddet vil trolig medføre en risiko for de registrerte.",
                 "text_en": "The breach is likely to result in a risk to the people concerned."}]


def assessment(**more):
    return {"version": 1, "score": 3.5, "severity": "high", "risk": "risk",
            "notify_authority": {"decision": "required", "reasons": [ENGLISH_REASON]},
            "notify_data_subjects": {"decision": "not_required", "reasons": ["Risk, not high risk."]}, **more}


def incident(**more):
    return {"id": ID, "title": "Brev til feil mottaker", "status": "investigating",
            "aware_at": "2026-11-23T08:30:00+00:00", "authority_deadline": "2099-11-26T08:30:00+00:00",
            "authority_notification": "pending", "subject_communication": "not_required",
            "detected_at": None, "approx_data_subjects": 40, "approx_records": None,
            "data_subject_categories": ["residents"], "personal_data_categories": [],
            "likely_consequences": None, "data_whereabouts": "Hos mottakeren",
            "breach_assessments": [assessment()],
            "breach_decisions": [{"decided_at": "2026-11-23T09:00:00+00:00", "decided_by": "pko",
                                  "notify_authority": "required", "notify_data_subjects": "not_required",
                                  "subject_exemption": None, "follows_recommendation": True, "justification": None}],
            "authority_notifications": [], "subject_communications": [], **more}


DRAFT = {"missing": ["description.detected_at", "description.records", "measures.actions_taken",
                     "description.made_up_field"],
         "sections": [{"key": "description", "fields": [{"key": "made_up_field", "label_nb": "Noe nytt"}]}],
         "text": "Melding om brudd"}


# --- the reasons ---

def test_reasons_in_the_page_language_when_the_service_gives_them():
    given = assessment(notify_authority_reason_texts=REASON_TEXTS)
    assert breach_reasons.reasons(given, "notify_authority", "nb") == [
        {"text": REASON_TEXTS[0]["text_nb"], "lang": None}]
    assert breach_reasons.reasons(given, "notify_authority", "en") == [
        {"text": REASON_TEXTS[0]["text_en"], "lang": None}]
    inside = assessment(notify_authority={"decision": "required", "reasons": REASON_TEXTS})
    assert breach_reasons.reasons(inside, "notify_authority", "nb")[0]["text"] == REASON_TEXTS[0]["text_nb"]


def test_reasons_of_an_older_assessment_are_the_english_list_marked_as_english():
    assert breach_reasons.reasons(assessment(), "notify_authority", "nb") == [{"text": ENGLISH_REASON, "lang": "en"}]
    assert breach_reasons.reasons(assessment(), "notify_authority", "en") == [{"text": ENGLISH_REASON, "lang": None}]
    assert breach_reasons.all_reasons(None, "nb") == {}


# --- the facts form ---

def test_the_form_starts_with_what_the_incident_says():
    values = breach_facts.form_values(incident(detected_at="2026-11-23T07:00:00+00:00"))
    assert values["facts-detected_at"] == "2026-11-23T08:00"  # Oslo time
    assert values["facts-approx_data_subjects"] == "40" and values["facts-approx_records"] == ""
    assert values["facts-data_subject_categories-residents"] == "on"
    assert values["facts-data_whereabouts"] == "Hos mottakeren" and values["facts-actions_taken"] == ""


def test_only_what_changed_is_sent():
    current = incident()
    form = {**breach_facts.form_values(current), "facts-approx_records": "1 200",
            "facts-detected_at": "23.11.2026 08:00", "facts-personal_data_categories-health": "on",
            "facts-likely_consequences": " Innsyn i helseopplysninger. "}
    payload, errors = breach_facts.facts_payload(form, current)
    assert errors == {}
    assert payload == {"approx_records": 1200, "detected_at": "2026-11-23T07:00:00Z",
                       "personal_data_categories": ["health"], "likely_consequences": "Innsyn i helseopplysninger."}


def test_a_cleared_field_is_sent_as_nothing_and_an_unknown_empty_field_not_at_all():
    current = incident()
    form = {**breach_facts.form_values(current), "facts-data_whereabouts": "", "facts-approx_data_subjects": ""}
    del form["facts-data_subject_categories-residents"]
    payload, errors = breach_facts.facts_payload(form, current)
    assert errors == {}
    assert payload == {"data_whereabouts": None, "approx_data_subjects": None, "data_subject_categories": []}
    assert "actions_taken" not in payload  # the service does not return it: sent only when written


def test_actions_taken_is_sent_when_written_and_compared_when_known():
    payload, _ = breach_facts.facts_payload({**breach_facts.form_values(incident()),
                                             "facts-actions_taken": "Ba mottakeren slette brevet."}, incident())
    assert payload == {"actions_taken": "Ba mottakeren slette brevet."}
    known = incident(actions_taken="Ba mottakeren slette brevet.")
    assert breach_facts.facts_payload(breach_facts.form_values(known), known) == ({}, {"_form": ["err.facts_unchanged"]})


def test_what_a_person_typed_wrongly_is_named_beside_its_field():
    _, errors = breach_facts.facts_payload({"facts-detected_at": "i går", "facts-approx_records": "mange",
                                            "facts-likely_consequences": "x" * 5_001}, incident())
    assert errors == {"facts-detected_at": ["err.datetime_invalid"], "facts-approx_records": ["err.number_invalid"],
                      "facts-likely_consequences": ["err.text_too_long"]}
    assert all(message in i18n.KEYS for messages in errors.values() for message in messages)


# --- the draft's missing items ---

@pytest.mark.parametrize("lang", ["nb", "en"])
def test_missing_items_are_labels_never_keys(lang):
    items = breach_facts.missing_items(DRAFT, lang, ID)
    labels = [item["label"] for item in items]
    assert labels[:3] == [i18n.text("draft_field.description.detected_at", lang),
                          i18n.text("draft_field.description.records", lang),
                          i18n.text("draft_field.measures.actions_taken", lang)]
    assert labels[3] == "Noe nytt" and items[3]["lang"] == (None if lang == "nb" else "nb")
    assert not [label for label in labels if re.fullmatch(r"[a-z_]+\.[a-z_.]+", label)]
    assert [item["href"] for item in items] == ["#facts-detected_at", "#facts-approx_records", "#facts-actions_taken",
                                                None]


def test_missing_items_as_the_service_now_gives_them():
    draft = {"missing": [{"key": "description.records", "label_nb": "Antall registreringer",
                          "label_en": "Number of records"},
                         {"key": "measures.taken", "label_nb": "Tiltak som er gjennomført", "label_en": ""}],
             "sections": []}
    assert breach_facts.missing_items(draft, "en", ID) == [
        {"key": "description.records", "label": "Number of records", "lang": None, "href": "#facts-approx_records"},
        {"key": "measures.taken", "label": i18n.text("draft_field.measures.taken", "en"), "lang": None,
         "href": "#facts-actions_taken"}]


def test_the_services_own_labels_come_first():
    draft = {**DRAFT, "missing_labels_nb": ["Oppdaget", "Registreringer", "Straks", "Nytt"],
             "missing_labels_en": ["Detected", "Records", "Right away", "New"]}
    assert [i["label"] for i in breach_facts.missing_items(draft, "en", ID)] == ["Detected", "Records", "Right away",
                                                                                  "New"]
    assert breach_facts.missing_items(draft, "nb", ID)[0] == {"key": "description.detected_at", "label": "Oppdaget",
                                                              "lang": None, "href": "#facts-detected_at"}


# --- the page, rendered through its worker with a stand-in for the incidents service ---

class Incidents:
    def __init__(self, record, refuse=None):
        self.record, self.refuse, self.updates = record, refuse, []

    def get_incident(self, incident_id):
        return self.record

    def authority_notification_draft(self, incident_id):
        return DRAFT

    def update_incident(self, incident_id, payload):
        if self.refuse:
            raise BadInput("Invalid input", self.refuse)
        self.updates.append(payload)
        return self.record


class Page(BreachPages, CaseWorkPages):
    def __init__(self, incidents):
        self.incidents = incidents


def view(lang="nb", form=None, roles=("pko",)):
    return View(lang=lang, principal=Principal(sub="pko", roles=frozenset(roles), agency="demo"), csrf_token="c",
                path=f"/incidents/{ID}/breach", form=form or {})


def test_a_bokmal_page_has_no_english_but_what_is_marked_as_such():
    record = incident(breach_assessments=[assessment(notify_authority_reason_texts=REASON_TEXTS,
                                                     notify_data_subjects_reason_texts=REASON_TEXTS)])
    html = Page(Incidents(record)).web_breach(None, view(), ID).get_data(as_text=True)
    assert REASON_TEXTS[0]["text_nb"] in html and REASON_TEXTS[0]["text_en"] not in html
    assert "(engelsk)" not in html and ENGLISH_REASON not in html
    assert "Fakta til meldingen" in html and 'action="/incidents/%s/breach/facts"' % ID in html
    assert 'href="#facts-detected_at">Når avviket ble oppdaget</a>' in html
    assert "description.detected_at" not in html and "measures.actions_taken" not in html


def test_an_older_assessment_shows_its_english_reasons_marked():
    html = Page(Incidents(incident())).breach_page(view(), ID, {}, {}).get_data(as_text=True)
    assert f'<li lang="en">{ENGLISH_REASON}</li>' in html


def test_the_english_page_says_it_in_english():
    html = Page(Incidents(incident())).breach_page(view("en"), ID, {}, {}).get_data(as_text=True)
    assert "Facts for the notification" in html and "When the breach was detected" in html
    assert f"<li>{ENGLISH_REASON}</li>" in html


def test_the_facts_post_through_the_patch_rpc_and_come_back_to_the_page():
    incidents = Incidents(incident())
    form = {**breach_facts.form_values(incidents.record), "facts-approx_records": "12"}
    response = Page(incidents).web_breach_facts(None, view(form=form), ID)
    assert response.status_code == 303 and response.location.endswith(f"/incidents/{ID}/breach?done=facts#facts")
    assert incidents.updates == [{"approx_records": 12}]


def test_the_services_refusal_lands_beside_the_field_with_the_input_kept():
    incidents = Incidents(incident(), refuse={"detected_at": ["Cannot be in the future / Kan ikke være fram i tid."]})
    form = {**breach_facts.form_values(incidents.record), "facts-detected_at": "2099-01-01T10:00",
            "facts-approx_records": "77"}
    response = Page(incidents).web_breach_facts(None, view(form=form), ID)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="facts-detected_at-error"' in html and "Kan ikke være fram i tid." in html
    assert 'value="2099-01-01T10:00"' in html and 'value="77"' in html
    assert '<a href="#facts-detected_at">' in html  # the summary links to the field


def test_the_facts_page_route_shares_the_patch_routes_action():
    entrypoint = next(iter(Page.web_breach_facts.nameko_entrypoints))
    assert entrypoint.action == "incident.handle" and entrypoint.api == ("PATCH /api/v1/incidents/{incident_id}",)
