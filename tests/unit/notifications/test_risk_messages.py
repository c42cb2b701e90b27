"""The messages about an unacceptable risk, and the follow-ups (reminder, overdue, failed delivery) of a risk task."""
import pytest
from markupsafe import escape

from services.notifications import messages
from services.notifications.messages import label, render, template_for
from shared.contracts.risk import LEVELS, SCOPES, TREATMENTS, UNACCEPTABLE_REASONS
from tests.unit.notifications.test_messages import ACK_URL, EXTRA, RISK_TEMPLATES

TITLE = "Tap av <b>pasientjournaler</b>"
IDENTIFIED_NB, IDENTIFIED_EN = "23.11.2026 kl. 14:05", "23 Nov 2026 14:05"
DUE_NB, DUE_EN = "23.12.2026 kl. 14:05", "23 Dec 2026 14:05"

RISK_FACTS = {
    "risk_id": "RSK-9", "reference": "R3", "title": TITLE, "assessment_id": "A-1",
    "assessment_title": "Helhetlig ROS 2026", "assessment_scope": "overall",
    "likelihood": 4, "consequence": 5, "level": "high",
    "residual_likelihood": 3, "residual_consequence": 4, "residual_level": "medium",
    "treatment": "reduce", "owner": "isk", "matrix_version": 2, "reason": "evaluated",
    "identified_at": "2026-11-23T13:05:00+00:00", "open_measures": 2,
    "agency": "demo", "agency_name": "Demo-etaten",
}
# One vocabulary per coded fact of the event, with every code the contract allows.
CODED_FACTS = [("assessment_scope", "assessment_scope", SCOPES), ("level", "risk_level", LEVELS),
               ("residual_level", "risk_level", LEVELS), ("treatment", "treatment", TREATMENTS),
               ("reason", "unacceptable_reason", UNACCEPTABLE_REASONS)]
EVERY_CODE = [(fact, vocabulary, code) for fact, vocabulary, codes in CODED_FACTS for code in codes]


def context(template="x", ack_url=ACK_URL, due_at="2026-12-23T13:05:00+00:00", **facts):
    return {"language": "nb", "recipient_role": "leader", "recipient_name": "Leder Demo", "due_at": due_at,
            "ack_url": ack_url, "task_id": "T-1", "facts": {**RISK_FACTS, **facts}, **EXTRA.get(template, {})}


def both_parts(template, language, **kwargs):
    message = render(template, language, context(template, **kwargs))
    return message, message.text, message.html


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", RISK_TEMPLATES)
def test_both_risk_messages_render_in_both_languages(template, language):
    message, text, html = both_parts(template, language)
    assert "\n" not in message.subject and "R3 " + TITLE in message.subject
    assert TITLE in text and "&lt;b&gt;" in html and "<b>pasient" not in html
    assert "Helhetlig ROS 2026" in text and "Demo-etaten" in text
    assert (IDENTIFIED_NB if language == "nb" else IDENTIFIED_EN) in text
    assert (DUE_NB if language == "nb" else DUE_EN) in text
    assert ("Risiko RSK-9, oppgave T-1" if language == "nb" else "Risk RSK-9, task T-1") in text
    assert ("Risiko RSK-9" if language == "nb" else "Risk RSK-9") in html
    assert f'<html lang="{language}">' in html
    assert "incident" not in text.lower() and "hendelse" not in text.lower()


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", RISK_TEMPLATES)
@pytest.mark.parametrize("fact, vocabulary, code", EVERY_CODE)
def test_every_code_of_the_event_is_shown_in_words(fact, vocabulary, code, template, language):
    _, text, html = both_parts(template, language, **{fact: code})
    words = label(code, vocabulary, language)
    assert words in text and str(escape(words)) in html


@pytest.mark.parametrize("vocabulary, codes", [(vocabulary, codes) for _, vocabulary, codes in CODED_FACTS])
def test_every_code_has_a_label_in_both_languages(vocabulary, codes):
    labels = messages.VOCABULARIES[vocabulary]
    assert set(codes) <= set(labels)
    assert all(len(labels[code]) == len(messages.LANGUAGES) and all(labels[code]) for code in codes)


def test_the_levels_come_with_likelihood_times_consequence():
    nb = render("unacceptable_risk_leader", "nb", context()).text
    assert "Risikonivå: høy (sannsynlighet 4 × konsekvens 5)" in nb
    assert "Restrisiko: middels (sannsynlighet 3 × konsekvens 4)" in nb
    en = render("unacceptable_risk_leader", "en", context()).text
    assert "Risk level: high (likelihood 4 × consequence 5)" in en
    assert "Residual risk: medium (likelihood 3 × consequence 4)" in en


def test_the_leader_is_asked_to_accept_formally_or_fund_measures_by_the_due_date():
    nb = render("unacceptable_risk_leader", "nb", context()).text
    assert "som virksomhetsleder" in nb and "over virksomhetens akseptkriterier" in nb
    assert "aksepter risikoen formelt, med en begrunnelse og en dato aksepten gjelder til" in nb
    assert "beslutt å finansiere tiltak" in nb
    assert f"Frist: {DUE_NB}" in nb and "Tiltak som ikke er gjennomført ennå: 2" in nb
    en = render("unacceptable_risk_leader", "en", context()).text
    assert "WHAT WE ASK OF YOU" in en and "accept the risk formally" in en and "decide to fund measures" in en
    assert f"Due: {DUE_EN}" in en


def test_what_is_not_known_yet_is_said_in_words():
    nb = render("unacceptable_risk_leader", "nb", context(treatment=None, owner=None, open_measures=0)).text
    assert "Risikohåndtering: ikke valgt ennå" in nb and "Risikoeier: ikke angitt" in nb
    assert "Tiltak som ikke er gjennomført ennå: ingen" in nb
    en = render("unacceptable_risk_leader", "en", context(treatment=None, owner=None, open_measures=0)).text
    assert "Treatment: not chosen yet" in en and "Risk owner: not given" in en and "Measures not yet done: none" in en


def test_an_owner_that_is_a_role_is_named_by_the_role():
    assert "Risikoeier: informasjonssikkerhetskoordinator" in render("unacceptable_risk_leader", "nb", context()).text
    assert "Risikoeier: u-123" in render("unacceptable_risk_leader", "nb", context(owner="u-123")).text


def test_the_default_message_informs_and_names_an_overall_assessment():
    overall = render("unacceptable_risk_default", "nb", context()).text
    assert overall.startswith("Hei Leder Demo,") and "Til orientering" in overall
    assert "helhetlige (overordnede) risikovurdering" in overall
    system = render("unacceptable_risk_default", "nb", context(assessment_scope="system")).text
    assert "helhetlige (overordnede)" not in system and "risikovurdering av et system" in system
    english = render("unacceptable_risk_default", "en", context()).text
    assert "For your information" in english and "in the agency's overall risk assessment" in english


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", RISK_TEMPLATES)
def test_the_ack_link_is_shown_only_when_there_is_one(template, language):
    _, text, html = both_parts(template, language)
    assert ACK_URL in text and f'href="{ACK_URL}"' in html
    _, text, html = both_parts(template, language, ack_url=None)
    for part in (text, html):
        assert "bekreft" not in part.lower() and "confirm" not in part.lower()


def test_without_a_due_time_no_due_line_is_shown():
    assert "Frist" not in render("unacceptable_risk_default", "nb", context(due_at=None)).text
    assert "Due" not in render("unacceptable_risk_default", "en", context(due_at=None)).text


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", tuple(EXTRA))
def test_reminders_overdue_and_failed_deliveries_of_a_risk_task_describe_the_risk(template, language):
    _, text, html = both_parts(template, language)
    assert ("gjelder denne risikoen:" if language == "nb" else "concerns this risk:") in text
    assert ("Risikovurdering: Helhetlig ROS 2026" if language == "nb" else "Risk assessment: Helhetlig ROS 2026") \
        in text
    assert ("Risiko RSK-9" if language == "nb" else "Risk RSK-9") in text and "RSK-9" in html
    assert "hendelse" not in text.lower() and "incident" not in text.lower()
    assert "hendelse" not in html.lower() and "incident" not in html.lower()


def test_the_leader_gets_the_leader_message_and_others_the_default():
    assert template_for("unacceptable_risk", "leader") == "unacceptable_risk_leader"
    for role in ("central", "isk", "ombud"):
        assert template_for("unacceptable_risk", role) == "unacceptable_risk_default"
