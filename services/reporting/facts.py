"""What reporting keeps of other services' events, as plain functions: each event folds into the
state of one subject (an incident, a risk, a processing, ...). No I/O; reporting never reads another
service's database, only what it announces.

Folds are written so that the order of arrival does not matter: each event sets its own fields, and
what depends on two events (is a risk still unacceptable?) is derived from both times when read.
"""
from collections.abc import Callable
from dataclasses import dataclass

from shared.contracts import incidents, privacy_register, risk, training
from shared.events import EventType


@dataclass(frozen=True)
class Fold:
    event: EventType
    subject_type: str
    subject_id: Callable[[dict], str]
    fields: Callable[[dict], dict]
    # for an event that restates the same fields each time: the field of its time; an older one
    # arriving after a newer one (redelivered, or handled by a parallel worker) changes nothing
    newest_wins: str | None = None


def _pick(*names: str) -> Callable[[dict], dict]:
    return lambda data: {name: data.get(name) for name in names}


def _by(name: str) -> Callable[[dict], str]:
    return lambda data: str(data[name])


def _findings(data: dict) -> dict:
    severities = [finding["severity"] for finding in data["findings"]]
    return {"title": data["title"], "type": data["type"], "held_on": data["held_on"],
            "completed_at": data["completed_at"], "findings": len(severities),
            "findings_by_severity": {s: severities.count(s) for s in sorted(set(severities))}}


FOLDS = (
    Fold(incidents.INCIDENT_REPORTED, "incident", _by("incident_id"),
         _pick("kind", "category", "title", "occurred_at", "aware_at", "reported_at")),
    Fold(incidents.INCIDENT_ASSESSED, "incident", _by("incident_id"),
         _pick("kind", "severity", "personal_data_involved", "serious", "breach_severity", "assessed_at")),
    Fold(incidents.INCIDENT_CLOSED, "incident", _by("incident_id"),
         _pick("kind", "category", "severity", "serious", "personal_data_involved", "authority_notification",
               "closed_at")),
    Fold(incidents.AUTHORITY_NOTIFICATION_SUBMITTED, "incident", _by("incident_id"),
         lambda data: ({"notified_at": data["submitted_at"], "notified_late": data["late"]}
                       if data["phase"] == "initial" else {"supplemented_at": data["submitted_at"]})),
    # the 72-hour clock and the decision on notification (art. 33(1), (5)), for the self-declaration
    Fold(incidents.BREACH_ASSESSED, "incident", _by("incident_id"), _pick("title", "aware_at", "deadline")),
    Fold(incidents.BREACH_DECIDED, "incident", _by("incident_id"),
         lambda data: {"title": data["title"], "aware_at": data["aware_at"], "deadline": data["deadline"],
                       "decision": data["notify_authority"], "decided_at": data["decided_at"]},
         newest_wins="decided_at"),
    # rejected is "not an incident after all"; reopened, it is one again (the newest change wins)
    Fold(incidents.INCIDENT_STATUS_CHANGED, "incident", _by("incident_id"),
         lambda data: {"status": data["to_status"], "status_changed_at": data["changed_at"]},
         newest_wins="status_changed_at"),
    Fold(risk.ASSESSMENT_APPROVED, "assessment", _by("assessment_id"),
         _pick("title", "scope", "risk_count", "level_counts", "unacceptable_count", "approved_at")),
    Fold(risk.UNACCEPTABLE_RISK_IDENTIFIED, "risk", _by("risk_id"),
         _pick("title", "reference", "assessment_id", "level", "residual_level", "identified_at")),
    Fold(risk.RISK_ACCEPTED, "risk", _by("risk_id"),
         lambda data: {"decision": "accepted", "decided_at": data["accepted_at"], "valid_until": data["valid_until"]}),
    Fold(risk.TREATMENT_DECIDED, "risk", _by("risk_id"),
         lambda data: {"decision": "treat", "decided_at": data["decided_at"]}),
    Fold(risk.UNACCEPTABLE_RISK_RESOLVED, "risk", _by("risk_id"),
         _pick("resolution", "resolved_at", "residual_level")),
    Fold(risk.MEASURE_OVERDUE, "measure", _by("measure_id"),
         _pick("title", "owner", "due_date", "risk_id", "noticed_at")),
    # `missing` (the art. 30(1) items not filled in) is optional in the events: absent, it keeps its value
    Fold(privacy_register.PROCESSING_REGISTERED, "processing", _by("processing_id"),
         _pick("name", "status", "complete", "special_categories", "missing", "role")),
    Fold(privacy_register.PROCESSING_UPDATED, "processing", _by("processing_id"),
         _pick("name", "status", "complete", "special_categories", "missing", "role")),
    Fold(privacy_register.DPIA_REQUIRED, "processing", _by("processing_id"),
         lambda data: {"dpia_required_at": data["screened_at"]}),
    Fold(privacy_register.DPIA_COMPLETED, "processing", _by("processing_id"),
         lambda data: {"dpia_approved_at": data["approved_at"]}),
    Fold(privacy_register.DPIA_OUTDATED, "processing", _by("processing_id"),
         lambda data: {"dpia_outdated_at": data["outdated_at"]}),
    Fold(privacy_register.AGREEMENT_COVERAGE_CHANGED, "processing", _by("processing_id"),
         lambda data: {"name": data["name"], "processors_without_agreement": data["processors_without_agreement"],
                       "agreement_coverage_at": data["changed_at"]}, newest_wins="agreement_coverage_at"),
    Fold(training.CAMPAIGN_COMPLETED, "campaign", _by("campaign_id"),
         _pick("title", "topic", "enrolled", "completed", "completion_rate", "target_rate", "target_met",
               "completed_at")),
    Fold(training.EXERCISE_COMPLETED, "exercise", _by("exercise_id"), _findings),
    Fold(training.TRAINING_OVERDUE, "training_overdue",
         lambda data: f"{data['course_id']}:{data['participant_id']}:{data['due_on']}",
         _pick("course_title", "topic", "unit", "role", "due_on", "detected_at")),
    # the coordinators' own competence: the central team's courses (municipality-wide, under its agency)
    # and each agency's participation; a correction restates the participation, the newest wins
    Fold(training.COORDINATOR_COURSE_PUBLISHED, "coordinator_course", _by("course_id"),
         _pick("title", "kind", "starts_on", "ends_on", "roles", "published_at")),
    Fold(training.COORDINATOR_PARTICIPATION_RECORDED, "coordinator_participation", _by("participation_id"),
         _pick("course_id", "role", "attended", "attended_on", "recorded_at"), newest_wins="recorded_at"),
)

# the service each subject's facts come from, for the sections of a report
SOURCES = {"incident": "incidents", "assessment": "risk", "risk": "risk", "measure": "risk",
           "processing": "privacy_register", "campaign": "training", "exercise": "training",
           "training_overdue": "training", "coordinator_course": "training",
           "coordinator_participation": "training"}


def fold(state: dict, fold_: Fold, data: dict) -> dict:
    """The subject's state after the event; a field the event does not carry (None) keeps its value."""
    new = {key: value for key, value in fold_.fields(data).items() if value is not None}
    if fold_.newest_wins and state.get(fold_.newest_wins) and _iso(new[fold_.newest_wins]) < state[fold_.newest_wins]:
        return state
    return {**state, **new}


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
