"""The coordinator's case-work and breach forms: what a person forgot is named per field, in the
form's own (prefixed) field names; what the service refuses comes back beside the same fields."""
from services.gateway.web import incident_forms as forms
from services.incidents import duty


def test_a_status_change_needs_a_status_and_a_rejection_a_reason():
    assert forms.transition_payload({"transition-status": "triage"}) == ({"status": "triage", "note": None}, {})
    _, errors = forms.transition_payload({"transition-status": "rejected", "transition-note": " "})
    assert errors == {"transition-note": ["err.rejection_reason"]}
    assert forms.transition_payload({})[1] == {"transition-status": ["err.status_required"]}


def test_a_handler_is_a_name_and_the_pko_or_the_isk():
    assert forms.handler_payload({"handler-handler": " kari ", "handler-role": "pko"}) == (
        {"handler": "kari", "role": "pko"}, {})
    assert set(forms.handler_payload({"handler-role": "leader"})[1]) == {"handler-handler", "handler-role"}


def test_a_measure_needs_what_and_who_and_takes_a_norwegian_date():
    payload, errors = forms.measure_payload({"measure-title": "Kryptert e-post", "measure-kind": "preventive",
                                             "measure-owner": "IT", "measure-due_date": "31.01.2027"})
    assert errors == {} and payload["due_date"] == "2027-01-31" and payload["kind"] == "preventive"
    assert "due_date" not in forms.measure_payload({"measure-title": "Tiltak", "measure-kind": "corrective",
                                                    "measure-owner": "IT"})[0]
    _, errors = forms.measure_payload({"measure-due_date": "i morgen"})
    assert set(errors) == {"measure-title", "measure-owner", "measure-kind", "measure-due_date"}


def test_closing_needs_root_cause_and_lessons():
    assert set(forms.close_payload({"close-root_cause": "x"})[1]) == {"close-root_cause", "close-lessons_learned"}
    assert forms.reopen_payload({"reopen-reason": "Nye opplysninger"}) == ({"reason": "Nye opplysninger"}, {})


BREACH = {"breach-ease_of_identification": "maximum", "breach-confidentiality": "0.5", "breach-integrity": "0",
          "breach-availability": "0.25", "breach-malicious": "no", "breach-data_subjects": "1 200",
          "breach-unintelligible": "no", "breach-vulnerable_subjects": "yes"}


def test_the_breach_assessment_becomes_enisa_inputs():
    payload, errors = forms.breach_assessment_payload({**BREACH, "breach-data_types-sensitive": "on",
                                                       "breach-data_types-simple": "on",
                                                       "breach-data_types-made_up": "on"})
    assert errors == {}
    assert payload == {"data_types": ["simple", "sensitive"], "ease_of_identification": "maximum",
                       "cb": {"confidentiality": 0.5, "integrity": 0.0, "availability": 0.25, "malicious": False},
                       "data_subjects": 1200, "unintelligible": False, "vulnerable_subjects": True,
                       "recipients_trusted": False}


def test_an_empty_breach_assessment_names_every_question():
    _, errors = forms.breach_assessment_payload({})
    assert set(errors) == {"breach-data_types", "breach-ease_of_identification", "breach-confidentiality",
                           "breach-integrity", "breach-availability", "breach-malicious", "breach-data_subjects",
                           "breach-unintelligible", "breach-vulnerable_subjects"}
    _, errors = forms.breach_assessment_payload({**BREACH, "breach-data_subjects": "mange",
                                                 "breach-data_types-simple": "on"})
    assert errors == {"breach-data_subjects": ["err.number_invalid"]}


def test_an_adjusted_base_score_is_sent_with_its_reason():
    payload, _ = forms.breach_assessment_payload({**BREACH, "breach-dpc": "2", "breach-dpc_justification": "Gammel",
                                                  "breach-data_types-sensitive": "on"})
    assert payload["dpc"] == 2 and payload["dpc_justification"] == "Gammel"


def test_an_exemption_names_its_ground_and_only_then_is_sent():
    _, errors = forms.breach_decision_payload({"decision-notify_authority": "required",
                                               "decision-notify_data_subjects": "exempt"})
    assert errors == {"decision-subject_exemption": ["err.exemption_required"]}
    payload, errors = forms.breach_decision_payload({"decision-notify_authority": "required",
                                                     "decision-notify_data_subjects": "required",
                                                     "decision-subject_exemption": "34_3_a"})
    assert errors == {} and payload["subject_exemption"] is None


def test_a_notification_time_is_oslo_time_or_now():
    payload, errors = forms.authority_notification_payload({"notification-phase": "initial",
                                                            "notification-channel": "altinn",
                                                            "notification-submitted_at": "2026-11-23T10:00"})
    assert errors == {} and payload["submitted_at"] == "2026-11-23T09:00:00Z" and payload["phased"] is False
    assert forms.authority_notification_payload({"notification-phase": "initial",
                                                 "notification-channel": "altinn"})[0]["submitted_at"] is None
    _, errors = forms.subject_communication_payload({"communication-channel": "pigeon",
                                                     "communication-communicated_at": "snart"})
    assert set(errors) == {"communication-channel", "communication-communicated_at"}


def test_the_services_errors_land_on_the_prefixed_fields_and_nested_ones_on_their_own():
    errors = forms.prefixed_service_errors({"justification": ["Required"], "cb": {"integrity": ["Bad"]},
                                            "weird": ["?"]}, "decision", forms.BREACH_FIELDS)
    assert errors == {"decision-justification": ["Required"], "breach-integrity": ["Bad"], "_form": ["?"]}


def test_every_choice_the_forms_offer_has_a_label_in_both_languages():
    from services.gateway.web import i18n

    vocabulary = {"measure_kind": forms.MEASURE_KINDS, "measure_status": forms.MEASURE_STATUSES,
                  "data_type": forms.DATA_TYPES, "ease": forms.EASE_OF_IDENTIFICATION,
                  "cb_level": [v.replace(".", "_") for v in forms.CB_LEVELS], "notify": forms.SUBJECT_DECISIONS,
                  "exemption": forms.SUBJECT_EXEMPTIONS, "phase": forms.PHASES,
                  "channel": forms.AUTHORITY_CHANNELS + forms.SUBJECT_CHANNELS,
                  "subjects": duty.SUBJECT_STATES}
    missing = [f"{prefix}.{value}" for prefix, values in vocabulary.items() for value in values
               if f"{prefix}.{value}" not in i18n.KEYS]
    assert not missing, missing
