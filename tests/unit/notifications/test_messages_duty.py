"""The messages about the 72-hour duty for a notifiable breach (triage, the Datatilsynet task, a missed
deadline), a change to a case, a recipient's comment, and overdue document reviews, risk measures and
training; and the follow-ups (reminder, overdue, failed delivery) of tasks with those facts."""
import re

import pytest
from markupsafe import escape

from services.incidents.domain import CATEGORIES
from services.notifications import messages
from services.notifications.messages import label, local_date, local_time, render, template_for
from services.risk.domain import MEASURE_STATUSES
from shared.contracts.incidents import BREACH_SEVERITIES, KINDS, SEVERITIES
from shared.contracts.reporting import AREAS, DOCUMENT_KINDS
from shared.contracts.training import TOPICS
from tests.unit.notifications.test_messages import ACK_URL, DUTY_TEMPLATES, EXTRA
from tests.unit.notifications.test_prior_consultation_messages import DPIA_FACTS
from tests.unit.notifications.test_risk_messages import RISK_FACTS

TITLE = "Feilsendt <script> e-post"
PERSON = "Kari Nordmann"  # the recipient's name: no template shows it
AWARE, DEADLINE, NOTICED = "2026-11-23T13:05:00+00:00", "2026-11-26T13:05:00+00:00", "2026-11-26T13:20:00+00:00"
DUE = "2026-11-24T13:05:00+00:00"
FREE_TEXT = "Fritekst som ikke skal sendes"

TRIAGE_FULL = {
    "incident_id": "INC-8", "agency": "demo", "agency_name": "Demoetaten", "title": TITLE,
    "kind": "personal_data_breach", "category": "misdirected_email_or_letter", "aware_at": AWARE,
    "occurred_at": "2026-11-23T12:00:00+00:00", "severity": "high", "description": FREE_TEXT,
}
# category, occurred_at and severity may be missing
TRIAGE_MINIMAL = {"incident_id": "INC-8", "agency": "demo", "agency_name": None, "title": TITLE,
                  "kind": "security_incident", "aware_at": AWARE}
NOTIFIABLE_FULL = {
    **TRIAGE_FULL, "notify_authority": "required", "decided": True, "risk": "high_risk", "breach_severity": "very_high",
    "deadline": DEADLINE, "approx_data_subjects": 1234, "dpo_contact": "Personvernombudet <pvo@demo.example>",
    "justification": "Mange <elever> berørt",
}
NOTIFIABLE_MINIMAL = {
    **TRIAGE_MINIMAL, "kind": "personal_data_breach", "notify_authority": "required", "decided": False, "risk": "risk",
    "breach_severity": None, "deadline": DEADLINE, "approx_data_subjects": None, "severity": None, "dpo_contact": None,
}
DEADLINE_FULL = {"incident_id": "INC-8", "agency": "demo", "agency_name": "Demoetaten", "title": TITLE,
                 "kind": "personal_data_breach", "aware_at": AWARE, "deadline": DEADLINE, "noticed_at": NOTICED,
                 "description": FREE_TEXT}
DEADLINE_MINIMAL = {**DEADLINE_FULL, "agency_name": None}
INCIDENT_FULL = {  # an incident task's facts (test_messages.FULL_FACTS)
    **TRIAGE_FULL, "breach_severity": "very_high", "personal_data_involved": True, "reason": "severity",
    "escalated_at": "2026-11-23T14:00:00+00:00",
}
INCIDENT_MINIMAL = {**INCIDENT_FULL, "agency_name": None, "breach_severity": None}
DOCUMENT_FULL = {
    "document_id": 3, "title": TITLE, "kind": "access_control_routine", "area": "security", "owner": "isk",
    "version": "2.1", "next_review_on": "2026-11-30", "noticed_at": NOTICED, "agency": "demo",
    "agency_name": "Demoetaten",
}
DOCUMENT_MINIMAL = {**DOCUMENT_FULL, "owner": "u-5e1f", "agency_name": None, "kind": "policy", "area": "both"}
MEASURE_FULL = {
    "measure_id": 12, "title": TITLE, "owner": "isk", "due_date": "2027-02-01", "status": "in_progress",
    "risk_id": "RSK-9", "risk_title": "Tap av pasientjournaler", "assessment_id": "A-1", "noticed_at": NOTICED,
    "agency": "demo", "agency_name": "Demoetaten",
}
MEASURE_MINIMAL = {**MEASURE_FULL, "owner": "u-5e1f", "status": "proposed", "agency_name": None}
TRAINING_FULL = {
    "course_id": "C-1", "course_title": TITLE, "title": TITLE, "topic": "privacy", "participant_id": "p-4f2a",
    "unit": "Skolekontoret", "role": "saksbehandler", "due_on": "2026-11-30", "last_completed_on": "2025-11-02",
    "detected_at": NOTICED, "agency": "demo", "agency_name": "Demoetaten",
}
TRAINING_MINIMAL = {**TRAINING_FULL, "last_completed_on": None, "topic": "both", "agency_name": None}

COMMENT = "Hvem sender <b>meldingen</b>?\nJeg er borte i morgen."
CHANGES = [
    {"field": "severity", "before": "medium", "after": "critical"},
    {"field": "breach_severity", "before": None, "after": "very_high"},
    {"field": "personal_data_involved", "before": False, "after": True},
    {"field": "kind", "before": "security_incident", "after": "personal_data_breach"},
    {"field": "category", "before": "other", "after": "misdirected_email_or_letter"},
    {"field": "approx_data_subjects", "before": None, "after": 1234},
    {"field": "notify_authority", "before": "not_required", "after": "required"},
    {"field": "risk", "before": "unlikely", "after": "high_risk"},
]
# What each template needs besides the common context.
DUTY_EXTRA = {"changed": {"changes": CHANGES}, "recipient_comment": {"comment": COMMENT, "from_role": "leader"}}
# Per template: (full facts, minimal facts, the time the message must show)
CASES = {
    "breach_triage": (TRIAGE_FULL, TRIAGE_MINIMAL, AWARE),
    "breach_notifiable_datatilsynet": (NOTIFIABLE_FULL, NOTIFIABLE_MINIMAL, DEADLINE),
    "breach_notifiable_default": (NOTIFIABLE_FULL, NOTIFIABLE_MINIMAL, DEADLINE),
    "authority_deadline_missed_leader": (DEADLINE_FULL, DEADLINE_MINIMAL, DEADLINE),
    "authority_deadline_missed_default": (DEADLINE_FULL, DEADLINE_MINIMAL, DEADLINE),
    "changed": (INCIDENT_FULL, INCIDENT_MINIMAL, AWARE),
    "recipient_comment": (INCIDENT_FULL, INCIDENT_MINIMAL, AWARE),
    "review_overdue_default": (DOCUMENT_FULL, DOCUMENT_MINIMAL, NOTICED),
    "measure_overdue_default": (MEASURE_FULL, MEASURE_MINIMAL, NOTICED),
    "training_overdue_default": (TRAINING_FULL, TRAINING_MINIMAL, NOTICED),
}
SHAPES = {"triage": TRIAGE_MINIMAL, "notifiable": NOTIFIABLE_FULL, "deadline": DEADLINE_MINIMAL,
          "incident": INCIDENT_MINIMAL, "document": DOCUMENT_FULL, "measure": MEASURE_FULL, "training": TRAINING_MINIMAL}
# (shape, concerns nb, concerns en, reference nb, reference en)
CONCERNS = {
    "triage": ("denne hendelsen", "this incident", "Hendelse INC-8", "Incident INC-8"),
    "notifiable": ("denne hendelsen", "this incident", "Hendelse INC-8", "Incident INC-8"),
    "deadline": ("denne hendelsen", "this incident", "Hendelse INC-8", "Incident INC-8"),
    "incident": ("denne hendelsen", "this incident", "Hendelse INC-8", "Incident INC-8"),
    "document": ("dette styrende dokumentet", "this governing document", "Dokument 3", "Document 3"),
    "measure": ("dette risikotiltaket", "this risk measure", "Tiltak 12", "Measure 12"),
    "training": ("denne opplæringen", "this training", "Kurs C-1", "Course C-1"),
}
# Codes that must never be shown as they are (words with underscores, and short role codes).
RAW_CODE = re.compile(r"\b(\w+_\w+|isk|pko)\b")


def context(template, facts=None, ack_url=ACK_URL, due_at=DUE, **overrides):
    facts = CASES[template][0] if facts is None and template in CASES else facts
    return {"language": "nb", "recipient_role": "pko", "recipient_name": PERSON, "due_at": due_at,
            "ack_url": ack_url, "task_id": "T-1", "title": facts.get("title", ""), "facts": facts,
            **EXTRA.get(template, {}), **DUTY_EXTRA.get(template, {}), **overrides}


def both_parts(template, language, facts=None, **kwargs):
    message = render(template, language, context(template, facts, **kwargs))
    return message, message.text, message.html


def nb_en(language, nb, en):
    return nb if language == "nb" else en


def raw_codes(part):
    """Underscored words and role codes, leaving out the ack link and the page's markup."""
    visible = re.sub(r"<[^>]*>", " ", part.replace(ACK_URL, ""))
    return RAW_CODE.findall(visible)


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("variant", [0, 1], ids=["full", "minimal"])
@pytest.mark.parametrize("template", DUTY_TEMPLATES)
def test_every_duty_template_renders_in_both_languages(template, variant, language):
    facts, when = CASES[template][variant], CASES[template][2]
    message, text, html = both_parts(template, language, facts)
    assert "\n" not in message.subject and TITLE in message.subject
    assert local_time(when, language) in text and local_time(when, language) in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert TITLE in text and f'<html lang="{language}">' in html
    for part in (text, html):
        assert "Fritekst" not in part and PERSON not in part
        assert raw_codes(part) == []
    assert nb_en(language, "oppgave T-1", "task T-1") in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", DUTY_TEMPLATES)
def test_the_ack_link_is_shown_only_when_there_is_one(template, language):
    _, text, html = both_parts(template, language)
    assert ACK_URL in text and f'href="{ACK_URL}"' in html
    _, text, html = both_parts(template, language, ack_url=None)
    for part in (text, html):
        assert "bekreft" not in part.lower() and "confirm" not in part.lower()


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_pko_is_asked_to_assess_the_breach_within_24_hours(language):
    message, text, html = both_parts("breach_triage", language)
    assert message.subject == nb_en(language, "Vurder bruddet innen 24 timer: ", "Assess the breach within 24 hours: ") \
        + TITLE
    assert nb_en(language, "ingen ENISA-vurdering ennå", "no ENISA assessment yet") in text.replace(
        "ikke fått noen", "ingen")
    assert nb_en(language, "bruddsiden i Vern innen 24 timer", "breach page in Vern within 24 hours") in text
    assert nb_en(language, "72-timersfristen", "72-hour deadline") in text
    assert nb_en(language, "Frist for vurderingen: 24.11.2026 kl. 14:05", "Assess by: 24 Nov 2026 14:05") in text
    assert nb_en(language, "Kategori: feilsendt e-post eller brev", "Category: misdirected e-mail or letter") in text
    assert nb_en(language, "Alvorlighetsgrad: høy", "Severity: high") in text


def test_facts_missing_from_a_breach_to_assess_are_left_out_or_said_to_be_unknown():
    text = render("breach_triage", "nb", context("breach_triage", TRIAGE_MINIMAL)).text
    assert "Kategori" not in text and "Skjedde" not in text and "Alvorlighetsgrad" not in text
    assert "Virksomhet: demo" in text and "Virksomheten fikk kjennskap: 23.11.2026 kl. 14:05" in text
    unknown = render("breach_triage", "en", context("breach_triage", {**TRIAGE_MINIMAL, "severity": None})).text
    assert "Severity: not known" in unknown


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_datatilsynet_task_says_why_the_breach_is_notifiable_and_how_the_task_is_done(language):
    _, text, html = both_parts("breach_notifiable_datatilsynet", language)
    assert nb_en(language, "Til personvernkoordinatoren i Demoetaten", "To the privacy coordinator at Demoetaten") \
        in text
    assert nb_en(language, "Koordinatoren har besluttet at bruddet skal meldes til Datatilsynet.",
                 "The coordinator has decided that the breach must be notified to Datatilsynet.") in text
    assert nb_en(language, "Vurdering av risikoen for de registrerte: høy risiko",
                 "Assessment of the risk to the data subjects: a high risk") in text
    assert nb_en(language, "ENISA-vurdering av bruddet: svært høy", "ENISA assessment of the breach: very high") in text
    assert nb_en(language, "Alvorlighetsgrad: høy", "Severity: high") in text  # the incident's own scale
    assert nb_en(language, "Omtrentlig antall registrerte: 1234", "Approximate number of data subjects: 1234") in text
    assert nb_en(language, "(72 timer etter at virksomheten fikk kjennskap til bruddet): 26.11.2026 kl. 14:05",
                 "(72 hours after the agency became aware of the breach): 26 Nov 2026 14:05") in text
    assert "Altinn" in text and nb_en(language, "bruddsiden i Vern", "breach page in Vern") in text
    assert nb_en(language, "Begrunnelse: Mange <elever> berørt", "Justification: Mange <elever> berørt") in text
    assert "Mange &lt;elever&gt; berørt" in html and "Personvernombudet &lt;pvo@demo.example&gt;" in html
    for part in (text.lower(), html.lower()):
        assert "alvorlighetsgrad for" not in part and "severity of the" not in part


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_a_recommendation_is_not_a_decision_and_unknowns_are_said(language):
    _, text, html = both_parts("breach_notifiable_datatilsynet", language, NOTIFIABLE_MINIMAL)
    assert nb_en(language, "Vern anbefaler ut fra vurderingen av bruddet at det skal meldes til Datatilsynet. "
                           "Beslutningen er ikke registrert ennå.",
                 "Based on the assessment of the breach, Vern recommends that it must be notified to Datatilsynet. "
                 "No decision has been recorded yet.") in text
    assert nb_en(language, "Omtrentlig antall registrerte: ikke kjent",
                 "Approximate number of data subjects: not known") in text
    assert nb_en(language, "Alvorlighetsgrad: ikke kjent", "Severity: not known") in text
    assert nb_en(language, "personvernombudet i virksomheten", "the agency's data protection officer") in text
    assert "ENISA" not in text and "Begrunnelse" not in text and "Justification" not in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("risk", ("unlikely", "risk", "high_risk"))
def test_every_risk_level_is_shown_in_words(risk, language):
    _, text, html = both_parts("breach_notifiable_datatilsynet", language, {**NOTIFIABLE_FULL, "risk": risk})
    words = label(risk, "risk", language)
    assert nb_en(language, "risikoen for de registrerte: ", "risk to the data subjects: ") + words in text
    assert str(escape(words)) in html


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_leader_is_told_the_notification_is_late_and_the_coordinator_must_notify_now(language):
    _, text, html = both_parts("authority_deadline_missed_leader", language, recipient_role="leader")
    assert nb_en(language, "som virksomhetsleder", "as agency head") in text
    assert nb_en(language, "Meldingen til Datatilsynet er forsinket.", "The notification to Datatilsynet is late.") in text
    assert nb_en(language, "Personvernkoordinatoren må melde bruddet til Datatilsynet nå, og meldingen skal begrunne "
                           "forsinkelsen (personvernforordningen artikkel 33 nr. 1)",
                 "The privacy coordinator must notify Datatilsynet now, and the notification must give the reasons "
                 "for the delay (GDPR article 33(1))") in text
    assert local_time(AWARE, language) in text and local_time(NOTICED, language) in text
    assert nb_en(language, "Bekreft innen 24.11.2026 kl. 14:05", "Please confirm by 24 Nov 2026 14:05") in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_pko_is_told_to_notify_now_with_the_reason_or_record_that_it_is_not_notifiable(language):
    _, text, html = both_parts("authority_deadline_missed_default", language)
    assert nb_en(language, "meld bruddet til Datatilsynet nå, og begrunn forsinkelsen i meldingen",
                 "notify Datatilsynet now, and give the reasons for the delay in the notification") in text
    assert nb_en(language, "registrer beslutningen om at bruddet ikke skal meldes",
                 "record the decision that the breach is not notifiable") in text
    assert nb_en(language, "art. 33 nr. 5", "art. 33(5)") in text and html.count("<li>") == 2


def test_the_missed_deadline_goes_to_the_leader_and_the_pko():
    assert template_for("authority_deadline_missed", "leader") == "authority_deadline_missed_leader"
    assert template_for("authority_deadline_missed", "pko") == "authority_deadline_missed_default"
    for name in ("review_overdue", "measure_overdue", "training_overdue"):
        assert template_for(name, "isk") == f"{name}_default"


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_a_change_says_what_changed_from_and_to(language):
    message, text, html = both_parts("changed", language)
    assert message.subject == nb_en(language, "Endret: ", "Changed: ") + TITLE
    expected = nb_en(language, [
        "- Alvorlighetsgrad: middels → kritisk",
        "- ENISA-vurdering av bruddet: ikke kjent → svært høy",
        "- Personopplysninger berørt: nei → ja",
        "- Type: informasjonssikkerhetshendelse → brudd på personopplysningssikkerheten",
        "- Kategori: annet → feilsendt e-post eller brev",
        "- Omtrentlig antall registrerte: ikke kjent → 1234",
        "- Melding til Datatilsynet: skal ikke meldes → skal meldes til Datatilsynet",
        "- Risiko for de registrerte: usannsynlig at bruddet medfører risiko for de registrerte → høy risiko",
    ], [
        "- Severity: medium → critical",
        "- ENISA assessment of the breach: not known → very high",
        "- Personal data involved: no → yes",
        "- Kind: information security incident → personal data breach",
        "- Category: other → misdirected e-mail or letter",
        "- Approximate number of data subjects: not known → 1234",
        "- Notification to Datatilsynet: need not be notified → must be notified to Datatilsynet",
        "- Risk to the data subjects: unlikely to result in a risk → a high risk",
    ])
    assert "\n".join(expected) in text
    assert html.count("→") == len(CHANGES)
    assert nb_en(language, "SAKEN NÅ", "THE CASE NOW") in text
    assert nb_en(language, "Bekreft innen 24.11.2026 kl. 14:05", "Please confirm by 24 Nov 2026 14:05") in text


CHANGE_CODES = [("severity", "severity", SEVERITIES), ("breach_severity", "breach_severity", BREACH_SEVERITIES),
                ("kind", "kind", KINDS), ("category", "category", CATEGORIES),
                ("notify_authority", "notify_authority", ("required", "not_required")),
                ("risk", "risk", ("unlikely", "risk", "high_risk"))]


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("field, vocabulary, code",
                         [(field, vocabulary, code) for field, vocabulary, codes in CHANGE_CODES for code in codes])
def test_every_code_of_a_change_is_shown_in_words(field, vocabulary, code, language):
    changes = [{"field": field, "before": None, "after": code}]
    _, text, html = both_parts("changed", language, changes=changes)
    line = f"- {label(field, 'changed_field', language)}: {messages.NOT_KNOWN[language]} → " \
           f"{label(code, vocabulary, language)}"
    assert line in text and str(escape(label(code, vocabulary, language))) in html


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_a_comment_is_shown_verbatim_and_escaped(language):
    _, text, html = both_parts("recipient_comment", language)
    assert COMMENT in text
    assert "Hvem sender &lt;b&gt;meldingen&lt;/b&gt;?\nJeg er borte i morgen." in html and "<b>meldingen" not in html
    assert nb_en(language, "(virksomhetsleder) har svart med et spørsmål eller en kommentar",
                 "(agency head) has answered with a question or comment") in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_an_overdue_review_names_the_document_and_the_date(language):
    message, text, html = both_parts("review_overdue_default", language)
    assert nb_en(language, "gjennomgått senest 30.11.2026", "reviewed by 30 Nov 2026") in text
    assert nb_en(language, "Type dokument: rutine for tilgangsstyring", "Kind of document: access control routine") \
        in text
    assert nb_en(language, "Område: informasjonssikkerhet", "Area: information security") in text
    assert nb_en(language, "Dokumenteier: informasjonssikkerhetskoordinator",
                 "Document owner: information security coordinator") in text
    assert nb_en(language, "Dokument 3, oppgave T-1", "Document 3, task T-1") in text and "Dokument 3" in \
        nb_en(language, html, "Dokument 3") and nb_en(language, "(versjon 2.1)", "(version 2.1)") in text
    unknown = render("review_overdue_default", language, context("review_overdue_default", DOCUMENT_MINIMAL)).text
    assert nb_en(language, "Dokumenteier: u-5e1f", "Document owner: u-5e1f") in unknown


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_an_overdue_measure_is_the_measure_not_the_risk(language):
    _, text, html = both_parts("measure_overdue_default", language)
    assert nb_en(language, "Tiltak 12, oppgave T-1", "Measure 12, task T-1") in text
    assert nb_en(language, "Tiltak 12", "Measure 12") in html
    assert nb_en(language, "Risiko RSK-9", "Risk RSK-9") not in text + html
    assert nb_en(language, "innen 01.02.2027", "by 01 Feb 2027") in text
    assert nb_en(language, "Status: pågår", "Status: in progress") in text
    assert nb_en(language, "Risiko: Tap av pasientjournaler", "Risk: Tap av pasientjournaler") in text


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_overdue_training_names_the_course_and_the_pseudonymous_participant(language):
    _, text, html = both_parts("training_overdue_default", language)
    assert nb_en(language, "Kurs C-1, oppgave T-1", "Course C-1, task T-1") in text
    assert "p-4f2a" in text and "Skolekontoret" in text and "saksbehandler" in text
    assert nb_en(language, "Tema: personvern", "Topic: privacy") in text
    assert nb_en(language, "Sist gjennomført: 02.11.2025", "Last completed: 02 Nov 2025") in text
    never = render("training_overdue_default", language, context("training_overdue_default", TRAINING_MINIMAL)).text
    assert nb_en(language, "Sist gjennomført: ikke registrert", "Last completed: not recorded") in never


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", tuple(EXTRA))
@pytest.mark.parametrize("shape", tuple(SHAPES))
def test_follow_ups_describe_every_facts_shape(shape, template, language):
    _, text, html = both_parts(template, language, SHAPES[shape])
    concerns_nb, concerns_en, reference_nb, reference_en = CONCERNS[shape]
    assert nb_en(language, "gjelder ", "concerns ") + nb_en(language, concerns_nb, concerns_en) + ":" in text
    assert nb_en(language, reference_nb, reference_en) + nb_en(language, ", oppgave T-1", ", task T-1") in text
    assert nb_en(language, reference_nb, reference_en) in html
    for part in (text, html):
        assert raw_codes(part) == []


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", ("incident_escalated_default", "unacceptable_risk_default",
                                      "prior_consultation_default"))
def test_informational_messages_ask_for_a_receipt_by_the_due_time(template, language):
    facts = {"incident_escalated_default": INCIDENT_FULL, "unacceptable_risk_default": RISK_FACTS,
             "prior_consultation_default": DPIA_FACTS}[template]
    message = render(template, language, context(template, facts))
    assert nb_en(language, "Bekreft innen 24.11.2026 kl. 14:05", "Please confirm by 24 Nov 2026 14:05") in message.text
    assert nb_en(language, "Bekreft innen 24.11.2026 kl. 14:05", "Please confirm by 24 Nov 2026 14:05") in message.html
    without = render(template, language, context(template, facts, ack_url=None))
    assert nb_en(language, "Frist: 24.11.2026 kl. 14:05", "Due: 24 Nov 2026 14:05") in without.text


def test_local_date_reads_an_iso_date():
    assert local_date("2026-11-30", "nb") == "30.11.2026" and local_date("2026-11-30", "en") == "30 Nov 2026"
    assert local_date("2027-02-01", "de") == "01.02.2027"
    assert local_date(None, "nb") == "ikke kjent" and local_date("", "en") == "not known"
    with pytest.raises(ValueError):
        local_date("2026-11-30T12:00:00+00:00", "nb")


@pytest.mark.parametrize("vocabulary, codes", [
    ("notify_authority", ("required", "not_required")), ("risk", ("unlikely", "risk", "high_risk")),
    ("document_kind", DOCUMENT_KINDS), ("area", AREAS), ("area", TOPICS), ("measure_status", MEASURE_STATUSES),
    ("changed_field", ("severity", "breach_severity", "personal_data_involved", "kind", "category",
                       "approx_data_subjects", "notify_authority", "risk")),
    ("breach_severity", BREACH_SEVERITIES), ("category", CATEGORIES),
])
def test_every_code_has_a_label_in_both_languages(vocabulary, codes):
    labels = messages.VOCABULARIES[vocabulary]
    assert set(codes) <= set(labels)
    assert all(len(labels[code]) == len(messages.LANGUAGES) and all(labels[code]) for code in codes)


def test_the_enisa_band_is_never_called_a_severity():
    for code in BREACH_SEVERITIES:
        for language in messages.LANGUAGES:
            assert "alvorlighetsgrad" not in label(code, "breach_severity", language)
    assert label("breach_severity", "changed_field", "nb") == "ENISA-vurdering av bruddet"
    assert label("breach_severity", "changed_field", "en") == "ENISA assessment of the breach"
    assert "ENISA" in label("breach_severity", "reason", "nb") and "alvorlighetsgrad" not in \
        label("breach_severity", "reason", "nb")
