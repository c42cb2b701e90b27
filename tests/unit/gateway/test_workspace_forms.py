"""Risk treatment and the training detail forms: the payloads the API takes, and what a person forgot
named on the form's own fields."""
from services.gateway.web import risk_forms, training_forms


def test_a_treatment_with_an_empty_residual_rating_means_as_before():
    payload, errors = risk_forms.treatment_payload({"treatment-treatment": "reduce",
                                                    "treatment-residual_likelihood": "1",
                                                    "treatment-review_date": "01.06.2027"})
    assert errors == {}
    assert payload == {"treatment": "reduce", "treatment_rationale": None, "residual_likelihood": 1,
                       "residual_consequence": None, "review_date": "2027-06-01"}
    assert set(risk_forms.treatment_payload({"treatment-review_date": "snart"})[1]) == {
        "treatment-treatment", "treatment-review_date"}


def test_an_assessment_moves_only_to_the_steps_the_page_offers():
    assert risk_forms.assessment_step_payload({"step": "completed", "step-note": " ok "}) == (
        {"status": "completed", "note": "ok"}, {})
    assert risk_forms.assessment_step_payload({"step": "approved"})[1] == {"_form": ["err.status_required"]}


def test_a_campaign_is_targeted_by_line_with_its_reminders():
    payload, errors = training_forms.targeting_payload({
        "target-target_units": "Bydel Frogner\nBydel Sagene", "target-target_roles": "", "target-target_rate": "95 %",
        "target-count": "2", "target-spacing_days": "7", "target-starts_on": "01.02.2027",
        "target-ends_on": "2027-02-28"})
    assert errors == {}
    assert payload == {"target_units": ["Bydel Frogner", "Bydel Sagene"], "target_roles": [], "target_rate": 95.0,
                       "reminders": {"count": 2, "spacing_days": 7}, "starts_on": "2027-02-01",
                       "ends_on": "2027-02-28"}
    _, errors = training_forms.targeting_payload({"target-count": "to"})
    assert {"target-count", "target-spacing_days", "target-target_rate", "target-starts_on"} <= set(errors)


def test_a_finding_is_added_to_those_already_there():
    finding, errors = training_forms.finding_payload({"finding-title": "Utdatert liste",
                                                      "finding-severity": "medium"})
    assert errors == {}
    existing = [{"finding_id": "F1", "title": "Nødstrøm", "severity": "high", "description": None,
                 "proposed_measure": "Koble til"}]
    assert training_forms.with_finding(existing, finding) == [
        {"title": "Nødstrøm", "severity": "high", "description": None, "proposed_measure": "Koble til"}, finding]
    assert set(training_forms.finding_payload({})[1]) == {"finding-title", "finding-severity"}


def test_enrolment_and_participation_take_ids_a_line_and_participation_a_day():
    from services.training.schemas import ParticipantIdsSchema, ParticipationSchema

    enrol, errors = training_forms.enrolment_payload({"enrol-participant_ids": "p-1\n\n p-2 ; p-3"})
    assert errors == {} and ParticipantIdsSchema().load(enrol)["participant_ids"] == ["p-1", "p-2", "p-3"]
    assert set(training_forms.enrolment_payload({})[1]) == {"enrol-participant_ids"}
    took_part, errors = training_forms.participation_payload({"participation-participant_ids": "p-1",
                                                              "participation-completed_on": "2026-03-02"})
    assert errors == {} and took_part["completed_on"] == "2026-03-02"
    ParticipationSchema().load(took_part)
    assert set(training_forms.participation_payload({"participation-completed_on": "i går"})[1]) == {
        "participation-participant_ids", "participation-completed_on"}
