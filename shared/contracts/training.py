"""Events published by the training service (kompetanse og beredskap): campaigns, overdue
mandatory training, campaign suggestions from repeated incidents, and preparedness exercises.

People appear only as pseudonymous participant ids from the agency's directory, with unit and role.
"""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

TOPICS = ("privacy", "security", "both")
EXERCISE_TYPES = ("tabletop", "functional", "full_scale")
FINDING_SEVERITIES = ("low", "medium", "high")
COORDINATOR_ROLES = ("pko", "isk")
COORDINATOR_COURSE_KINDS = ("course", "event")


class CampaignV1(ContractSchema):
    """What every campaign event names."""
    campaign_id = fields.String(required=True)
    title = fields.String(required=True)
    topic = fields.String(required=True, validate=validate.OneOf(TOPICS))
    theme = fields.String(load_default=None, allow_none=True,
                          metadata={"description": "for example phishing; an incident category when suggested"})
    course_id = fields.String(load_default=None, allow_none=True)
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    target_rate = fields.Float(required=True, metadata={"description": "target completion rate, per cent"})


class CampaignLaunchedV1(CampaignV1):
    target_units = fields.List(fields.String(), required=True, metadata={"description": "empty: every unit"})
    target_roles = fields.List(fields.String(), required=True, metadata={"description": "empty: every role"})
    enrolled = fields.Integer(required=True)
    launched_at = fields.AwareDateTime(required=True)


class CompletionFiguresV1(ContractSchema):
    enrolled = fields.Integer(required=True)
    completed = fields.Integer(required=True)
    completion_rate = fields.Float(required=True, metadata={"description": "per cent, one decimal"})


class UnitFiguresV1(CompletionFiguresV1):
    unit = fields.String(required=True)


class RoleFiguresV1(CompletionFiguresV1):
    role = fields.String(required=True)


class CampaignCompletedV1(CampaignV1, CompletionFiguresV1):
    target_met = fields.Boolean(required=True)
    by_unit = fields.List(fields.Nested(UnitFiguresV1), required=True)
    by_role = fields.List(fields.Nested(RoleFiguresV1), required=True)
    completed_at = fields.AwareDateTime(required=True)


class CampaignReminderDueV1(ContractSchema):
    campaign_id = fields.String(required=True)
    title = fields.String(required=True)
    reminder = fields.Integer(required=True, metadata={"description": "1 for the first reminder"})
    of = fields.Integer(required=True, metadata={"description": "the number of reminders planned"})
    participant_ids = fields.List(fields.String(), required=True,
                                  metadata={"description": "enrolled and not yet completed"})
    due_on = fields.Date(required=True)


class TrainingOverdueV1(ContractSchema):
    course_id = fields.String(required=True)
    course_title = fields.String(required=True)
    topic = fields.String(required=True, validate=validate.OneOf(TOPICS))
    participant_id = fields.String(required=True)
    unit = fields.String(required=True)
    role = fields.String(required=True)
    due_on = fields.Date(required=True, metadata={"description": "the last day the training was valid or due"})
    last_completed_on = fields.Date(load_default=None, allow_none=True)
    detected_at = fields.AwareDateTime(required=True)


class CampaignSuggestedV1(ContractSchema):
    suggestion_id = fields.String(required=True)
    theme = fields.String(required=True, metadata={"description": "the incident category repeated"})
    topic = fields.String(required=True, validate=validate.OneOf(TOPICS))
    incident_ids = fields.List(fields.String(), required=True)
    window_days = fields.Integer(required=True)
    suggested_at = fields.AwareDateTime(required=True)


class ExerciseFindingV1(ContractSchema):
    finding_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    description = fields.String(load_default=None, allow_none=True)
    severity = fields.String(required=True, validate=validate.OneOf(FINDING_SEVERITIES))
    proposed_measure = fields.String(load_default=None, allow_none=True)


class ExerciseCompletedV1(ContractSchema):
    exercise_id = fields.String(required=True)
    title = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(EXERCISE_TYPES))
    scenario = fields.String(required=True)
    held_on = fields.Date(required=True)
    services_exercised = fields.List(fields.String(), load_default=list)
    routines_exercised = fields.List(fields.String(), load_default=list)
    participant_roles = fields.List(fields.String(), load_default=list)
    findings = fields.List(fields.Nested(ExerciseFindingV1), required=True)
    completed_at = fields.AwareDateTime(required=True)


class CoordinatorCoursePublishedV1(ContractSchema):
    """A municipality-wide course or event for the coordinators, published by the central team."""
    course_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(COORDINATOR_COURSE_KINDS))
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "none: a single day"})
    roles = fields.List(fields.String(validate=validate.OneOf(COORDINATOR_ROLES)), required=True,
                        validate=validate.Length(min=1), metadata={"description": "which coordinators it is for"})
    published_at = fields.AwareDateTime(required=True)


class CoordinatorParticipationRecordedV1(ContractSchema):
    """Whether one of the agency's coordinators took part (the agency is the event's). The person is not
    named: the figures count roles, not people. A correction comes again with the same id."""
    participation_id = fields.String(required=True)
    course_id = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(COORDINATOR_ROLES))
    attended = fields.Boolean(required=True)
    attended_on = fields.Date(required=True)
    recorded_at = fields.AwareDateTime(required=True)


CAMPAIGN_LAUNCHED = EventType(
    "training", "campaign_launched", 1, CampaignLaunchedV1,
    "A training or awareness campaign started; its target audience is enrolled.")
CAMPAIGN_COMPLETED = EventType(
    "training", "campaign_completed", 1, CampaignCompletedV1,
    "A campaign ended, with its completion figures overall, per unit and per role.")
CAMPAIGN_REMINDER_DUE = EventType(
    "training", "campaign_reminder_due", 1, CampaignReminderDueV1,
    "A planned campaign reminder is due for the participants who have not completed.")
TRAINING_OVERDUE = EventType(
    "training", "training_overdue", 1, TrainingOverdueV1,
    "A participant is past due for a mandatory course (never taken, or its validity ran out); once per due date.")
CAMPAIGN_SUGGESTED = EventType(
    "training", "campaign_suggested", 1, CampaignSuggestedV1,
    "Repeated incidents of one category within a period: a campaign on that theme is suggested.")
EXERCISE_COMPLETED = EventType(
    "training", "exercise_completed", 1, ExerciseCompletedV1,
    "A preparedness exercise was evaluated; each finding carries a severity and a proposed measure.")

COORDINATOR_COURSE_PUBLISHED = EventType(
    "training", "coordinator_course_published", 1, CoordinatorCoursePublishedV1,
    "The central team published a course or event for the coordinators (PKO, ISK or both).")
COORDINATOR_PARTICIPATION_RECORDED = EventType(
    "training", "coordinator_participation_recorded", 1, CoordinatorParticipationRecordedV1,
    "An agency's coordinator took part in a coordinator course or event, or did not; again when corrected.")

EVENTS = (CAMPAIGN_LAUNCHED, CAMPAIGN_COMPLETED, CAMPAIGN_REMINDER_DUE, TRAINING_OVERDUE, CAMPAIGN_SUGGESTED,
          EXERCISE_COMPLETED, COORDINATOR_COURSE_PUBLISHED, COORDINATOR_PARTICIPATION_RECORDED)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
_CAMPAIGN = {
    "campaign_id": "a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "title": "Kjenn igjen phishing", "topic": "security",
    "theme": "phishing", "course_id": "f0e1d2c3-b4a5-4968-8776-a5b4c3d2e1f0", "starts_on": "2026-10-01",
    "ends_on": "2026-10-31", "target_rate": 90.0}
EXAMPLES = {
    "campaign_launched": {**_CAMPAIGN, "target_units": ["skole-nord"], "target_roles": [], "enrolled": 140,
                          "launched_at": "2026-10-01T06:00:00Z"},
    "campaign_completed": {
        **_CAMPAIGN, "enrolled": 140, "completed": 131, "completion_rate": 93.6, "target_met": True,
        "by_unit": [{"unit": "skole-nord", "enrolled": 140, "completed": 131, "completion_rate": 93.6}],
        "by_role": [{"role": "laerer", "enrolled": 120, "completed": 113, "completion_rate": 94.2},
                    {"role": "administrasjon", "enrolled": 20, "completed": 18, "completion_rate": 90.0}],
        "completed_at": "2026-11-01T06:00:00Z"},
    "campaign_reminder_due": {
        "campaign_id": _CAMPAIGN["campaign_id"], "title": "Kjenn igjen phishing", "reminder": 1, "of": 2,
        "participant_ids": ["p-19ab", "p-2c7e"], "due_on": "2026-10-15"},
    "training_overdue": {
        "course_id": _CAMPAIGN["course_id"], "course_title": "Grunnkurs i informasjonssikkerhet",
        "topic": "both", "participant_id": "p-19ab", "unit": "skole-nord", "role": "laerer",
        "due_on": "2026-12-31", "last_completed_on": "2025-12-31", "detected_at": "2027-01-01T01:00:00Z"},
    "campaign_suggested": {
        "suggestion_id": "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", "theme": "phishing", "topic": "security",
        "incident_ids": ["7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13", "8e2a4d3f-6c9b-4f1a-8d72-3b5c9fae1024",
                         "9f3b5e4a-7d0c-4a2b-9e83-4c6dab0f2135"],
        "window_days": 30, "suggested_at": "2026-11-25T02:00:00Z"},
    "exercise_completed": {
        "exercise_id": "d4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a", "title": "Løsepengevirus i fagsystemet",
        "type": "tabletop", "scenario": "Fagsystemet er kryptert og sikkerhetskopien er ett døgn gammel.",
        "held_on": "2026-11-12", "services_exercised": ["fagsystem"], "routines_exercised": ["beredskapsplan"],
        "participant_roles": ["leader", "isk"],
        "findings": [{"finding_id": "F1", "title": "Varslingslisten var utdatert", "description": None,
                      "severity": "medium", "proposed_measure": "Gjennomgå varslingslisten kvartalsvis"}],
        "completed_at": "2026-11-12T14:00:00Z"},
    "coordinator_course_published": {
        "course_id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "title": "Koordinatorsamling: nytt fra Datatilsynet",
        "kind": "event", "starts_on": "2026-10-20", "ends_on": None, "roles": ["pko", "isk"],
        "published_at": "2026-09-01T08:00:00Z"},
    "coordinator_participation_recorded": {
        "participation_id": "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b",
        "course_id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "role": "pko", "attended": True,
        "attended_on": "2026-10-20", "recorded_at": "2026-10-21T09:00:00Z"},
}
