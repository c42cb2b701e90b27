"""Marshmallow schemas of the risk service: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.risk import domain, matrix
from shared.clock import today
from shared.measure_owners import OWNER_ROLES, SYSTEM_KEY
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, WholeNumber, reference_ids, stored_int

TEXT = validate.Length(max=5_000)
NAME = validate.Length(min=1, max=200)
RATING = validate.Range(min=1, max=10)  # the agency's matrix narrows this (see matrix.out_of_scale)


# --- risk matrix and acceptance criteria ---

class ScaleStepSchema(Schema):
    label_nb = fields.String(required=True, validate=validate.Length(min=1, max=60))
    label_en = fields.String(required=True, validate=validate.Length(min=1, max=60))


class MatrixInputSchema(Schema):
    example = {"name": "Bydelens risikomatrise 2027",
               "likelihood_scale": [{"label_nb": "Svært lite sannsynlig", "label_en": "Very unlikely"},
                                    {"label_nb": "Lite sannsynlig", "label_en": "Unlikely"},
                                    {"label_nb": "Sannsynlig", "label_en": "Likely"},
                                    {"label_nb": "Svært sannsynlig", "label_en": "Very likely"}],
               "consequence_scale": [{"label_nb": "Ubetydelig", "label_en": "Insignificant"},
                                     {"label_nb": "Moderat", "label_en": "Moderate"},
                                     {"label_nb": "Alvorlig", "label_en": "Serious"},
                                     {"label_nb": "Kritisk", "label_en": "Critical"}],
               "cells": [["low", "low", "medium", "medium"],
                         ["low", "medium", "medium", "high"],
                         ["medium", "medium", "high", "high"],
                         ["medium", "high", "high", "high"]],
               "acceptable_up_to": "medium"}
    name = fields.String(required=True, validate=NAME)
    likelihood_scale = fields.List(fields.Nested(ScaleStepSchema), required=True,
                                   validate=validate.Length(min=2, max=10),
                                   metadata={"description": "levels 1..n, lowest first"})
    consequence_scale = fields.List(fields.Nested(ScaleStepSchema), required=True,
                                    validate=validate.Length(min=2, max=10))
    cells = fields.List(fields.List(fields.String(validate=validate.OneOf(matrix.LEVELS))), required=True,
                        metadata={"description": "cells[likelihood-1][consequence-1]: low | medium | high"})
    acceptable_up_to = fields.String(required=True, validate=validate.OneOf(matrix.LEVELS[:-1]),
                                     metadata={"description": "the highest acceptable level"})

    @validates_schema
    def grid_fits_the_scales(self, data, **kwargs):
        if {"likelihood_scale", "consequence_scale", "cells"} <= data.keys():
            problems = matrix.shape_problems(len(data["likelihood_scale"]), len(data["consequence_scale"]),
                                             data["cells"])
            if problems:
                raise ValidationError(problems, "cells")


class ScaleStepOutSchema(ScaleStepSchema):
    value = WholeNumber()


class MatrixSchema(Schema):
    id = WholeNumber(allow_none=True)
    agency = fields.String()
    version = WholeNumber(metadata={"description": "0: Oslo kommune's default, not yet stored for the agency"})
    name = fields.String()
    likelihood_scale = fields.List(fields.Nested(ScaleStepOutSchema))
    consequence_scale = fields.List(fields.Nested(ScaleStepOutSchema))
    cells = fields.List(fields.List(fields.String()))
    acceptable_up_to = fields.String()
    created_at = fields.AwareDateTime(allow_none=True)
    created_by = fields.String(allow_none=True)


class MatrixListSchema(Schema):
    items = fields.List(fields.Nested(MatrixSchema))


# --- assessments ---

class RiskAssessmentFieldsSchema(Schema):
    title = fields.String(validate=validate.Length(min=3, max=200))
    description = fields.String(allow_none=True, validate=TEXT)
    assessed = fields.String(allow_none=True, validate=TEXT, metadata={"description": "what is assessed, in words"})
    asset_ids = reference_ids(metadata={"description": "ids of the systems and assets assessed"})
    method = fields.String(validate=NAME)
    participants = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                               validate=validate.Length(max=50), metadata={"description": "roles, not names"})
    owner = fields.String(allow_none=True, validate=NAME, metadata={"description": "a role or a pseudonymous id"})
    assessment_date = fields.Date(allow_none=True)
    next_review_date = fields.Date(allow_none=True)


class CreateRiskAssessmentSchema(RiskAssessmentFieldsSchema):
    example = {"title": "ROS-analyse for skolens fagsystem",
               "description": "Årlig risikovurdering.",
               "scope": "system",
               "method": "Oslo kommunes ROS-metode",
               "participants": ["Systemeier", "ISK"],
               "owner": "Seksjonssjef skole",
               "assessment_date": "2026-11-10",
               "next_review_date": "2027-11-10"}
    scope = fields.String(required=True, validate=validate.OneOf(domain.SCOPES))
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    method = fields.String(load_default="ISO/IEC 27005, Oslo kommunes akseptkriterier", validate=NAME)


class UpdateRiskAssessmentSchema(RiskAssessmentFieldsSchema, ChangeSchema):
    example = {"next_review_date": "2027-12-01", "participants": ["Systemeier", "ISK", "PKO"]}
    pass


class RiskAssessmentTransitionSchema(Schema):
    example = {"status": "completed", "note": "Alle risikoer er vurdert."}
    status = fields.String(required=True, validate=validate.OneOf(("in_progress", "completed")),
                           metadata={"description": "start, complete (submit for approval), or revise"})
    note = fields.String(load_default=None, allow_none=True, validate=TEXT)


class ApproveRiskAssessmentSchema(Schema):
    example = {"note": "Godkjent i ledermøtet 20. november."}
    note = fields.String(load_default=None, allow_none=True, validate=TEXT)


class RiskAssessmentQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(tuple(domain.ASSESSMENT_TRANSITIONS)))
    scope = fields.String(validate=validate.OneOf(domain.SCOPES))
    review_overdue = fields.Boolean()


class RiskAssessmentHistorySchema(Schema):
    at = fields.AwareDateTime()
    by = fields.String()
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    note = fields.String(allow_none=True)
    approved_risks = fields.Raw(attribute="snapshot", allow_none=True,
                                metadata={"description": "the risks as approved (approvals only)"})


class RiskAssessmentSchema(Schema):
    id = fields.String()
    agency = fields.String()
    scope = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    assessed = fields.String(allow_none=True)
    asset_ids = fields.List(fields.String())
    method = fields.String()
    participants = fields.List(fields.String())
    owner = fields.String(allow_none=True)
    status = fields.String()
    assessment_date = fields.Date(allow_none=True)
    next_review_date = fields.Date(allow_none=True)
    review_overdue = fields.Method("_review_overdue")
    matrix = fields.Nested(MatrixSchema)
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    completed_at = fields.AwareDateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)
    approved_at = fields.AwareDateTime(allow_none=True)
    approved_by = fields.String(allow_none=True)
    approval_note = fields.String(allow_none=True)
    history = fields.List(fields.Nested(RiskAssessmentHistorySchema))

    def _review_overdue(self, assessment):
        return domain.review_overdue(assessment.next_review_date, today())


RiskAssessmentPageSchema = page_of(RiskAssessmentSchema)


# --- risks ---

class RiskFieldsSchema(Schema):
    title = fields.String(validate=validate.Length(min=3, max=200))
    scenario = fields.String(allow_none=True, validate=TEXT, metadata={"description": "the unwanted event"})
    threat = fields.String(allow_none=True, validate=TEXT)
    vulnerability = fields.String(allow_none=True, validate=TEXT)
    asset = fields.String(allow_none=True, validate=NAME)
    affects = fields.List(fields.String(validate=validate.OneOf(domain.DIMENSIONS)),
                          metadata={"description": "confidentiality | integrity | availability | privacy"})
    consequence_description = fields.String(allow_none=True, validate=TEXT)
    existing_controls = fields.String(allow_none=True, validate=TEXT)
    likelihood = WholeNumber(validate=RATING)
    consequence = WholeNumber(validate=RATING)
    likelihood_rationale = fields.String(allow_none=True, validate=TEXT)
    consequence_rationale = fields.String(allow_none=True, validate=TEXT)
    knowledge_strength = fields.String(allow_none=True, validate=validate.OneOf(domain.KNOWLEDGE_STRENGTHS))
    treatment = fields.String(allow_none=True, validate=validate.OneOf(domain.TREATMENTS))
    treatment_rationale = fields.String(allow_none=True, validate=TEXT)
    residual_likelihood = WholeNumber(allow_none=True, validate=RATING,
                                      metadata={"description": "after treatment; empty = as before treatment"})
    residual_consequence = WholeNumber(allow_none=True, validate=RATING)
    owner = fields.String(allow_none=True, validate=NAME, metadata={"description": "risk owner (role or id)"})
    review_date = fields.Date(allow_none=True)


class AddRiskSchema(RiskFieldsSchema):
    example = {"title": "Uautorisert tilgang til elevmapper",
               "scenario": "En tidligere ansatt har fortsatt tilgang til skolens fagsystem.",
               "threat": "Misbruk av tilganger",
               "vulnerability": "Tilganger fjernes ikke ved sluttdato",
               "asset": "Skolens fagsystem",
               "affects": ["confidentiality", "privacy"],
               "likelihood": 3,
               "consequence": 3,
               "likelihood_rationale": "To tilfeller funnet i internkontroll 2026.",
               "treatment": "reduce",
               "owner": "Rektor, Bakke skole",
               "review_date": "2027-06-01"}
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    likelihood = WholeNumber(required=True, validate=RATING)
    consequence = WholeNumber(required=True, validate=RATING)


class UpdateRiskSchema(RiskFieldsSchema, ChangeSchema):
    example = {"residual_likelihood": 1,
               "residual_consequence": 3,
               "treatment_rationale": "Automatisk fjerning av tilganger."}
    status = fields.String(validate=validate.OneOf(("open", "closed")))


class AdoptDraftSchema(RiskFieldsSchema):
    """An exercise finding's draft risk, taken into an assessment with its ratings."""
    example = {**AddRiskSchema.example, "assessment_id": "3f6c1d2e-8a4b-4c1f-9e2d-7b5a6c4d3e21"}
    assessment_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    likelihood = WholeNumber(required=True, validate=RATING)
    consequence = WholeNumber(required=True, validate=RATING)


class DismissDraftSchema(Schema):
    example = {"reason": "Dekket av en eksisterende risiko i samme vurdering."}
    reason = fields.String(required=True, validate=validate.Length(min=3, max=5_000))


class RiskMeasureFieldsSchema(Schema):
    partial_change = True  # a change names only what changes
    title = fields.String(validate=validate.Length(min=3, max=200))
    description = fields.String(allow_none=True, validate=TEXT)
    owner = fields.String(validate=NAME, metadata={"description": "who carries it out (role or id)"})
    due_date = fields.Date()
    status = fields.String(validate=validate.OneOf(domain.MEASURE_STATUSES))
    effect = fields.String(allow_none=True, validate=validate.OneOf(domain.MEASURE_EFFECTS),
                           metadata={"description": "what it reduces: likelihood, consequence or both"})
    expected_effect = fields.String(allow_none=True, validate=TEXT)
    permanent = fields.Boolean(metadata={"description": "a lasting measure (varig) or a one-off (engangstiltak)"})
    escalated = fields.Boolean(metadata={"description": "cannot be solved within the agency"})
    owner_role = fields.String(allow_none=True, validate=validate.OneOf(OWNER_ROLES), metadata={
        "description": "the owner role of the agency directory who gets a task (system_owner = systemeier, "
                       "system_administrator = systemforvalter, security_manager = sikkerhetsleder); "
                       "null: nobody is told"})
    owner_system = fields.String(allow_none=True, validate=validate.Regexp(SYSTEM_KEY), metadata={
        "description": "which contact holds the role: a system of the directory's `systems`; "
                       "null: the agency's own contact for the role"})

    @validates_schema
    def a_system_needs_a_role(self, data, **kwargs):
        # on a change, a role not given is the measure's own (checked by the handler)
        if data.get("owner_system") and ("owner_role" in data or self.partial_change is False) \
                and not data.get("owner_role"):
            raise ValidationError("Name the owner role of the system / Oppgi eierrollen for systemet.",
                                  "owner_role")


class AddRiskMeasureSchema(RiskMeasureFieldsSchema):
    partial_change = False
    example = {"title": "Automatisk fjerning av tilganger ved sluttdato",
               "description": "Koble fagsystemet til HR-systemets sluttdato.",
               "owner": "IKT-seksjonen",
               "due_date": "2027-03-31",
               "status": "decided",
               "effect": "likelihood"}
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    owner = fields.String(required=True, validate=NAME)
    due_date = fields.Date(required=True)
    status = fields.String(load_default="proposed", validate=validate.OneOf(domain.MEASURE_STATUSES))


class UpdateRiskMeasureSchema(RiskMeasureFieldsSchema, ChangeSchema):
    example = {"status": "in_progress"}
    partial_change = True
    pass


class RiskDecisionInputSchema(Schema):
    example = {"decision": "treat",
               "justification": "Risikoen reduseres med de vedtatte tiltakene.",
               "measure_ids": [1]}
    decision = fields.String(required=True, validate=validate.OneOf(("accept", "treat")),
                             metadata={"description": "accept the risk as it is, or treat it (fund its measures)"})
    justification = fields.String(required=True, validate=validate.Length(min=10, max=5_000))
    valid_until = fields.Date(load_default=None, allow_none=True,
                              metadata={"description": "required to accept: when the acceptance runs out"})
    measure_ids = fields.List(WholeNumber(validate=stored_int(1)), load_default=list, validate=validate.Length(max=100),
                              metadata={"description": "to treat: the measures decided (default: all open)"})

    @validates_schema
    def acceptance_has_a_validity(self, data, **kwargs):
        if data.get("decision") != "accept":
            return
        if data.get("valid_until") is None:
            raise ValidationError("An acceptance needs a validity / En aksept må ha en gyldighet.", "valid_until")
        if data["valid_until"] <= today():
            raise ValidationError("Must be after today / Må være etter i dag.", "valid_until")


class MeasureHistorySchema(Schema):
    at = fields.AwareDateTime()
    by = fields.String(metadata={"description": "the user, or the owner's contact for progress from the link"})
    kind = fields.String(metadata={"description": "created | changed | progress"})
    status = fields.String()
    comment = fields.String(allow_none=True)


class RiskMeasureSchema(Schema):
    id = WholeNumber()
    risk_id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    owner = fields.String()
    due_date = fields.Date()
    status = fields.String()
    overdue = fields.Method("_overdue")
    effect = fields.String(allow_none=True)
    expected_effect = fields.String(allow_none=True)
    permanent = fields.Boolean()
    escalated = fields.Boolean()
    completed_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    owner_role = fields.String(allow_none=True)
    owner_system = fields.String(allow_none=True)
    history = fields.List(fields.Nested(MeasureHistorySchema), metadata={
        "description": "created, changed, and the progress its owner reported with the task's link"})

    def _overdue(self, measure):
        return domain.measure_overdue(measure.status, measure.due_date, today())


class RiskDecisionSchema(Schema):
    id = WholeNumber()
    kind = fields.String(metadata={"description": "accept | treat"})
    decided_by = fields.String()
    decided_at = fields.AwareDateTime()
    justification = fields.String()
    valid_until = fields.Date(allow_none=True)
    measure_ids = fields.List(WholeNumber())
    risk_state = fields.Dict(metadata={"description": "the risk as it stood when decided"})
    in_force = fields.Method("_in_force")
    voided_at = fields.AwareDateTime(allow_none=True)
    void_reason = fields.String(allow_none=True)

    def _in_force(self, decision):
        return decision.kind == "accept" and domain.acceptance_in_force(
            decision.valid_until, decision.voided_at is not None, today())


class RiskSchema(Schema):
    id = fields.String()
    agency = fields.String()
    assessment_id = fields.String(allow_none=True)
    assessment_title = fields.Function(lambda risk: risk.assessment.title if risk.assessment else None)
    assessment_scope = fields.Function(lambda risk: risk.assessment.scope if risk.assessment else None)
    reference = fields.String(allow_none=True)
    status = fields.String()
    title = fields.String()
    scenario = fields.String(allow_none=True)
    threat = fields.String(allow_none=True)
    vulnerability = fields.String(allow_none=True)
    asset = fields.String(allow_none=True)
    affects = fields.List(fields.String())
    consequence_description = fields.String(allow_none=True)
    existing_controls = fields.String(allow_none=True)
    likelihood = WholeNumber(allow_none=True)
    consequence = WholeNumber(allow_none=True)
    likelihood_rationale = fields.String(allow_none=True)
    consequence_rationale = fields.String(allow_none=True)
    knowledge_strength = fields.String(allow_none=True)
    score = WholeNumber(allow_none=True)
    level = fields.String(allow_none=True, metadata={"description": "low | medium | high before treatment"})
    treatment = fields.String(allow_none=True)
    treatment_rationale = fields.String(allow_none=True)
    residual_likelihood = fields.Method("_residual_likelihood")
    residual_consequence = fields.Method("_residual_consequence")
    residual_score = WholeNumber(allow_none=True)
    residual_level = fields.String(allow_none=True)
    acceptable = fields.Boolean(allow_none=True,
                                metadata={"description": "within the criteria, or accepted by the agency head"})
    unacceptable_since = fields.AwareDateTime(allow_none=True)
    owner = fields.String(allow_none=True)
    review_date = fields.Date(allow_none=True)
    review_overdue = fields.Method("_review_overdue")
    needs_reassessment = fields.Boolean()
    reassessment_reasons = fields.List(fields.Dict())
    origin = fields.Dict(allow_none=True)
    measures = fields.List(fields.Nested(RiskMeasureSchema))
    decisions = fields.List(fields.Nested(RiskDecisionSchema))
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    updated_by = fields.String()

    # A residual rating not given is the inherent one; the API always shows both.
    def _residual_likelihood(self, risk):
        return domain.residual(risk.residual_likelihood, risk.likelihood)

    def _residual_consequence(self, risk):
        return domain.residual(risk.residual_consequence, risk.consequence)

    def _review_overdue(self, risk):
        return domain.review_overdue(risk.review_date, today())


RiskPageSchema = page_of(RiskSchema)


class RegisterFiltersSchema(Schema):
    assessment_id = fields.String(validate=validate.Length(min=1, max=36))
    scope = fields.String(validate=validate.OneOf(domain.SCOPES))
    level = fields.String(validate=validate.OneOf(matrix.LEVELS))
    residual_level = fields.String(validate=validate.OneOf(matrix.LEVELS))
    acceptable = fields.Boolean()
    status = fields.String(validate=validate.OneOf(domain.RISK_STATUSES))
    owner = fields.String(validate=NAME)
    overdue = fields.Boolean(metadata={"description": "a measure past its due date, or the review date passed"})
    needs_reassessment = fields.Boolean()
    agency = fields.String(validate=validate.Length(min=1, max=64),
                           metadata={"description": "for the central team: one agency"})
    q = fields.String(validate=validate.Length(min=2, max=100), metadata={
        "description": "words in the title, scenario, threat, vulnerability or asset; or the reference (R-03)"})


class RegisterQuerySchema(RegisterFiltersSchema, PageQuerySchema):
    pass


class ExportQuerySchema(RegisterFiltersSchema):
    format = fields.String(load_default="csv", validate=validate.OneOf(("csv", "xlsx")))
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")),
                             metadata={"description": "the language of the headings and the values: nb (bokmål) "
                                                      "or en, as the other exports"})


class HeatMapQuerySchema(Schema):
    assessment_id = fields.String(validate=validate.Length(min=1, max=36),
                                  metadata={"description": "one assessment (default: every open risk)"})


class HeatMapSchema(Schema):
    matrix = fields.Nested(MatrixSchema)
    inherent = fields.List(fields.List(WholeNumber()),
                           metadata={"description": "counts[likelihood-1][consequence-1] before treatment"})
    residual = fields.List(fields.List(WholeNumber()))
    not_shown = WholeNumber(metadata={"description": "risks rated on a matrix of another shape"})


class RiskMeasureQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(domain.MEASURE_STATUSES))
    overdue = fields.Boolean()
    owner = fields.String(validate=NAME)


RiskMeasurePageSchema = page_of(RiskMeasureSchema)


class MeasureIdSchema(Schema):
    measure_id = WholeNumber(required=True)


class TableSchema(Schema):
    """A register as rows, for the gateway to write as CSV or XLSX."""
    title = fields.String()
    columns = fields.List(fields.String())
    rows = fields.List(fields.List(fields.Raw()))
