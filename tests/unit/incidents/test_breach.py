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
    assert any("34(1)" in reason for reason in result.notify_data_subjects.reasons)


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
    assert any("34(3)(a)" in reason for reason in result.notify_data_subjects.reasons)


def test_a_trusted_recipient_who_deleted_the_data_makes_the_risk_unlikely():
    result = breach.assess(facts(data_types=["financial"], recipients_trusted=True,
                                 cb={"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0,
                                     "malicious": False}))
    assert result.risk == "unlikely" and result.notify_authority.decision == "not_required"


def test_more_than_100_subjects_is_flagged():
    assert breach.assess(facts(data_subjects=101)).many_subjects
    assert not breach.assess(facts(data_subjects=100)).many_subjects


def test_readme_worked_examples():
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
