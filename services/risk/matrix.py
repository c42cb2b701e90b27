"""The risk matrix and acceptance criteria as data: scales, the level of each cell, the threshold.

Pure functions, no I/O. A matrix is immutable once stored; an agency that changes its
criteria gets a new version, and each assessment keeps the version it was made with.
"""
from dataclasses import dataclass

from services.risk.texts import N_, both
from shared.contracts.risk import LEVELS  # low, medium, high: one definition with the events

# Oslo kommune's acceptance criteria (the Akseptkriterier of Kartoteket, docs/domain/sources.md).
# The steps' words, (bokmål, English), are `likelihood.<step>` and `consequence.<step>` in the risk catalogue.
OSLO_LIKELIHOOD = tuple(both(key) for key in (N_("likelihood.1"), N_("likelihood.2"), N_("likelihood.3"),
                                              N_("likelihood.4"), N_("likelihood.5")))
OSLO_CONSEQUENCE = tuple(both(key) for key in (N_("consequence.1"), N_("consequence.2"), N_("consequence.3"),
                                               N_("consequence.4"), N_("consequence.5")))
# Rows are likelihood 1..5 from the bottom of the criteria's table, columns consequence 1..5.
OSLO_CELLS = (
    ("low", "low", "medium", "medium", "medium"),
    ("low", "low", "medium", "medium", "high"),
    ("low", "medium", "medium", "high", "high"),
    ("low", "medium", "medium", "high", "high"),
    ("medium", "medium", "high", "high", "high"),
)


@dataclass(frozen=True)
class Matrix:
    likelihood: tuple    # ((label_nb, label_en), ...) for levels 1..n
    consequence: tuple   # ((label_nb, label_en), ...) for levels 1..m
    cells: tuple         # cells[likelihood - 1][consequence - 1] = "low" | "medium" | "high"
    acceptable_up_to: str  # the highest level the criteria accept

    @classmethod
    def of(cls, data: dict) -> "Matrix":
        """From its stored or API form (see schemas.MatrixSchema)."""
        return cls(likelihood=tuple((step["label_nb"], step["label_en"]) for step in data["likelihood_scale"]),
                   consequence=tuple((step["label_nb"], step["label_en"]) for step in data["consequence_scale"]),
                   cells=tuple(tuple(row) for row in data["cells"]), acceptable_up_to=data["acceptable_up_to"])

    def as_data(self) -> dict:
        return {"likelihood_scale": _scale(self.likelihood), "consequence_scale": _scale(self.consequence),
                "cells": [list(row) for row in self.cells], "acceptable_up_to": self.acceptable_up_to}


def _scale(labels) -> list[dict]:
    return [{"value": value, "label_nb": nb, "label_en": en} for value, (nb, en) in enumerate(labels, start=1)]


OSLO_DEFAULT = Matrix(OSLO_LIKELIHOOD, OSLO_CONSEQUENCE, OSLO_CELLS, acceptable_up_to="medium")


def level(matrix: Matrix, likelihood: int, consequence: int) -> str:
    return matrix.cells[likelihood - 1][consequence - 1]


def score(likelihood: int, consequence: int) -> int:
    """Likelihood times consequence: orders risks within a level; the level comes from the cell."""
    return likelihood * consequence


def is_acceptable_level(matrix: Matrix, risk_level: str) -> bool:
    return LEVELS.index(risk_level) <= LEVELS.index(matrix.acceptable_up_to)


def out_of_scale(matrix: Matrix, ratings: dict) -> dict:
    """Field errors for ratings outside the matrix's scales, e.g. likelihood 7 on a 5-level scale."""
    sizes = {"likelihood": len(matrix.likelihood), "consequence": len(matrix.consequence)}
    errors = {}
    for field, value in ratings.items():
        if value is None:
            continue
        size = sizes[field.removeprefix("residual_")]
        if not 1 <= value <= size:
            errors[field] = [f"Must be between 1 and {size} on this agency's scale / "
                             f"Må være mellom 1 og {size} på virksomhetens skala."]
    return errors


def shape_problems(likelihood_steps: int, consequence_steps: int, cells) -> list[str]:
    """What is wrong with a proposed matrix: the grid's size, and levels that fall as risk rises."""
    if len(cells) != likelihood_steps or any(len(row) != consequence_steps for row in cells):
        return [f"cells must have {likelihood_steps} rows (likelihood) of {consequence_steps} levels (consequence)"]
    problems = []
    for row in range(likelihood_steps):
        for column in range(consequence_steps):
            here = LEVELS.index(cells[row][column])
            if row and LEVELS.index(cells[row - 1][column]) > here:
                problems.append(f"likelihood {row + 1}, consequence {column + 1} is lower than the cell below it")
            if column and LEVELS.index(cells[row][column - 1]) > here:
                problems.append(f"likelihood {row + 1}, consequence {column + 1} is lower than the cell left of it")
    return problems


def heat_map(matrix: Matrix, ratings) -> list[list[int]]:
    """Counts per cell, rows likelihood 1..n and columns consequence 1..m, of (likelihood, consequence) pairs."""
    counts = [[0] * len(matrix.consequence) for _ in matrix.likelihood]
    for likelihood, consequence in ratings:
        if likelihood is not None and consequence is not None:
            counts[likelihood - 1][consequence - 1] += 1
    return counts
