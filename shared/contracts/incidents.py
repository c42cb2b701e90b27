"""Events published by the incidents service."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

KINDS = ("security_incident", "personal_data_breach", "deviation", "near_miss")
SEVERITIES = ("low", "medium", "high", "critical")
ESCALATION_REASONS = ("severity", "breach_severity", "marked_serious")
BREACH_SEVERITIES = ("low", "medium", "high", "very_high")


class IncidentReportedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    title = fields.String(required=True)
    occurred_at = fields.AwareDateTime(required=True)
    aware_at = fields.AwareDateTime(required=True)
    reported_at = fields.AwareDateTime(required=True)
    reported_by = fields.String(required=True, metadata={"description": "pseudonymous id"})


class IncidentAssessedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    personal_data_involved = fields.Boolean(required=True)
    marked_serious = fields.Boolean(required=True)
    serious = fields.Boolean(required=True)
    breach_severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES),
                                    metadata={"description": "ENISA severity of the latest breach assessment"})
    assessed_at = fields.AwareDateTime(required=True)
    assessed_by = fields.String(required=True)


class IncidentEscalatedV1(ContractSchema):
    incident_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    personal_data_involved = fields.Boolean(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(ESCALATION_REASONS))
    breach_severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES))
    occurred_at = fields.AwareDateTime(required=True)
    aware_at = fields.AwareDateTime(required=True)
    escalated_at = fields.AwareDateTime(required=True)


INCIDENT_REPORTED = EventType("incidents", "incident_reported", 1, IncidentReportedV1,
                              "A new incident or deviation (avvik) was reported.")
INCIDENT_ASSESSED = EventType("incidents", "incident_assessed", 1, IncidentAssessedV1,
                              "Severity, personal-data involvement or seriousness was set or changed.")
INCIDENT_ESCALATED = EventType("incidents", "incident_escalated", 1, IncidentEscalatedV1,
                               "An incident became serious, or more severe after it was escalated.")

EVENTS = (INCIDENT_REPORTED, INCIDENT_ASSESSED, INCIDENT_ESCALATED)
