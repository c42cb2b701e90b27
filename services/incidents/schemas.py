"""Marshmallow schemas of the incidents service: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.incidents import breach, domain, duty, lifecycle
from shared.clock import utcnow
from shared.contracts.incidents import AUTHORITY_DUTIES, SUBJECT_DUTIES
from shared.measure_owners import OWNER_ROLES, SYSTEM_KEY
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, Instant, WholeNumber, reference_ids, stored_int

CATEGORY_SLUG = validate.Regexp(r"^[a-z][a-z0-9_]{1,59}$", error="Unknown category / Ukjent kategori.")


SHORT_TEXT = validate.Length(max=5_000)


class ImpactSchema(Schema):
    """Confidentiality, integrity and availability impact (none | low | medium | high)."""
    confidentiality = fields.String(required=True, validate=validate.OneOf(domain.IMPACT_LEVELS))
    integrity = fields.String(required=True, validate=validate.OneOf(domain.IMPACT_LEVELS))
    availability = fields.String(required=True, validate=validate.OneOf(domain.IMPACT_LEVELS))


class IncidentDetailsSchema(Schema):
    """The facts a reporter or coordinator may give beyond the essentials; none names a person."""
    detected_at = Instant(allow_none=True, metadata={"description": "When the incident was first noticed."})
    reporting_unit = fields.String(allow_none=True, validate=validate.Length(max=120))
    affected_system_ids = reference_ids(metadata={"description": "ids of the systems affected"})
    processing_activity_ids = reference_ids(metadata={"description": "ids in the record of processing activities"})
    impact = fields.Nested(ImpactSchema, allow_none=True)
    scope = fields.String(allow_none=True, validate=validate.OneOf(domain.SCOPES))
    approx_data_subjects = WholeNumber(allow_none=True, validate=stored_int())
    approx_records = WholeNumber(allow_none=True, validate=stored_int())
    data_subject_categories = fields.List(fields.String(validate=validate.OneOf(domain.DATA_SUBJECT_CATEGORIES)))
    personal_data_categories = fields.List(fields.String(validate=validate.OneOf(domain.PERSONAL_DATA_CATEGORIES)))
    likely_consequences = fields.String(allow_none=True, validate=SHORT_TEXT)
    data_whereabouts = fields.String(allow_none=True, validate=SHORT_TEXT,
                                     metadata={"description": "Where the personal data are after the breach."})
    actions_taken = fields.String(allow_none=True, validate=SHORT_TEXT, metadata={
        "description": "What was done right away (by the reporter): measures taken, for the art. 33(3) draft."})


class ReportIncidentSchema(IncidentDetailsSchema):
    example = {"title": "Brev med helseopplysninger sendt til feil mottaker",
               "description": "Et vedtak ble sendt i posten til en annen innbygger med samme navn.",
               "kind": "personal_data_breach",
               "category": "misdirected_mail",
               "occurred_at": "2026-11-20T09:30:00+01:00",
               "aware_at": "2026-11-20T14:05:00+01:00",
               "reporting_unit": "Bydel Frogner",
               "scope": "unit",
               "approx_data_subjects": 40,
               "approx_records": 40,
               "data_subject_categories": ["residents"],
               "personal_data_categories": ["identity_contact", "health"],
               "likely_consequences": "Uvedkommende kan ha lest vedtak om helsetjenester.",
               "actions_taken": "Ringte mottakeren, som lovet å returnere brevet uåpnet."}
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    description = fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    kind = fields.String(required=True, validate=validate.OneOf(domain.KINDS))
    category = fields.String(required=True, validate=CATEGORY_SLUG,
                             metadata={"description": "One of GET /incident-categories."})
    occurred_at = Instant(required=True)
    aware_at = Instant(required=True, metadata={"description": "When the agency became aware; starts the 72-hour clock."})

    @validates_schema
    def times_are_consistent(self, data, **kwargs):
        if "occurred_at" in data and "aware_at" in data:
            problems = domain.report_time_problems(data["occurred_at"], data["aware_at"], utcnow(),
                                                   data.get("detected_at"))
            if problems:
                raise ValidationError(problems)


class UpdateIncidentSchema(IncidentDetailsSchema, ChangeSchema):
    """A correction or addition; only the fields given change, and each change is journalled."""
    example = {"approx_data_subjects": 1, "likely_consequences": "Mottakeren har returnert brevet uåpnet."}
    title = fields.String(validate=validate.Length(min=3, max=200))
    description = fields.String(validate=validate.Length(min=1, max=10_000))
    category = fields.String(validate=CATEGORY_SLUG)
    occurred_at = Instant()
    aware_at = Instant()


class AssessIncidentSchema(Schema):
    example = {"severity": "high",
               "personal_data_involved": True,
               "marked_serious": False,
               "rationale": "Helseopplysninger om én person er kommet på avveie."}
    severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(domain.SEVERITIES),
                             metadata={"description": "Default: the security severity from impact and scope."})
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
    """ENISA 2013 inputs: data processing context, ease of identification, circumstances of the breach."""
    example = {"data_types": ["sensitive"],
               "ease_of_identification": "maximum",
               "cb": {"confidentiality": 0.25, "integrity": 0.0, "availability": 0.0, "malicious": False},
               "data_subjects": 1,
               "unintelligible": False,
               "vulnerable_subjects": False,
               "recipients_trusted": False}
    data_types = fields.List(fields.String(validate=validate.OneOf(tuple(breach.DATA_TYPE_BASE_SCORE))),
                             required=True, validate=validate.Length(min=1))
    dpc = WholeNumber(load_default=None, allow_none=True, validate=validate.Range(min=1, max=4))
    dpc_justification = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))
    ease_of_identification = fields.String(required=True,
                                           validate=validate.OneOf(tuple(breach.EASE_OF_IDENTIFICATION)))
    cb = fields.Nested(CircumstancesSchema, required=True)
    data_subjects = WholeNumber(required=True, validate=stored_int())
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


class ReasonSchema(Schema):
    """A reason of a recommendation in both languages; code null for a text stored before the codes."""
    code = fields.String(allow_none=True, metadata={"description": "stable code, e.g. enisa_severity, art33_required"})
    text_nb = fields.String()
    text_en = fields.String()


class ExplainedReasons(fields.List):
    """Stored reason codes, dumped as [{code, text_nb, text_en}]."""

    def __init__(self, **kwargs):
        super().__init__(fields.Nested(ReasonSchema), **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(breach.explain_all(value), attr, obj, **kwargs)


def recommendation(decision: str, stored_reasons: list) -> dict:
    """`reasons` stays the English sentences it always was; `reason_texts` has both languages."""
    return {"decision": decision, "reasons": breach.english(stored_reasons),
            "reason_texts": breach.explain_all(stored_reasons)}


class BreachAssessmentSchema(Schema):
    version = WholeNumber()
    facts = fields.Dict()
    dpc = WholeNumber()
    dpc_justification = fields.String(allow_none=True)
    ei = fields.Float()
    cb = fields.Float()
    score = fields.Float()
    severity = fields.String()
    risk = fields.String(metadata={"description": "unlikely | risk | high_risk (art. 33/34)"})
    many_subjects = fields.Boolean()
    notify_authority = fields.Function(lambda r: recommendation(r.notify_authority, r.notify_authority_reasons),
                                       metadata={"description": "{decision, reasons (English), reason_texts}"})
    notify_data_subjects = fields.Function(
        lambda r: recommendation(r.notify_data_subjects, r.notify_data_subjects_reasons),
        metadata={"description": "{decision, reasons (English), reason_texts}"})
    notify_authority_reason_texts = ExplainedReasons(attribute="notify_authority_reasons", metadata={
        "description": "the reasons of the art. 33 recommendation in bokmål and English"})
    notify_data_subjects_reason_texts = ExplainedReasons(attribute="notify_data_subjects_reasons", metadata={
        "description": "the reasons of the art. 34 recommendation in bokmål and English"})
    assessed_at = fields.AwareDateTime()
    assessed_by = fields.String()


class BreachDecisionInputSchema(Schema):
    example = {"notify_authority": "required",
               "notify_data_subjects": "required",
               "justification": "Helseopplysninger; risiko for den registrerte."}
    notify_authority = fields.String(required=True, validate=validate.OneOf(AUTHORITY_DUTIES))
    notify_data_subjects = fields.String(required=True,
                                         validate=validate.OneOf(SUBJECT_DUTIES))
    justification = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))
    subject_exemption = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(duty.SUBJECT_EXEMPTIONS),
        metadata={"description": "The art. 34(3) ground (a, b or c) when notify_data_subjects is exempt."})

    @validates_schema
    def exemption_names_its_ground(self, data, **kwargs):
        exempt = data.get("notify_data_subjects") == "exempt"
        if exempt and not data.get("subject_exemption"):
            raise ValidationError({"subject_exemption": ["Required when exempt: 34_3_a, 34_3_b or 34_3_c / "
                                                         "Påkrevd ved unntak etter art. 34 nr. 3."]})
        if not exempt and data.get("subject_exemption"):
            raise ValidationError({"subject_exemption": ["Only when notify_data_subjects is exempt / "
                                                         "Bare ved unntak."]})


class BreachDecisionSchema(Schema):
    assessment_version = WholeNumber()
    notify_authority = fields.String()
    notify_data_subjects = fields.String()
    follows_recommendation = fields.Boolean()
    justification = fields.String(allow_none=True)
    subject_exemption = fields.String(allow_none=True)
    decided_at = fields.AwareDateTime()
    decided_by = fields.String()


class AssessmentSchema(Schema):
    severity = fields.String()
    personal_data_involved = fields.Boolean()
    marked_serious = fields.Boolean()
    rationale = fields.String(allow_none=True)
    assessed_at = fields.AwareDateTime()
    assessed_by = fields.String()


class TransitionSchema(Schema):
    example = {"status": "investigating", "note": "Innhenter utsendingslogg fra skanningsleverandøren."}
    status = fields.String(required=True, validate=validate.OneOf(
        [s for s in lifecycle.STATUSES if s != "closed"],
        error="One of {choices}; close with POST .../close / Lukk med POST .../close."))
    note = fields.String(load_default=None, allow_none=True, validate=SHORT_TEXT)

    @validates_schema
    def rejection_is_explained(self, data, **kwargs):
        if data.get("status") == "rejected" and not data.get("note"):
            raise ValidationError({"note": ["Say why it is not an incident / Begrunn avvisningen."]})


class AssignHandlerSchema(Schema):
    example = {"handler": "kari.nordmann", "role": "pko"}
    handler = fields.String(required=True, validate=validate.Length(min=1, max=200),
                            metadata={"description": "pseudonymous id of the coordinator"})
    role = fields.String(required=True, validate=validate.OneOf(("pko", "isk")))


class NoteSchema(Schema):
    example = {"text": "Mottakeren er kontaktet og har makulert brevet."}
    text = fields.String(required=True, validate=validate.Length(min=1, max=5_000))


class AddMeasureSchema(Schema):
    example = {"title": "Kontroller adresse mot Folkeregisteret før utsending",
               "kind": "preventive",
               "owner": "Saksbehandlerteamet",
               "due_date": "2027-01-15",
               "status": "planned"}
    title = fields.String(required=True, validate=validate.Length(min=3, max=200))
    kind = fields.String(load_default="corrective", validate=validate.OneOf(("containment", "corrective", "preventive")))
    owner = fields.String(required=True, validate=validate.Length(min=1, max=200),
                          metadata={"description": "a role or a pseudonymous id"})
    due_date = fields.Date(load_default=None, allow_none=True)
    status = fields.String(load_default="planned", validate=validate.OneOf(("planned", "in_progress", "done")))
    owner_role = fields.String(allow_none=True, validate=validate.OneOf(OWNER_ROLES), metadata={
        "description": "the owner role of the agency directory who gets a task (system_owner = systemeier, "
                       "system_administrator = systemforvalter, security_manager = sikkerhetsleder)"})
    owner_system = fields.String(allow_none=True, validate=validate.Regexp(SYSTEM_KEY), metadata={
        "description": "which contact holds the role: a system of the directory's `systems`; "
                       "null: the agency's own contact for the role"})

    @validates_schema
    def a_system_needs_a_role(self, data, **kwargs):
        if data.get("owner_system") and not data.get("owner_role"):
            raise ValidationError("Name the owner role of the system / Oppgi eierrollen for systemet.",
                                  "owner_role")


class UpdateMeasureSchema(ChangeSchema):
    example = {"status": "done"}
    title = fields.String(validate=validate.Length(min=3, max=200))
    owner = fields.String(validate=validate.Length(min=1, max=200))
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(("planned", "in_progress", "done", "cancelled")))
    owner_role = fields.String(allow_none=True, validate=validate.OneOf(OWNER_ROLES), metadata={
        "description": "the owner role of the agency directory who gets a task (system_owner = systemeier, "
                       "system_administrator = systemforvalter, security_manager = sikkerhetsleder)"})
    owner_system = fields.String(allow_none=True, validate=validate.Regexp(SYSTEM_KEY), metadata={
        "description": "which contact holds the role: a system of the directory's `systems`; "
                       "null: the agency's own contact for the role"})


class CloseIncidentSchema(Schema):
    example = {"root_cause": "Manuell adressering uten kontroll mot Folkeregisteret.",
               "lessons_learned": "Adresser hentes nå automatisk fra Folkeregisteret."}
    root_cause = fields.String(required=True, validate=validate.Length(min=3, max=5_000))
    lessons_learned = fields.String(required=True, validate=validate.Length(min=3, max=5_000))
    linked_risk_ids = reference_ids(load_default=list, metadata={"description": "ids in the risk register"})


class ReopenSchema(Schema):
    example = {"reason": "Ny informasjon: også et vedlegg ble sendt."}
    reason = fields.String(required=True, validate=validate.Length(min=3, max=5_000))


class SubmitAuthorityNotificationSchema(Schema):
    example = {"phase": "initial",
               "phased": False,
               "submitted_at": "2026-11-21T10:00:00+01:00",
               "channel": "altinn",
               "reference": "AR123456789",
               "summary": "Vedtak sendt til feil mottaker; returnert uåpnet."}
    phase = fields.String(load_default="initial", validate=validate.OneOf(duty.PHASES))
    phased = fields.Boolean(load_default=False, metadata={"description": "Art. 33(4): more will follow."})
    submitted_at = Instant(load_default=None, allow_none=True, metadata={"description": "Default: now."})
    channel = fields.String(load_default="altinn", validate=validate.OneOf(duty.AUTHORITY_CHANNELS))
    reference = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100),
                              metadata={"description": "Altinn or Datatilsynet reference"})
    delay_reason = fields.String(load_default=None, allow_none=True, validate=SHORT_TEXT)
    summary = fields.String(load_default=None, allow_none=True, validate=SHORT_TEXT)


class RecordSubjectCommunicationSchema(Schema):
    example = {"communicated_at": "2026-11-21T12:00:00+01:00",
               "channel": "digital_mailbox",
               "subjects_reached": 1,
               "summary": "Brev i digital postkasse med beklagelse og råd."}
    communicated_at = Instant(load_default=None, allow_none=True, metadata={"description": "Default: now."})
    channel = fields.String(required=True, validate=validate.OneOf(duty.SUBJECT_CHANNELS))
    subjects_reached = WholeNumber(load_default=None, allow_none=True, validate=stored_int())
    summary = fields.String(load_default=None, allow_none=True, validate=SHORT_TEXT)


class JournalEntrySchema(Schema):
    entry_type = fields.String()
    text = fields.String(allow_none=True)
    details = fields.Dict()
    at = fields.AwareDateTime()
    by = fields.String()


class MeasureSchema(Schema):
    id = WholeNumber()
    title = fields.String()
    kind = fields.String()
    owner = fields.String()
    due_date = fields.Date(allow_none=True)
    status = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()
    owner_role = fields.String(allow_none=True)
    owner_system = fields.String(allow_none=True)


class AuthorityNotificationSchema(Schema):
    phase = fields.String()
    phased = fields.Boolean()
    submitted_at = fields.AwareDateTime()
    channel = fields.String()
    reference = fields.String(allow_none=True)
    late = fields.Boolean()
    delay_reason = fields.String(allow_none=True)
    summary = fields.String(allow_none=True)
    recorded_by = fields.String()


class SubjectCommunicationSchema(Schema):
    communicated_at = fields.AwareDateTime()
    channel = fields.String()
    subjects_reached = WholeNumber(allow_none=True)
    summary = fields.String(allow_none=True)
    recorded_by = fields.String()


class IncidentSummarySchema(Schema):
    """What a list shows of each incident."""
    id = fields.String()
    agency = fields.String()
    title = fields.String()
    kind = fields.String()
    category = fields.String()
    status = fields.String()
    handler = fields.String(allow_none=True)
    occurred_at = fields.AwareDateTime()
    aware_at = fields.AwareDateTime()
    reported_at = fields.AwareDateTime()
    severity = fields.String(allow_none=True, attribute="effective_severity",
                             metadata={"description": "the higher of the incident and breach severities"})
    serious = fields.Boolean()
    personal_data_involved = fields.Boolean(allow_none=True)
    authority_deadline = fields.AwareDateTime()
    authority_notification = fields.String(allow_none=True, metadata={"description": ", ".join(duty.AUTHORITY_STATES)})
    authority_overdue = fields.Method("get_authority_overdue")

    def get_authority_overdue(self, incident) -> bool:
        return duty.is_overdue(incident.authority_notification, incident.authority_deadline, utcnow())


class IncidentSchema(IncidentSummarySchema):
    description = fields.String()
    reported_by = fields.String()
    reporting_unit = fields.String(allow_none=True)
    detected_at = fields.AwareDateTime(allow_none=True)
    handler_role = fields.String(allow_none=True)
    allowed_transitions = fields.Function(lambda i: list(lifecycle.allowed_next(i.status)))
    affected_system_ids = fields.List(fields.String())
    processing_activity_ids = fields.List(fields.String())
    impact = fields.Nested(ImpactSchema, allow_none=True)
    scope = fields.String(allow_none=True)
    security_severity = fields.String(allow_none=True, metadata={
        "description": "derived from impact and scope (docs/domain/incidents.md: Security severity)"})
    assessed_severity = fields.String(allow_none=True, attribute="severity")
    breach_severity = fields.String(allow_none=True)
    marked_serious = fields.Boolean()
    approx_data_subjects = WholeNumber(allow_none=True)
    approx_records = WholeNumber(allow_none=True)
    data_subject_categories = fields.List(fields.String())
    personal_data_categories = fields.List(fields.String())
    likely_consequences = fields.String(allow_none=True)
    data_whereabouts = fields.String(allow_none=True)
    actions_taken = fields.String(allow_none=True)
    escalated_at = fields.AwareDateTime(allow_none=True)
    escalation_reason = fields.String(allow_none=True)
    authority_deadline_missed_at = fields.AwareDateTime(allow_none=True)
    subject_communication = fields.String(allow_none=True, metadata={"description": ", ".join(duty.SUBJECT_STATES)})
    root_cause = fields.String(allow_none=True)
    lessons_learned = fields.String(allow_none=True)
    linked_risk_ids = fields.List(fields.String())
    closed_at = fields.AwareDateTime(allow_none=True)
    assessments = fields.List(fields.Nested(AssessmentSchema))
    breach_assessments = fields.List(fields.Nested(BreachAssessmentSchema))
    breach_decisions = fields.List(fields.Nested(BreachDecisionSchema))
    measures = fields.List(fields.Nested(MeasureSchema))
    authority_notifications = fields.List(fields.Nested(AuthorityNotificationSchema))
    subject_communications = fields.List(fields.Nested(SubjectCommunicationSchema))
    journal = fields.List(fields.Nested(JournalEntrySchema))


class IncidentListQuerySchema(PageQuerySchema):
    kind = fields.String(validate=validate.OneOf(domain.KINDS))
    category = fields.String(validate=CATEGORY_SLUG)
    status = fields.String(validate=validate.OneOf(lifecycle.STATUSES))
    severity = fields.String(validate=validate.OneOf(domain.SEVERITIES))
    serious = fields.Boolean()
    overdue = fields.Boolean(metadata={"description": "72-hour clocks that ran out without a notification"})
    reported_from = Instant(metadata={"description": "reported at or after"})
    reported_to = Instant(metadata={"description": "reported before"})
    q = fields.String(validate=validate.Length(min=2, max=100), metadata={"description": "words in title or description"})
    open = fields.Boolean(metadata={"description": "true: not closed or rejected; false: closed or rejected"})
    notification = fields.String(validate=validate.OneOf(duty.AUTHORITY_STATES), metadata={
        "description": "the notification to Datatilsynet: pending is a running 72-hour clock"})
    sort = fields.String(validate=validate.OneOf(domain.LIST_ORDERS), metadata={
        "description": "newest (default: the latest reported first) or deadline (the nearest 72-hour deadline "
                       "first, those without one last)"})


class StatisticsQuerySchema(Schema):
    reported_from = Instant()
    reported_to = Instant()
    kind = fields.String(validate=validate.OneOf(domain.KINDS))
    open = fields.Boolean(metadata={"description": "true: only incidents not closed or rejected"})


class StatisticsSchema(Schema):
    total = WholeNumber()
    per_month = fields.Dict(keys=fields.String(), values=WholeNumber(), metadata={"description": "YYYY-MM, Oslo time"})
    per_kind = fields.Dict(keys=fields.String(), values=WholeNumber())
    per_month_by_kind = fields.Dict(keys=fields.String(), values=fields.Dict(keys=fields.String(), values=WholeNumber()),
                                    metadata={"description": "YYYY-MM (Oslo time) -> kind -> count"})
    per_category = fields.Dict(keys=fields.String(), values=WholeNumber())
    per_severity = fields.Dict(keys=fields.String(), values=WholeNumber())
    per_status = fields.Dict(keys=fields.String(), values=WholeNumber())
    serious = WholeNumber()
    breaches_notified = WholeNumber()
    breaches_notified_within_72h = WholeNumber()
    share_notified_within_72h = fields.Float(allow_none=True, metadata={"description": "null when none was notified"})
    overdue_now = WholeNumber()


class CategoriesSchema(Schema):
    categories = fields.List(fields.String())


IncidentPageSchema = page_of(IncidentSummarySchema)


class MeasureIdSchema(Schema):
    measure_id = WholeNumber(required=True, validate=stored_int(1))


class DraftFieldSchema(Schema):
    key = fields.String()
    label_nb = fields.String()
    label_en = fields.String()
    value = fields.Raw(allow_none=True)


class DraftMissingFieldSchema(Schema):
    key = fields.String(metadata={"description": "section.field, for systems"})
    label_nb = fields.String()
    label_en = fields.String()


class DraftSectionSchema(Schema):
    key = fields.String()
    title_nb = fields.String()
    title_en = fields.String()
    fields_ = fields.List(fields.Nested(DraftFieldSchema), data_key="fields", attribute="fields")


class AuthorityNotificationDraftSchema(Schema):
    """Art. 33(3) content in the sections of Datatilsynet's breach form."""
    incident_id = fields.String()
    agency = fields.String()
    generated_at = fields.AwareDateTime()
    deadline = fields.AwareDateTime()
    authority_notification = fields.String(allow_none=True)
    late = fields.Boolean(metadata={"description": "the deadline passed without a submission"})
    sections = fields.List(fields.Nested(DraftSectionSchema))
    missing = fields.List(fields.Nested(DraftMissingFieldSchema), metadata={"description": "fields still without a value"})
    missing_labels_nb = fields.List(fields.String(), metadata={"description": "the missing fields' labels in bokmål"})
    missing_labels_en = fields.List(fields.String(), metadata={"description": "the missing fields' labels in English"})
    text = fields.String(metadata={"description": "the draft as readable bokmål text"})
