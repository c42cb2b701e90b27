"""Rules of the annual plan (årsplan / årshjul) as plain functions: which planned activity a happening
ticks, how an activity stands against its plan, and the plan-versus-actual figures. No I/O.

Activities are read as mappings (a dict, or a model row through `as_plain`) with: id, agency, year,
area, kind, status, due_month, done_at, expects_reference and evidence (a list of entries).
"""
import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from shared.clock import OSLO

AREAS = ("privacy", "security")
KINDS = ("risk_assessment", "dpia_review", "register_review", "campaign", "exercise", "internal_control",
         "document_review", "report")
STATUSES = ("planned", "in_progress", "done", "cancelled")
OPEN_STATUSES = ("planned", "in_progress")
OWNER_ROLES = ("pko", "isk", "leader", "ombud", "central", "admin")
EVIDENCE_SOURCES = ("event", "manual")
MANUAL_EVIDENCE_TYPES = ("document", "minutes", "report", "link", "other")
# how an activity stands against the plan
STANDINGS = ("done", "done_late", "overdue", "upcoming", "cancelled")

KIND_TITLES = {
    "risk_assessment": ("Risikovurdering (ROS)", "Risk assessment"),
    "dpia_review": ("DPIA / vurdering av personvernkonsekvenser", "DPIA review"),
    "register_review": ("Gjennomgang av protokollen", "Review of the record of processing"),
    "campaign": ("Opplæring og bevisstgjøring", "Training and awareness campaign"),
    "exercise": ("Beredskapsøvelse", "Preparedness exercise"),
    "internal_control": ("Internkontroll", "Internal control"),
    "document_review": ("Gjennomgang av styrende dokumenter", "Review of governing documents"),
    "report": ("Rapportering til ledelsen", "Report to leadership"),
}
AREA_TITLES = {"privacy": ("Personvern", "Privacy"), "security": ("Informasjonssikkerhet", "Information security")}
STANDING_TITLES = {"done": ("Utført", "Done"), "done_late": ("Utført etter frist", "Done late"),
                   "overdue": ("Forfalt", "Overdue"), "upcoming": ("Planlagt", "Upcoming"),
                   "cancelled": ("Avlyst", "Cancelled")}

# Other services' events that tick an activity: event key -> (kind, how to read the happening)
EVENT_KINDS = {
    "risk.assessment_approved": "risk_assessment",
    "privacy_register.dpia_completed": "dpia_review",
    "training.campaign_completed": "campaign",
    "training.exercise_completed": "exercise",
}
# Reporting's own happenings, ticked in the same unit of work
ATTESTATION_RECORDED = "reporting.attestation_recorded"
DOCUMENT_REVIEWED = "reporting.document_reviewed"
REPORT_APPROVED = "reporting.report_approved"
OWN_KINDS = {ATTESTATION_RECORDED: "internal_control", DOCUMENT_REVIEWED: "document_review",
             REPORT_APPROVED: "report"}


@dataclass(frozen=True)
class Happening:
    """Something done that may tick a planned activity.

    `reference` names the evidence (the assessment, the attestation, ...): one happening with the
    same type and reference ticks one activity only, however often it is announced. `subjects` are
    what an activity's `expects_reference` may name (an assessment id, a document id, a report's id
    or kind)."""
    type: str
    kind: str
    agency: str
    reference: str
    subjects: tuple[str, ...]
    title: str
    at: datetime
    event_id: str | None = None
    year: int | None = None  # default: the year of `at` in Oslo

    @property
    def plan_year(self) -> int:
        return self.year if self.year is not None else local_date(self.at).year

    def evidence(self) -> dict:
        return {"source": "event", "type": self.type, "reference": self.reference, "title": self.title,
                "at": self.at.isoformat(), "event_id": self.event_id}


def happening_from_event(event_key: str, event_id: str, agency: str, time: datetime, data: dict) -> Happening | None:
    """What another service's event did, or None when it ticks nothing."""
    kind = EVENT_KINDS.get(event_key)
    if kind is None:
        return None
    if kind == "risk_assessment":
        reference, title, at = data["assessment_id"], data["title"], data.get("approved_at")
    elif kind == "dpia_review":
        reference, title, at = data["dpia_id"], data["title"], data.get("approved_at")
    elif kind == "campaign":
        reference, title, at = data["campaign_id"], data["title"], data.get("completed_at")
    else:
        reference, title, at = data["exercise_id"], data["title"], data.get("completed_at")
    subjects = (str(reference),) + ((str(data["processing_id"]),) if kind == "dpia_review" else ())
    return Happening(type=event_key, kind=kind, agency=agency, reference=str(reference), subjects=subjects,
                     title=title, at=at or time, event_id=event_id)


def local_date(moment: datetime) -> date:
    return moment.astimezone(OSLO).date()


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def already_evidenced(activities: Iterable[dict], happening: Happening) -> bool:
    """Whether the plan already holds this happening as evidence: the same event id, or the same
    type and reference (a second announcement of the same approval)."""
    for activity in activities:
        for entry in activity.get("evidence") or ():
            if happening.event_id and entry.get("event_id") == happening.event_id:
                return True
            if entry.get("type") == happening.type and entry.get("reference") == happening.reference:
                return True
    return False


def candidates(activities: Iterable[dict], happening: Happening) -> list[dict]:
    """The open activities the happening may tick, the best first: of its agency, kind and year; an
    activity that names a subject takes only that subject. One that names this very subject comes
    before the generic ones; then the earliest due month, then the first planned."""
    fitting = [a for a in activities
               if a["agency"] == happening.agency and a["kind"] == happening.kind
               and a["year"] == happening.plan_year and a["status"] in OPEN_STATUSES
               and (not a.get("expects_reference") or a["expects_reference"] in happening.subjects)]
    return sorted(fitting, key=lambda a: (not a.get("expects_reference"), a["due_month"], a["id"]))


def choose(activities: list[dict], happening: Happening) -> dict | None:
    """The activity the happening ticks, or None (nothing fits, or it was ticked already)."""
    if already_evidenced(activities, happening):
        return None
    found = candidates(activities, happening)
    return found[0] if found else None


def standing(activity: dict, on: date) -> str:
    """done; done_late (done after its due month); overdue (its month has passed and it is not
    done); upcoming (not yet due); cancelled."""
    status = activity["status"]
    if status == "cancelled":
        return "cancelled"
    deadline = month_end(activity["year"], activity["due_month"])
    if status == "done":
        done_at = activity.get("done_at")
        done_on = local_date(done_at) if isinstance(done_at, datetime) else done_at
        return "done_late" if done_on is not None and done_on > deadline else "done"
    return "overdue" if on > deadline else "upcoming"


def _counts(activities: list[dict], on: date) -> dict:
    standings = [standing(a, on) for a in activities]
    done_on_time, done_late = standings.count("done"), standings.count("done_late")
    return {"planned": len(activities) - standings.count("cancelled"), "done": done_on_time + done_late,
            "done_on_time": done_on_time, "done_late": done_late, "overdue": standings.count("overdue"),
            "upcoming": standings.count("upcoming"), "cancelled": standings.count("cancelled")}


def figures(activities: list[dict], on: date) -> dict:
    """Plan versus actual: the counts for the whole plan, by area and by kind. `planned` leaves out
    the cancelled; `done` is done_on_time + done_late."""
    return {**_counts(activities, on),
            "by_area": {area: _counts([a for a in activities if a["area"] == area], on) for area in AREAS},
            "by_kind": {kind: _counts([a for a in activities if a["kind"] == kind], on) for kind in KINDS}}


def change_problems(current: dict, change: dict) -> dict:
    """What a change to an activity would leave wrong: {field: [message]}; empty when consistent."""
    merged = {**current, **change}
    if merged.get("status") == "cancelled" and not (merged.get("cancel_reason") or "").strip():
        return {"cancel_reason": ["Required to cancel an activity / Påkrevd for å avlyse en aktivitet."]}
    return {}


def after_status_change(current_status: str, new_status: str, now: datetime, done_at: datetime | None,
                        cancel_reason: str | None) -> dict:
    """The derived fields when the status moves: done sets done_at (once); leaving done clears it;
    leaving cancelled clears the reason."""
    derived = {}
    if new_status == "done":
        derived["done_at"] = done_at or now
    elif current_status == "done":
        derived["done_at"] = None
    if new_status != "cancelled":
        derived["cancel_reason"] = None
    else:
        derived["cancel_reason"] = cancel_reason
    return derived


def copied(activity: dict, to_year: int) -> dict:
    """The activity as planned again in another year: planned, without evidence."""
    return {"year": to_year, "status": "planned", "evidence": [], "done_at": None, "cancel_reason": None,
            **{field: activity[field] for field in ("area", "kind", "title", "description", "owner_role",
                                                    "due_month", "expects_reference")}}
