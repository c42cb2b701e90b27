"""The life of an incident as a state machine: which status may follow which.

reported -> triage -> investigating -> contained -> resolved -> closed, with
`rejected` (not an incident after all) and reopening. Closed and rejected
incidents are frozen: nothing about them changes until they are reopened.
"""
from shared.contracts.incidents import CLOSED_STATUSES, STATUSES  # noqa: F401  (the vocabulary is the contract's)
from shared.errors import Conflict

FROZEN_STATUSES = CLOSED_STATUSES

# Ordinary moves. Closing and reopening are their own use cases: they need more than a note.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "reported": ("triage", "rejected"),
    "triage": ("investigating", "rejected"),
    "investigating": ("contained", "resolved"),
    "contained": ("resolved", "investigating"),  # containment failed
    "resolved": ("investigating",),  # new facts after resolution
    "closed": (),
    "rejected": (),
}
CLOSABLE_FROM = ("resolved",)
REOPEN_TO = {"closed": "investigating", "rejected": "triage"}

LABELS_NB = {
    "reported": "meldt", "triage": "til vurdering", "investigating": "under undersøkelse",
    "contained": "begrenset", "resolved": "løst", "closed": "lukket", "rejected": "avvist",
}


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS[status]


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS[current]


def ensure_move(current: str, target: str) -> None:
    if not can_move(current, target):
        allowed = ", ".join(TRANSITIONS[current]) or "none (reopen first)"
        raise Conflict(f"Cannot move an incident from {current} to {target}; allowed: {allowed} / "
                       f"Kan ikke gå fra «{LABELS_NB[current]}» til «{LABELS_NB[target]}»",
                       {"status": current, "allowed": list(TRANSITIONS[current])})


def ensure_editable(status: str) -> None:
    """Closed and rejected incidents are a record; reopening is the way to change them."""
    if status in FROZEN_STATUSES:
        raise Conflict(f"The incident is {status}; reopen it to change it / "
                       f"Hendelsen er {LABELS_NB[status]}; gjenåpne den for å endre",
                       {"status": status})


def ensure_closable(status: str) -> None:
    if status not in CLOSABLE_FROM:
        raise Conflict(f"Only a resolved incident can be closed (it is {status}) / "
                       f"Bare en løst hendelse kan lukkes", {"status": status})


def reopen_target(status: str) -> str:
    if status not in REOPEN_TO:
        raise Conflict(f"Only closed or rejected incidents can be reopened (it is {status}) / "
                       f"Bare lukkede eller avviste hendelser kan gjenåpnes", {"status": status})
    return REOPEN_TO[status]
