"""Events published by the training service (kompetanse og beredskap): campaigns, overdue
mandatory training, campaign suggestions from repeated incidents, and preparedness exercises.

People appear only as pseudonymous participant ids from the agency's directory, with unit and role.
"""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

TOPICS = ("privacy", "security", "both")
EXERCISE_TYPES = ("tabletop", "functional", "full_scale")
FINDING_SEVERITIES = ("low", "medium", "high")


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

EVENTS = (CAMPAIGN_LAUNCHED, CAMPAIGN_COMPLETED, CAMPAIGN_REMINDER_DUE, TRAINING_OVERDUE, CAMPAIGN_SUGGESTED,
          EXERCISE_COMPLETED)
