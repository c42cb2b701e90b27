from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import draft
from services.incidents.models import AuthorityNotification, Incident, Measure

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


def test_sections_follow_the_breach_form_in_order():
    assert [s["key"] for s in generate()["sections"]] == [
        "description", "consequences", "measures", "information", "contact"]


def test_the_dpo_contact_is_in_the_contact_section_and_the_text():
    document = generate()
    assert field(document, "contact", "name") == "Kari Nordmann"
    assert "Kari Nordmann" in document["text"]
    assert "contact.name" not in document["missing"]


def test_without_a_contact_the_contact_name_is_missing():
    document = generate(contact=None)
    assert "contact.name" in document["missing"]
    assert "contact.address" in document["missing"]


def test_unknown_whereabouts_are_listed_as_missing():
    assert "description.whereabouts" in generate()["missing"]
    assert "description.whereabouts" not in generate(incident(data_whereabouts="Slettet av mottaker"))["missing"]


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
