"""Risk rules as plain functions: ratings, the unacceptable rule, acceptance, life cycles, due dates."""
from dataclasses import dataclass
from datetime import date

from services.risk import matrix as risk_matrix
from services.risk.matrix import Matrix
from shared.contracts.risk import SCOPES, TREATMENTS  # noqa: F401  (one definition with the events)
DIMENSIONS = ("confidentiality", "integrity", "availability", "privacy")
KNOWLEDGE_STRENGTHS = ("weak", "moderate", "strong")  # kunnskapsstyrke: how much the rating rests on

# Risk assessment life cycle: the leader approves; approval locks the content until revised.
ASSESSMENT_TRANSITIONS = {
    "planned": ("in_progress",),
    "in_progress": ("completed",),
    "completed": ("approved", "in_progress"),   # approved by the leader, or sent back for changes
    "approved": ("in_progress",),                # revised for the next review cycle
}
EDITABLE_ASSESSMENT = ("planned", "in_progress")
EVALUATED_ASSESSMENT = ("completed", "approved")  # ISO 27005's evaluation step is done

RISK_STATUSES = ("draft", "open", "closed", "dismissed")
# Oslo kommune's measure statuses (Forslag, Besluttet, Under arbeid, Kontinuerlig oppfølging, Utført) + cancelled.
MEASURE_STATUSES = ("proposed", "decided", "in_progress", "continuous", "done", "cancelled")
MEASURE_FINISHED = ("continuous", "done", "cancelled")
MEASURE_EFFECTS = ("likelihood", "consequence", "both")

# A change to any of these is material: it voids a leader's acceptance of the risk.
MATERIAL_FIELDS = ("likelihood", "consequence", "residual_likelihood", "residual_consequence", "treatment",
                   "scenario")


@dataclass(frozen=True)
class Rating:
    likelihood: int
    consequence: int
    residual_likelihood: int
    residual_consequence: int
    level: str
    residual_level: str
    score: int
    residual_score: int


def residual(value: int | None, inherent: int | None) -> int | None:
    """A residual rating not given is the inherent one (restrisiko = risiko until treated)."""
    return inherent if value is None else value


def rate(matrix: Matrix, likelihood: int, consequence: int, residual_likelihood: int | None = None,
         residual_consequence: int | None = None) -> Rating:
    """Inherent and residual level and score."""
    residual_likelihood = residual(residual_likelihood, likelihood)
    residual_consequence = residual(residual_consequence, consequence)
    return Rating(likelihood, consequence, residual_likelihood, residual_consequence,
                  level=risk_matrix.level(matrix, likelihood, consequence),
                  residual_level=risk_matrix.level(matrix, residual_likelihood, residual_consequence),
                  score=risk_matrix.score(likelihood, consequence),
                  residual_score=risk_matrix.score(residual_likelihood, residual_consequence))


def acceptance_in_force(valid_until: date | None, voided: bool, today: date) -> bool:
    return valid_until is not None and not voided and today <= valid_until


def is_acceptable(matrix: Matrix, residual_level: str, accepted: bool) -> bool:
    """Acceptable when the residual level is within the criteria, or the agency head has accepted it."""
    return risk_matrix.is_acceptable_level(matrix, residual_level) or accepted


def within_criteria(matrix: Matrix, residual_level: str) -> bool:
    return risk_matrix.is_acceptable_level(matrix, residual_level)


def material_changes(before: dict, after: dict) -> list[str]:
    return [field for field in MATERIAL_FIELDS if field in after and before.get(field) != after[field]]


def can_move(status: str, target: str) -> bool:
    return target in ASSESSMENT_TRANSITIONS.get(status, ())


def measure_overdue(status: str, due_date: date | None, today: date) -> bool:
    return status not in MEASURE_FINISHED and due_date is not None and due_date < today


def review_overdue(review_date: date | None, today: date) -> bool:
    return review_date is not None and review_date < today


def next_reference(existing: list[str]) -> str:
    """R1, R2, ...: the next number after the highest used in the assessment."""
    numbers = [int(ref[1:]) for ref in existing if ref.startswith("R") and ref[1:].isdigit()]
    return f"R{max(numbers, default=0) + 1}"
