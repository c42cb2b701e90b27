"""Marshmallow schemas of the privacy register: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.privacy_register import domain, screening_rules
from shared.contracts.privacy_register import CONSULTATION_OUTCOMES
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, WholeNumber, stored_int

TEXT = validate.Length(max=10_000)
NAME = validate.Length(min=1, max=200)


def texts(**kwargs):
    return fields.List(fields.String(validate=validate.Length(min=1, max=500)), validate=validate.Length(max=200),
                       **kwargs)


class LegalBasisSchema(Schema):
    purpose = fields.String(required=True, validate=validate.Length(min=1, max=500))
    article6 = fields.String(required=True, validate=validate.OneOf(domain.ARTICLE_6),
                             metadata={"description": "art. 6(1) letter a-f"})
    article9 = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(domain.ARTICLE_9),
                             metadata={"description": "art. 9(2) letter a-j, for special categories"})
    article10 = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=3, max=500),
                              metadata={"description": "the legal authority for criminal-offence data (art. 10)"})
    reference = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500),
                              metadata={"description": "the supplementary legal basis, e.g. barnevernloven § 4-1"})


class TransferSchema(Schema):
    country = fields.String(required=True, validate=validate.Length(min=2, max=100))
    recipient = fields.String(required=True, validate=NAME)
    safeguard = fields.String(required=True, validate=validate.OneOf(domain.SAFEGUARDS),
                              metadata={"description": "the transfer tool of chapter V"})
    documentation = fields.String(load_default=None, allow_none=True, validate=TEXT)


class ControllerSchema(Schema):
    """A controller on whose behalf the agency processes (art. 30(2)(a)): another agency or a company."""
    name = fields.String(required=True, validate=NAME)
    contact = fields.String(load_default=None, allow_none=True, validate=NAME)
    agency_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64),
                                metadata={"description": "the agency's code, when the controller is an agency"})


class ProcessingRecordSchema(Schema):
    """Every field of a processing activity: art. 30(1) and the additions of Digdir's Behandlingsoversikt (docs/domain/sources.md)."""
    example = {"name": "Elevadministrasjon i grunnskolen",
               "description": "Opplysninger om elever for å gi opplæring.",
               "status": "active",
               "controller": "Oslo kommune, Utdanningsetaten",
               "purposes": ["Gi grunnskoleopplæring"],
               "legal_bases": [{"purpose": "Gi grunnskoleopplæring",
                                "article6": "e",
                                "reference": "Opplæringslova § 2-1"}],
               "data_subject_categories": ["Elever", "Foresatte"],
               "personal_data_categories": ["Navn", "Fødselsnummer", "Karakterer"],
               "retention": "Bevares etter arkivloven",
               "systems": ["Skolens fagsystem"],
               "owner": "Seksjonssjef skole",
               "owner_role": "process_owner",
               "approx_data_subjects": 56000}
    name = fields.String(required=True, validate=validate.Length(min=3, max=200))
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    status = fields.String(load_default="draft", validate=validate.OneOf(domain.STATUSES))
    role = fields.String(load_default="controller", validate=validate.OneOf(domain.ROLES), metadata={
        "description": "controller: the agency's own processing (art. 30(1)); processor: processing it carries "
                       "out on behalf of other controllers (art. 30(2))"})
    controller = fields.String(load_default=None, allow_none=True, validate=NAME,
                               metadata={"description": "30(1)(a): the controller (the agency)"})
    controller_contact = fields.String(load_default=None, allow_none=True, validate=NAME, metadata={
        "description": "30(1)(a): blank = the agency directory's leader"})
    joint_controllers = texts(load_default=list)
    dpo_contact = fields.String(load_default=None, allow_none=True, validate=NAME, metadata={
        "description": "30(1)(a), 30(2)(a): blank = the agency directory's data protection officer"})
    processor_name = fields.String(load_default=None, allow_none=True, validate=NAME,
                                   metadata={"description": "30(2)(a): the agency as processor (role processor)"})
    processor_contact = fields.String(load_default=None, allow_none=True, validate=NAME, metadata={
        "description": "30(2)(a): blank = the agency directory's leader"})
    controllers = fields.List(fields.Nested(ControllerSchema), load_default=list, validate=validate.Length(max=200),
                              metadata={"description": "30(2)(a): each controller on whose behalf it acts"})
    processing_categories = texts(load_default=list, metadata={
        "description": "30(2)(b): the categories of processing carried out for each controller"})
    purposes = texts(load_default=list, metadata={"description": "30(1)(b)"})
    legal_bases = fields.List(fields.Nested(LegalBasisSchema), load_default=list)
    data_subject_categories = texts(load_default=list, metadata={"description": "30(1)(c)"})
    personal_data_categories = texts(load_default=list, metadata={"description": "30(1)(c)"})
    special_categories = fields.List(fields.String(validate=validate.OneOf(domain.SPECIAL_CATEGORIES)),
                                     load_default=list, metadata={"description": "art. 9(1) categories"})
    criminal_offence_data = fields.Boolean(load_default=False, metadata={"description": "art. 10"})
    recipients = texts(load_default=list, metadata={"description": "30(1)(d): categories of recipients"})
    third_country_transfers = fields.Boolean(load_default=None, allow_none=True,
                                             metadata={"description": "30(1)(e): are data transferred outside "
                                                                      "the EEA? (unanswered = null)"})
    transfers = fields.List(fields.Nested(TransferSchema), load_default=list)
    retention = fields.String(load_default=None, allow_none=True, validate=TEXT,
                              metadata={"description": "30(1)(f): planned time limits for erasure"})
    security_measures = fields.String(load_default=None, allow_none=True, validate=TEXT,
                                      metadata={"description": "30(1)(g): technical and organisational measures"})
    systems = texts(load_default=list)
    processors = texts(load_default=list, metadata={"description": "data processors (names) used"})
    data_sources = texts(load_default=list)
    owner = fields.String(load_default=None, allow_none=True, validate=NAME)
    owner_role = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(domain.OWNER_ROLES))
    responsible_unit = fields.String(load_default=None, allow_none=True, validate=NAME)
    approx_data_subjects = WholeNumber(load_default=None, allow_none=True, validate=stored_int())
    automated_decisions = fields.Boolean(load_default=False)
    profiling = fields.Boolean(load_default=False)
    monitoring = fields.Boolean(load_default=False)
    new_technology = fields.Boolean(load_default=False)
    last_reviewed = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def bases_cover_the_data(self, data, **kwargs):
        bases = data.get("legal_bases") or []
        errors = {}
        if data.get("special_categories") and not any(b.get("article9") for b in bases):
            errors["special_categories"] = ["Special categories need an art. 9(2) condition in legal_bases / "
                                            "Særlige kategorier krever et vilkår i art. 9 nr. 2."]
        if data.get("criminal_offence_data") and not any(b.get("article10") for b in bases):
            errors["criminal_offence_data"] = ["Criminal-offence data need an art. 10 authority in legal_bases / "
                                               "Opplysninger om straffbare forhold krever hjemmel etter art. 10."]
        if data.get("transfers") and data.get("third_country_transfers") is False:
            errors["third_country_transfers"] = ["Transfers are listed, so this must be true / "
                                                 "Overføringer er oppgitt, så dette må være sant."]
        if errors:
            raise ValidationError(errors)


class UpdateProcessingSchema(ProcessingRecordSchema, ChangeSchema):
    """A change: only the fields given (no defaults); the whole record is validated again after merging."""
    example = {"retention": "Slettes fem år etter skoleslutt, unntatt det som arkiveres.",
               "note": "Oppdatert etter ny arkivplan."}
    not_changes = ("note",)
    note = fields.String(allow_none=True, validate=TEXT,
                         metadata={"description": "why it changed (kept in the history)"})

    def __init__(self, **kwargs):
        super().__init__(partial=True, **kwargs)


class MissingItemSchema(Schema):
    key = fields.String()
    article = fields.String(metadata={"description": "e.g. 30(1)(a)"})
    label_nb = fields.String()
    label_en = fields.String()


class ScreeningSummarySchema(Schema):
    id = WholeNumber()
    result = fields.String()
    reasons = fields.List(fields.String())
    state = fields.String(metadata={"description": "current | reopened (the processing changed) | superseded"})
    reopened_because = fields.List(fields.String(), allow_none=True)
    screened_at = fields.AwareDateTime()
    screened_by = fields.String()


class DpiaSummarySchema(Schema):
    id = fields.String()
    title = fields.String()
    status = fields.String()
    residual_risk = fields.String(allow_none=True)
    outdated = fields.Boolean()


class ProcessingSchema(ProcessingRecordSchema):
    id = fields.String()
    agency = fields.String()
    version = WholeNumber()
    complete = fields.Boolean(metadata={"description": "every art. 30(1) item (role controller) or art. 30(2) "
                                                       "item (role processor) filled in, (f) and (g) included"})
    missing = fields.List(fields.Nested(MissingItemSchema), metadata={"description": "each item not filled in"})
    from_directory = fields.List(fields.String(), metadata={
        "description": "the contacts shown from the agency directory, as the processing names none"})
    processors_without_agreement = fields.List(fields.String())
    screening = fields.Nested(ScreeningSummarySchema, allow_none=True)
    dpia_status = fields.String(metadata={"description": "not_screened | not_required | screening_reopened | "
                                                        "required | in_progress | approved | outdated"})
    dpias = fields.List(fields.Nested(DpiaSummarySchema))
    privacy_assessment = fields.Dict(allow_none=True)
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    updated_by = fields.String()


ProcessingPageSchema = page_of(ProcessingSchema)


class ProcessingQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(domain.STATUSES))
    complete = fields.Boolean()
    role = fields.String(validate=validate.OneOf(domain.ROLES))
    missing_agreement = fields.Boolean()
    dpia_status = fields.String(validate=validate.OneOf(("not_screened", "not_required", "screening_reopened",
                                                         "required", "in_progress", "approved", "outdated")))
    q = fields.String(validate=validate.Length(min=2, max=100),
                      metadata={"description": "words in the name, or the start of the id"})


class RegisterExportQuerySchema(Schema):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(("xlsx", "csv", "json")))
    status = fields.String(validate=validate.OneOf(domain.STATUSES))
    role = fields.String(validate=validate.OneOf(domain.ROLES))
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")),
                             metadata={"description": "the language of the headings and values"})


class ProcessingChangeSchema(Schema):
    version = WholeNumber()
    changed_at = fields.AwareDateTime()
    changed_by = fields.String()
    note = fields.String(allow_none=True)
    changes = fields.Dict(metadata={"description": "field -> {before, after}"})


class HistorySchema(Schema):
    items = fields.List(fields.Nested(ProcessingChangeSchema))


# --- the overall privacy assessment ---

class AspectSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(domain.ASPECT_STATUSES))
    comment = fields.String(load_default=None, allow_none=True, validate=TEXT)
    measure = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=3, max=500),
                            metadata={"description": "a measure the finding opens"})
    measure_owner = fields.String(load_default=None, allow_none=True, validate=NAME)
    measure_due = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def a_measure_has_an_owner_and_a_due_date(self, data, **kwargs):
        if data.get("measure") and (not data.get("measure_owner") or not data.get("measure_due")):
            raise ValidationError("A measure needs measure_owner and measure_due / Et tiltak trenger eier og frist.",
                                  "measure")


class PrivacyAssessmentSchema(Schema):
    example = {"aspects": {"lawfulness": {"status": "ok"},
                           "purpose_limitation": {"status": "ok"},
                           "data_minimisation": {"status": "ok"},
                           "storage_limitation": {"status": "ok"},
                           "information_to_data_subjects": {"status": "ok"},
                           "data_subject_rights": {"status": "ok"},
                           "access_control": {"status": "partly",
                                              "comment": "For mange har lesetilgang.",
                                              "measure": "Gjennomgå lesetilganger",
                                              "measure_owner": "Systemeier",
                                              "measure_due": "2027-02-01"}},
               "review_months": 12}
    aspects = fields.Dict(keys=fields.String(validate=validate.OneOf(domain.ASPECTS)),
                          values=fields.Nested(AspectSchema), required=True)
    review_months = WholeNumber(load_default=12, validate=validate.Range(min=1, max=60))

    @validates_schema
    def every_aspect_is_answered(self, data, **kwargs):
        missing = [aspect for aspect in domain.ASPECTS if aspect not in data.get("aspects", {})]
        if missing:
            raise ValidationError({"aspects": [f"Missing / Mangler: {', '.join(missing)}"]})


# --- data processor agreements ---

class AgreementFieldsSchema(Schema):
    processor = fields.String(validate=NAME)
    processing_ids = fields.List(fields.String(validate=validate.Length(min=1, max=36)))
    status = fields.String(validate=validate.OneOf(domain.AGREEMENT_STATUSES))
    signed_on = fields.Date(allow_none=True)
    expires_on = fields.Date(allow_none=True)
    review_on = fields.Date(allow_none=True)
    sub_processors = texts()
    transfer_basis = fields.String(allow_none=True, validate=validate.OneOf(domain.SAFEGUARDS + ("none",)))
    municipal_template = fields.Boolean(allow_none=True,
                                        metadata={"description": "Oslo kommune's template for agreements used"})
    reference = fields.String(allow_none=True, validate=NAME)

    @validates_schema
    def signed_means_a_date(self, data, **kwargs):
        if data.get("status") == "signed" and not data.get("signed_on"):
            raise ValidationError("A signed agreement needs signed_on / En signert avtale trenger dato.",
                                  "signed_on")


class CreateAgreementSchema(AgreementFieldsSchema):
    example = {"processor": "Skyleverandør AS",
               "status": "signed",
               "signed_on": "2026-05-01",
               "expires_on": "2029-04-30",
               "review_on": "2027-05-01",
               "sub_processors": ["Driftspartner AB"],
               "transfer_basis": "none",
               "municipal_template": True,
               "reference": "2026/1234",
               "processing_ids": ["7d1f3c2e-5b6a-4e8f-9a0b-1c2d3e4f5a6b"]}
    processor = fields.String(required=True, validate=NAME)
    processing_ids = fields.List(fields.String(validate=validate.Length(min=1, max=36)), load_default=list)
    status = fields.String(load_default="draft", validate=validate.OneOf(domain.AGREEMENT_STATUSES))


class UpdateAgreementSchema(AgreementFieldsSchema, ChangeSchema):
    example = {"review_on": "2027-06-01"}
    pass


class AgreementSchema(AgreementFieldsSchema):
    id = WholeNumber()
    agency = fields.String()
    valid = fields.Boolean()
    expiring = fields.Boolean(metadata={"description": "expires within 60 days or has expired"})
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()


class AgreementListSchema(Schema):
    items = fields.List(fields.Nested(AgreementSchema))


# --- screening ---

CRITERIA_KEYS = screening_rules.CRITERIA


CriteriaSchema = Schema.from_dict({key: fields.Boolean(required=True) for key in CRITERIA_KEYS},
                                  name="ScreeningCriteriaSchema")
JustificationsSchema = Schema.from_dict(
    {key: fields.String(required=True, validate=validate.Length(min=3, max=5_000)) for key in CRITERIA_KEYS},
    name="ScreeningJustificationsSchema")


class ScreeningInputSchema(Schema):
    example = {"criteria": {"evaluation_scoring": False,
                            "automated_decision": False,
                            "systematic_monitoring": False,
                            "sensitive_data": True,
                            "large_scale": True,
                            "matching_datasets": False,
                            "vulnerable_subjects": True,
                            "innovative_technology": False,
                            "prevents_rights": False},
               "justifications": {"evaluation_scoring": "Vurdert av personvernkoordinator.",
                                  "automated_decision": "Vurdert av personvernkoordinator.",
                                  "systematic_monitoring": "Vurdert av personvernkoordinator.",
                                  "sensitive_data": "Vurdert av personvernkoordinator.",
                                  "large_scale": "Vurdert av personvernkoordinator.",
                                  "matching_datasets": "Vurdert av personvernkoordinator.",
                                  "vulnerable_subjects": "Vurdert av personvernkoordinator.",
                                  "innovative_technology": "Vurdert av personvernkoordinator.",
                                  "prevents_rights": "Vurdert av personvernkoordinator."},
               "datatilsynet_list": [2]}
    criteria = fields.Nested(CriteriaSchema, required=True,
                             metadata={"description": "the nine WP248 criteria, each true or false"})
    justifications = fields.Nested(JustificationsSchema, required=True,
                                   metadata={"description": "a justification for each answer"})
    datatilsynet_list = fields.List(WholeNumber(validate=validate.Range(min=1, max=14)), load_default=list,
                                    metadata={"description": "items 1-14 of Datatilsynet's list that apply"})


class ScreeningSchema(ScreeningSummarySchema):
    processing_id = fields.String()
    processing_version = WholeNumber()
    criteria = fields.Dict()
    justifications = fields.Dict()
    datatilsynet_list = fields.List(WholeNumber())


# --- DPIA ---

class DpiaRiskSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    likelihood = WholeNumber(required=True, validate=validate.Range(min=1, max=4))
    severity = WholeNumber(required=True, validate=validate.Range(min=1, max=4))
    measures = fields.String(load_default=None, allow_none=True, validate=TEXT)
    residual_likelihood = WholeNumber(load_default=None, allow_none=True, validate=validate.Range(min=1, max=4))
    residual_severity = WholeNumber(load_default=None, allow_none=True, validate=validate.Range(min=1, max=4))


class DpiaContentSchema(Schema):
    description = fields.String(allow_none=True, validate=TEXT, metadata={"description": "art. 35(7)(a)"})
    necessity_proportionality = fields.String(allow_none=True, validate=TEXT,
                                              metadata={"description": "art. 35(7)(b)"})
    risks = fields.List(fields.Nested(DpiaRiskSchema), metadata={"description": "art. 35(7)(c)"})
    measures = fields.String(allow_none=True, validate=TEXT, metadata={"description": "art. 35(7)(d)"})
    data_subject_views = fields.String(allow_none=True, validate=TEXT, metadata={"description": "art. 35(9)"})
    reviewer = fields.String(allow_none=True, validate=NAME)


class CreateDpiaSchema(DpiaContentSchema):
    example = {"processing_id": "7d1f3c2e-5b6a-4e8f-9a0b-1c2d3e4f5a6b",
               "title": "DPIA for elevadministrasjon",
               "description": "Systematisk behandling av opplysninger om barn.",
               "risks": [{"title": "Uautorisert innsyn i helseopplysninger",
                          "likelihood": 2,
                          "severity": 4,
                          "measures": "Tilgangsstyring og logging",
                          "residual_likelihood": 1,
                          "residual_severity": 3}],
               "reviewer": "Personvernombudet"}
    processing_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))


class UpdateDpiaSchema(DpiaContentSchema, ChangeSchema):
    example = {"necessity_proportionality": "Opplysningene er nødvendige for å gi opplæring.",
               "risks": [{"title": "Uautorisert innsyn i helseopplysninger",
                          "likelihood": 2,
                          "severity": 4,
                          "measures": "Tilgangsstyring og logging",
                          "residual_likelihood": 1,
                          "residual_severity": 3}]}
    title = fields.String(validate=validate.Length(min=3, max=200))


class DpoAdviceSchema(Schema):
    example = {"advice": "Tilgangsstyringen må være på plass før systemet tas i bruk."}
    advice = fields.String(required=True, validate=validate.Length(min=3, max=10_000),
                           metadata={"description": "the DPO's advice (art. 35(2))"})


class DpiaTransitionSchema(Schema):
    example = {"status": "in_review", "note": "Klar for personvernombudets råd."}
    status = fields.String(required=True, validate=validate.OneOf(("in_review", "draft")),
                           metadata={"description": "submit for review, or take back / revise"})
    note = fields.String(load_default=None, allow_none=True, validate=TEXT)


class DpiaDecisionSchema(Schema):
    example = {"decision": "approved", "note": "Restrisiko akseptert.", "dpo_advice_followed": True}
    decision = fields.String(required=True, validate=validate.OneOf(("approved", "rejected")))
    note = fields.String(load_default=None, allow_none=True, validate=TEXT)
    dpo_advice_followed = fields.Boolean(load_default=None, allow_none=True)
    reason_not_followed = fields.String(load_default=None, allow_none=True, validate=TEXT)

    @validates_schema
    def a_departure_from_the_advice_is_explained(self, data, **kwargs):
        if data.get("dpo_advice_followed") is False and not data.get("reason_not_followed"):
            raise ValidationError("Explain why the DPO's advice was not followed / Begrunn avviket fra rådet.",
                                  "reason_not_followed")


class PriorConsultationOutcomeSchema(Schema):
    example = {"outcome": "advice_given",
               "submitted_on": "2026-06-01",
               "answered_on": "2026-08-15",
               "reference": "DT 26/01234"}
    outcome = fields.String(required=True, validate=validate.OneOf(CONSULTATION_OUTCOMES))
    submitted_on = fields.Date(required=True, metadata={"description": "when Datatilsynet received it"})
    answered_on = fields.Date(required=True)
    reference = fields.String(load_default=None, allow_none=True, validate=NAME)

    @validates_schema
    def answered_after_submitted(self, data, **kwargs):
        if "submitted_on" in data and "answered_on" in data and data["answered_on"] < data["submitted_on"]:
            raise ValidationError("Must not be before submitted_on / Kan ikke være før innsending.", "answered_on")


class DpiaRiskOutSchema(DpiaRiskSchema):
    level = fields.String()
    residual_level = fields.String()


class DpiaSchema(Schema):
    id = fields.String()
    agency = fields.String()
    processing_id = fields.String()
    processing_name = fields.String()
    title = fields.String()
    status = fields.String()
    description = fields.String(allow_none=True)
    necessity_proportionality = fields.String(allow_none=True)
    risks = fields.List(fields.Nested(DpiaRiskOutSchema))
    measures = fields.String(allow_none=True)
    data_subject_views = fields.String(allow_none=True)
    residual_risk = fields.String(allow_none=True)
    dpo_advice = fields.Dict(allow_none=True)
    dpo_advice_followed = fields.Boolean(allow_none=True)
    reason_not_followed = fields.String(allow_none=True)
    author = fields.String()
    reviewer = fields.String(allow_none=True)
    approver = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
    submitted_at = fields.AwareDateTime(allow_none=True)
    approved_at = fields.AwareDateTime(allow_none=True)
    outdated = fields.Boolean()
    outdated_at = fields.AwareDateTime(allow_none=True)
    outdated_because = fields.List(fields.String(), allow_none=True)
    prior_consultation = fields.Dict(allow_none=True)
    history = fields.List(fields.Dict())


DpiaPageSchema = page_of(DpiaSchema)


class DpiaQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(tuple(domain.DPIA_TRANSITIONS)))
    processing_id = fields.String(validate=validate.Length(min=1, max=36))
    outdated = fields.Boolean()


class DocumentQuerySchema(Schema):
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")))
