import pytest

from services.incidents import breach


def facts(**overrides):
    base = {"data_types": ["simple"], "ease_of_identification": "maximum",
            "cb": {"confidentiality": 0.0, "integrity": 0.0, "availability": 0.0, "malicious": False},
            "data_subjects": 10, "unintelligible": False, "vulnerable_subjects": False, "recipients_trusted": False}
    base.update(overrides)
    return base


def test_formula_se_is_dpc_times_ei_plus_cb():
    result = breach.assess(facts(data_types=["simple", "financial"], ease_of_identification="significant",
                                 cb={"confidentiality": 0.5, "integrity": 0.25, "availability": 0.0,
                                     "malicious": True}))
    assert (result.dpc, result.ei, result.cb) == (3, 0.75, 1.25)
    assert result.score == 3 * 0.75 + 1.25 == 3.5
    assert result.severity == "high"


@pytest.mark.parametrize("score, band", [
    (0.25, "low"), (1.99, "low"), (2.0, "medium"), (2.99, "medium"), (3.0, "high"), (3.99, "high"),
    (4.0, "very_high"), (5.5, "very_high"),
])
def test_band_edges(score, band):
    assert breach.severity_band(score) == band


def test_default_dpc_is_the_highest_base_score():
    assert breach.default_dpc(["simple", "behavioural"]) == 2
    assert breach.default_dpc(["sensitive", "simple"]) == 4


def test_a_justified_dpc_overrides_the_default():
    assert breach.assess(facts(data_types=["sensitive"], dpc=1)).dpc == 1


def test_low_severity_is_unlikely_to_result_in_a_risk():
    result = breach.assess(facts())  # 1 x 1 + 0 = 1
    assert result.severity == "low" and result.risk == "unlikely"
    assert result.notify_authority.decision == "not_required"
    assert result.notify_data_subjects.decision == "not_required"


def test_medium_severity_means_notify_the_authority_only():
    result = breach.assess(facts(data_types=["behavioural"], cb={"confidentiality": 0.25, "integrity": 0.0,
                                                                 "availability": 0.0, "malicious": False}))
    assert result.score == 2.25 and result.risk == "risk"
    assert result.notify_authority.decision == "required"
    assert result.notify_data_subjects.decision == "not_required"


def test_vulnerable_subjects_raise_a_risk_to_a_high_risk():
    result = breach.assess(facts(data_types=["behavioural"], vulnerable_subjects=True))
    assert result.severity == "medium" and result.risk == "high_risk"
    assert result.notify_data_subjects.decision == "required"


def test_high_severity_means_tell_the_data_subjects_too():
    result = breach.assess(facts(data_types=["sensitive"], cb={"confidentiality": 0.5, "integrity": 0.0,
                                                               "availability": 0.0, "malicious": False}))
    assert result.severity == "very_high"
    assert result.notify_authority.decision == "required"
    assert result.notify_data_subjects.decision == "required"
    assert "art34_required" in result.notify_data_subjects.reasons


def test_encrypted_data_with_a_safe_key_is_unlikely_to_result_in_a_risk():
    result = breach.assess(facts(data_types=["sensitive"], unintelligible=True,
                                 cb={"confidentiality": 0.5, "integrity": 0.0, "availability": 0.0,
                                     "malicious": True}))
    assert result.severity == "very_high"  # ENISA scores severity, not likelihood
    assert result.risk == "unlikely" and result.notify_authority.decision == "not_required"


def test_unintelligible_data_lost_for_good_still_notify_authority_but_subjects_are_exempt():
    result = breach.assess(facts(data_types=["sensitive"], unintelligible=True,
                                 cb={"confidentiality": 0.0, "integrity": 0.0, "availability": 0.5,
                                     "malicious": False}))
    assert result.notify_authority.decision == "required"
    assert result.notify_data_subjects.decision == "exempt"
    assert "art34_3_a" in result.notify_data_subjects.reasons


def test_a_trusted_recipient_who_deleted_the_data_makes_the_risk_unlikely():
    result = breach.assess(facts(data_types=["financial"], recipients_trusted=True,
                                 cb={"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0,
                                     "malicious": False}))
    assert result.risk == "unlikely" and result.notify_authority.decision == "not_required"


def test_more_than_100_subjects_is_flagged():
    assert breach.assess(facts(data_subjects=101)).many_subjects
    assert not breach.assess(facts(data_subjects=100)).many_subjects


def test_the_documented_worked_examples():
    """The two worked examples of docs/domain/incidents.md (Breach assessment) come out as written there."""
    misdirected = breach.assess(facts(data_types=["sensitive"], data_subjects=240,
                                      cb={"confidentiality": 0.5, "integrity": 0.0, "availability": 0.0,
                                          "malicious": False}))
    assert (misdirected.score, misdirected.severity, misdirected.many_subjects) == (4.5, "very_high", True)
    assert misdirected.notify_authority.decision == "required"
    assert misdirected.notify_data_subjects.decision == "required"

    laptop = breach.assess(facts(data_types=["financial"], unintelligible=True,
                                 cb={"confidentiality": 0.5, "integrity": 0.0, "availability": 0.0,
                                     "malicious": True}))
    assert (laptop.score, laptop.severity, laptop.risk) == (4.0, "very_high", "unlikely")
    assert laptop.notify_authority.decision == "not_required"


def test_a_low_breach_done_on_purpose_that_exposed_data_is_a_risk():
    """EDPB Guidelines 01/2021: an employee copying data on purpose; low by ENISA, yet not unlikely."""
    result = breach.assess(facts(cb={"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0,
                                     "malicious": True}))
    assert (result.score, result.severity) == (1.75, "low")
    assert result.risk == "risk"
    assert result.notify_authority.decision == "required"
    assert result.notify_authority.reasons == ["enisa_severity:low", "malicious_confidentiality", "art33_required"]
    assert result.notify_data_subjects.decision == "not_required"


def test_the_malicious_low_breach_with_vulnerable_subjects_is_a_high_risk():
    result = breach.assess(facts(vulnerable_subjects=True, cb={"confidentiality": 0.25, "integrity": 0.0,
                                                                "availability": 0.0, "malicious": True}))
    assert result.risk == "high_risk" and result.notify_data_subjects.decision == "required"


@pytest.mark.parametrize("cb, unintelligible", [
    ({"confidentiality": 0.0, "integrity": 0.0, "availability": 0.25, "malicious": True}, False),  # nothing exposed
    ({"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0, "malicious": False}, False),  # not on purpose
    ({"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0, "malicious": True}, True),  # encrypted
])
def test_a_low_breach_stays_unlikely_without_intent_exposure_or_readable_data(cb, unintelligible):
    result = breach.assess(facts(cb=cb, unintelligible=unintelligible))
    assert result.severity == "low" and result.risk == "unlikely"
    assert result.notify_authority.decision == "not_required"


def test_reasons_are_stored_as_codes():
    result = breach.assess(facts())
    assert result.notify_authority.reasons == ["enisa_severity:low", "low_severity", "art33_not_required"]
    assert result.notify_data_subjects.reasons == ["enisa_severity:low", "low_severity", "art34_not_high_risk"]


def test_every_code_the_rules_give_has_a_text_in_both_languages():
    seen = set()
    for data_types in (["simple"], ["sensitive"], ["behavioural"]):
        for confidentiality, availability in ((0.0, 0.0), (0.25, 0.0), (0.5, 0.0), (0.0, 0.5)):
            for malicious in (False, True):
                for flags in ({}, {"unintelligible": True}, {"recipients_trusted": True},
                              {"vulnerable_subjects": True}):
                    result = breach.assess(facts(data_types=data_types, **flags, cb={
                        "confidentiality": confidentiality, "integrity": 0.0, "availability": availability,
                        "malicious": malicious}))
                    seen |= set(result.notify_authority.reasons) | set(result.notify_data_subjects.reasons)
    for stored in seen:
        explained = breach.explain(stored)
        assert explained["code"] is not None, stored
        assert explained["text_nb"] and explained["text_en"] and explained["text_nb"] != explained["text_en"]
    assert {breach.explain(s)["code"] for s in seen} == set(breach.REASONS)


def test_the_severity_reason_names_the_band_in_the_readers_language():
    assert breach.explain("enisa_severity:very_high") == {
        "code": "enisa_severity", "text_nb": "Alvorlighetsgrad etter ENISA: svært høy",
        "text_en": "ENISA severity: very high"}


def test_english_sentences_stored_before_the_codes_are_read_as_their_codes():
    assert breach.explain("ENISA severity high")["code"] == "enisa_severity"
    assert breach.explain("ENISA severity high")["text_nb"] == "Alvorlighetsgrad etter ENISA: høy"
    old = "art. 33(1): notify Datatilsynet within 72 hours of awareness"
    assert breach.explain(old) == {"code": "art33_required", "text_en": old, "text_nb": (
        "art. 33 nr. 1: meld til Datatilsynet innen 72 timer etter at virksomheten fikk kjennskap til bruddet")}


@pytest.mark.parametrize("stored", ["a sentence nobody coded", "enisa_severity", "low_severity:extra", "x:y"])
def test_an_unknown_reason_is_shown_as_it_is(stored):
    assert breach.explain(stored) == {"code": None, "text_nb": stored, "text_en": stored}
