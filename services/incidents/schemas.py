"""Marshmallow schemas of the incidents service: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.incidents import breach, domain
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


class CircumstancesSchema(Schema):
    confidentiality = fields.Float(required=True, validate=validate.OneOf(breach.CB_LEVELS))
    integrity = fields.Float(required=True, validate=validate.OneOf(breach.CB_LEVELS))
    availability = fields.Float(required=True, validate=validate.OneOf(breach.CB_LEVELS))
    malicious = fields.Boolean(required=True)


class AssessBreachSchema(Schema):
    """ENISA 2013 inputs (../shared/DOMAIN.md §2.5)."""
    data_types = fields.List(fields.String(validate=validate.OneOf(tuple(breach.DATA_TYPE_BASE_SCORE))),
                             required=True, validate=validate.Length(min=1))
    dpc = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=4))
    dpc_justification = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))
    ease_of_identification = fields.String(required=True,
                                           validate=validate.OneOf(tuple(breach.EASE_OF_IDENTIFICATION)))
    cb = fields.Nested(CircumstancesSchema, required=True)
    data_subjects = fields.Integer(required=True, validate=validate.Range(min=0))
    unintelligible = fields.Boolean(required=True)
    vulnerable_subjects = fields.Boolean(required=True)
    recipients_trusted = fields.Boolean(load_default=False)

    @validates_schema
    def changed_dpc_is_justified(self, data, **kwargs):
        dpc, types = data.get("dpc"), data.get("data_types")
        if dpc is not None and types and dpc != breach.default_dpc(types) and not data.get("dpc_justification"):
            raise ValidationError(
                {"dpc_justification": ["Required when dpc differs from the data types' base score / "
                                       "Påkrevd når DPC avviker fra grunnverdien"]})


class RecommendationSchema(Schema):
    decision = fields.String()
    reasons = fields.List(fields.String())


class BreachAssessmentSchema(Schema):
    version = fields.Integer()
    facts = fields.Dict()
    dpc = fields.Integer()
    dpc_justification = fields.String(allow_none=True)
    ei = fields.Float()
    cb = fields.Float()
    score = fields.Float()
    severity = fields.String()
    risk = fields.String(metadata={"description": "unlikely | risk | high_risk (art. 33/34)"})
    many_subjects = fields.Boolean()
    notify_authority = fields.Function(lambda r: {"decision": r.notify_authority,
                                                  "reasons": r.notify_authority_reasons})
    notify_data_subjects = fields.Function(lambda r: {"decision": r.notify_data_subjects,
                                                      "reasons": r.notify_data_subjects_reasons})
    assessed_at = fields.AwareDateTime()
    assessed_by = fields.String()


class BreachDecisionInputSchema(Schema):
    notify_authority = fields.String(required=True, validate=validate.OneOf(("required", "not_required")))
    notify_data_subjects = fields.String(required=True,
                                         validate=validate.OneOf(("required", "not_required", "exempt")))
    justification = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))


class BreachDecisionSchema(Schema):
    assessment_version = fields.Integer()
    notify_authority = fields.String()
    notify_data_subjects = fields.String()
    follows_recommendation = fields.Boolean()
    justification = fields.String(allow_none=True)
    decided_at = fields.AwareDateTime()
    decided_by = fields.String()


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
    breach_severity = fields.String(allow_none=True)
    serious = fields.Method("get_serious")
    escalated_at = fields.AwareDateTime(allow_none=True)
    escalation_reason = fields.String(allow_none=True)
    assessments = fields.List(fields.Nested(AssessmentSchema))
    breach_assessments = fields.List(fields.Nested(BreachAssessmentSchema))
    breach_decisions = fields.List(fields.Nested(BreachDecisionSchema))

    def get_serious(self, incident) -> bool:
        return domain.is_serious(incident.severity, incident.marked_serious, incident.breach_severity)


IncidentListQuerySchema = PageQuerySchema
IncidentPageSchema = page_of(IncidentSchema)
