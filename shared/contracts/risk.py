"""Events published by the risk service (risikostyring)."""
from marshmallow import fields, validate

from shared.contracts.notifications import OWNER_ROLES
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


class MeasureAssignedV1(ContractSchema):
    measure_id = fields.Integer(required=True)
    title = fields.String(required=True)
    owner = fields.String(required=True, metadata={"description": "the free text owner, as before"})
    owner_role = fields.String(required=True, validate=validate.OneOf(OWNER_ROLES))
    owner_system = fields.String(required=True, allow_none=True, metadata={
        "description": "the system whose contact owns it (the directory's systems), or null: the agency's"})
    due_date = fields.Date(required=True)
    status = fields.String(required=True)
    risk_id = fields.String(required=True)
    risk_title = fields.String(required=True)
    assessment_id = fields.String(required=True)
    assigned_at = fields.AwareDateTime(required=True)
    assigned_by = fields.String(required=True)


class MeasureClosedV1(ContractSchema):
    measure_id = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "done, continuous or cancelled"})
    risk_id = fields.String(required=True)
    closed_at = fields.AwareDateTime(required=True)
    closed_by = fields.String(required=True)


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

MEASURE_ASSIGNED = EventType(
    "risk", "measure_assigned", 1, MeasureAssignedV1,
    "A measure was given an owner role (systemeier, systemforvalter, sikkerhetsleder), or its owner or due date "
    "changed: the owner's contact gets a task.")
MEASURE_CLOSED = EventType(
    "risk", "measure_closed", 1, MeasureClosedV1,
    "A measure with an owner role was done, made continuous or cancelled: the owner's task closes.")

EVENTS = (ASSESSMENT_COMPLETED, ASSESSMENT_APPROVED, UNACCEPTABLE_RISK_IDENTIFIED, RISK_ACCEPTED, TREATMENT_DECIDED,
          UNACCEPTABLE_RISK_RESOLVED, MEASURE_OVERDUE, RISK_FLAGGED_FOR_REASSESSMENT, MEASURE_ASSIGNED, MEASURE_CLOSED)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
_RISK = {
    "risk_id": "0b9e6a1c-2d4f-4c8e-a1b3-5f6e7d8c9a0b", "reference": "R3",
    "title": "Uautorisert tilgang til elevmapper", "assessment_id": "5a2c9e10-7f3b-4d6a-8e21-c4b5a6d7e8f9",
    "assessment_title": "Risikovurdering av skoleadministrativt system", "assessment_scope": "system",
    "likelihood": 4, "consequence": 4, "level": "high", "residual_likelihood": 3, "residual_consequence": 4,
    "residual_level": "high", "treatment": "reduce", "owner": "isk", "matrix_version": 2}
_ASSESSMENT = {
    "assessment_id": "5a2c9e10-7f3b-4d6a-8e21-c4b5a6d7e8f9",
    "title": "Risikovurdering av skoleadministrativt system", "scope": "system", "risk_count": 7,
    "level_counts": {"low": 3, "medium": 3, "high": 1}, "unacceptable_count": 1, "matrix_version": 2,
    "next_review_date": "2027-11-30"}
EXAMPLES = {
    "assessment_completed": {**_ASSESSMENT, "completed_at": "2026-11-20T13:00:00Z", "completed_by": "u-77c0de"},
    "assessment_approved": {**_ASSESSMENT, "approved_at": "2026-11-27T09:30:00Z", "approved_by": "u-1e0b55",
                            "note": "Tiltak for R3 finansieres i budsjett 2027."},
    "unacceptable_risk_identified": {**_RISK, "reason": "evaluated", "identified_at": "2026-11-20T13:00:00Z",
                                     "open_measures": 2},
    "risk_accepted": {**_RISK, "acceptance_id": 4, "accepted_by": "u-1e0b55", "accepted_at": "2026-11-27T09:30:00Z",
                      "justification": "Systemet fases ut innen ett år.", "valid_until": "2027-06-30"},
    "treatment_decided": {**_RISK, "decided_by": "u-1e0b55", "decided_at": "2026-11-27T09:30:00Z",
                          "justification": "Tilgangsstyring prioriteres.", "measure_ids": [12, 13]},
    "unacceptable_risk_resolved": {**_RISK, "residual_likelihood": 1, "residual_level": "medium",
                                   "resolution": "residual_acceptable", "resolved_at": "2027-03-01T08:00:00Z"},
    "measure_overdue": {
        "measure_id": 12, "title": "Innfør rollebasert tilgang", "owner": "isk", "due_date": "2027-02-01",
        "status": "in_progress", "risk_id": _RISK["risk_id"], "risk_title": _RISK["title"],
        "assessment_id": _RISK["assessment_id"], "noticed_at": "2027-02-02T00:05:00Z"},
    "measure_assigned": {
        "measure_id": 12, "title": "Innfør rollebasert tilgang", "owner": "Systemeier", "owner_role": "system_owner",
        "owner_system": "elevsystem", "due_date": "2027-02-01", "status": "decided", "risk_id": _RISK["risk_id"],
        "risk_title": _RISK["title"], "assessment_id": _RISK["assessment_id"],
        "assigned_at": "2026-11-27T09:35:00Z", "assigned_by": "u-77c0de"},
    "measure_closed": {
        "measure_id": 12, "title": "Innfør rollebasert tilgang", "status": "done", "risk_id": _RISK["risk_id"],
        "closed_at": "2027-01-28T12:00:00Z", "closed_by": "u-77c0de"},
    "risk_flagged_for_reassessment": {
        "risk_id": _RISK["risk_id"], "title": _RISK["title"], "assessment_id": _RISK["assessment_id"],
        "reason": "incident_closed", "incident_id": "7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13",
        "flagged_at": "2026-12-10T14:00:01Z"},
}
