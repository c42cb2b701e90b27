"""Marshmallow schemas of the annual cycle: governing documents and routines, attestations,
the advice log and the requirements overview (kept apart from the notification schemas)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.reporting import governance_rules as rules
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, WholeNumber, reference_ids, stored_int

TEXT = validate.Length(max=10_000)
NAME = validate.Length(min=1, max=200)
TITLE = validate.Length(min=3, max=300)
VERSION = validate.Regexp(r"^\d{1,4}(\.\d{1,4}){0,3}$", error="a version like 2.1 / en versjon som 2.1")
CODE = validate.Regexp(r"^[a-z0-9][a-z0-9._-]{1,59}$", error="lower-case letters, digits, '.', '_' or '-'")
PERIOD = validate.Regexp(rules.PERIOD.pattern, error="a year (2026), half year (2026-H1) or quarter (2026-Q3)")


def texts(**kwargs):
    return fields.List(fields.String(validate=validate.Length(min=1, max=500)), validate=validate.Length(max=100),
                       **kwargs)


# --- governing documents and routines ---

class GoverningDocumentFieldsSchema(Schema):
    title = fields.String(validate=TITLE)
    kind = fields.String(validate=validate.OneOf(rules.DOCUMENT_KINDS),
                         metadata={"description": "access_control_routine: tilgangskontroll og autorisasjon; "
                                                  "preparedness_routine: beredskap"})
    area = fields.String(validate=validate.OneOf(rules.AREAS))
    owner = fields.String(validate=NAME, metadata={"description": "a role or a pseudonymous id, no names"})
    version = fields.String(validate=VERSION)
    approved_on = fields.Date(allow_none=True)
    review_interval_months = WholeNumber(validate=validate.Range(min=1, max=60))
    link = fields.Url(allow_none=True, validate=validate.Length(max=1000))
    status = fields.String(validate=validate.OneOf(rules.DOCUMENT_STATUSES))


class CreateGoverningDocumentSchema(GoverningDocumentFieldsSchema):
    example = {"title": "Rutine for tilgangsstyring",
               "kind": "access_control_routine",
               "area": "security",
               "owner": "Informasjonssikkerhetskoordinator",
               "version": "2.1",
               "approved_on": "2026-02-01",
               "review_interval_months": 12,
               "link": "https://intranett.oslo.kommune.no/rutiner/tilgang",
               "status": "in_force"}
    title = fields.String(required=True, validate=TITLE)
    kind = fields.String(required=True, validate=validate.OneOf(rules.DOCUMENT_KINDS))
    area = fields.String(required=True, validate=validate.OneOf(rules.AREAS))
    owner = fields.String(required=True, validate=NAME)
    version = fields.String(load_default="1.0", validate=VERSION)
    approved_on = fields.Date(load_default=None, allow_none=True)
    review_interval_months = WholeNumber(load_default=rules.DEFAULT_REVIEW_MONTHS,
                                         validate=validate.Range(min=1, max=60))
    link = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    status = fields.String(load_default="draft", validate=validate.OneOf(rules.DOCUMENT_STATUSES))

    @validates_schema
    def in_force_means_approved(self, data, **kwargs):
        if data.get("status") == "in_force" and not data.get("approved_on"):
            raise ValidationError("A document in force needs approved_on / Et gjeldende dokument trenger "
                                  "godkjenningsdato.", "approved_on")


class UpdateGoverningDocumentSchema(GoverningDocumentFieldsSchema, ChangeSchema):
    """A change: only the fields given; the merged document is checked again."""
    example = {"version": "2.2", "approved_on": "2026-11-15"}


class DocumentReviewInputSchema(Schema):
    example = {"reviewed_on": "2026-11-15", "version": "2.2", "note": "Oppdatert med ny sluttprosess."}
    reviewed_on = fields.Date(required=True)
    version = fields.String(load_default=None, allow_none=True, validate=VERSION,
                            metadata={"description": "the new version, when the review changed the document"})
    note = fields.String(load_default=None, allow_none=True, validate=TEXT)


class AttestationInputSchema(Schema):
    example = {"period": "2026-H2", "result": "partly", "comment": "To tilganger ble fjernet for sent."}
    period = fields.String(required=True, validate=PERIOD)
    result = fields.String(required=True, validate=validate.OneOf(rules.ATTESTATION_RESULTS))
    comment = fields.String(load_default=None, allow_none=True, validate=TEXT)

    @validates_schema
    def say_why_unless_complied(self, data, **kwargs):
        if "result" in data and rules.comment_needed(data["result"]) and not (data.get("comment") or "").strip():
            raise ValidationError("Say what was not complied with / Beskriv hva som ikke ble etterlevd.", "comment")


class AttestationSchema(Schema):
    id = WholeNumber()
    document_id = WholeNumber()
    agency = fields.String()
    period = fields.String()
    result = fields.String()
    comment = fields.String(allow_none=True)
    attested_by = fields.String()
    attested_at = fields.AwareDateTime()


class AttestationListSchema(Schema):
    items = fields.List(fields.Nested(AttestationSchema))


class DocumentReviewSchema(Schema):
    id = WholeNumber()
    reviewed_on = fields.Date()
    version = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    reviewed_by = fields.String()
    recorded_at = fields.AwareDateTime()


class GoverningDocumentSchema(GoverningDocumentFieldsSchema):
    id = WholeNumber()
    agency = fields.String()
    last_reviewed_on = fields.Date(allow_none=True)
    next_review_on = fields.Date(allow_none=True, metadata={
        "description": "the last review (or the approval) + review_interval_months, as fristloven § 4 counts"})
    review_overdue = fields.Boolean()
    latest_attestation = fields.Nested(AttestationSchema, allow_none=True)
    reviews = fields.List(fields.Nested(DocumentReviewSchema))
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()


GoverningDocumentPageSchema = page_of(GoverningDocumentSchema)


class GoverningDocumentQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(rules.DOCUMENT_STATUSES))
    kind = fields.String(validate=validate.OneOf(rules.DOCUMENT_KINDS))
    area = fields.String(validate=validate.OneOf(rules.AREAS))
    review_overdue = fields.Boolean()
    q = fields.String(validate=validate.Length(min=2, max=100),
                      metadata={"description": "words in the title or the owner; or the document's number"})


# --- the advice log ---

class AdviceFieldsSchema(Schema):
    title = fields.String(validate=TITLE)
    question = fields.String(validate=validate.Length(min=3, max=10_000), metadata={"description": "what was asked"})
    requested_by = fields.String(validate=NAME, metadata={"description": "a unit or role, no names"})
    kind = fields.String(validate=validate.OneOf(rules.ADVICE_KINDS))
    area = fields.String(validate=validate.OneOf(rules.AREAS))
    requested_on = fields.Date()
    requirements_set = texts(metadata={"description": "the requirements the advice set"})
    processor_agreement_needed = fields.Boolean(allow_none=True)
    advice_given = fields.String(allow_none=True, validate=TEXT)
    given_on = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(rules.ADVICE_STATUSES))
    dpia_ids = reference_ids()
    risk_assessment_ids = reference_ids()
    agreement_ids = reference_ids()


class CreateAdviceSchema(AdviceFieldsSchema):
    example = {"title": "Nytt timebestillingssystem",
               "question": "Trenger vi databehandleravtale og DPIA?",
               "requested_by": "Helsestasjonen, Bydel Frogner",
               "kind": "procurement",
               "area": "privacy",
               "requested_on": "2026-11-02",
               "processor_agreement_needed": True}
    title = fields.String(required=True, validate=TITLE)
    question = fields.String(required=True, validate=validate.Length(min=3, max=10_000))
    requested_by = fields.String(required=True, validate=NAME)
    kind = fields.String(required=True, validate=validate.OneOf(rules.ADVICE_KINDS))
    area = fields.String(required=True, validate=validate.OneOf(rules.AREAS))
    requested_on = fields.Date(required=True)
    requirements_set = texts(load_default=list)
    processor_agreement_needed = fields.Boolean(load_default=None, allow_none=True)
    advice_given = fields.String(load_default=None, allow_none=True, validate=TEXT)
    given_on = fields.Date(load_default=None, allow_none=True)
    status = fields.String(load_default="open", validate=validate.OneOf(rules.ADVICE_STATUSES))
    dpia_ids = reference_ids(load_default=list)
    risk_assessment_ids = reference_ids(load_default=list)
    agreement_ids = reference_ids(load_default=list)

    @validates_schema
    def consistent(self, data, **kwargs):
        problems = rules.advice_problems(data)
        if problems:
            raise ValidationError(problems)


class UpdateAdviceSchema(AdviceFieldsSchema, ChangeSchema):
    """A change: only the fields given; the merged entry is checked again."""
    example = {"status": "given",
               "advice_given": "Ja: databehandleravtale og DPIA før anskaffelse.",
               "given_on": "2026-11-09"}


class AdviceSchema(AdviceFieldsSchema):
    id = WholeNumber()
    agency = fields.String()
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()


AdvicePageSchema = page_of(AdviceSchema)


class AdviceQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(rules.ADVICE_STATUSES))
    area = fields.String(validate=validate.OneOf(rules.AREAS))
    year = WholeNumber(validate=validate.Range(min=2000, max=2100), metadata={"description": "of requested_on"})


class AdviceSummaryQuerySchema(Schema):
    year = WholeNumber(required=True, validate=validate.Range(min=2000, max=2100))


class AdviceCountSchema(Schema):
    area = fields.String()
    kind = fields.String()
    count = WholeNumber()


class AdviceSummarySchema(Schema):
    year = WholeNumber()
    total = WholeNumber()
    by_area = fields.Dict(keys=fields.String(), values=WholeNumber())
    by_kind = fields.Dict(keys=fields.String(), values=WholeNumber())
    by_area_and_kind = fields.List(fields.Nested(AdviceCountSchema))


# --- the requirements overview ---

class OverlayInputSchema(Schema):
    example = {"applies": True,
               "how_met": "Rutine for tilgangsstyring, gjennomgått årlig.",
               "document_ids": [1],
               "responsible_role": "isk"}
    applies = fields.Boolean(required=True)
    how_met = fields.String(load_default=None, allow_none=True, validate=TEXT,
                            metadata={"description": "how the agency meets the requirement"})
    document_ids = fields.List(WholeNumber(validate=stored_int(1)), load_default=list,
                               validate=validate.Length(max=100),
                               metadata={"description": "the agency's governing documents that meet it"})
    responsible_role = fields.String(load_default=None, allow_none=True, validate=NAME)


class CreateRequirementSchema(Schema):
    example = {"code": "egen-logging",
               "title_nb": "Logging av oppslag i fagsystemer",
               "text_nb": "Alle oppslag i fagsystemer med personopplysninger skal logges.",
               "applies": True,
               "how_met": "Logging i alle fagsystemer",
               "responsible_role": "isk"}
    code = fields.String(required=True, validate=CODE)
    title_nb = fields.String(required=True, validate=TITLE)
    title_en = fields.String(load_default=None, allow_none=True, validate=TITLE)
    text_nb = fields.String(required=True, validate=validate.Length(min=3, max=10_000))
    text_en = fields.String(load_default=None, allow_none=True, validate=TEXT)
    legal_source = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=300),
                                 metadata={"description": "e.g. an agency's own instruction, or a law and paragraph"})
    source_url = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=500))
    sectors = fields.List(fields.String(validate=validate.OneOf(rules.SECTORS)), load_default=lambda: ["all"],
                          validate=validate.Length(min=1, max=len(rules.SECTORS)))
    applies = fields.Boolean(load_default=True)
    how_met = fields.String(load_default=None, allow_none=True, validate=TEXT)
    document_ids = fields.List(WholeNumber(validate=stored_int(1)), load_default=list,
                               validate=validate.Length(max=100))
    responsible_role = fields.String(load_default=None, allow_none=True, validate=NAME)


class SectorList(fields.String):
    """Sectors in a query string, comma-separated ("health,education"): loaded as a list."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        sectors = [part.strip() for part in text.split(",") if part.strip()]
        unknown = [sector for sector in sectors if sector not in rules.SECTORS]
        if unknown or not sectors or len(sectors) > len(rules.SECTORS):
            raise ValidationError(f"Sectors among {', '.join(rules.SECTORS)}, comma-separated / "
                                  f"Sektorer blant {', '.join(rules.SECTORS)}, skilt med komma")
        return sectors


class RequirementQuerySchema(Schema):
    agency = fields.String(validate=validate.Length(min=1, max=64),
                           metadata={"description": "the central team: whose overview (default: own)"})
    sectors = SectorList(validate=validate.Length(max=100), metadata={
        "description": "the agency's sectors, comma-separated (health, child_welfare, education, security_act): "
                       "only the requirements for every agency and for these sectors, and those of the sectors "
                       "apply by default (default: every requirement)"})


class RequirementSchema(Schema):
    code = fields.String()
    source = fields.String(metadata={"description": "municipality (the common list) | agency (the agency's own)"})
    title_nb = fields.String()
    title_en = fields.String()
    text_nb = fields.String()
    text_en = fields.String()
    where_relevant = fields.Boolean(metadata={"description": "applies only where the agency's work falls under it"})
    legal_source = fields.String(allow_none=True, metadata={
        "description": "the law with paragraph or article, the regulation or the standard it comes from"})
    source_url = fields.String(allow_none=True, metadata={"description": "the source on Lovdata or at the authority"})
    sectors = fields.List(fields.String(), metadata={
        "description": "whom it applies to: all, health, child_welfare, education, security_act"})
    applies_default = fields.Boolean()
    applies = fields.Boolean()
    how_met = fields.String(allow_none=True)
    document_ids = fields.List(WholeNumber())
    responsible_role = fields.String(allow_none=True)
    updated_at = fields.AwareDateTime(allow_none=True)
    updated_by = fields.String(allow_none=True)


class RequirementListSchema(Schema):
    agency = fields.String()
    sectors = fields.List(fields.String(), metadata={"description": "the sectors asked for (empty: every requirement)"})
    items = fields.List(fields.Nested(RequirementSchema))
