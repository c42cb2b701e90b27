from datetime import datetime, timezone

import pytest

from services.incidents.domain import DATA_SUBJECT_CATEGORIES, PERSONAL_DATA_CATEGORIES
from services.notifications import messages
from services.notifications.messages import label, local_time, render, template_for, template_names
from shared.contracts.incidents import ESCALATION_REASONS, KINDS, SEVERITIES

TITLE = "Feilsendt <script> e-post"
TASK_TITLE = "Meld bruddet <b>"
ACK_URL = "https://vern.example/api/v1/ack/abc123"
AWARE_NB, AWARE_EN = "23.11.2026 kl. 14:05", "23 Nov 2026 14:05"

MINIMAL_FACTS = {
    "incident_id": "INC-7", "agency": "demo", "agency_name": None, "title": TITLE,
    "kind": "personal_data_breach", "category": "misdirected_email_or_letter", "severity": "high",
    "breach_severity": None, "personal_data_involved": True, "reason": "severity",
    "occurred_at": "2026-11-23T12:00:00+00:00", "aware_at": "2026-11-23T13:05:00+00:00",
    "escalated_at": "2026-11-23T14:00:00+00:00",
}
FULL_FACTS = {
    **MINIMAL_FACTS, "agency_name": "Demoetaten", "breach_severity": "very_high",
    "approx_data_subjects": 1234, "approx_records": 5678,
    "data_subject_categories": ["pupils_students", "relatives"], "personal_data_categories": ["national_id", "health"],
    "likely_consequences": "Risiko for identitetstyveri.",
    "measures": [{"title": "Mottaker har slettet e-posten", "kind": "containment", "status": "done"},
                 {"title": "Opplæring i utsending", "kind": "preventive", "status": "planned"}],
    "dpo_contact": "Personvernombudet, pvo@demo.example",
    "description": "Fritekst som ikke skal sendes",
}
# What each template needs besides the common context.
EXTRA = {
    "reminder": {"title": TASK_TITLE, "reminder_number": 2, "hours_left": 5.5},
    "overdue": {"title": TASK_TITLE, "overdue_role": "pko"},
    "delivery_failed": {"title": TASK_TITLE, "failed_role": "leader", "channel": "email",
                        "address": "leder@demo.example", "reason": "550 no such mailbox", "attempts": 12},
}
INCIDENT_TEMPLATES = ("incident_escalated_default", "incident_escalated_leader",
                      "incident_escalated_datatilsynet", "incident_escalated_ombud")
ALL_TEMPLATES = INCIDENT_TEMPLATES + tuple(EXTRA)
RISK_TEMPLATES = ("unacceptable_risk_default", "unacceptable_risk_leader")  # see test_risk_messages.py
# see test_prior_consultation_messages.py
CONSULTATION_TEMPLATES = ("prior_consultation_datatilsynet", "prior_consultation_default")
OWNER_TEMPLATES = ("measure_assigned_default",)  # see test_measure_owners.py
# see test_messages_duty.py: the 72-hour duty, changes and comments, overdue documents, measures and training
DUTY_TEMPLATES = ("breach_triage", "breach_notifiable_datatilsynet", "breach_notifiable_default", "authority_deadline_missed_leader",
                  "authority_deadline_missed_default", "changed", "recipient_comment", "review_overdue_default",
                  "measure_overdue_default", "training_overdue_default")


def context(template, facts=FULL_FACTS, ack_url=ACK_URL, due_at="2026-11-26T13:05:00+00:00", **overrides):
    return {"language": "nb", "recipient_role": "leader", "recipient_name": None, "due_at": due_at,
            "ack_url": ack_url, "task_id": "T-1", "facts": facts, **EXTRA.get(template, {}), **overrides}


def subject_title(template):
    return EXTRA[template]["title"] if template in EXTRA else TITLE


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("facts", [FULL_FACTS, MINIMAL_FACTS], ids=["full", "minimal"])
@pytest.mark.parametrize("template", ALL_TEMPLATES)
def test_every_template_renders_in_both_languages(template, facts, language):
    message = render(template, language, context(template, facts))
    assert "\n" not in message.subject and subject_title(template) in message.subject
    assert (AWARE_NB if language == "nb" else AWARE_EN) in message.text
    assert "&lt;script&gt;" in message.html and "<script>" not in message.html
    assert TITLE in message.text
    assert f'<html lang="{language}">' in message.html
    assert "Fritekst" not in message.text + message.html


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", ALL_TEMPLATES)
def test_the_ack_link_is_shown_only_when_there_is_one(template, language):
    with_link = render(template, language, context(template))
    assert ACK_URL in with_link.text and f'href="{ACK_URL}"' in with_link.html
    without = render(template, language, context(template, ack_url=None))
    for part in (without.text, without.html):
        assert "bekreft" not in part.lower() and "confirm" not in part.lower()


def test_a_title_with_line_breaks_gives_a_one_line_subject():
    facts = {**MINIMAL_FACTS, "title": "Første linje\r\nandre   linje"}
    assert render("incident_escalated_default", "nb", context("x", facts)).subject == \
        "Alvorlig hendelse: Første linje andre linje"


def test_the_datatilsynet_message_has_the_four_sections_of_article_33_3():
    nb = render("incident_escalated_datatilsynet", "nb", context("x")).text
    en = render("incident_escalated_datatilsynet", "en", context("x")).text
    for letter in "abcd":
        assert f"art. 33 nr. 3 bokstav {letter}" in nb
        assert f"art. 33(3)({letter})" in en


def test_the_datatilsynet_message_says_what_will_follow_when_facts_are_missing():
    text = render("incident_escalated_datatilsynet", "nb", context("x", MINIMAL_FACTS)).text
    assert text.count("ikke kjent ennå – ettersendes (art. 33 nr. 4)") == 6  # four a) facts, c) and d)
    assert "personvernombudet i virksomheten" in text
    english = render("incident_escalated_datatilsynet", "en", context("x", MINIMAL_FACTS)).text
    assert "not yet known – will be provided in phases (art. 33(4))" in english


def test_the_datatilsynet_message_gives_the_facts_when_known():
    text = render("incident_escalated_datatilsynet", "nb", context("x")).text
    assert "1234" in text and "5678" in text
    assert "elever og studenter, pårørende" in text and "fødselsnummer, helseopplysninger" in text
    assert "Risiko for identitetstyveri." in text and "pvo@demo.example" in text
    assert "Mottaker har slettet e-posten" in text
    assert "ettersendes" not in text
    assert "Frist for melding" in text and "26.11.2026 kl. 14:05" in text


def test_the_leader_is_told_the_severity_and_what_is_asked():
    text = render("incident_escalated_leader", "nb", context("x", MINIMAL_FACTS)).text
    assert "Alvorlighetsgrad: høy" in text
    assert "Koordinator følger opp saken." in text
    assert "melder personvernkoordinatoren det til Datatilsynet senest 72 timer etter at virksomheten fikk " \
           "kjennskap til det" in text and "Blir fristen ikke holdt, får du beskjed om det." in text
    assert "Bekreft at du har mottatt meldingen med lenken nedenfor, og sørg for at koordinatoren har det som " \
           "trengs" in text
    assert "Bekreft innen 26.11.2026 kl. 14:05" in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_leader_is_not_asked_to_approve_the_notification(language):
    """No approval step exists: the coordinator notifies, the leader confirms receipt and backs the coordinator."""
    for ack_url in (ACK_URL, None):
        message = render("incident_escalated_leader", language, context("x", ack_url=ack_url))
        for part in (message.text, message.html):
            assert "godkjenne" not in part and "approve" not in part and "Hold deg orientert" not in part
    english = render("incident_escalated_leader", "en", context("x")).text
    assert "the privacy coordinator notifies Datatilsynet no later than 72 hours" in english
    assert "If that deadline is not kept, you will be told." in english
    assert "Please confirm by 26 Nov 2026 14:05" in english
    without = render("incident_escalated_leader", "nb", context("x", ack_url=None)).text
    assert "Sørg for at koordinatoren har det som trengs" in without and "Frist: 26.11.2026 kl. 14:05" in without


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", INCIDENT_TEMPLATES)
@pytest.mark.parametrize("reason", ESCALATION_REASONS)
def test_an_incident_message_has_one_severity_scale_and_names_the_enisa_assessment(template, reason, language):
    """"Alvorlighetsgrad" is the incident's own scale; the ENISA band of a breach is always the ENISA assessment."""
    message = render(template, language, context(template, {**FULL_FACTS, "reason": reason}))
    enisa, band = ("ENISA-vurdering av bruddet", "svært høy") if language == "nb" else \
        ("ENISA assessment of the breach", "very high")
    assert f"{enisa}: {band}" in message.text and enisa in message.html
    for line in message.text.splitlines():
        if "alvorlighetsgrad" in line.lower() or "severity" in line.lower():
            assert band not in line and "ENISA" not in line
    for part in (message.text.lower(), message.html.lower()):
        assert "alvorlighetsgrad for" not in part and "severity of the" not in part


def test_the_leader_sees_the_measures_and_no_datatilsynet_ask_without_personal_data():
    facts = {**FULL_FACTS, "kind": "security_incident", "personal_data_involved": False}
    text = render("incident_escalated_leader", "nb", context("x", facts)).text
    assert "- Mottaker har slettet e-posten (begrensning, gjennomført)" in text
    assert "Koordinator følger opp saken." not in text
    assert "Datatilsynet" not in text


def test_reminder_overdue_and_delivery_failed_say_what_to_do():
    reminder = render("reminder", "nb", context("reminder")).text
    assert "påminnelse nr. 2" in reminder and "Tid igjen: 5 timer" in reminder
    overdue = render("overdue", "nb", context("overdue")).text
    assert "for personvernkoordinator passerte fristen 26.11.2026 kl. 14:05" in overdue
    assert "håndtert nå" in overdue
    failed = render("delivery_failed", "en", context("delivery_failed")).text
    assert "to the agency head could not be delivered" in failed
    assert "by hand" in failed and "leder@demo.example" in failed and "directory" in failed


def test_english_differs_from_bokmal():
    nb = render("incident_escalated_leader", "nb", context("x"))
    en = render("incident_escalated_leader", "en", context("x"))
    assert nb.subject.startswith("Alvorlig hendelse:") and en.subject.startswith("Serious incident:")
    assert nb.text != en.text and "WHAT WE ASK OF YOU" in en.text


def test_an_unknown_language_falls_back_to_bokmal():
    assert render("overdue", "de", context("overdue")) == render("overdue", "nb", context("overdue"))


def test_an_unknown_template_is_an_error():
    with pytest.raises(ValueError, match="no_such"):
        render("no_such", "nb", context("x"))


def test_template_for_prefers_the_override_then_the_role_then_the_default():
    assert template_for("incident_escalated", "leader") == "incident_escalated_leader"
    assert template_for("incident_escalated", "central") == "incident_escalated_default"
    assert template_for("incident_escalated", "central", override="incident_escalated_ombud") == \
        "incident_escalated_ombud"
    with pytest.raises(ValueError, match="incident_escalated_nobody"):
        template_for("incident_escalated", "leader", override="incident_escalated_nobody")


def test_template_names_are_the_messages_and_both_languages_have_them():
    assert set(template_names()) == set(ALL_TEMPLATES + RISK_TEMPLATES + CONSULTATION_TEMPLATES + DUTY_TEMPLATES +
                                         OWNER_TEMPLATES)
    for language in messages.LANGUAGES:
        folder = messages.TEMPLATES / language
        for name in template_names():
            assert (folder / f"{name}.txt.j2").is_file() and (folder / f"{name}.html.j2").is_file()


def test_local_time_is_oslo_time_in_both_languages():
    assert local_time("2026-11-23T13:05:00+00:00", "nb") == "23.11.2026 kl. 14:05"
    assert local_time("2026-11-23T13:05:00+00:00", "en") == "23 Nov 2026 14:05"
    assert local_time("2026-07-01T12:00:00+00:00", "nb") == "01.07.2026 kl. 14:00"  # summer time
    assert local_time("2026-07-01T12:00:00Z", "en") == "01 Jul 2026 14:00"
    assert local_time(datetime(2026, 1, 5, 23, 30, tzinfo=timezone.utc), "nb") == "06.01.2026 kl. 00:30"
    assert local_time(None, "nb") == "ikke kjent" and local_time(None, "en") == "not known"
    assert local_time(None, "de") == "ikke kjent"


def test_local_time_refuses_a_time_without_offset():
    with pytest.raises(ValueError):
        local_time("2026-11-23T13:05:00", "nb")


def test_label_gives_words_for_codes():
    assert label("security_incident", "kind", "nb") == "informasjonssikkerhetshendelse"
    assert label("personal_data_breach", "kind", "en") == "personal data breach"
    assert label("deviation", "kind", "nb") == "avvik"
    assert label("critical", "severity", "nb") == "kritisk"
    assert label("central", "role", "nb") == "Byrådsavdeling for finans"
    assert label("datatilsynet", "role", "en") == "the Norwegian Data Protection Authority"
    assert label("marked_serious", "reason", "en") == "a coordinator marked the incident as serious"
    assert label("high", "severity", "de") == "høy"
    assert label("unheard_of", "kind", "nb") == "unheard_of"


@pytest.mark.parametrize("vocabulary, codes", [
    ("kind", KINDS), ("severity", SEVERITIES), ("reason", ESCALATION_REASONS),
    ("data_subject_category", DATA_SUBJECT_CATEGORIES), ("personal_data_category", PERSONAL_DATA_CATEGORIES),
    ("role", ("leader", "ombud", "central", "parent_department", "datatilsynet", "pko", "isk")),
])
def test_every_code_has_a_label_in_both_languages(vocabulary, codes):
    labels = messages.VOCABULARIES[vocabulary]
    assert set(codes) <= set(labels)
    assert all(len(labels[code]) == len(messages.LANGUAGES) and all(labels[code]) for code in codes)


def test_hours_left_reads_as_whole_hours():
    assert messages.hours(5.9, "nb") == "5 timer" and messages.hours(1.2, "nb") == "1 time"
    assert messages.hours(0.4, "nb") == "under 1 time"
    assert messages.hours(1.0, "en") == "1 hour" and messages.hours(30, "en") == "30 hours"
    assert messages.hours(0, "en") == "less than 1 hour"
