"""Measure owners as plain rules, one definition for risk and incident measures.

A measure may name an owner role of the agency directory (systemeier, systemforvalter,
sikkerhetsleder) and, optionally, the system whose contact it is. The owning service tells
reporting when the owner must be told (`assigned`) and when the owner's task ends (`closed`);
the owner reports progress with the link in the task's message.
"""
from shared.contracts.notifications import MEASURE_PROGRESS, OWNER_ROLES  # noqa: F401  (one definition)

SYSTEM_KEY = r"^[a-z0-9][a-z0-9_-]{0,63}$"  # a system of the directory's `systems`
# A change to any of these tells the owner again: another owner, or another due date.
ASSIGNING_FIELDS = ("owner_role", "owner_system", "owner", "due_date")


def owner_notice(before: dict | None, after: dict, finished: tuple) -> str | None:
    """What the owner's task must hear of a measure that was created (`before` None) or changed:
    `assigned` when an open measure with an owner role is new or changed owner or due date,
    `closed` when a measure with an owner role became finished, else None."""
    if not after.get("owner_role"):
        return None
    now_finished = after.get("status") in finished
    was_finished = before is not None and before.get("status") in finished
    if now_finished:
        return "closed" if before is not None and not was_finished else None
    if before is None or was_finished:
        return "assigned"
    return "assigned" if any(before.get(field) != after.get(field) for field in ASSIGNING_FIELDS) else None


def progress_status(status: str, progress: str, finished: tuple, started: tuple) -> tuple[str | None, str | None]:
    """The measure's new status after the owner's report, and why the report is refused (or None):
    `done` finishes it; `in_progress` starts it unless it is already under way."""
    if status in finished:
        return None, ("The measure is already closed / Tiltaket er allerede avsluttet")
    if progress == "done":
        return "done", None
    return (status if status in started else "in_progress"), None


def incident_coordinator(handler_role: str | None, personal_data_involved: bool | None) -> str:
    """Who follows up an incident's measure past due: the case's handler's role, else the PKO when
    personal data are involved, else the ISK."""
    return handler_role or ("pko" if personal_data_involved else "isk")
