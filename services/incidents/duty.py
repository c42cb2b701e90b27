"""The 72-hour duty (GDPR art. 33) and the communication to data subjects (art. 34) as plain rules.

The deadline is aware_at + 72 h. EU Regulation 1182/71 would exclude the hour of
awareness, so this errs a little early, which is the safe side.
"""
from datetime import datetime, timedelta
from typing import NamedTuple

NOTIFICATION_WINDOW = timedelta(hours=72)
AUTHORITY_STATES = ("not_required", "pending", "submitted", "late")
SUBJECT_STATES = ("not_required", "pending", "exempt", "communicated")
PHASES = ("initial", "supplementary")
AUTHORITY_CHANNELS = ("altinn", "phone", "email", "letter")
SUBJECT_CHANNELS = ("letter", "email", "sms", "phone", "digital_mailbox", "meeting", "public_notice")
# Art. 34(3): (a) data unintelligible, e.g. encrypted; (b) later measures removed the high risk;
# (c) disproportionate effort, replaced by a public communication.
SUBJECT_EXEMPTIONS = ("34_3_a", "34_3_b", "34_3_c")


def authority_deadline(aware_at: datetime) -> datetime:
    return aware_at + NOTIFICATION_WINDOW


class AuthorityDuty(NamedTuple):
    """Whether Datatilsynet must be told now (`required` | `not_required`, None before any assessment),
    and whether that is a coordinator's decision rather than Vern's recommendation."""
    notify_authority: str | None
    decided: bool


def current_authority_duty(latest_version: int | None, recommended: str | None,
                           decided_version: int | None, decision: str | None) -> AuthorityDuty:
    """The one rule for the art. 33 duty: the latest decision counts when it was made on the latest
    assessment version; after a reassessment the new recommendation stands until the coordinator
    decides again, since new facts need a new decision.

    latest_version/recommended: the latest breach assessment's version and its recommendation;
    decided_version/decision: the latest decision's assessment version and its notify_authority.
    """
    if decision is not None and (latest_version is None or decided_version == latest_version):
        return AuthorityDuty(decision, True)
    return AuthorityDuty(recommended, False)


def authority_state(personal_data: bool, duty: str | None, first_submitted_at: datetime | None,
                    deadline: datetime) -> str | None:
    """None for incidents without personal data; otherwise where the notification to Datatilsynet stands.

    `duty` is the current duty (`current_authority_duty`): until a breach is assessed the clock runs,
    so a breach without a duty yet is `pending`, as is one that must be notified.
    """
    if not personal_data:
        return None
    if first_submitted_at is not None:
        return "late" if first_submitted_at > deadline else "submitted"
    if duty == "not_required":
        return "not_required"
    return "pending"


def subject_state(decision: str | None, communicated: bool) -> str | None:
    """None until decided; `communicated` once a communication (or the 34(3)(c) notice) is recorded."""
    if communicated:
        return "communicated"
    if decision == "required":
        return "pending"
    return decision


def is_overdue(state: str | None, deadline: datetime, now: datetime) -> bool:
    return state == "pending" and now > deadline


def deadline_missed(state: str | None, deadline: datetime, now: datetime, already_flagged: bool) -> bool:
    """True once: when the 72 hours have passed, nothing was submitted and nobody decided not to notify."""
    return not already_flagged and is_overdue(state, deadline, now)


def submission_problems(phase: str, submitted_at: datetime, deadline: datetime, delay_reason: str | None,
                        has_initial: bool, now: datetime) -> dict:
    """Field -> messages for a submission that cannot be recorded as given; empty when it can."""
    problems: dict[str, list[str]] = {}
    if submitted_at > now:
        problems["submitted_at"] = ["Cannot be in the future / Kan ikke være fram i tid."]
    if phase == "initial" and has_initial:
        problems["phase"] = ["The initial notification is already recorded; send a supplementary one / "
                             "Første melding er allerede registrert; send en ettersending."]
    if phase == "supplementary" and not has_initial:
        problems["phase"] = ["Record the initial notification first / Registrer første melding først."]
    if phase == "initial" and submitted_at > deadline and not delay_reason:
        problems["delay_reason"] = ["Required after the 72-hour deadline (art. 33(1)) / "
                                    "Påkrevd etter 72-timersfristen (art. 33 nr. 1)."]
    return problems
