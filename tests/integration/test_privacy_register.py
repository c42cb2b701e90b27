"""The privacy register through the gateway, over the real RabbitMQ: processing, screening, DPIA, agreements."""
import csv
import io
import json
import uuid
from datetime import timedelta

import docx
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from shared.clock import today as oslo_today
from services.privacy_register import export
from tests.integration.harness import wait_for

NO = {key: False for key in ("evaluation_scoring", "automated_decision", "systematic_monitoring", "sensitive_data",
                             "large_scale", "matching_datasets", "vulnerable_subjects", "innovative_technology",
                             "prevents_rights")}
WHY = {key: "Vurdert av PKO i samråd med systemeier." for key in NO}


def agency() -> str:
    return f"pvr-{uuid.uuid4().hex[:8]}"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def complete_record(**overrides) -> dict:
    record = {
        "name": "Elevadministrasjon", "description": "Opptak, fravær og karakterer i grunnskolen.",
        "status": "active", "controller": "Utdanningsetaten", "controller_contact": "postmottak@ude.oslo.kommune.no",
        "dpo_contact": "personvernombud@oslo.kommune.no", "purposes": ["Skoleadministrasjon", "Vurdering"],
        "legal_bases": [{"purpose": "Skoleadministrasjon", "article6": "e", "reference": "opplæringslova § 15-1"},
                        {"purpose": "Helseopplysninger om tilrettelegging", "article6": "e", "article9": "g",
                         "reference": "opplæringslova"}],
        "data_subject_categories": ["elever", "foresatte"],
        "personal_data_categories": ["kontaktopplysninger", "karakterer", "fravær"],
        "special_categories": ["health"], "recipients": ["Statistisk sentralbyrå", "Foresatte"],
        "third_country_transfers": False, "retention": "Slettes fem år etter avsluttet skolegang, arkivverdig "
                                                        "materiale avleveres.",
        "security_measures": "Tilgangsstyring per rolle, logging, kryptering.", "systems": ["sys-elev"],
        "processors": ["Skolesystemer AS"], "owner": "Avdeling for skoleadministrasjon",
        "owner_role": "process_owner", "approx_data_subjects": 60000}
    record.update(overrides)
    return record


def events(vern, routing_key, subject=None):
    rows = vern.sql("privacy_register", "SELECT envelope FROM outbox_events WHERE routing_key = :key",
                    key=routing_key)
    found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [e for e in found if subject is None or e["subject"] == subject]


def screen(pko, processing_id, list_items=(), **criteria):
    return ok(pko.post(f"/processing-activities/{processing_id}/screening", json={
        "criteria": {**NO, **criteria}, "justifications": WHY, "datatilsynet_list": list(list_items)}), 201)


def written_dpia(pko, processing_id, residual=(3, 3)):
    dpia = ok(pko.post("/dpias", json={
        "processing_id": processing_id, "title": "DPIA for elevadministrasjon",
        "description": "Systematisk beskrivelse av behandlingen.",
        "necessity_proportionality": "Nødvendig for å oppfylle opplæringsplikten.",
        "risks": [{"title": "Uautorisert innsyn i helseopplysninger", "likelihood": 3, "severity": 4,
                   "measures": "Rollebasert tilgang", "residual_likelihood": residual[0],
                   "residual_severity": residual[1]},
                  {"title": "Feil karakter registrert", "likelihood": 2, "severity": 2}],
        "measures": "Tilgangsstyring, logging og opplæring.", "reviewer": "personvernombud"}), 201)
    return dpia


def test_a_processing_is_screened_assessed_approved_and_consulted_on(vern):
    code = agency()
    pko, ombud, leader = (vern.client((role,), code) for role in ("pko", "ombud", "leader"))
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    assert processing["complete"] is True and processing["missing"] == [] and processing["version"] == 1
    assert processing["dpia_status"] == "not_screened"
    assert processing["processors_without_agreement"] == ["Skolesystemer AS"]

    screened = screen(pko, processing["id"], sensitive_data=True, vulnerable_subjects=True)
    assert screened["result"] == "required" and len(screened["reasons"]) >= 1
    again = screen(pko, processing["id"], sensitive_data=True, vulnerable_subjects=True, large_scale=True)
    assert again["result"] == "required"
    assert len(wait_for(lambda: events(vern, "dpia_required", processing["id"]))) == 1, "once, not per screening"
    assert ok(pko.get(f"/processing-activities/{processing['id']}"))["dpia_status"] == "required"

    dpia = written_dpia(pko, processing["id"])
    assert dpia["residual_risk"] == "high" and [r["level"] for r in dpia["risks"]] == ["high", "low"]
    submitted = ok(pko.post(f"/dpias/{dpia['id']}/status", json={"status": "in_review"}))
    assert submitted["status"] == "in_review"
    too_early = leader.post(f"/dpias/{dpia['id']}/decision", json={"decision": "approved"})
    assert too_early.status_code == 409 and "art. 35(2)" in too_early.json()["error"]["message"]
    advised = ok(ombud.post(f"/dpias/{dpia['id']}/dpo-advice",
                            json={"advice": "Restrisikoen er høy: forhåndsdrøft med Datatilsynet."}))
    assert advised["dpo_advice"]["given_by"]
    approved = ok(leader.post(f"/dpias/{dpia['id']}/decision", json={
        "decision": "approved", "dpo_advice_followed": True, "note": "Godkjent med forhåndsdrøfting"}))
    assert approved["status"] == "approved" and approved["prior_consultation"]["required"] is True
    assert len(wait_for(lambda: events(vern, "prior_consultation_required", dpia["id"]))) == 1
    assert len(events(vern, "dpia_completed", dpia["id"])) == 1

    tasks = wait_for(lambda: len(dpia_tasks(pko, dpia["id"])) >= 2 and dpia_tasks(pko, dpia["id"]))
    assert sorted(t["recipient_role"] for t in tasks) == ["datatilsynet", "ombud"]
    ok(pko.post(f"/dpias/{dpia['id']}/prior-consultation", json={
        "outcome": "advice_given", "submitted_on": oslo_today().isoformat(),
        "answered_on": (oslo_today() + timedelta(days=40)).isoformat(), "reference": "24/01234"}))
    assert wait_for(lambda: all(t["status"] == "completed" for t in dpia_tasks(pko, dpia["id"])))

    document = pko.get(f"/dpias/{dpia['id']}/document")
    assert document.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs)
    assert "DPIA for elevadministrasjon" in text and "None" not in text

    # A change after approval: the DPIA is outdated and the screening re-opened.
    changed = ok(pko.patch(f"/processing-activities/{processing['id']}", json={
        "purposes": ["Skoleadministrasjon", "Vurdering", "Læringsanalyse"], "note": "Ny læringsplattform"}))
    assert changed["version"] == 2 and changed["dpia_status"] == "outdated"
    assert changed["screening"]["state"] == "reopened" and "purposes" in changed["screening"]["reopened_because"]
    outdated = wait_for(lambda: events(vern, "dpia_outdated", dpia["id"]))
    assert len(outdated) == 1 and outdated[0]["data"]["changed_fields"] == ["purposes"]
    assert ok(pko.get(f"/dpias/{dpia['id']}"))["outdated"] is True
    history = ok(pko.get(f"/processing-activities/{processing['id']}/history"))["items"]
    assert history[0]["changes"]["purposes"]["after"][-1] == "Læringsanalyse"
    assert history[0]["changed_by"] and history[0]["note"] == "Ny læringsplattform"


def dpia_tasks(client, dpia_id):
    return ok(client.get("/notification-tasks", params={"dpia_id": dpia_id, "page_size": 100}))["items"]


def test_screening_results_and_a_change_that_does_not_touch_the_answers(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    processing = ok(pko.post("/processing-activities", json=complete_record(name="Kantinekort")), 201)
    assert screen(pko, processing["id"], list_items=[5])["result"] == "required"
    assert screen(pko, processing["id"], large_scale=True)["result"] == "recommended"
    latest = screen(pko, processing["id"])
    assert latest["result"] == "not_required"
    renamed = ok(pko.patch(f"/processing-activities/{processing['id']}", json={"owner": "Ny eier"}))
    assert renamed["screening"]["state"] == "current", "a new owner touches no answer"
    history = ok(pko.get(f"/processing-activities/{processing['id']}/screenings"))["items"]
    assert [s["result"] for s in history] == ["not_required", "recommended", "required"]
    assert [s["state"] for s in history] == ["current", "superseded", "superseded"]
    bad = pko.post(f"/processing-activities/{processing['id']}/screening",
                   json={"criteria": {**NO, "large_scale": "maybe"}, "justifications": WHY,
                         "datatilsynet_list": [15]})
    assert bad.status_code == 400
    assert {"criteria", "datatilsynet_list"} <= set(bad.json()["error"]["fields"])


def test_bad_input_names_the_field_and_nothing_changes(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    no_condition = pko.post("/processing-activities", json=complete_record(legal_bases=[
        {"purpose": "Skoleadministrasjon", "article6": "e"}]))
    assert no_condition.status_code == 400 and "special_categories" in no_condition.json()["error"]["fields"]
    unknown_basis = pko.post("/processing-activities", json=complete_record(legal_bases=[
        {"purpose": "Skoleadministrasjon", "article6": "g", "article9": "g"}]))
    assert unknown_basis.status_code == 400
    assert "article6" in unknown_basis.json()["error"]["fields"]["legal_bases"]["0"]
    no_safeguard = pko.post("/processing-activities", json=complete_record(
        third_country_transfers=True, transfers=[{"country": "USA", "recipient": "Skyleverandør Inc."}]))
    assert no_safeguard.status_code == 400
    assert "safeguard" in no_safeguard.json()["error"]["fields"]["transfers"]["0"]
    assert ok(pko.get("/processing-activities"))["total"] == 0

    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    breaks_it = pko.patch(f"/processing-activities/{processing['id']}", json={"legal_bases": [
        {"purpose": "Skoleadministrasjon", "article6": "e"}]})
    assert breaks_it.status_code == 400 and "special_categories" in breaks_it.json()["error"]["fields"]
    unchanged = ok(pko.get(f"/processing-activities/{processing['id']}"))
    assert unchanged["version"] == 1 and len(unchanged["legal_bases"]) == 2
    assert ok(pko.get(f"/processing-activities/{processing['id']}/history"))["items"] == []


def test_an_incomplete_processing_is_reported_and_the_export_holds_every_field(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    ok(pko.post("/processing-activities", json=complete_record()), 201)
    sparse = ok(pko.post("/processing-activities", json={"name": "Besøksregistrering"}), 201)
    assert sparse["complete"] is False
    # the test agency's directory entry has no contacts: the record's own are missing too
    assert [m["key"] for m in sparse["missing"]] == [
        "controller", "controller_contact", "dpo_contact", "purposes", "data_subject_categories",
        "personal_data_categories", "recipients", "third_country_transfers", "retention", "security_measures"]
    assert [p["name"] for p in ok(pko.get("/processing-activities", params={"complete": "false"}))["items"]] == \
        ["Besøksregistrering"]

    workbook = pko.get("/processing-activities/export", params={"format": "xlsx"})
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    headings = [cell.value for cell in sheet[1]]
    assert headings == export.headings("nb")
    rows = {row[0]: dict(zip(headings, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"Elevadministrasjon", "Besøksregistrering"}
    full = rows["Elevadministrasjon"]
    assert full["Formålet med behandlingen (b)"] == "Skoleadministrasjon; Vurdering"
    assert "art. 9 nr. 2 bokstav g" in full["Behandlingsgrunnlag (art. 6, 9, 10)"]
    assert full["Fullstendig (art. 30)"] == "Ja" and rows["Besøksregistrering"]["Fullstendig (art. 30)"] == "Nei"
    assert "Formålene med behandlingen (30(1)(b))" in rows["Besøksregistrering"]["Mangler (art. 30)"]
    assert full["Særlige kategorier (art. 9)"] == "helseopplysninger" and full["Status"] == "aktiv"
    shown = ok(pko.get(f"/processing-activities/{sparse['id']}"))
    record_fields = set(complete_record()) | {"criminal_offence_data", "transfers", "joint_controllers",
                                              "data_sources", "responsible_unit", "automated_decisions",
                                              "profiling", "monitoring", "new_technology", "last_reviewed"}
    assert record_fields <= set(shown), "every field of the record is shown"

    text = pko.get("/processing-activities/export", params={"format": "csv"})
    table = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == headings and len(table) == 3
    as_json = ok(pko.get("/processing-activities/export", params={"format": "json"}))
    assert {p["name"] for p in as_json["items"]} == {"Elevadministrasjon", "Besøksregistrering"}


def test_a_processor_without_a_valid_agreement_is_flagged_and_expiry_is_announced_once(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    assert ok(pko.get("/processing-activities", params={"missing_agreement": "true"}))["total"] == 1
    agreement = ok(pko.post("/processor-agreements", json={
        "processor": "Skolesystemer AS", "processing_ids": [processing["id"]], "status": "signed",
        "signed_on": "2025-01-15", "expires_on": (oslo_today() + timedelta(days=30)).isoformat(),
        "sub_processors": ["Driftspartner AS"], "transfer_basis": "none", "municipal_template": True}), 201)
    assert agreement["valid"] is True and agreement["expiring"] is True
    assert ok(pko.get(f"/processing-activities/{processing['id']}"))["processors_without_agreement"] == []
    expiring = wait_for(lambda: events(vern, "processor_agreement_expiring", str(agreement["id"])))
    wait_for(lambda: False, timeout=0.8)
    assert len(events(vern, "processor_agreement_expiring", str(agreement["id"]))) == 1 == len(expiring)

    ok(pko.patch(f"/processor-agreements/{agreement['id']}", json={"status": "terminated"}))
    assert ok(pko.get(f"/processing-activities/{processing['id']}"))["processors_without_agreement"] == \
        ["Skolesystemer AS"]
    unknown = pko.post("/processor-agreements", json={"processor": "X", "processing_ids": ["nope"]})
    assert unknown.status_code == 400 and "processing_ids" in unknown.json()["error"]["fields"]


def test_the_overall_privacy_assessment_is_kept_with_the_processing(vern):
    pko = vern.client(("pko",), agency())
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    aspects = {name: {"status": "ok", "comment": "I orden"} for name in (
        "lawfulness", "purpose_limitation", "data_minimisation", "storage_limitation",
        "information_to_data_subjects", "data_subject_rights", "access_control")}
    aspects["storage_limitation"] = {"status": "partly", "comment": "Sletting skjer manuelt",
                                     "measure": "Automatisk sletting", "measure_owner": "systemeier",
                                     "measure_due": "2027-06-30"}
    assessed = ok(pko.put(f"/processing-activities/{processing['id']}/privacy-assessment",
                          json={"aspects": aspects, "review_months": 12}))
    kept = assessed["privacy_assessment"]
    assert kept["aspects"]["storage_limitation"]["measure"] == "Automatisk sletting" and kept["next_review"]
    partial = pko.put(f"/processing-activities/{processing['id']}/privacy-assessment",
                      json={"aspects": {"lawfulness": {"status": "ok"}}})
    assert partial.status_code == 400 and "aspects" in partial.json()["error"]["fields"]


def test_who_may_do_what_in_the_register(vern):
    code = agency()
    pko, isk, ombud, leader = (vern.client((role,), code) for role in ("pko", "isk", "ombud", "leader"))
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    assert isk.post("/processing-activities", json=complete_record()).status_code == 403
    assert ombud.patch(f"/processing-activities/{processing['id']}", json={"owner": "x"}).status_code == 403
    assert ok(ombud.get(f"/processing-activities/{processing['id']}"))["id"] == processing["id"]
    dpia = written_dpia(pko, processing["id"], residual=(1, 2))
    assert pko.post(f"/dpias/{dpia['id']}/dpo-advice", json={"advice": "Selvskrevet råd"}).status_code == 403
    ok(pko.post(f"/dpias/{dpia['id']}/status", json={"status": "in_review"}))
    assert pko.post(f"/dpias/{dpia['id']}/decision", json={"decision": "approved"}).status_code == 403
    ok(ombud.post(f"/dpias/{dpia['id']}/dpo-advice", json={"advice": "Greit"}))
    not_followed = leader.post(f"/dpias/{dpia['id']}/decision",
                               json={"decision": "approved", "dpo_advice_followed": False})
    assert not_followed.status_code == 400 and "reason_not_followed" in not_followed.json()["error"]["fields"]
    approved = ok(leader.post(f"/dpias/{dpia['id']}/decision", json={"decision": "approved"}))
    assert approved["residual_risk"] == "low" and approved["prior_consultation"] is None
    stranger = vern.client(("pko",), agency())
    assert stranger.get(f"/processing-activities/{processing['id']}").status_code == 404
    assert stranger.get(f"/dpias/{dpia['id']}").status_code == 404
    central = vern.client(("central",), "fin")
    assert ok(central.get(f"/dpias/{dpia['id']}"))["agency"] == code


def test_processors_without_an_agreement_are_announced_when_that_changes_and_reach_the_reports(vern):
    """Art. 28: registering, signing, terminating and a lapse by date each change the answer once;
    reporting counts the processings affected and the self-declaration answers from it."""
    code = agency()
    pko, leader = vern.client(("pko",), code), vern.client(("leader",), code)
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)

    def announced():
        rows = vern.sql("privacy_register", "SELECT envelope FROM outbox_events WHERE routing_key = :key ORDER BY seq",
                        key="agreement_coverage_changed")
        found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
        return [e["data"]["processors_without_agreement"] for e in found if e["subject"] == processing["id"]]

    assert announced() == [["Skolesystemer AS"]]
    agreement = ok(pko.post("/processor-agreements", json={
        "processor": "Skolesystemer AS", "processing_ids": [processing["id"]], "status": "signed",
        "signed_on": "2025-01-15", "expires_on": (oslo_today() + timedelta(days=1)).isoformat()}), 201)
    assert announced() == [["Skolesystemer AS"], []]
    ok(pko.patch(f"/processing-activities/{processing['id']}", json={"description": "Nytt formål i teksten."}))
    assert announced() == [["Skolesystemer AS"], []]  # a change that leaves the answer as it was says nothing

    year = oslo_today().year
    declaration = ok(leader.post("/reports", json={"kind": "self_declaration", "period_start": f"{year}-01-01",
                                                   "period_end": f"{year}-12-31"}), 201)

    def statement():
        found = ok(leader.get(f"/reports/{declaration['id']}"))["content"]["statements"]
        return next(s for s in found if s["key"] == "processor_agreements_in_place")

    assert wait_for(lambda: statement()["answer"] == "yes", timeout=10)
    # the agreement lapses with nobody touching anything (its date moved into the past, as time would
    # move it without shifting the clock of the whole system): the timer sees it
    engine = create_engine(vern.config["DATABASES"]["privacy_register"])
    with engine.begin() as connection:
        connection.execute(text("UPDATE processor_agreements SET expires_on = :day WHERE id = :id"),
                           {"day": oslo_today() - timedelta(days=1), "id": agreement["id"]})
    engine.dispose()
    wait_for(lambda: len(announced()) == 3, timeout=20)
    assert announced() == [["Skolesystemer AS"], [], ["Skolesystemer AS"]]
    lapsed = wait_for(lambda: (s := statement())["answer"] == "no" and s, timeout=20)
    assert lapsed["figures"]["without_agreement"] == 1
    assert lapsed["figures"]["processors_without_agreement"] == {"Skolesystemer AS": 1}
    assert agreement["valid"] is True


def directory_with(code: str, contacts: dict) -> dict:
    """The suite's agency directory with one more agency and its contacts (as reporting loads it)."""
    import yaml
    from tests.integration.harness import DIRECTORY
    directory = yaml.safe_load(DIRECTORY.read_text())
    directory["agencies"].append({"code": code, "name": f"Etat {code}", "contacts": contacts})
    return directory


def test_the_dpo_contact_comes_from_the_agency_directory_or_is_named_missing(vern):
    without = agency()
    pko = vern.client(("pko",), without)
    record = complete_record(dpo_contact=None, controller_contact=None)
    lacking = ok(pko.post("/processing-activities", json=record), 201)
    assert lacking["complete"] is False
    assert [(m["key"], m["article"], m["label_nb"]) for m in lacking["missing"]] == [
        ("controller_contact", "30(1)(a)", "Behandlingsansvarliges kontaktopplysninger"),
        ("dpo_contact", "30(1)(a)", "Personvernombudets kontaktopplysninger")]
    listed = ok(pko.get("/processing-activities", params={"complete": "false"}))["items"]
    assert [p["id"] for p in listed] == [lacking["id"]]
    assert "Personvernombudets kontaktopplysninger" in [m["label_nb"] for m in listed[0]["missing"]]
    registered = events(vern, "processing_registered", lacking["id"])[0]["data"]
    assert registered["complete"] is False and registered["role"] == "controller"
    assert [m["key"] for m in registered["missing"]] == ["controller_contact", "dpo_contact"]

    with_dpo = agency()
    vern.load_directory(directory_with(with_dpo, {
        "ombud": {"name": "Personvernombudet", "address": "pvo@kommune.example.test"},
        "leader": {"name": "Etatsdirektør", "address": "postmottak@etat.example.test"}}))
    pko = vern.client(("pko",), with_dpo)
    complete = ok(pko.post("/processing-activities", json=record), 201)
    assert complete["complete"] is True and complete["missing"] == []
    assert complete["dpo_contact"] == "Personvernombudet, pvo@kommune.example.test"
    assert complete["from_directory"] == ["controller_contact", "dpo_contact"]
    assert ok(pko.get("/processing-activities", params={"complete": "true"}))["total"] == 1
    registered = events(vern, "processing_registered", complete["id"])[0]["data"]
    assert registered["complete"] is True and registered["missing"] == []
    # a contact given on the processing wins over the directory's
    own = ok(pko.patch(f"/processing-activities/{complete['id']}", json={"dpo_contact": "Eget ombud, eget@x.test"}))
    assert own["dpo_contact"] == "Eget ombud, eget@x.test" and own["from_directory"] == ["controller_contact"]
    # and it stays what was given: the directory's contact is not written into the record
    assert ok(pko.patch(f"/processing-activities/{complete['id']}", json={"dpo_contact": None}))["dpo_contact"] == \
        "Personvernombudet, pvo@kommune.example.test"


def test_a_processor_record_is_registered_listed_and_exported(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    ok(pko.post("/processing-activities", json=complete_record()), 201)
    processor = {"name": "Lønnskjøring for andre etater", "status": "active", "role": "processor",
                 "processor_name": "Lønnsetaten", "processor_contact": "postmottak@lonn.example.test",
                 "dpo_contact": "personvernombud@oslo.kommune.no",
                 "controllers": [{"name": "Utdanningsetaten", "contact": "postmottak@ude.example.test",
                                  "agency_code": "ude"}, {"name": "Bymiljøetaten"}],
                 "processing_categories": ["Lønnsutbetaling", "Innrapportering av a-melding"],
                 "third_country_transfers": False}
    lacking = ok(pko.post("/processing-activities", json=processor), 201)
    assert lacking["role"] == "processor" and lacking["complete"] is False
    assert [(m["key"], m["article"]) for m in lacking["missing"]] == [
        ("controllers_contact", "30(2)(a)"), ("processor_security_measures", "30(2)(d)")]
    done = ok(pko.patch(f"/processing-activities/{lacking['id']}", json={
        "controllers": [processor["controllers"][0], {"name": "Bymiljøetaten", "contact": "post@bym.example.test"}],
        "security_measures": "Tilgangsstyring per etat, logging, kryptering."}))
    assert done["complete"] is True and done["missing"] == []
    updated = events(vern, "processing_updated", lacking["id"])[-1]["data"]
    assert updated["role"] == "processor" and updated["complete"] is True

    as_processor = ok(pko.get("/processing-activities", params={"role": "processor"}))
    assert [p["name"] for p in as_processor["items"]] == ["Lønnskjøring for andre etater"]
    assert ok(pko.get("/processing-activities", params={"role": "controller"}))["total"] == 1

    workbook = pko.get("/processing-activities/export", params={"format": "xlsx", "language": "en"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    headings = [cell.value for cell in sheet[1]]
    assert headings == export.headings("en")
    rows = {row[0]: dict(zip(headings, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    row = rows["Lønnskjøring for andre etater"]
    assert row["Role (art. 30(1) or 30(2))"] == "processor" and row["Complete (art. 30)"] == "Yes"
    assert row["Processor (art. 30(2)(a))"] == "Lønnsetaten"
    assert row["Controllers on whose behalf it processes (art. 30(2)(a))"] == \
        "Utdanningsetaten, postmottak@ude.example.test; Bymiljøetaten, post@bym.example.test"
    assert row["Categories of processing (art. 30(2)(b))"] == "Lønnsutbetaling; Innrapportering av a-melding"
    assert rows["Elevadministrasjon"]["Role (art. 30(1) or 30(2))"] == "controller"
    assert rows["Elevadministrasjon"]["Special categories (art. 9)"] == "health data"
    only = pko.get("/processing-activities/export", params={"format": "csv", "role": "processor"})
    table = list(csv.reader(io.StringIO(only.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == export.headings("nb") and [r[0] for r in table[1:]] == ["Lønnskjøring for andre etater"]
