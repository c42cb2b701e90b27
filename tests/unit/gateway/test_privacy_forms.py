"""The record of processing and the DPIA in the web interface: forms to payloads, the services' errors
back beside the fields, and the pages' templates rendered with a whole record."""
import pytest

from services.gateway.web import i18n, privacy_forms
from services.gateway.web.page_route import View
from services.privacy_register import screening_rules
from services.privacy_register.schemas import ProcessingRecordSchema, UpdateDpiaSchema, UpdateProcessingSchema
from shared.auth import Principal

FULL_FORM = {
    "name": "Skoleskyss", "description": "Tildeling av skoleskyss.", "status": "draft",
    "controller": "Oslo kommune, Utdanningsetaten", "controller_contact": "postmottak@ude.oslo.kommune.no",
    "joint_controllers": "Ruter AS", "dpo_contact": "personvernombud@oslo.kommune.no",
    "responsible_unit": "Seksjon skoleskyss", "owner": "Seksjonssjef", "owner_role": "process_owner",
    "purpose": "Tildele skoleskyss", "article6": "e", "legal_reference": "opplæringslova § 7-1",
    "article9": "g", "article10": "",
    "data_subject_categories": "Elever\nForesatte", "personal_data_categories": "Navn; adresse; helse",
    "approx_data_subjects": "12 000", "data_sources": "Folkeregisteret",
    "special-health": "on", "recipients": "Transportselskap",
    "third_country_transfers": "",
    "transfer-0-country": "USA", "transfer-0-recipient": "Skyleverandør Inc.",
    "transfer-0-safeguard": "standard_contractual_clauses", "transfer-0-documentation": "",
    "transfer-1-country": "", "transfer-1-recipient": "", "transfer-1-safeguard": "", "transfer-1-documentation": "",
    "processors": "Skyleverandør AS\nDriftspartner AS", "systems": "Skoleskyssystemet",
    "retention": "Slettes etter skoleslutt", "security_measures": "Tilgangsstyring og logging",
    "monitoring": "on", "last_reviewed": "01.10.2026",
}


def test_the_full_form_becomes_a_record_the_register_accepts():
    payload, errors = privacy_forms.processing_payload(FULL_FORM)
    assert errors == {}
    assert payload["legal_bases"] == [{"purpose": "Tildele skoleskyss", "article6": "e", "article9": "g",
                                       "article10": None, "reference": "opplæringslova § 7-1"}]
    assert payload["special_categories"] == ["health"] and payload["criminal_offence_data"] is False
    assert payload["approx_data_subjects"] == 12000 and payload["last_reviewed"] == "2026-10-01"
    # the empty second row is no transfer; listing one answers "are data transferred?"
    assert payload["transfers"] == [{"country": "USA", "recipient": "Skyleverandør Inc.",
                                     "safeguard": "standard_contractual_clauses", "documentation": None}]
    assert payload["third_country_transfers"] is True
    assert payload["processors"] == ["Skyleverandør AS", "Driftspartner AS"]
    assert payload["monitoring"] is True and payload["profiling"] is False
    assert payload["controller_contact"] == "postmottak@ude.oslo.kommune.no" and payload["owner_role"] == "process_owner"
    ProcessingRecordSchema().load(payload)  # the service's own schema takes it as it is


def test_an_edit_sends_every_field_so_one_can_be_cleared_but_not_the_status():
    payload, errors = privacy_forms.processing_payload({**FULL_FORM, "retention": " ", "status": "retired"},
                                                       with_status=False)
    assert errors == {} and payload["retention"] is None and "status" not in payload
    assert set(ProcessingRecordSchema().fields) - {"status"} <= set(payload)
    UpdateProcessingSchema().load({**payload, "note": None})


def test_what_a_person_forgot_is_named_beside_its_field():
    _, errors = privacy_forms.processing_payload({
        "special-health": "on", "criminal_offence_data": "on", "third_country_transfers": "no",
        "transfer-0-country": "USA", "approx_data_subjects": "mange", "last_reviewed": "i fjor"})
    assert errors == {"name": ["err.name_required"], "purpose": ["err.purpose_required"],
                      "article6": ["err.article6_required"], "article9": ["err.article9_required"],
                      "article10": ["err.article10_required"], "approx_data_subjects": ["err.number_invalid"],
                      "last_reviewed": ["err.date_invalid"], "transfer-0-recipient": ["err.recipient_required"],
                      "transfer-0-safeguard": ["err.safeguard_required"],
                      "third_country_transfers": ["err.transfers_contradict"]}


def test_a_stored_record_fills_the_form_and_comes_back_unchanged():
    payload, _ = privacy_forms.processing_payload(FULL_FORM)
    stored = ProcessingRecordSchema().dump(ProcessingRecordSchema().load(payload))
    values = privacy_forms.processing_values(stored)
    assert values["special-health"] == "on" and values["transfer-0-country"] == "USA"
    assert values["processors"] == "Skyleverandør AS\nDriftspartner AS"
    again, errors = privacy_forms.processing_payload(values)
    assert errors == {}
    assert ProcessingRecordSchema().dump(ProcessingRecordSchema().load(again)) == stored


def test_more_purposes_registered_through_the_api_are_kept_when_the_form_edits_the_first():
    activity = {"purposes": ["A", "B"], "legal_bases": [{"purpose": "A", "article6": "e"},
                                                        {"purpose": "B", "article6": "c"}]}
    payload = privacy_forms.keep_other_bases({"purposes": ["A2"], "legal_bases": [{"purpose": "A2",
                                                                                   "article6": "e"}]}, activity)
    assert payload["purposes"] == ["A2", "B"] and payload["legal_bases"][1] == {"purpose": "B", "article6": "c"}


def test_the_services_errors_go_beside_the_basis_part_and_the_transfer_row():
    errors = privacy_forms.processing_errors({
        "legal_bases": {"0": {"article9": ["Not a letter."], "reference": ["Too long."]}},
        "transfers": {"0": {"country": ["Too short."]}}, "special_categories": ["Need art. 9."],
        "profiling": ["Not a boolean."], "agency": ["Odd."]})
    assert errors == {"article9": ["Not a letter."], "legal_reference": ["Too long."],
                      "transfer-0-country": ["Too short."], "special_categories": ["Need art. 9."],
                      "flags": ["Not a boolean."], "_form": ["Odd."]}


def test_the_error_summary_follows_the_page_with_every_transfer_row():
    order = privacy_forms.processing_order(2)
    assert order.index("transfers") < order.index("transfer-1-documentation") < order.index("processors")
    assert privacy_forms.row_count({}, "transfer") == 1
    assert privacy_forms.row_count({"transfer-0-country": "USA", "transfer-3-country": ""}, "transfer") == 5


def test_every_field_of_the_record_has_a_label_in_both_languages():
    from services.gateway.web import i18n

    assert set(privacy_forms.FIELD_LABELS) == set(ProcessingRecordSchema().fields)
    assert all(key in i18n.KEYS for key in privacy_forms.FIELD_LABELS.values())


def test_the_status_change():
    assert privacy_forms.processing_status_payload({"status": "retired"}) == ({"status": "retired", "note": None}, {})
    assert privacy_forms.processing_status_payload({"status": "deleted"})[1] == {"_form": ["err.status_required"]}


def test_the_screening_form_takes_datatilsynets_list_and_fills_in_from_the_last_screening():
    form = {f"criterion-{key}": "no" for key in screening_rules.CRITERIA}
    form |= {f"justification-{key}": "Vurdert" for key in screening_rules.CRITERIA} | {"dt-8": "on", "dt-12": "on"}
    payload, errors = privacy_forms.screening_payload(form, screening_rules.CRITERIA, tuple(screening_rules.DATATILSYNET_LIST))
    assert errors == {} and payload["datatilsynet_list"] == [8, 12]
    assert screening_rules.screen(payload["criteria"], payload["datatilsynet_list"]).result == "required"
    last = {"criteria": payload["criteria"], "justifications": payload["justifications"], "datatilsynet_list": [8]}
    values = privacy_forms.screening_values(last)
    assert values["criterion-large_scale"] == "no" and values["dt-8"] == "on" and "dt-12" not in values


DPIA_FORM = {"title": "DPIA for skoleskyss", "reviewer": "", "description": "Hva som behandles.",
             "necessity_proportionality": "Nødvendig for å tildele skyss.", "measures": "Tilgangsstyring.",
             "data_subject_views": "", "risk-0-title": "Uvedkommende ser helseopplysninger",
             "risk-0-description": "", "risk-0-likelihood": "2", "risk-0-severity": "4",
             "risk-0-measures": "Logging", "risk-0-residual_likelihood": "1", "risk-0-residual_severity": "",
             "risk-1-title": "", "risk-1-likelihood": "", "risk-1-severity": ""}


def test_the_dpia_form_becomes_its_sections_and_risks():
    payload, errors = privacy_forms.dpia_payload(DPIA_FORM, submitting=True)
    assert errors == {}
    assert payload["risks"] == [{"title": "Uvedkommende ser helseopplysninger", "description": None,
                                 "measures": "Logging", "likelihood": 2, "severity": 4, "residual_likelihood": 1,
                                 "residual_severity": None}]
    assert payload["reviewer"] is None and payload["data_subject_views"] is None
    UpdateDpiaSchema().load(payload)
    assert privacy_forms.dpia_values({**payload, "risks": payload["risks"]})["risk-0-likelihood"] == "2"


def test_a_draft_may_be_saved_half_written_but_not_submitted():
    half = {"title": "DPIA for skoleskyss", "description": "Hva som behandles.", "risk-0-title": "Innsyn"}
    payload, errors = privacy_forms.dpia_payload(half)
    assert errors == {"risk-0-likelihood": ["err.rating_required"], "risk-0-severity": ["err.rating_required"]}
    _, errors = privacy_forms.dpia_payload({"title": "DPIA for skoleskyss"}, submitting=True)
    assert errors == {name: ["err.dpia_part_required"]
                      for name in ("description", "necessity_proportionality", "risks", "measures")}


def test_the_services_dpia_errors_go_beside_the_part():
    assert privacy_forms.dpia_errors({"missing": ["measures"]}) == {"measures": ["err.dpia_part_required"]}
    assert privacy_forms.dpia_errors({"risks": {"0": {"severity": ["Must be 1-4."]}}}) == {
        "risk-0-severity": ["Must be 1-4."]}
    assert privacy_forms.dpia_errors(None) == {}


def test_a_dpia_and_the_dpos_advice_need_their_text():
    assert privacy_forms.dpia_create_payload({"title": " DPIA "}, "p1") == ({"processing_id": "p1", "title": "DPIA"},
                                                                           {})
    assert privacy_forms.dpia_create_payload({"title": "x"}, "p1")[1] == {"title": ["err.name_required"]}
    assert privacy_forms.dpo_advice_payload({"advice": "Ok"})[1] == {"advice": ["err.advice_required"]}


# --- the templates, rendered with a whole record (the browser tests cover the flows) ---

ACTIVITY = {"id": "p1", "version": 3, "status": "active", "complete": False, "dpia_status": "in_progress",
            "missing": [{"key": "recipients", "article": "30(1)(d)", "label_nb": "Kategorier av mottakere",
                         "label_en": "Categories of recipients"}], "from_directory": ["dpo_contact"],
            "processors_without_agreement": ["Driftspartner AS"],
            "screening": {"result": "required", "reasons": ["Datatilsynets liste punkt 8"], "state": "reopened",
                          "screened_at": "2026-10-01T10:00:00+00:00", "screened_by": "pko"},
            "dpias": [{"id": "d1", "title": "DPIA", "status": "in_review", "residual_risk": "medium",
                       "outdated": False}]}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_pages_render_a_whole_record(lang):
    payload, _ = privacy_forms.processing_payload(FULL_FORM)
    activity = {**ProcessingRecordSchema().dump(ProcessingRecordSchema().load(payload)), **ACTIVITY}
    view = View(lang=lang, principal=Principal(sub="pko", roles=frozenset({"pko"}), agency="demo"),
                csrf_token="t", path="/processing/p1")
    values = privacy_forms.processing_values(activity)
    page = view.render("processing_activity.html", activity=activity, criteria=[], list_items=[(8, "skoler")],
                       order=[], values={"dt-8": "on"}, errors={}, history=[{
                           "version": 2, "changed_at": "2026-10-02T10:00:00+00:00", "changed_by": "pko",
                           "note": None, "changes": {"retention": {}}}], dpia_title="DPIA", open_dpia=True,
                       field_labels=privacy_forms.FIELD_LABELS,
                       notice="updated").get_data(as_text=True)
    assert "Skyleverandør Inc." in page and "Driftspartner AS" in page and 'id="dt-8"' in page
    assert ("Lagringstid og sletting" if lang == "nb" else "Retention and erasure") in page  # the history's field
    assert ("mangler gyldig databehandleravtale" if lang == "nb" else "no valid processor agreement") in page
    # each missing art. 30 item by its label in the page's language, never its key
    assert ("Kategorier av mottakere (art. 30(1)(d))" if lang == "nb"
            else "Categories of recipients (art. 30(1)(d))") in page
    assert ("Hentet fra virksomhetskatalogen" if lang == "nb" else "Taken from the agency directory") in page
    choices = {"articles": privacy_forms.ARTICLE_6, "articles9": privacy_forms.ARTICLE_9,
               "special_categories": privacy_forms.SPECIAL_CATEGORIES, "safeguards": privacy_forms.SAFEGUARDS,
               "owner_roles": privacy_forms.OWNER_ROLES, "flags": privacy_forms.FLAGS, "roles": privacy_forms.ROLES}
    errors = {"_form": ["err.processing_conflict"], "transfer-0-country": ["err.country_required"]}
    page = view.render("processing_edit.html", activity=activity, values=values, errors=errors, transfer_rows=2,
                       controller_rows=1, order=privacy_forms.processing_order(2), changed_by_others=[],
                       field_labels=privacy_forms.FIELD_LABELS, **choices).get_data(as_text=True)
    assert 'id="transfer-1-country"' in page and 'aria-describedby="transfer-0-country-error"' in page
    assert 'href="#transfer-0-country"' in page and 'id="controller-0-name"' in page and 'id="role"' in page
    dpia = {"id": "d1", "title": "DPIA", "status": "draft", "processing_id": "p1", "processing_name": "Skoleskyss",
            "residual_risk": None, "author": "pko", "reviewer": None, "outdated": False, "prior_consultation": None,
            "dpo_advice": None, "risks": [], "history": [{"at": "2026-10-02T10:00:00+00:00", "by": "pko",
                                                          "from_status": None, "to_status": "draft", "note": None}],
            **{name: None for name in privacy_forms.DPIA_TEXTS}}
    page = view.render("dpia.html", dpia=dpia, values={}, errors={}, risk_rows=1, order=[], scale=(1, 2, 3, 4),
                       notice="created", attachments=None).get_data(as_text=True)
    assert 'id="risk-0-severity"' in page and 'value="submit"' in page
    assert i18n.text("attachments.unavailable", view.lang) in page  # the rest of the page, when its files are not


def test_someone_elses_change_joins_the_form_unless_the_person_changed_the_same_field():
    payload, _ = privacy_forms.processing_payload(FULL_FORM)
    seen = ProcessingRecordSchema().dump(ProcessingRecordSchema().load(payload))
    now = {**seen, "retention": "Slettes straks", "special_categories": [], "legal_bases": [
        {**seen["legal_bases"][0], "article9": None}], "security_measures": "Kryptering"}
    changes = [{"version": 1, "changes": {
        "retention": {"before": seen["retention"], "after": now["retention"]},
        "special_categories": {"before": ["health"], "after": []},
        "security_measures": {"before": seen["security_measures"], "after": "Kryptering"}}}]
    form = {**FULL_FORM, "security_measures": "Tofaktor", "special-health": "on"}
    mine, _ = privacy_forms.processing_payload(form)
    values, errors = privacy_forms.merge_changes_since(form, mine, now, changes)
    assert values["retention"] == "Slettes straks" and "special-health" not in values
    assert values["security_measures"] == "Tofaktor" and errors == {"security_measures": ["err.changed_by_both"]}


def test_a_processor_record_from_the_form_needs_no_purpose_of_its_own_and_names_its_controllers():
    form = {"name": "Lønnskjøring for andre etater", "role": "processor", "processor_name": "Lønnsetaten",
            "controller-0-name": "Utdanningsetaten", "controller-0-contact": "postmottak@ude.example.no",
            "controller-0-agency_code": "ude", "controller-1-contact": "uten navn", "controller-2-name": "",
            "processing_categories": "Lønnsutbetaling\nA-melding"}
    payload, errors = privacy_forms.processing_payload(form)
    assert errors == {"controller-1-name": ["err.controller_name_required"]}
    payload, errors = privacy_forms.processing_payload({**form, "controller-1-contact": ""})
    assert errors == {} and payload["role"] == "processor" and payload["legal_bases"] == []
    assert payload["controllers"] == [{"name": "Utdanningsetaten", "contact": "postmottak@ude.example.no",
                                       "agency_code": "ude"}]
    assert payload["processing_categories"] == ["Lønnsutbetaling", "A-melding"]
    ProcessingRecordSchema().load(payload)
    values = privacy_forms.processing_values(ProcessingRecordSchema().load(payload))
    assert values["role"] == "processor" and values["controller-0-agency_code"] == "ude"
    # a controller's record still needs its purpose and legal basis
    _, errors = privacy_forms.processing_payload({**form, "role": "controller"})
    assert {"purpose", "article6"} <= set(errors)
