"""The messages about a prior consultation with Datatilsynet (art. 36), and the follow-ups (reminder,
overdue, failed delivery) of a DPIA task."""
import pytest
from markupsafe import escape

from services.notifications import messages
from services.notifications.messages import label, render, template_for
from shared.contracts.privacy_register import CONSULTATION_OUTCOMES, RISK_LEVELS
from tests.unit.notifications.test_messages import ACK_URL, CONSULTATION_TEMPLATES, EXTRA

TITLE = "DPIA for <b>elevregisteret</b>"
PROCESSING = "Elevregister & fravær"
APPROVED_NB, APPROVED_EN = "23.11.2026 kl. 14:05", "23 Nov 2026 14:05"
REQUIRED_NB, REQUIRED_EN = "23.11.2026 kl. 14:10", "23 Nov 2026 14:10"
DUE_NB, DUE_EN = "07.12.2026 kl. 14:10", "07 Dec 2026 14:10"
DPO = "Personvernombud <pvo@demo.example>"

DPIA_FACTS = {
    "dpia_id": "DPIA-4", "processing_id": "P-2", "processing_name": PROCESSING, "title": TITLE,
    "residual_risk": "high", "high_risks": ["Uautorisert innsyn i fravær", "Profilering av elever"],
    "dpo_contact_needed": True, "approved_at": "2026-11-23T13:05:00+00:00",
    "required_at": "2026-11-23T13:10:00+00:00", "agency": "demo", "agency_name": "Demo-etaten", "dpo_contact": DPO,
}


def context(template="x", ack_url=ACK_URL, due_at="2026-12-07T13:10:00+00:00", recipient_role="ombud", **facts):
    return {"language": "nb", "recipient_role": recipient_role, "recipient_name": "Personvernombud",
            "due_at": due_at, "ack_url": ack_url, "task_id": "T-1", "facts": {**DPIA_FACTS, **facts},
            **EXTRA.get(template, {})}


def both_parts(template, language, **kwargs):
    message = render(template, language, context(template, **kwargs))
    return message, message.text, message.html


def nb_en(language, nb, en):
    return nb if language == "nb" else en


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", CONSULTATION_TEMPLATES)
def test_both_consultation_messages_render_in_both_languages(template, language):
    message, text, html = both_parts(template, language)
    assert "\n" not in message.subject and TITLE in message.subject and PROCESSING in message.subject
    assert "Datatilsynet" in message.subject
    assert TITLE in text and "&lt;b&gt;" in html and "<b>elev" not in html and "&amp; fravær" in html
    assert "Demo-etaten" in text and "- Uautorisert innsyn i fravær\n- Profilering av elever" in text
    assert "<li>Profilering av elever</li>" in html
    assert nb_en(language, APPROVED_NB, APPROVED_EN) in text and nb_en(language, REQUIRED_NB, REQUIRED_EN) in text
    assert nb_en(language, DUE_NB, DUE_EN) in text and nb_en(language, DUE_NB, DUE_EN) in html
    assert nb_en(language, "DPIA DPIA-4, oppgave T-1", "DPIA DPIA-4, task T-1") in text
    assert "DPIA DPIA-4" in html and f'<html lang="{language}">' in html
    assert nb_en(language, "artikkel 36", "article 36") in text
    for part in (text.lower(), html.lower()):
        assert "hendelse" not in part and "incident" not in part


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", CONSULTATION_TEMPLATES)
@pytest.mark.parametrize("level", RISK_LEVELS)
def test_every_residual_risk_level_is_shown_in_words(level, template, language):
    _, text, html = both_parts(template, language, residual_risk=level)
    words = label(level, "risk_level", language)
    assert nb_en(language, "Restrisiko etter tiltak: ", "Residual risk after measures: ") + words in text
    assert str(escape(words)) in html


def test_every_code_of_the_contracts_has_a_label_in_both_languages():
    for vocabulary, codes in (("risk_level", RISK_LEVELS), ("consultation_outcome", CONSULTATION_OUTCOMES)):
        labels = messages.VOCABULARIES[vocabulary]
        assert set(codes) <= set(labels)
        assert all(len(labels[code]) == len(messages.LANGUAGES) and all(labels[code]) for code in codes)
    assert label("advice_given", "consultation_outcome", "en") == "Datatilsynet gave written advice"


def test_what_is_not_known_is_said_in_words():
    nb = render("prior_consultation_default", "nb", context(residual_risk=None, high_risks=[])).text
    assert "Restrisiko etter tiltak: ikke vurdert" in nb and "Risikoer som fortsatt er høye: ingen oppgitt" in nb
    en = render("prior_consultation_datatilsynet", "en", context(residual_risk=None, high_risks=[],
                                                                  dpo_contact=None)).text
    assert "Residual risk after measures: not assessed" in en and "Risks still high: none given" in en
    assert "d) the contact details of the data protection officer: the agency's data protection officer" in en


@pytest.mark.parametrize("language", messages.LANGUAGES)
def test_the_pko_is_told_what_article_36_3_requires_and_that_processing_waits(language):
    _, text, html = both_parts("prior_consultation_datatilsynet", language, recipient_role="datatilsynet")
    assert nb_en(language, "Til personvernkoordinatoren i Demo-etaten", "To the privacy coordinator at Demo-etaten") \
        in text
    assert nb_en(language, "BEHANDLINGEN MÅ IKKE STARTE FØR FORHÅNDSDRØFTELSEN",
                 "THE PROCESSING MUST NOT START BEFORE THE PRIOR CONSULTATION") in text
    assert nb_en(language, "8 uker", "8 weeks") in text and nb_en(language, "6 uker", "6 weeks") in text
    assert nb_en(language, "HVA SOM SKAL SENDES (art. 36 nr. 3)", "WHAT TO SEND (art. 36(3))") in text
    for letter, nb, en in (("a", "ansvarsfordelingen", "responsibilities"),
                           ("b", "formålene med og midlene", "purposes"),
                           ("c", "tiltakene og garantiene", "measures and safeguards"),
                           ("d", "kontaktopplysningene til personvernombudet: " + DPO,
                            "contact details of the data protection officer: " + DPO),
                           ("e", "vurderingen av personvernkonsekvenser", "impact assessment"),
                           ("f", "andre opplysninger Datatilsynet ber om", "other information Datatilsynet requests")):
        assert f"{letter}) " in text and nb_en(language, nb, en) in text
    assert nb_en(language, f"Frist for å sende: {DUE_NB}", f"Send by: {DUE_EN}") in text
    assert html.count("<li>") == 6 + 2, "six items of art. 36(3) and the two high risks"
    assert "Hei" not in text and "Hello" not in text, "the task is the PKO's, not a letter to Datatilsynet"


def test_the_dpo_is_asked_to_be_the_contact_point_and_others_are_told_so():
    ombud = render("prior_consultation_default", "nb", context()).text
    assert ombud.startswith("Hei Personvernombud,") and "Til orientering" in ombud
    assert "HVA VI BER DEG OM" in ombud and "du virksomhetens kontaktpunkt mot Datatilsynet" in ombud
    assert "art. 39 nr. 1 bokstav e" in ombud
    english = render("prior_consultation_default", "en", context()).text
    assert "WHAT WE ASK OF YOU" in english and "you are the agency's contact point towards Datatilsynet" in english
    leader = render("prior_consultation_default", "nb", context(recipient_role="leader")).text
    assert "HVA VI BER DEG OM" not in leader and "Personvernombudet er bedt om å være" in leader
    without = render("prior_consultation_default", "nb", context(dpo_contact_needed=False)).text
    assert "kontaktpunkt" not in without


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", CONSULTATION_TEMPLATES)
def test_the_ack_link_is_shown_only_when_there_is_one(template, language):
    _, text, html = both_parts(template, language)
    assert ACK_URL in text and f'href="{ACK_URL}"' in html
    _, text, html = both_parts(template, language, ack_url=None)
    for part in (text, html):
        assert "bekreft" not in part.lower() and "confirm" not in part.lower()


def test_without_a_due_time_no_due_line_is_shown():
    assert "Frist" not in render("prior_consultation_default", "nb", context(due_at=None)).text
    assert "Send by" not in render("prior_consultation_datatilsynet", "en", context(due_at=None)).text


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", tuple(EXTRA))
def test_reminders_overdue_and_failed_deliveries_of_a_dpia_task_describe_the_dpia(template, language):
    _, text, html = both_parts(template, language)
    assert nb_en(language, "gjelder denne vurderingen av personvernkonsekvenser (DPIA):",
                 "concerns this data protection impact assessment (DPIA):") in text
    assert nb_en(language, "Behandling: ", "Processing: ") + PROCESSING in text and f"DPIA: {TITLE}" in text
    assert nb_en(language, "Restrisiko etter tiltak: høy", "Residual risk after measures: high") in text
    assert "- Profilering av elever" in text and "<li>Profilering av elever</li>" in html
    assert "DPIA DPIA-4" in text and "DPIA DPIA-4" in html
    for part in (text.lower(), html.lower()):
        assert "hendelse" not in part and "incident" not in part and "risk assessment:" not in part


def test_datatilsynet_gets_the_submission_task_and_others_the_default():
    assert template_for("prior_consultation", "datatilsynet") == "prior_consultation_datatilsynet"
    for role in ("ombud", "pko", "leader", "central"):
        assert template_for("prior_consultation", role) == "prior_consultation_default"
