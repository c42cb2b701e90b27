"""Events published by the privacy register (behandlingsoversikt, DPIA, databehandleravtaler)."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

SCREENING_RESULTS = ("required", "recommended", "not_required")
RISK_LEVELS = ("low", "medium", "high")
CONSULTATION_OUTCOMES = ("no_objection", "advice_given", "processing_prohibited", "withdrawn")


class MissingItemV1(ContractSchema):
    """One art. 30 item a processing lacks, named as a coordinator reads it."""
    key = fields.String(required=True, metadata={"description": "e.g. dpo_contact"})
    article = fields.String(required=True, metadata={"description": "e.g. 30(1)(a)"})
    label_nb = fields.String(required=True)
    label_en = fields.String(required=True)


class ProcessingV1(ContractSchema):
    """What every processing event names."""
    processing_id = fields.String(required=True)
    name = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True)
    special_categories = fields.Boolean(required=True, metadata={"description": "art. 9 or art. 10 data"})
    complete = fields.Boolean(required=True, metadata={
        "description": "every art. 30(1) item (role controller) or art. 30(2) item (role processor) filled, "
                       "retention and security measures included"})
    missing = fields.List(fields.Nested(MissingItemV1), load_default=None, metadata={
        "description": "each item not filled in (absent in events before it was added)"})
    role = fields.String(load_default=None, validate=validate.OneOf(("controller", "processor")), metadata={
        "description": "controller: the record of art. 30(1); processor: of art. 30(2) (absent = controller)"})


class ProcessingRegisteredV1(ProcessingV1):
    registered_at = fields.AwareDateTime(required=True)
    registered_by = fields.String(required=True)


class ProcessingUpdatedV1(ProcessingV1):
    changed_fields = fields.List(fields.String(), required=True)
    updated_at = fields.AwareDateTime(required=True)
    updated_by = fields.String(required=True)


class DpiaRequiredV1(ContractSchema):
    processing_id = fields.String(required=True)
    name = fields.String(required=True)
    screening_id = fields.Integer(required=True)
    result = fields.String(required=True, validate=validate.OneOf(SCREENING_RESULTS))
    reasons = fields.List(fields.String(), required=True)
    screened_at = fields.AwareDateTime(required=True)
    screened_by = fields.String(required=True)


class DpiaV1(ContractSchema):
    dpia_id = fields.String(required=True)
    processing_id = fields.String(required=True)
    processing_name = fields.String(required=True)
    title = fields.String(required=True)
    residual_risk = fields.String(required=True, allow_none=True, validate=validate.OneOf(RISK_LEVELS))


class DpiaCompletedV1(DpiaV1):
    approved_at = fields.AwareDateTime(required=True)
    approved_by = fields.String(required=True)
    dpo_advice_followed = fields.Boolean(required=True, allow_none=True)


class DpiaOutdatedV1(DpiaV1):
    changed_fields = fields.List(fields.String(), required=True)
    processing_version = fields.Integer(required=True)
    outdated_at = fields.AwareDateTime(required=True)


class PriorConsultationRequiredV1(DpiaV1):
    high_risks = fields.List(fields.String(), required=True, metadata={"description": "the risks still high"})
    dpo_contact_needed = fields.Boolean(load_default=True)
    approved_at = fields.AwareDateTime(required=True)
    required_at = fields.AwareDateTime(required=True, metadata={"description": "the due time counts from here"})


class PriorConsultationOutcomeV1(DpiaV1):
    outcome = fields.String(required=True, validate=validate.OneOf(CONSULTATION_OUTCOMES))
    submitted_on = fields.Date(required=True, metadata={"description": "when Datatilsynet received it"})
    answered_on = fields.Date(required=True)
    reference = fields.String(required=True, allow_none=True)
    recorded_at = fields.AwareDateTime(required=True)
    recorded_by = fields.String(required=True)


class ProcessorAgreementExpiringV1(ContractSchema):
    agreement_id = fields.Integer(required=True)
    processor = fields.String(required=True)
    expires_on = fields.Date(required=True)
    processing_ids = fields.List(fields.String(), required=True)
    noticed_at = fields.AwareDateTime(required=True)


class AgreementCoverageChangedV1(ContractSchema):
    processing_id = fields.String(required=True)
    name = fields.String(required=True)
    processors_without_agreement = fields.List(fields.String(), required=True,
                                               metadata={"description": "empty when every processor is covered"})
    changed_at = fields.AwareDateTime(required=True)


PROCESSING_REGISTERED = EventType(
    "privacy_register", "processing_registered", 1, ProcessingRegisteredV1,
    "A processing activity was added to the record of processing activities (art. 30).")
PROCESSING_UPDATED = EventType(
    "privacy_register", "processing_updated", 1, ProcessingUpdatedV1,
    "A processing activity changed; the previous version is kept.")
DPIA_REQUIRED = EventType(
    "privacy_register", "dpia_required", 1, DpiaRequiredV1,
    "A screening found that a DPIA is required (art. 35). Published once per screening that says so.")
DPIA_COMPLETED = EventType(
    "privacy_register", "dpia_completed", 1, DpiaCompletedV1, "A DPIA was approved.")
DPIA_OUTDATED = EventType(
    "privacy_register", "dpia_outdated", 1, DpiaOutdatedV1,
    "The processing behind an approved DPIA changed: the DPIA must be reviewed (art. 35(11)).")
PRIOR_CONSULTATION_REQUIRED = EventType(
    "privacy_register", "prior_consultation_required", 1, PriorConsultationRequiredV1,
    "A DPIA was approved with high residual risk: Datatilsynet must be consulted before processing (art. 36).")
PRIOR_CONSULTATION_OUTCOME = EventType(
    "privacy_register", "prior_consultation_outcome", 1, PriorConsultationOutcomeV1,
    "Datatilsynet's answer to a prior consultation was recorded.")
PROCESSOR_AGREEMENT_EXPIRING = EventType(
    "privacy_register", "processor_agreement_expiring", 1, ProcessorAgreementExpiringV1,
    "A data processor agreement expires within 60 days, or has expired. Published once per agreement and date.")

AGREEMENT_COVERAGE_CHANGED = EventType(
    "privacy_register", "agreement_coverage_changed", 1, AgreementCoverageChangedV1,
    "The processors of a processing activity that have no valid data processor agreement (art. 28) changed: "
    "its processors or an agreement changed, or an agreement lapsed. Published once per change.")

EVENTS = (PROCESSING_REGISTERED, PROCESSING_UPDATED, DPIA_REQUIRED, DPIA_COMPLETED, DPIA_OUTDATED,
          PRIOR_CONSULTATION_REQUIRED, PRIOR_CONSULTATION_OUTCOME, PROCESSOR_AGREEMENT_EXPIRING,
          AGREEMENT_COVERAGE_CHANGED)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
_PROCESSING = {
    "processing_id": "c3d4e5f6-0a1b-4c2d-9e3f-4a5b6c7d8e9f", "name": "Elevadministrasjon", "version": 3,
    "status": "active", "special_categories": True, "complete": True}
_DPIA = {
    "dpia_id": "e1f2a3b4-5c6d-4e7f-8a9b-0c1d2e3f4a5b", "processing_id": _PROCESSING["processing_id"],
    "processing_name": "Elevadministrasjon", "title": "DPIA for elevadministrasjon", "residual_risk": "high"}
EXAMPLES = {
    "processing_registered": {**_PROCESSING, "version": 1, "status": "draft", "complete": False,
                              "registered_at": "2026-09-01T10:00:00Z", "registered_by": "u-4f2a91"},
    "processing_updated": {**_PROCESSING, "changed_fields": ["recipients", "retention"],
                           "updated_at": "2026-10-14T12:30:00Z", "updated_by": "u-4f2a91"},
    "dpia_required": {
        "processing_id": _PROCESSING["processing_id"], "name": "Elevadministrasjon", "screening_id": 9,
        "result": "required", "reasons": ["sensitive_data", "vulnerable_subjects"],
        "screened_at": "2026-09-02T09:00:00Z", "screened_by": "u-4f2a91"},
    "dpia_completed": {**_DPIA, "residual_risk": "medium", "approved_at": "2026-10-30T14:00:00Z",
                       "approved_by": "u-1e0b55", "dpo_advice_followed": True},
    "dpia_outdated": {**_DPIA, "residual_risk": "medium", "changed_fields": ["recipients"], "processing_version": 4,
                      "outdated_at": "2026-11-05T08:00:00Z"},
    "prior_consultation_required": {
        **_DPIA, "high_risks": ["Profilering av elever uten tilstrekkelig rettslig grunnlag"],
        "dpo_contact_needed": True, "approved_at": "2026-10-30T14:00:00Z", "required_at": "2026-10-30T14:00:00Z"},
    "prior_consultation_outcome": {
        **_DPIA, "outcome": "advice_given", "submitted_on": "2026-11-02", "answered_on": "2026-12-20",
        "reference": "DT-2026-0932", "recorded_at": "2026-12-21T09:00:00Z", "recorded_by": "u-4f2a91"},
    "processor_agreement_expiring": {
        "agreement_id": 5, "processor": "Skyleverandør AS", "expires_on": "2027-01-31",
        "processing_ids": [_PROCESSING["processing_id"]], "noticed_at": "2026-12-02T00:10:00Z"},
    "agreement_coverage_changed": {
        "processing_id": _PROCESSING["processing_id"], "name": "Elevadministrasjon",
        "processors_without_agreement": ["Skyleverandør AS"], "changed_at": "2027-02-01T00:10:00Z"},
}
