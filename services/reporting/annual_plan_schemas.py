"""Marshmallow schemas of the annual plan (årsplan / årshjul): activities, evidence, the year's plan
with its plan-versus-actual figures, and copying a year."""
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from services.reporting import annual_plan_rules as rules
from shared.validation import ChangeSchema, Instant, WholeNumber

YEAR = validate.Range(min=2000, max=2100)
MONTH = validate.Range(min=1, max=12, error="a month 1–12 / en måned 1–12")
TITLE = validate.Length(min=3, max=300)
TEXT = validate.Length(max=10_000)
REFERENCE = validate.Length(min=1, max=200)


class PlanActivityFieldsSchema(Schema):
    title = fields.String(validate=TITLE)
    description = fields.String(allow_none=True, validate=TEXT)
    owner_role = fields.String(validate=validate.OneOf(rules.OWNER_ROLES), metadata={"description": "who carries it out"})
    due_month = WholeNumber(validate=MONTH, metadata={"description": "the month it is due, 1–12"})
    status = fields.String(validate=validate.OneOf(rules.STATUSES))
    cancel_reason = fields.String(allow_none=True, validate=TEXT,
                                  metadata={"description": "required when the status is cancelled"})
    expects_reference = fields.String(allow_none=True, validate=REFERENCE, metadata={
        "description": "only this subject ticks it: an assessment, DPIA, processing, campaign, exercise or "
                       "governing document id, or a report's id or kind; none: any of its kind"})


class CreatePlanActivitySchema(PlanActivityFieldsSchema):
    example = {"title": "Gjennomgang av behandlingsprotokollen",
               "owner_role": "pko",
               "due_month": 3,
               "year": 2027,
               "area": "privacy",
               "kind": "register_review"}
    year = WholeNumber(required=True, validate=YEAR)
    area = fields.String(required=True, validate=validate.OneOf(rules.AREAS))
    kind = fields.String(required=True, validate=validate.OneOf(rules.KINDS), metadata={
        "description": "risk_assessment, dpia_review, campaign, exercise, internal_control (attestations), "
                       "document_review and report are ticked done by what the services announce"})
    title = fields.String(required=True, validate=TITLE)
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    owner_role = fields.String(required=True, validate=validate.OneOf(rules.OWNER_ROLES))
    due_month = WholeNumber(required=True, validate=MONTH)
    status = fields.String(load_default="planned", validate=validate.OneOf(rules.OPEN_STATUSES),
                           metadata={"description": "planned or in_progress; done comes with evidence"})
    cancel_reason = fields.String(load_default=None, allow_none=True, validate=TEXT)
    expects_reference = fields.String(load_default=None, allow_none=True, validate=REFERENCE)


class UpdatePlanActivitySchema(PlanActivityFieldsSchema, ChangeSchema):
    """A change: only the fields given; cancelling needs a reason (given now or before)."""
    example = {"due_month": 4, "description": "Flyttet etter omorganiseringen."}


class EvidenceSchema(Schema):
    source = fields.String(metadata={"description": "event (ticked by what a service announced) | manual"})
    type = fields.String(metadata={"description": "the event (risk.assessment_approved, ...) or the kind of proof"})
    reference = fields.String(metadata={"description": "the id of what proves it (assessment, attestation, ...)"})
    title = fields.String()
    at = fields.String(metadata={"description": "when it was done (ISO 8601)"})
    event_id = fields.String(allow_none=True)
    recorded_by = fields.String(allow_none=True)


class EvidenceInputSchema(Schema):
    example = {"type": "minutes",
               "reference": "2026/4567-3",
               "title": "Referat fra ledermøtet 20. november",
               "done": True}
    type = fields.String(required=True, validate=validate.OneOf(rules.MANUAL_EVIDENCE_TYPES))
    reference = fields.String(required=True, validate=validate.Length(min=1, max=1000),
                              metadata={"description": "a case number, a link or a document id"})
    title = fields.String(required=True, validate=TITLE)
    at = Instant(load_default=None, allow_none=True, metadata={"description": "when it was done; default now"})
    done = fields.Boolean(load_default=True, metadata={"description": "tick the activity done (default)"})


class PlanActivitySchema(PlanActivityFieldsSchema):
    id = WholeNumber()
    agency = fields.String()
    year = WholeNumber()
    area = fields.String()
    kind = fields.String()
    evidence = fields.List(fields.Nested(EvidenceSchema))
    done_at = fields.AwareDateTime(allow_none=True)
    standing = fields.String(metadata={"description": "against the plan: " + ", ".join(rules.STANDINGS)})
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()


class PlanQuerySchema(Schema):
    year = WholeNumber(required=True, validate=YEAR)
    area = fields.String(validate=validate.OneOf(rules.AREAS))
    kind = fields.String(validate=validate.OneOf(rules.KINDS))
    status = fields.String(validate=validate.OneOf(rules.STATUSES))
    standing = fields.String(validate=validate.OneOf(rules.STANDINGS))
    agency = fields.String(validate=validate.Length(min=1, max=64),
                           metadata={"description": "the central team: one agency's plan (default: every agency)"})


class PlanSchema(Schema):
    year = WholeNumber()
    items = fields.List(fields.Nested(PlanActivitySchema))
    summary = fields.Dict(metadata={"description": "plan versus actual: planned, done, done_on_time, done_late, "
                                                   "overdue, upcoming, cancelled; by_area and by_kind"})


class CopyPlanSchema(Schema):
    example = {"from_year": 2026, "to_year": 2027}
    from_year = WholeNumber(required=True, validate=YEAR)
    to_year = WholeNumber(load_default=None, allow_none=True, validate=YEAR,
                          metadata={"description": "default: the year after from_year"})

    @validates_schema
    def another_year(self, data, **kwargs):
        if data.get("to_year") is not None and data.get("from_year") == data["to_year"]:
            raise ValidationError("Must differ from from_year / Må være et annet år.", "to_year")

    @post_load
    def next_year_by_default(self, data, **kwargs):
        if data.get("to_year") is None:
            data["to_year"] = data["from_year"] + 1
        return data


class CopyResultSchema(Schema):
    from_year = WholeNumber()
    to_year = WholeNumber()
    copied = WholeNumber()
    items = fields.List(fields.Nested(PlanActivitySchema))
