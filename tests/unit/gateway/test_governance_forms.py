"""The governance pages' forms become the API's payloads; what a person forgot is named beside its field,
and every value a form or filter offers is one the API's schema accepts and has a label."""
from services.gateway.web import governance_forms as gf, i18n
from services.reporting.annual_plan_schemas import CreatePlanActivitySchema, EvidenceInputSchema
from services.reporting.governance_schemas import (AttestationInputSchema, CreateAdviceSchema,
                                                   CreateGoverningDocumentSchema, CreateRequirementSchema,
                                                   OverlayInputSchema, UpdateAdviceSchema)
from services.reporting.schemas import CreateReportSchema


def test_a_planned_activity_is_the_api_payload_of_the_year_shown():
    payload, errors = gf.activity_payload({"activity-title": " Beredskapsøvelse ", "activity-area": "security",
                                           "activity-kind": "exercise", "activity-owner_role": "isk",
                                           "activity-due_month": "10", "activity-description": ""}, 2090)
    assert errors == {}
    assert payload == {"year": 2090, "title": "Beredskapsøvelse", "area": "security", "kind": "exercise",
                       "owner_role": "isk", "due_month": 10, "description": None, "expects_reference": None}
    CreatePlanActivitySchema().load(payload)
    _, errors = gf.activity_payload({"activity-due_month": "13", "activity-kind": "party"}, 2090)
    assert set(errors) == {"activity-title", "activity-area", "activity-kind", "activity-owner_role",
                           "activity-due_month"}


def test_a_change_sends_only_what_differs_and_a_cancellation_needs_a_reason():
    activity = {"title": "ROS", "owner_role": "isk", "due_month": 12, "status": "planned", "description": None,
                "cancel_reason": None, "expects_reference": None}
    form = gf.activity_values(activity)
    assert gf.activity_change(form, activity) == ({}, {})
    payload, errors = gf.activity_change({**form, "edit-status": "cancelled"}, activity)
    assert errors == {"edit-cancel_reason": ["err.text_required"]}
    payload, errors = gf.activity_change({**form, "edit-status": "cancelled", "edit-cancel_reason": "Slått sammen"},
                                         activity)
    assert errors == {} and payload == {"status": "cancelled", "cancel_reason": "Slått sammen"}


def test_evidence_ticks_done_unless_unticked_and_a_day_stays_that_day():
    payload, errors = gf.evidence_payload({"evidence-type": "minutes", "evidence-reference": "2026/1-1",
                                           "evidence-title": "Referat", "evidence-done": "yes",
                                           "evidence-at": "02.10.2090"})
    assert errors == {} and payload["done"] is True and payload["at"].startswith("2090-10-02T12:00")
    EvidenceInputSchema().load(payload)
    assert gf.evidence_payload({"evidence-type": "minutes", "evidence-reference": "r",
                                "evidence-title": "Referat"})[0]["done"] is False


def test_a_document_an_attestation_and_advice_as_the_api_takes_them():
    document, errors = gf.document_payload({"document-title": "Rutine for tilgang", "document-kind": "routine",
                                            "document-area": "security", "document-owner": "ISK",
                                            "document-approved_on": "01.02.2026", "document-status": "in_force"})
    assert errors == {} and document["approved_on"] == "2026-02-01"
    CreateGoverningDocumentSchema().load(document)
    attestation, errors = gf.attestation_payload({"attest-period": "2026-H2", "attest-result": "not_complied"})
    assert errors == {"attest-comment": ["err.text_required"]}
    attestation, errors = gf.attestation_payload({"attest-period": "2026-H2", "attest-result": "complied"})
    AttestationInputSchema().load(attestation)
    advice, errors = gf.advice_payload({"advice-title": "Nytt system", "advice-question": "DPIA?",
                                        "advice-requested_by": "Helsestasjonen", "advice-kind": "procurement",
                                        "advice-area": "privacy", "advice-requested_on": "2026-11-02",
                                        "advice-processor_agreement_needed": "yes",
                                        "advice-requirements_set": "Avtale\nDPIA"})
    assert errors == {} and advice["status"] == "open" and advice["requirements_set"] == ["Avtale", "DPIA"]
    CreateAdviceSchema().load(advice)
    entry = {**advice, "id": 1}
    change, errors = gf.advice_change({**gf.advice_values(entry), "edit-status": "given"}, entry)
    assert set(errors) == {"edit-advice_given", "edit-given_on"}
    change, errors = gf.advice_change({**gf.advice_values(entry), "edit-status": "given",
                                       "edit-advice_given": "Ja", "edit-given_on": "2026-11-09"}, entry)
    assert errors == {} and change == {"status": "given", "advice_given": "Ja", "given_on": "2026-11-09"}
    UpdateAdviceSchema().load(change)


def test_a_requirement_answer_and_a_new_report():
    overlay, errors = gf.overlay_payload({"overlay-applies": "yes", "overlay-document_ids": "3, #4",
                                          "overlay-how_met": "Rutinen"})
    assert errors == {} and overlay["document_ids"] == [3, 4]
    OverlayInputSchema().load(overlay)
    assert set(gf.overlay_payload({"overlay-document_ids": "tre"})[1]) == {"overlay-applies",
                                                                           "overlay-document_ids"}
    report, errors = gf.new_report_payload({"newreport-kind": "management_review",
                                            "newreport-period_start": "2026-01-01",
                                            "newreport-period_end": "31.12.2026"})
    assert errors == {}
    CreateReportSchema().load(report)


def test_a_requirement_of_the_agencys_own_applies_from_the_start_and_names_what_is_missing():
    own, errors = gf.own_requirement_payload({"own-code": "egen-logging", "own-title_nb": "Logging av oppslag",
                                              "own-text_nb": "Alle oppslag skal logges.", "own-title_en": ""})
    assert errors == {} and own["applies"] is True and own["title_en"] is None
    assert CreateRequirementSchema().load(own)["code"] == "egen-logging"
    assert set(gf.own_requirement_payload({"own-code": "x"})[1]) == {"own-code", "own-title_nb", "own-text_nb"}


def test_the_audit_filters_take_whole_days_in_oslo_and_page_by_fifty():
    filters, query, errors = gf.audit_filters({"service": "risk", "actor": " kari ", "since": "2026-06-01",
                                               "until": "2026-06-30", "evil": "x", "page": "2"})
    assert errors == {} and filters["actor"] == "kari" and "evil" not in filters
    assert query["since"] == "2026-05-31T22:00:00+00:00" and query["until"] == "2026-06-30T22:00:00+00:00"
    assert query["page"] == "2" and query["page_size"] == 50 and query["actor"] == "kari"
    assert gf.audit_filters({"since": "2026-13-01"})[2] == {"since": ["err.date_invalid"]}
    assert gf.audit_service({"service": "nonsense"}) == gf.AUDITED_SERVICES[0]


def test_an_audit_entry_shows_each_field_before_and_after():
    rows = gf.changed_fields({"operation": "update", "changes": {"status": {"before": "open", "after": "given"}}})
    assert rows == [{"field": "status", "before": "open", "after": "given"}]
    rows = gf.changed_fields({"operation": "insert", "changes": {"ids": [1, 2], "text": "x" * 500}})
    assert rows[0] == {"field": "ids", "before": None, "after": "[1, 2]"} and len(rows[1]["after"]) == 200


def test_a_page_of_a_list_names_its_range():
    assert gf.counted({"items": [{}] * 50, "page": 2, "page_size": 50, "total": 274})["first"] == 51
    assert gf.counted({"items": [{}] * 24, "page": 6, "page_size": 50, "total": 274})["last"] == 274
    assert gf.counted({"items": [], "page": 1, "page_size": 50, "total": 0})["first"] == 0


def test_every_value_the_forms_and_filters_offer_has_a_label():
    offered = [("parea", gf.PLAN_AREAS), ("parea", gf.DOCUMENT_AREAS), ("pkind", gf.PLAN_KINDS),
               ("pstatus", gf.PLAN_STATUSES), ("standing", gf.STANDINGS), ("role", gf.OWNER_ROLES),
               ("evtype", gf.EVIDENCE_TYPES), ("dkind", gf.DOCUMENT_FILTER_CHOICES["kind"]),
               ("docstatus", gf.DOCUMENT_STATUSES), ("attest", gf.ATTESTATION_RESULTS),
               ("akind", gf.ADVICE_KINDS), ("adstatus", gf.ADVICE_STATUSES), ("rkind", gf.REPORT_KINDS),
               ("svc", gf.AUDITED_SERVICES)]
    missing = [f"{prefix}.{value}" for prefix, values in offered for value in values
               if f"{prefix}.{value}" not in i18n.KEYS]
    assert not missing, missing
