from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import draft
from services.incidents.models import AuthorityNotification, BreachAssessment, Incident, Measure

OCCURRED = datetime(2026, 11, 19, 14, 30, tzinfo=timezone.utc)
DETECTED = datetime(2026, 11, 20, 8, 15, tzinfo=timezone.utc)
AWARE = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
DEADLINE = AWARE + timedelta(hours=72)
BEFORE_DEADLINE = DEADLINE - timedelta(hours=1)
AFTER_DEADLINE = DEADLINE + timedelta(hours=1)
DPO = {"name": "Kari Nordmann", "address": "personvernombud@kommune.example"}


def incident(**overrides):
    values = dict(
        id="9b1f6a4e-0000-4000-8000-000000000001", agency="testkommune", title="Feilsendt elevliste",
        description="En elevliste med helseopplysninger ble sendt til feil mottaker.",
        kind="personal_data_breach", category="misdirected_email_or_letter",
        occurred_at=OCCURRED, detected_at=DETECTED, aware_at=AWARE, authority_deadline=DEADLINE,
        authority_notification="pending", subject_communication=None,
        approx_data_subjects=120, approx_records=300,
        data_subject_categories=["pupils_students"], personal_data_categories=["health", "national_id"],
        impact_confidentiality="high", impact_integrity="none", impact_availability="none",
        likely_consequences="Risiko for stigmatisering og identitetstyveri.",
        data_whereabouts=None, root_cause=None,
    )
    values.update(overrides)
    return Incident(**values)


def generate(item=None, contact=DPO, now=BEFORE_DEADLINE):
    return draft.authority_notification(item if item is not None else incident(), contact, now)


def section(document, key):
    return next(s for s in document["sections"] if s["key"] == key)


def field(document, section_key, field_key):
    return next(f["value"] for f in section(document, section_key)["fields"] if f["key"] == field_key)


def missing(document):
    return [item["key"] for item in document["missing"]]


def assessed(item, data_subjects=24, data_types=("sensitive",), cb=None):
    """The incident with a breach assessment whose facts hold the number of people and the data types."""
    facts = {"data_types": list(data_types), "ease_of_identification": "maximum", "data_subjects": data_subjects,
             "cb": cb or {"confidentiality": 0.5, "integrity": 0.0, "availability": 0.0, "malicious": False},
             "unintelligible": False, "vulnerable_subjects": False, "recipients_trusted": False}
    item.breach_assessments.append(BreachAssessment(
        version=1, facts=facts, dpc=4, ei=1.0, cb=0.5, score=4.5, severity="very_high", risk="high_risk",
        many_subjects=False, notify_authority="required", notify_authority_reasons=[],
        notify_data_subjects="required", notify_data_subjects_reasons=[]))
    return item


def test_sections_follow_the_breach_form_in_order():
    assert [s["key"] for s in generate()["sections"]] == [
        "description", "consequences", "measures", "information", "contact"]


def test_the_dpo_contact_is_in_the_contact_section_and_the_text():
    document = generate()
    assert field(document, "contact", "name") == "Kari Nordmann"
    assert "Kari Nordmann" in document["text"]
    assert "contact.name" not in missing(document)


def test_without_a_contact_the_contact_name_is_missing():
    document = generate(contact=None)
    assert "contact.name" in missing(document)
    assert "contact.address" in missing(document)


def test_unknown_whereabouts_are_listed_as_missing():
    assert "description.whereabouts" in missing(generate())
    assert "description.whereabouts" not in missing(generate(incident(data_whereabouts="Slettet av mottaker")))


def test_the_text_is_bokmal_and_names_the_data_and_breach_type():
    text = generate()["text"]
    for phrase in ("Melding om brudd på personopplysningssikkerheten", "fødselsnummer", "helseopplysninger",
                   "konfidensialitet", "120", "feilsendt e-post eller brev", "elever/studenter"):
        assert phrase in text
    assert "integritet" not in text and "tilgjengelighet" not in text


def test_times_are_shown_in_oslo_local_time():
    document = generate()
    assert field(document, "description", "aware_at") == "20.11.2026 kl. 10:00"
    assert "20.11.2026 kl. 10:00" in document["text"]
    assert "23.11.2026 kl. 10:00" in document["text"]  # the deadline, also in CET


def test_done_and_planned_measures_are_listed_apart():
    item = incident()
    item.measures.append(Measure(title="Bedt mottaker slette e-posten", kind="corrective", owner="rektor",
                                 status="done", due_date=None))
    item.measures.append(Measure(title="Opplæring i e-posthåndtering", kind="preventive", owner="rektor",
                                 status="planned", due_date=None))
    document = generate(item)
    assert field(document, "measures", "taken") == ["Bedt mottaker slette e-posten (gjennomført)"]
    assert field(document, "measures", "planned") == ["Opplæring i e-posthåndtering (planlagt)"]
    assert "Bedt mottaker slette e-posten (gjennomført)" in document["text"]


@pytest.mark.parametrize("now, late", [(BEFORE_DEADLINE, False), (DEADLINE, False), (AFTER_DEADLINE, True)])
def test_late_when_past_the_deadline_without_a_submission(now, late):
    document = generate(now=now)
    assert document["late"] is late
    assert ("art. 33 nr. 1" in document["text"]) is late


def test_not_late_once_something_was_submitted():
    item = incident()
    item.authority_notifications.append(AuthorityNotification(
        phase="initial", submitted_at=AFTER_DEADLINE, channel="altinn", late=True, delay_reason="Ventet på rapport"))
    document = generate(item, now=AFTER_DEADLINE + timedelta(hours=1))
    assert document["late"] is False
    assert "art. 33 nr. 1" not in document["text"]


def test_missing_fields_are_named_by_label_in_both_languages():
    document = generate(incident(detected_at=None), contact=None)
    detected = next(item for item in document["missing"] if item["key"] == "description.detected_at")
    assert detected == {"key": "description.detected_at", "label_nb": "Når avviket ble oppdaget",
                        "label_en": "When the breach was detected"}
    assert document["missing_labels_nb"] == [item["label_nb"] for item in document["missing"]]
    assert document["missing_labels_en"] == [item["label_en"] for item in document["missing"]]
    assert "Personvernombud eller annet kontaktpunkt" in document["missing_labels_nb"]
    for label in document["missing_labels_nb"] + document["missing_labels_en"]:
        assert "." not in label.split(" ")[0] and "_" not in label  # a label, never a raw key


def test_every_field_has_a_label_in_both_languages():
    for each in generate()["sections"]:
        for item in each["fields"]:
            assert item["label_nb"] and item["label_en"] and item["label_nb"] != item["label_en"], item


def test_actions_taken_are_measures_taken_not_part_of_the_description():
    item = incident(actions_taken="Ringte mottakeren, som slettet e-posten.")
    item.measures.append(Measure(title="Bedt mottaker slette e-posten", kind="corrective", owner="rektor",
                                 status="done", due_date=None))
    document = generate(item)
    assert field(document, "measures", "taken") == ["Ringte mottakeren, som slettet e-posten.",
                                                    "Bedt mottaker slette e-posten (gjennomført)"]
    assert "Ringte mottakeren" not in field(document, "description", "what_happened")
    assert "Tiltak som er gjennomført: Ringte mottakeren, som slettet e-posten.; Bedt mottaker" in document["text"]
    assert "measures.taken" not in missing(document)


def test_without_actions_or_done_measures_the_measures_taken_are_missing():
    assert "measures.taken" in missing(generate(incident(actions_taken="  ")))


def test_the_number_of_people_falls_back_on_the_breach_assessment():
    document = generate(assessed(incident(approx_data_subjects=None, approx_records=None)))
    assert field(document, "description", "data_subjects") == 24
    assert "Antall berørte personer (omtrent): 24" in document["text"]
    assert "description.data_subjects" not in missing(document)
    assert "description.records" in missing(document)  # the assessment does not count records


def test_the_incidents_own_number_of_people_comes_first():
    assert field(generate(assessed(incident(approx_data_subjects=120))), "description", "data_subjects") == 120


def test_the_data_types_fall_back_on_the_breach_assessment_in_bokmal():
    document = generate(assessed(incident(personal_data_categories=[]), data_types=("sensitive", "financial")))
    value = field(document, "description", "personal_data")
    assert value == "sensitive opplysninger (for eksempel helseopplysninger), økonomiske opplysninger"
    assert "description.personal_data" not in missing(document)
    assert "description.personal_data" in missing(generate(incident(personal_data_categories=[])))


def test_the_breach_type_falls_back_on_the_assessments_circumstances():
    item = assessed(incident(impact_confidentiality=None, impact_integrity=None, impact_availability=None),
                    cb={"confidentiality": 0.25, "integrity": 0.0, "availability": 0.5, "malicious": True})
    assert field(generate(item), "description", "breach_type") == "konfidensialitet, tilgjengelighet"


def test_the_text_for_altinn_is_bokmal_only():
    item = assessed(incident(actions_taken="Ringte mottakeren."))
    document = generate(item, contact=None)
    text = document["text"]
    for each in document["sections"]:
        assert each["title_en"].upper() not in text
        for item_field in each["fields"]:
            assert f"{item_field['label_en']}:" not in text
    assert " / " not in text
    for english in ("Not given", "Measures", "Description", "Deadline"):
        assert english not in text
