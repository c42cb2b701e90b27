"""The forms of the pages for processor agreements, the overall privacy assessment, prior consultation,
courses and the CSV import, the coordinators' courses, routing rules and webhooks: forms to the API's
payloads (which the API's schemas then accept), the services' errors back beside the fields, and the
lists the API gives whole, filtered, sorted and paged on the page."""
from datetime import date

from services.gateway.web import course_forms, processor_forms, routing_forms, webhook_forms
from services.privacy_register.schemas import (CreateAgreementSchema, PriorConsultationOutcomeSchema,
                                               PrivacyAssessmentSchema)
from services.notifications.schemas import RoutingRuleInputSchema
from services.training.schemas import (CreateCourseSchema, PublishCoordinatorCourseSchema,
                                       RecordCoordinatorParticipationSchema)

ON = date(2026, 6, 1)


def _agreement(n, status="signed", expires_on=None, expiring=False, processing_ids=()):
    return {"id": n, "processor": f"Leverandør {n}", "status": status, "expires_on": expires_on,
            "expiring": expiring, "processing_ids": list(processing_ids)}


def test_an_agreement_runs_out_only_when_signed():
    assert processor_forms.expiry_state(_agreement(1, expires_on="2026-05-31", expiring=True), ON) == "expired"
    assert processor_forms.expiry_state(_agreement(1, expires_on="2026-06-01", expiring=True), ON) == "expiring"
    assert processor_forms.expiry_state(_agreement(1, expires_on="2027-06-01"), ON) == "valid"
    assert processor_forms.expiry_state(_agreement(1), ON) == "no_expiry"
    assert processor_forms.expiry_state(_agreement(1, "draft", "2026-01-01"), ON) is None
    assert processor_forms.expiry_state(_agreement(1, "terminated", "2026-01-01"), ON) is None


def test_the_agreements_are_filtered_sorted_and_paged_with_their_filters_kept():
    items = [_agreement(n, expires_on=f"2026-{n:02d}-01" if n % 2 else None,
                        processing_ids=["p"] if n < 4 else []) for n in range(1, 13)]
    filters = processor_forms.agreement_filters({"expiry": "expired", "sort": "expires_on", "page": "2",
                                                 "status": "nonsense"})
    assert filters == {"expiry": "expired", "sort": "expires_on", "page": "2"}
    listed = processor_forms.agreement_listing(items, filters, ON, "/processor-agreements", page_size=2)
    assert listed["total"] == 3 and listed["pages"] == 2 and listed["page"] == 2
    assert [a["id"] for a in listed["items"]] == [5]  # January, March, May expired; the third on page 2
    assert listed["previous"] == "/processor-agreements?expiry=expired&sort=expires_on&page=1"
    by_processing = processor_forms.agreement_listing(items, {"processing_id": "p", "sort": "processor"}, ON, "/x")
    assert [a["id"] for a in by_processing["items"]] == [1, 2, 3]
    named = processor_forms.agreements_naming(items, "p", ON)
    assert [(a["id"], a["expiry"]) for a in named] == [(1, "expired"), (2, "no_expiry"), (3, "expired")]


def test_an_agreements_form_is_the_apis_payload_and_keeps_only_known_activities():
    form = {"agreement-processor": "Skolesystemer AS", "agreement-status": "signed", "agreement-signed_on": "01.05.2026",
            "agreement-expires_on": "2029-04-30", "agreement-sub_processors": "Driftspartner AB\nSkyleverandør AS",
            "agreement-transfer_basis": "none", "agreement-municipal_template": "yes",
            "agreement-processing-a": "a", "agreement-processing-z": "z"}
    payload, errors = processor_forms.agreement_payload(form, {"a"})
    assert errors == {}
    assert payload["processing_ids"] == ["a"] and payload["signed_on"] == "2026-05-01"
    assert CreateAgreementSchema().load(payload)["municipal_template"] is True
    again = processor_forms.agreement_values({**payload, "processing_ids": ["a"]})
    assert again["agreement-sub_processors"] == "Driftspartner AB\nSkyleverandør AS"
    assert again["agreement-processing-a"] == "a" and again["agreement-municipal_template"] == "yes"
    _, errors = processor_forms.agreement_payload({"agreement-status": "signed"}, set())
    assert set(errors) == {"agreement-processor", "agreement-signed_on"}


def test_the_assessments_form_answers_every_aspect_and_its_errors_come_back_beside_them():
    form = {f"aspect-{aspect}-status": "ok" for aspect in processor_forms.ASPECTS}
    form.update({"aspect-access_control-status": "partly", "aspect-access_control-measure": "Gjennomgå tilganger",
                 "aspect-access_control-measure_owner": "Systemeier",
                 "aspect-access_control-measure_due": "2027-01-01", "review_months": "6"})
    payload, errors = processor_forms.assessment_payload(form)
    assert errors == {}
    loaded = PrivacyAssessmentSchema().load(payload)
    assert loaded["review_months"] == 6 and loaded["aspects"]["access_control"]["measure_owner"] == "Systemeier"
    _, errors = processor_forms.assessment_payload({**form, "aspect-access_control-measure_owner": "",
                                                    "aspect-lawfulness-status": ""})
    assert set(errors) == {"aspect-access_control-measure_owner", "aspect-lawfulness-status"}
    shown = processor_forms.assessment_errors({"aspects": {"access_control": {"measure": ["Too short"]}},
                                               "review_months": ["Too many"]})
    assert shown == {"aspect-access_control-measure": ["Too short"], "review_months": ["Too many"]}
    assert processor_forms.assessment_values({"aspects": loaded["aspects"] | {
        "access_control": {**payload["aspects"]["access_control"]}}, "review_months": 6})["review_months"] == "6"


def test_a_prior_consultations_answer():
    payload, errors = processor_forms.consultation_payload({"outcome": "advice_given", "submitted_on": "01.06.2026",
                                                            "answered_on": "2026-08-15", "reference": ""})
    assert errors == {} and PriorConsultationOutcomeSchema().load(payload)["reference"] is None
    _, errors = processor_forms.consultation_payload({"outcome": "maybe"})
    assert set(errors) == {"outcome", "submitted_on", "answered_on"}


def test_a_courses_form_and_the_course_list():
    payload, errors = course_forms.course_payload({
        "course-code": "PV-101", "course-title": "Personvern for alle", "course-topic": "privacy",
        "course-mandatory": "yes", "course-audience_roles": "employee", "course-validity_months": "24",
        "course-grace_days": "30", "course-pass_mark": "80 %"})
    assert errors == {}
    loaded = CreateCourseSchema().load(payload)
    assert loaded["mandatory"] is True and loaded["pass_mark"] == 80 and loaded["audience_roles"] == ["employee"]
    _, errors = course_forms.course_payload({"course-grace_days": "mange"})
    assert set(errors) == {"course-code", "course-title", "course-topic", "course-grace_days"}
    courses = [{"code": code, "title": title, "topic": topic, "mandatory": mandatory}
               for code, title, topic, mandatory in (("B-2", "Sikkerhet", "security", True),
                                                     ("A-1", "Personvern", "privacy", True),
                                                     ("C-3", "Begge", "both", False))]
    listed = course_forms.course_listing(courses, course_forms.course_filters({"mandatory": "true"}), "/c")
    assert [c["code"] for c in listed["items"]] == ["A-1", "B-2"] and listed["total"] == 2
    by_title = course_forms.course_listing(courses, {"sort": "title"}, "/c")
    assert [c["title"] for c in by_title["items"]] == ["Begge", "Personvern", "Sikkerhet"]


def test_the_imports_options():
    assert course_forms.import_options({"mode": "valid_rows", "dry_run": "1"}) == (
        {"mode": "valid_rows", "dry_run": True}, {})
    assert course_forms.import_options({"mode": "all_or_nothing", "dry_run": "0"})[0]["dry_run"] is False
    assert course_forms.import_options({"mode": "some"})[1] == {"mode": ["err.choice_required"]}


def test_publishing_a_coordinator_course_and_recording_who_came():
    payload, errors = course_forms.publish_payload({
        "publish-title": "Koordinatorsamling", "publish-kind": "event", "publish-starts_on": "2026-10-20",
        "publish-roles-pko": "1", "publish-roles-isk": "1"})
    assert errors == {} and PublishCoordinatorCourseSchema().load(payload)["roles"] == ["pko", "isk"]
    _, errors = course_forms.publish_payload({"publish-title": "Ko"})
    assert set(errors) == {"publish-title", "publish-kind", "publish-roles", "publish-starts_on"}
    payload, errors = course_forms.participation_payload(
        {"take-course_id": "c1", "take-person": "Kari Nordmann", "take-role": "pko", "take-attended": "yes"},
        {"c1"}, ON)
    assert errors == {} and RecordCoordinatorParticipationSchema().load(payload)["attended"] is True
    _, errors = course_forms.participation_payload({"take-course_id": "other", "take-attended_on": "2026-06-02"},
                                                   {"c1"}, ON)
    assert set(errors) == {"take-course_id", "take-person", "take-role", "take-attended_on"}


def test_a_routing_rules_form_and_back():
    form = {"event_type": "incidents.incident_escalated", "recipient_role": "leader", "channel": "email",
            "conditions": "severity=critical\npersonal_data_involved=true", "due_field": "aware_at",
            "due_hours": "24", "reminder_hours": "4 12,5", "overdue_roles-central": "1"}
    payload, errors = routing_forms.rule_payload(form)
    assert errors == {}
    assert payload["conditions"] == {"severity": "critical", "personal_data_involved": True}
    assert payload["reminder_hours"] == [4, 12.5] and payload["overdue_roles"] == ["central"]
    loaded = RoutingRuleInputSchema().load(payload)
    assert loaded["due_hours"] == 24
    values = routing_forms.rule_values({**payload, "reminder_hours": [4.0, 12.5], "due_hours": 24.0})
    assert values["conditions"] == "severity=critical\npersonal_data_involved=true"
    assert values["reminder_hours"] == "4 12.5" and values["due_hours"] == "24" and values["overdue_roles-central"]
    _, errors = routing_forms.rule_payload({"conditions": "severity critical", "due_hours": "en dag"})
    assert set(errors) == {"conditions", "event_type", "recipient_role", "due_hours"}
    assert routing_forms.nested_errors({"conditions": {"severity": ["Not a value"]}, "x": ["?"]}) == {
        "conditions": ["severity: Not a value"], "_form": ["?"]}
    assert routing_forms.rule_filters({"event_type": "nope", "include_retired": "true"}) == {"include_retired": "true"}


def test_a_webhooks_form():
    payload, errors = webhook_forms.subscription_payload(
        {"url": "https://sak.example/vern", "event_types": "incidents.*\nrisk.*", "all_agencies": "1"}, central=False)
    assert errors == {} and payload == {"url": "https://sak.example/vern", "event_types": ["incidents.*", "risk.*"],
                                        "description": None}
    assert webhook_forms.subscription_payload({"all_agencies": "1", "url": "u", "event_types": "x"},
                                              central=True)[0]["all_agencies"] is True
    assert set(webhook_forms.subscription_payload({}, central=False)[1]) == {"url", "event_types"}


def test_no_two_page_mixins_define_the_same_method():
    """A helper named alike on two mixins would be one method on the gateway: the first in the MRO wins
    and the other mixin's page calls a stranger's (a privacy assessment page that loaded a risk assessment)."""
    from services.gateway.web.routes import WebPages

    seen = {}
    for mixin in WebPages.__mro__[1:]:
        if not mixin.__module__.startswith("services.gateway.web."):
            continue
        for name, value in vars(mixin).items():
            if callable(value) and not name.startswith("__"):
                assert name not in seen, f"{name} is on {seen.get(name)} and {mixin.__name__}"
                seen[name] = mixin.__name__
