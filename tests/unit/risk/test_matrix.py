"""The risk matrix and the unacceptable rule as plain functions, on Oslo's matrix and custom ones."""
from datetime import date

import pytest

from services.risk import domain, matrix
from services.risk.matrix import OSLO_DEFAULT, Matrix

L, M, H = "low", "medium", "high"
FOUR_BY_FOUR = Matrix(
    likelihood=tuple((f"S{i}", f"L{i}") for i in range(1, 5)),
    consequence=tuple((f"K{i}", f"C{i}") for i in range(1, 5)),
    cells=((L, L, M, M), (L, M, M, H), (M, M, H, H), (M, H, H, H)),
    acceptable_up_to="low")
# Consequence weighs more than likelihood: a catastrophic consequence is high even when rare.
ASYMMETRIC = Matrix(
    likelihood=tuple((f"S{i}", f"L{i}") for i in range(1, 4)),
    consequence=tuple((f"K{i}", f"C{i}") for i in range(1, 6)),
    cells=((L, L, M, H, H), (L, M, M, H, H), (L, M, H, H, H)),
    acceptable_up_to="medium")


@pytest.mark.parametrize("likelihood, consequence, expected", [
    (1, 1, L), (1, 3, M), (1, 5, M), (2, 5, H), (3, 2, M), (3, 4, H), (4, 1, L), (5, 1, M), (5, 3, H), (5, 5, H),
])
def test_oslo_matrix_gives_the_level_of_domain_table(likelihood, consequence, expected):
    assert matrix.level(OSLO_DEFAULT, likelihood, consequence) == expected


def test_oslo_matrix_accepts_low_and_medium_but_not_high():
    assert matrix.is_acceptable_level(OSLO_DEFAULT, L) and matrix.is_acceptable_level(OSLO_DEFAULT, M)
    assert not matrix.is_acceptable_level(OSLO_DEFAULT, H)


def test_oslo_labels_are_the_norwegian_scales():
    assert OSLO_DEFAULT.likelihood[0][0] == "Meget liten" and OSLO_DEFAULT.likelihood[4][0] == "Svært stor"
    assert OSLO_DEFAULT.consequence[0][0] == "Ubetydelig" and OSLO_DEFAULT.consequence[4][0] == "Svært alvorlig"


def test_score_is_likelihood_times_consequence():
    assert matrix.score(4, 5) == 20


def test_four_by_four_with_a_strict_threshold():
    rating = domain.rate(FOUR_BY_FOUR, 2, 2)
    assert (rating.level, rating.residual_level) == (M, M)
    assert not domain.is_acceptable(FOUR_BY_FOUR, rating.residual_level, accepted=False)
    assert domain.is_acceptable(FOUR_BY_FOUR, domain.rate(FOUR_BY_FOUR, 1, 2).residual_level, accepted=False)


def test_asymmetric_matrix_weighs_consequence():
    assert matrix.level(ASYMMETRIC, 1, 4) == H       # rare but severe
    assert matrix.level(ASYMMETRIC, 3, 2) == M       # frequent but minor
    assert not domain.is_acceptable(ASYMMETRIC, matrix.level(ASYMMETRIC, 1, 4), accepted=False)


def test_residual_inherits_the_inherent_rating_when_not_given():
    rating = domain.rate(OSLO_DEFAULT, 5, 4)
    assert (rating.residual_likelihood, rating.residual_consequence, rating.residual_level) == (5, 4, H)
    treated = domain.rate(OSLO_DEFAULT, 5, 4, residual_likelihood=2, residual_consequence=3)
    assert (treated.level, treated.residual_level, treated.residual_score) == (H, M, 6)


def test_unacceptable_until_the_residual_is_within_the_criteria_or_the_leader_accepts():
    assert not domain.is_acceptable(OSLO_DEFAULT, H, accepted=False)
    assert domain.is_acceptable(OSLO_DEFAULT, H, accepted=True)
    assert domain.is_acceptable(OSLO_DEFAULT, M, accepted=False)


def test_an_acceptance_runs_out_and_a_voided_one_is_not_in_force():
    assert domain.acceptance_in_force(date(2027, 1, 31), voided=False, today=date(2027, 1, 31))
    assert not domain.acceptance_in_force(date(2027, 1, 31), voided=False, today=date(2027, 2, 1))
    assert not domain.acceptance_in_force(date(2027, 1, 31), voided=True, today=date(2026, 12, 1))


def test_ratings_outside_the_scale_are_named():
    errors = matrix.out_of_scale(OSLO_DEFAULT, {"likelihood": 7, "consequence": 5, "residual_consequence": 0})
    assert set(errors) == {"likelihood", "residual_consequence"}
    assert "1 and 5" in errors["likelihood"][0]
    assert matrix.out_of_scale(FOUR_BY_FOUR, {"likelihood": 5})


def test_a_grid_of_the_wrong_shape_or_with_falling_levels_is_refused():
    assert matrix.shape_problems(5, 5, OSLO_DEFAULT.cells) == []
    assert matrix.shape_problems(4, 4, FOUR_BY_FOUR.cells) == []
    assert matrix.shape_problems(3, 5, ASYMMETRIC.cells) == []
    assert matrix.shape_problems(5, 5, FOUR_BY_FOUR.cells)
    falling = [[L, H], [L, M]]  # higher likelihood, same consequence, lower level
    assert any("lower than the cell below" in p for p in matrix.shape_problems(2, 2, falling))


def test_a_matrix_round_trips_through_its_data():
    assert Matrix.of(ASYMMETRIC.as_data()) == ASYMMETRIC
    assert OSLO_DEFAULT.as_data()["likelihood_scale"][2] == {"value": 3, "label_nb": "Moderat", "label_en": "Moderate"}


def test_heat_map_counts_per_cell():
    counts = matrix.heat_map(FOUR_BY_FOUR, [(1, 1), (4, 4), (4, 4), (None, 2)])
    assert counts[0][0] == 1 and counts[3][3] == 2 and sum(map(sum, counts)) == 3


def test_material_changes_are_ratings_treatment_and_scenario():
    before = {"likelihood": 4, "consequence": 4, "treatment": "reduce", "scenario": "x"}
    assert domain.material_changes(before, {"likelihood": 4, "owner": "isk"}) == []
    assert domain.material_changes(before, {"likelihood": 3, "treatment": "accept"}) == ["likelihood", "treatment"]


def test_assessment_life_cycle():
    assert domain.can_move("planned", "in_progress") and domain.can_move("completed", "approved")
    assert domain.can_move("approved", "in_progress")
    assert not domain.can_move("planned", "approved") and not domain.can_move("in_progress", "approved")


def test_measure_overdue_and_references():
    assert domain.measure_overdue("in_progress", date(2026, 1, 1), date(2026, 1, 2))
    assert not domain.measure_overdue("done", date(2026, 1, 1), date(2026, 1, 2))
    assert not domain.measure_overdue("decided", date(2026, 1, 2), date(2026, 1, 2))
    assert domain.next_reference([]) == "R1" and domain.next_reference(["R1", "R7", "R3"]) == "R8"
