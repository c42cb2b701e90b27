"""Events published by the risk service (risikostyring)."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

SCOPES = ("overall", "system", "process", "project", "procurement")
LEVELS = ("low", "medium", "high")
TREATMENTS = ("reduce", "avoid", "share", "accept")
UNACCEPTABLE_REASONS = ("evaluated", "acceptance_expired", "acceptance_voided")
RESOLUTIONS = ("residual_acceptable", "risk_closed")


class RiskReferenceV1(ContractSchema):
    """What every risk event names: the risk, its assessment and how it stands."""
    risk_id = fields.String(required=True)
    reference = fields.String(required=True, metadata={"description": "R1, R2, ... within the assessment"})
    title = fields.String(required=True)
    assessment_id = fields.String(required=True)
    assessment_title = fields.String(required=True)
    assessment_scope = fields.String(required=True, validate=validate.OneOf(SCOPES))
    likelihood = fields.Integer(required=True)
    consequence = fields.Integer(required=True)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    residual_likelihood = fields.Integer(required=True)
    residual_consequence = fields.Integer(required=True)
    residual_level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    treatment = fields.String(required=True, allow_none=True, validate=validate.OneOf(TREATMENTS))
    owner = fields.String(required=True, allow_none=True, metadata={"description": "risk owner (role or id)"})
    matrix_version = fields.Integer(required=True)


class UnacceptableRiskIdentifiedV1(RiskReferenceV1):
    reason = fields.String(required=True, validate=validate.OneOf(UNACCEPTABLE_REASONS),
                           metadata={"description": "evaluated: a completed assessment holds it above the "
                                                    "acceptance criteria; acceptance_expired / _voided: a "
                                                    "leader's acceptance ran out or a material change voided it"})
    identified_at = fields.AwareDateTime(required=True)
    open_measures = fields.Integer(required=True, metadata={"description": "measures not yet done"})


class RiskAcceptedV1(RiskReferenceV1):
    acceptance_id = fields.Integer(required=True)
    accepted_by = fields.String(required=True)
    accepted_at = fields.AwareDateTime(required=True)
    justification = fields.String(required=True)
    valid_until = fields.Date(required=True)


class TreatmentDecidedV1(RiskReferenceV1):
    decided_by = fields.String(required=True)
    decided_at = fields.AwareDateTime(required=True)
    justification = fields.String(required=True)
    measure_ids = fields.List(fields.Integer(), required=True, metadata={"description": "the measures funded"})


class UnacceptableRiskResolvedV1(RiskReferenceV1):
    resolution = fields.String(required=True, validate=validate.OneOf(RESOLUTIONS))
    resolved_at = fields.AwareDateTime(required=True)


class AssessmentSummaryV1(ContractSchema):
    assessment_id = fields.String(required=True)
    title = fields.String(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES))
    risk_count = fields.Integer(required=True)
    level_counts = fields.Dict(keys=fields.String(validate=validate.OneOf(LEVELS)), values=fields.Integer(),
                               required=True, metadata={"description": "risks per residual level"})
    unacceptable_count = fields.Integer(required=True)
    matrix_version = fields.Integer(required=True)
    next_review_date = fields.Date(required=True, allow_none=True)


class AssessmentCompletedV1(AssessmentSummaryV1):
    completed_at = fields.AwareDateTime(required=True)
    completed_by = fields.String(required=True)


class AssessmentApprovedV1(AssessmentSummaryV1):
    approved_at = fields.AwareDateTime(required=True)
    approved_by = fields.String(required=True)
    note = fields.String(required=True, allow_none=True)


class MeasureOverdueV1(ContractSchema):
    measure_id = fields.Integer(required=True)
    title = fields.String(required=True)
    owner = fields.String(required=True)
    due_date = fields.Date(required=True)
    status = fields.String(required=True)
    risk_id = fields.String(required=True)
    risk_title = fields.String(required=True)
    assessment_id = fields.String(required=True)
    noticed_at = fields.AwareDateTime(required=True)


class RiskFlaggedForReassessmentV1(ContractSchema):
    risk_id = fields.String(required=True)
    title = fields.String(required=True)
    assessment_id = fields.String(required=True, allow_none=True)
    reason = fields.String(required=True, validate=validate.OneOf(("incident_closed",)))
    incident_id = fields.String(required=True)
    flagged_at = fields.AwareDateTime(required=True)


ASSESSMENT_COMPLETED = EventType(
    "risk", "assessment_completed", 1, AssessmentCompletedV1,
    "A risk assessment was completed (evaluated) and submitted to the agency head for approval.")
ASSESSMENT_APPROVED = EventType(
    "risk", "assessment_approved", 1, AssessmentApprovedV1, "The agency head approved a risk assessment.")
UNACCEPTABLE_RISK_IDENTIFIED = EventType(
    "risk", "unacceptable_risk_identified", 1, UnacceptableRiskIdentifiedV1,
    "A risk stands above the agency's acceptance criteria: the agency head must accept it or fund measures. "
    "Published once per change that makes a risk unacceptable.")
RISK_ACCEPTED = EventType(
    "risk", "risk_accepted", 1, RiskAcceptedV1,
    "The agency head formally accepted an unacceptable risk, with a justification and a validity.")
TREATMENT_DECIDED = EventType(
    "risk", "treatment_decided", 1, TreatmentDecidedV1,
    "The agency head decided to treat an unacceptable risk (fund its measures) rather than accept it.")
UNACCEPTABLE_RISK_RESOLVED = EventType(
    "risk", "unacceptable_risk_resolved", 1, UnacceptableRiskResolvedV1,
    "A risk that was unacceptable no longer is: its residual level is within the criteria, or it was closed.")
MEASURE_OVERDUE = EventType(
    "risk", "measure_overdue", 1, MeasureOverdueV1,
    "A treatment measure passed its due date without being done. Published once per measure and due date.")
RISK_FLAGGED_FOR_REASSESSMENT = EventType(
    "risk", "risk_flagged_for_reassessment", 1, RiskFlaggedForReassessmentV1,
    "Something happened that calls a risk's assessment into question (a closed incident linked to it).")

EVENTS = (ASSESSMENT_COMPLETED, ASSESSMENT_APPROVED, UNACCEPTABLE_RISK_IDENTIFIED, RISK_ACCEPTED, TREATMENT_DECIDED,
          UNACCEPTABLE_RISK_RESOLVED, MEASURE_OVERDUE, RISK_FLAGGED_FOR_REASSESSMENT)
