"""Events published by the training service (kompetanse og beredskap).

The service itself is built in its own issue; the exercise contract is fixed here
first because the risk service consumes it (each finding becomes a draft risk).
"""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

EXERCISE_TYPES = ("tabletop", "functional", "full_scale")
FINDING_SEVERITIES = ("low", "medium", "high")


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
    findings = fields.List(fields.Nested(ExerciseFindingV1), required=True)
    completed_at = fields.AwareDateTime(required=True)


EXERCISE_COMPLETED = EventType(
    "training", "exercise_completed", 1, ExerciseCompletedV1,
    "A preparedness exercise was evaluated; each finding carries a severity and a proposed measure.")

EVENTS = (EXERCISE_COMPLETED,)
