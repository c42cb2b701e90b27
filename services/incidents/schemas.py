"""Marshmallow schemas of the incidents service: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.incidents import domain
from shared.clock import utcnow
from shared.pagination import PageQuerySchema, page_of
from shared.validation import Instant


class ReportIncidentSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    description = fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    kind = fields.String(required=True, validate=validate.OneOf(domain.KINDS))
    category = fields.String(required=True, validate=validate.OneOf(domain.CATEGORIES))
    occurred_at = Instant(required=True)
    aware_at = Instant(required=True, metadata={"description": "When the agency became aware; starts the 72-hour clock."})

    @validates_schema
    def times_are_consistent(self, data, **kwargs):
        if "occurred_at" in data and "aware_at" in data:
            problems = domain.report_time_problems(data["occurred_at"], data["aware_at"], utcnow())
            if problems:
                raise ValidationError(problems)


class AssessIncidentSchema(Schema):
    severity = fields.String(required=True, validate=validate.OneOf(domain.SEVERITIES))
    personal_data_involved = fields.Boolean(required=True)
    marked_serious = fields.Boolean(load_default=False,
                                    metadata={"description": "A coordinator's judgement that the incident is serious."})
    rationale = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))


class AssessmentSchema(Schema):
    severity = fields.String()
    personal_data_involved = fields.Boolean()
    marked_serious = fields.Boolean()
    rationale = fields.String(allow_none=True)
    assessed_at = fields.AwareDateTime()
    assessed_by = fields.String()


class IncidentSchema(Schema):
    id = fields.String()
    agency = fields.String()
    title = fields.String()
    description = fields.String()
    kind = fields.String()
    category = fields.String()
    occurred_at = fields.AwareDateTime()
    aware_at = fields.AwareDateTime()
    reported_at = fields.AwareDateTime()
    reported_by = fields.String()
    severity = fields.String(allow_none=True)
    personal_data_involved = fields.Boolean(allow_none=True)
    marked_serious = fields.Boolean()
    serious = fields.Method("get_serious")
    escalated_at = fields.AwareDateTime(allow_none=True)
    escalation_reason = fields.String(allow_none=True)
    assessments = fields.List(fields.Nested(AssessmentSchema))

    def get_serious(self, incident) -> bool:
        return domain.is_serious(incident.severity, incident.marked_serious)


class IncidentIdSchema(Schema):
    incident_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


IncidentListQuerySchema = PageQuerySchema
IncidentPageSchema = page_of(IncidentSchema)
