"""The life of an incident as a state machine: which status may follow which.

reported -> triage -> investigating -> contained -> resolved -> closed, with
`rejected` (not an incident after all) and reopening. Closed and rejected
incidents are frozen: nothing about them changes until they are reopened.
"""
from shared.contracts.incidents import CLOSED_STATUSES, STATUSES  # noqa: F401  (the vocabulary is the contract's)
from services.incidents.texts import N_, Term, bilingual
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

# A status in words is `status.<code>` in the catalogue (bokmål; the English is the code).
STATUS_WORDS = (N_("status.reported"), N_("status.triage"), N_("status.investigating"), N_("status.contained"),
                N_("status.resolved"), N_("status.closed"), N_("status.rejected"))


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS[status]


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS[current]


def ensure_move(current: str, target: str) -> None:
    if not can_move(current, target):
        allowed = ", ".join(TRANSITIONS[current]) or Term(N_("lifecycle.none_allowed"))
        raise Conflict(bilingual("lifecycle.cannot_move", current=Term(f"status.{current}"),
                                 target=Term(f"status.{target}"), allowed=allowed),
                       {"status": current, "allowed": list(TRANSITIONS[current])})


def ensure_editable(status: str) -> None:
    """Closed and rejected incidents are a record; reopening is the way to change them."""
    if status in FROZEN_STATUSES:
        raise Conflict(bilingual("lifecycle.frozen", status=Term(f"status.{status}")),
                       {"status": status})


def ensure_closable(status: str) -> None:
    if status not in CLOSABLE_FROM:
        raise Conflict(bilingual("lifecycle.not_closable", status=status), {"status": status})


def reopen_target(status: str) -> str:
    if status not in REOPEN_TO:
        raise Conflict(bilingual("lifecycle.not_reopenable", status=status), {"status": status})
    return REOPEN_TO[status]
