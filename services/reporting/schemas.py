"""Marshmallow schemas of the reporting service: reports for leadership (the governance records' schemas are
in governance_schemas.py, the annual plan's in annual_plan_schemas.py)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.reporting import report_content
from shared.validation import WholeNumber


# --- reports for leadership (ledelsesrapportering) ---

class ReportPeriodSchema(Schema):
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)

    @validates_schema
    def end_after_start(self, data, **kwargs):
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise ValidationError("Must be on or after period_start / Må være etter periodens start.", "period_end")


def report_inputs(**kwargs) -> fields.Dict:
    return fields.Dict(keys=fields.String(validate=validate.Length(max=60)),
                       values=fields.String(allow_none=True, validate=validate.Length(max=20_000)),
                       metadata={"description": "the written parts, by key (see the report kind)"}, **kwargs)


class ReportInputsSchema(Schema):
    example = {"inputs": {"lessons_learned": "Adressekontroll før utsending har virket."}}
    inputs = report_inputs(required=True)


class ApproveReportSchema(Schema):
    """The agency head seals only what they have read: the approval must say so."""
    example = {"read_confirmed": True}
    read_confirmed = fields.Boolean(
        required=True, truthy={True}, falsy={False},
        metadata={"description": "true: the approver has read the report's content"},
        error_messages={"required": "Confirm that you have read the report / Bekreft at du har lest rapporten.",
                        "invalid": "Must be true or false / Må være true eller false."})

    @validates_schema
    def confirmed(self, data, **kwargs):
        if data.get("read_confirmed") is not True:
            raise ValidationError("Confirm that you have read the report / Bekreft at du har lest rapporten.",
                                  "read_confirmed")


class CreateReportSchema(ReportPeriodSchema):
    example = {"period_start": "2026-01-01",
               "period_end": "2026-06-30",
               "kind": "incident_summary",
               "inputs": {"summary": "Færre avvik enn i fjor, men flere brudd på personopplysningssikkerheten."}}
    kind = fields.String(required=True, validate=validate.OneOf(report_content.KINDS))
    inputs = report_inputs(load_default=dict)


class ReportQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(report_content.KINDS))
    year = WholeNumber(validate=validate.Range(min=2000, max=2100))


class ReportSchema(Schema):
    id = fields.String()
    agency = fields.String()
    kind = fields.String()
    title_nb = fields.String()
    title_en = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    version = WholeNumber()
    status = fields.String(metadata={"description": "draft (live figures) | approved (frozen and sealed)"})
    inputs = fields.Dict()
    content = fields.Raw(metadata={"description": "sections (or statements) with figures and text"})
    content_sha256 = fields.String(allow_none=True)
    seal = fields.String(allow_none=True)
    seal_valid = fields.Boolean(allow_none=True)
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    approved_at = fields.AwareDateTime(allow_none=True)
    approved_by = fields.String(allow_none=True)
    read_confirmed_at = fields.AwareDateTime(allow_none=True)
    read_confirmed_by = fields.String(allow_none=True)


class ReportDocumentQuerySchema(Schema):
    format = fields.String(load_default="pdf", validate=validate.OneOf(("pdf", "docx")),
                           metadata={"description": "pdf (default) or docx"})
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")),
                             metadata={"description": "nb (bokmål, default) or en"})


class ReportListSchema(Schema):
    items = fields.List(fields.Nested(ReportSchema(exclude=("content",))))


class AgencyComparisonSchema(Schema):
    period = fields.Dict()
    agencies = fields.List(fields.Raw(), metadata={
        "description": "each agency's figures by section; `coordinators`: of the central team's coordinator "
                       "courses held in the period, how many the agency's PKO and ISK attended, and the share"})
    municipality = fields.Dict(metadata={
        "description": "the municipality's totals: `coordinators` (attendances of all possible, agencies without)"})
