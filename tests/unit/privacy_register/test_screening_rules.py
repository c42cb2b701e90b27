"""DPIA screening: Datatilsynet's list, the WP248 "two or more" rule, and which changes re-open it."""
import pytest

from services.privacy_register import screening_rules
from services.privacy_register.screening_rules import (
    CRITERIA, CRITERION_LABELS, DATATILSYNET_LIST, NOT_REQUIRED, PROCESSING_FIELDS, RECOMMENDED,
    REQUIRED, criteria_touched_by, screen, touches_screening, unknown_list_items)


def test_an_item_of_datatilsynets_list_alone_requires_a_dpia():
    result = screen({}, [5])

    assert result.result == REQUIRED
    assert result.reasons == [
        "Datatilsynets liste punkt 5: systematisk overvåking av ansattes aktivitet"
        " / Datatilsynet's list item 5: systematic monitoring of employee activities"]


def test_a_list_item_that_needs_another_criterion_is_still_required_and_says_so():
    result = screen({key: False for key in CRITERIA}, [7])

    assert result.result == REQUIRED
    assert "punkt 7: lokasjonsdata" in result.reasons[0]
    assert "minst ett annet kriterium" in result.reasons[0]
    assert "at least one other criterion" in result.reasons[0]


def test_two_criteria_require_a_dpia_and_the_reason_names_them():
    result = screen({"systematic_monitoring": True, "vulnerable_subjects": True, "large_scale": False}, [])

    assert result.result == REQUIRED
    assert result.reasons == [
        "2 av 9 kriterier oppfylt (WP248): systematisk monitorering; personopplysninger om sårbare registrerte"
        " / 2 of 9 criteria met (WP248): systematic monitoring; data concerning vulnerable data subjects"]


def test_one_criterion_recommends_a_dpia():
    result = screen({"innovative_technology": True}, [])

    assert result.result == RECOMMENDED
    assert result.reasons[0].startswith("1 av 9 kriterier oppfylt (WP248): innovativ bruk")
    assert "1 of 9 criteria met (WP248): innovative use" in result.reasons[0]


def test_nothing_ticked_means_not_required_and_says_none_applies():
    result = screen({key: False for key in CRITERIA}, [])

    assert result.result == NOT_REQUIRED
    assert len(result.reasons) == 1
    assert "ingen av de 9 kriteriene" in result.reasons[0]
    assert "none of the 9 criteria" in result.reasons[0]


def test_unanswered_criteria_count_as_not_met():
    assert screen({"sensitive_data": None, "large_scale": True}, []).result == RECOMMENDED


def test_list_items_and_criteria_are_all_named_in_order():
    result = screen({"prevents_rights": True, "evaluation_scoring": True}, [12, 2, 12])

    assert result.result == REQUIRED
    assert [reason.split(":")[0] for reason in result.reasons] == [
        "Datatilsynets liste punkt 2", "Datatilsynets liste punkt 12", "2 av 9 kriterier oppfylt (WP248)"]
    assert result.reasons[2].index("evaluering") < result.reasons[2].index("hindrer")


def test_unknown_criteria_and_items_are_refused():
    with pytest.raises(ValueError, match="sensitive"):
        screen({"sensitive": True}, [])
    with pytest.raises(ValueError, match="15"):
        screen({}, [15])


def test_screening_is_frozen():
    with pytest.raises(AttributeError):
        screen({}, []).result = REQUIRED


def test_every_criterion_has_both_labels():
    assert len(CRITERIA) == 9
    assert set(CRITERION_LABELS) == set(CRITERIA)
    for nb, en in CRITERION_LABELS.values():
        assert nb.strip() and en.strip() and nb != en


def test_every_list_item_has_both_labels():
    assert sorted(DATATILSYNET_LIST) == list(range(1, 15))
    for nb, en in DATATILSYNET_LIST.values():
        assert nb.strip() and en.strip() and nb != en
    assert screening_rules.LIST_ITEMS_NEEDING_ANOTHER_CRITERION == {1, 2, 3, 4, 6, 7}


@pytest.mark.parametrize("changed, expected", [
    ({"special_categories"}, {"sensitive_data"}),
    ({"personal_data_categories"}, {"sensitive_data", "evaluation_scoring"}),
    ({"data_subject_categories"}, {"vulnerable_subjects", "large_scale"}),
    ({"approx_data_subjects"}, {"large_scale"}),
    ({"automated_decisions"}, {"automated_decision", "evaluation_scoring", "prevents_rights"}),
    ({"profiling"}, {"evaluation_scoring"}),
    ({"monitoring"}, {"systematic_monitoring"}),
    ({"new_technology", "systems"}, {"innovative_technology", "matching_datasets"}),
    ({"data_sources", "recipients"}, {"matching_datasets"}),
    ({"purposes"}, set(CRITERIA)),
    ({"status", "owner", "last_reviewed", "name"}, set()),
    (set(), set()),
])
def test_criteria_touched_by_a_change(changed, expected):
    assert criteria_touched_by(changed) == expected


def test_touches_screening_only_when_an_answer_may_change():
    assert touches_screening({"status", "monitoring"})
    assert not touches_screening({"status", "owner", "last_reviewed", "name", "security_measures"})


def test_the_mapping_only_names_processing_fields_and_criteria():
    for name in PROCESSING_FIELDS:
        assert criteria_touched_by({name}) <= set(CRITERIA)
    assert set(screening_rules._CRITERIA_BY_FIELD) <= PROCESSING_FIELDS


def test_unknown_list_items_are_those_outside_1_to_14():
    assert unknown_list_items([1, 14, 7]) == []
    assert unknown_list_items([0, 3, 15, -1, True, "2"]) == [0, 15, -1, True, "2"]
    assert unknown_list_items([]) == []
