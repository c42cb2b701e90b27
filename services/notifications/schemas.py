"""Marshmallow schemas of the notifications service: directory file, routing rules, task inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.notifications import domain, messages
from services.notifications.handlers import FANOUTS
from shared.agency_directory import AGENCY_CODE, SECTORS
from shared.clock import utcnow
from shared.contracts.incidents import (AUTHORITY_DEADLINE_MISSED, BREACH_ASSESSED, BREACH_DECIDED, BREACH_SEVERITIES,
                                       ESCALATION_REASONS, INCIDENT_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED,
                                       KINDS, SEVERITIES)
from shared.contracts.incidents import MEASURE_ASSIGNED as INCIDENT_MEASURE_ASSIGNED
from shared.contracts.privacy_register import PRIOR_CONSULTATION_REQUIRED, RISK_LEVELS
from shared.contracts.notifications import MEASURE_PROGRESS, OWNER_ROLES, RECIPIENT_ROLES
from shared.contracts.reporting import AREAS, DOCUMENT_KINDS, DOCUMENT_REVIEW_OVERDUE
from shared.contracts.risk import (LEVELS, MEASURE_ASSIGNED, MEASURE_OVERDUE, SCOPES, TREATMENTS, UNACCEPTABLE_REASONS,
                                   UNACCEPTABLE_RISK_IDENTIFIED)
from shared.measure_owners import SYSTEM_KEY
from shared.contracts.training import TOPICS, TRAINING_OVERDUE
from shared.pagination import PageQuerySchema, page_of
from shared.validation import WholeNumber

TASK_STATUSES = ("open", "completed")
TASK_SORTS = ("due", "newest")
# what a task is about; "measure" is a risk's measure, "incident_measure" an incident's
SUBJECT_TYPES = ("incident", "risk", "dpia", "document", "measure", "course", "incident_measure")
RULE_CHANNELS = ("contact", "email", "webhook", "manual")
# The events the notifications service makes tasks of, with the times of each a due time or reminder can count from.
DUE_FIELDS_OF = {
    INCIDENT_REPORTED.key: ("aware_at", "occurred_at", "reported_at"),
    INCIDENT_ASSESSED.key: ("assessed_at",),
    INCIDENT_ESCALATED.key: ("aware_at", "occurred_at", "escalated_at"),
    BREACH_ASSESSED.key: ("aware_at", "assessed_at"),
    BREACH_DECIDED.key: ("aware_at", "decided_at"),
    AUTHORITY_DEADLINE_MISSED.key: ("noticed_at", "aware_at"),
    UNACCEPTABLE_RISK_IDENTIFIED.key: ("identified_at",),
    PRIOR_CONSULTATION_REQUIRED.key: ("required_at",),
    DOCUMENT_REVIEW_OVERDUE.key: ("noticed_at",),
    MEASURE_OVERDUE.key: ("noticed_at",),
    TRAINING_OVERDUE.key: ("detected_at",),
    # a week before the end of the measure's due date (handlers.Fanout.facts_of): reminders count forward
    MEASURE_ASSIGNED.key: ("week_before_due_at", "assigned_at"),
    INCIDENT_MEASURE_ASSIGNED.key: ("week_before_due_at", "assigned_at"),
}
ROUTABLE_EVENTS = tuple(DUE_FIELDS_OF)
# the message family each routable event's tasks are written from (handlers.FANOUTS)
MESSAGE_FAMILY_OF = {fanout.event_type.key: fanout.messages for fanout in FANOUTS}
DUE_FIELDS = tuple(dict.fromkeys(name for names in DUE_FIELDS_OF.values() for name in names))


class ContactSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    address = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=320),
                            metadata={"description": "e-mail address (role mailbox) or https webhook URL"})
    language = fields.String(load_default="nb", validate=validate.OneOf(("nb", "en")))
    secret = fields.String(load_default=None, allow_none=True,
                           validate=validate.Regexp(r"^whsec_[A-Za-z0-9+/=]{24,}$",
                                                    error="must be a Standard Webhooks secret (whsec_...)"),
                           metadata={"description": "webhook signing secret, for a webhook address"})

    @validates_schema
    def webhooks_are_signed(self, data, **kwargs):
        address = data.get("address") or ""
        if address.startswith("http://"):
            raise ValidationError({"address": ["Webhooks must use https / Webhooks må bruke https."]})
        if address.startswith("https://") and not data.get("secret"):
            raise ValidationError({"secret": ["Required for a webhook address / Påkrevd for webhook."]})


def contacts_field(**kwargs):
    return fields.Dict(keys=fields.String(validate=validate.OneOf(RECIPIENT_ROLES)),
                       values=fields.Nested(ContactSchema), load_default=dict, **kwargs)


class SystemSchema(Schema):
    """One of the agency's systems, with who owns it: its systemeier, systemforvalter, sikkerhetsleder."""
    key = fields.String(required=True, validate=validate.Regexp(SYSTEM_KEY), metadata={
        "description": "what a measure names as its owner_system"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    contacts = fields.Dict(keys=fields.String(validate=validate.OneOf(OWNER_ROLES)),
                           values=fields.Nested(ContactSchema), required=True,
                           validate=validate.Length(min=1))


class AgencySchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(AGENCY_CODE))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    parent_department = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    contacts = contacts_field()
    systems = fields.List(fields.Nested(SystemSchema), load_default=list, validate=validate.Length(max=500),
                          metadata={"description": "owner contacts per system; a role not named here is the "
                                                   "agency's own contact for it"})

    @validates_schema
    def systems_are_unique(self, data, **kwargs):
        keys = [system["key"] for system in data.get("systems", [])]
        if len(keys) != len(set(keys)):
            raise ValidationError({"systems": ["Each system key once / Hver systemnøkkel bare én gang."]})
    central = fields.Boolean(load_default=False, metadata={
        "description": "the central team's agency: the only one whose tokens may carry the role central "
                       "(read from DIRECTORY_FILE by every service)"})
    sectors = fields.List(fields.String(validate=validate.OneOf(SECTORS[1:])), load_default=list,
                          validate=validate.Length(max=len(SECTORS)), metadata={
                              "description": "the agency's sectors (health, child_welfare, education, security_act): "
                                             "the requirements overview shows what applies to them"})


class DirectoryDefaultsSchema(Schema):
    contacts = contacts_field(metadata={"description": "contacts for every agency without its own"})


class DirectorySchema(Schema):
    """The agency directory file (deploy/directory.yaml)."""
    defaults = fields.Nested(DirectoryDefaultsSchema, load_default=lambda: {"contacts": {}})
    agencies = fields.List(fields.Nested(AgencySchema), required=True, validate=validate.Length(min=1))


class TaskListQuerySchema(PageQuerySchema):
    incident_id = fields.String(load_default=None, validate=validate.Length(min=1, max=36),
                                metadata={"description": "only tasks about this incident"})
    risk_id = fields.String(load_default=None, validate=validate.Length(min=1, max=36),
                            metadata={"description": "only tasks about this risk"})
    dpia_id = fields.String(load_default=None, validate=validate.Length(min=1, max=36),
                            metadata={"description": "only tasks about this DPIA (prior consultation)"})
    subject_type = fields.String(load_default=None, validate=validate.OneOf(SUBJECT_TYPES),
                                 metadata={"description": "only tasks about incidents, risks or DPIAs"})
    status = fields.String(load_default=None, validate=validate.OneOf(TASK_STATUSES))
    role = fields.String(load_default=None, validate=validate.OneOf(RECIPIENT_ROLES),
                         metadata={"description": "only tasks for this recipient role"})
    overdue = fields.Boolean(load_default=None, metadata={"description": "only open tasks past (or not past) due"})
    action = fields.String(load_default=None, validate=validate.OneOf(domain.ACTIONS),
                           metadata={"description": "only tasks asking this of the recipient"})
    sort = fields.String(load_default="due", validate=validate.OneOf(TASK_SORTS), metadata={
        "description": "due: open first, the earliest due time first (default); newest: the newest task first"})


class SeverityConditionsSchema(Schema):
    severity_at_least = fields.String(validate=validate.OneOf(SEVERITIES), metadata={
        "description": "the incident's severity, or the breach's ENISA band (very_high counts as critical), "
                       "whichever is higher, is at least this"})


class IncidentConditionsSchema(SeverityConditionsSchema):
    """Conditions on the facts of incidents.incident_escalated."""
    kind = fields.String(validate=validate.OneOf(KINDS))
    category = fields.String(validate=validate.Length(min=1, max=60))
    severity = fields.String(validate=validate.OneOf(SEVERITIES))
    breach_severity = fields.String(validate=validate.OneOf(BREACH_SEVERITIES))
    personal_data_involved = fields.Boolean()
    reason = fields.String(validate=validate.OneOf(ESCALATION_REASONS))


class ReportedConditionsSchema(Schema):
    """Conditions on the facts of incidents.incident_reported."""
    kind = fields.String(validate=validate.OneOf(KINDS))
    category = fields.String(validate=validate.Length(min=1, max=60))


class AssessedConditionsSchema(SeverityConditionsSchema):
    """Conditions on the facts of incidents.incident_assessed."""
    kind = fields.String(validate=validate.OneOf(KINDS))
    severity = fields.String(validate=validate.OneOf(SEVERITIES))
    breach_severity = fields.String(allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES),
                                    metadata={"description": "null: no breach assessment (ENISA) yet"})
    personal_data_involved = fields.Boolean()
    serious = fields.Boolean()


class BreachConditionsSchema(SeverityConditionsSchema):
    """Conditions on the facts of incidents.breach_assessed and incidents.breach_decided."""
    kind = fields.String(validate=validate.OneOf(KINDS))
    category = fields.String(validate=validate.Length(min=1, max=60))
    breach_severity = fields.String(validate=validate.OneOf(BREACH_SEVERITIES),
                                    metadata={"description": "the ENISA band of the assessment"})
    notify_authority = fields.String(validate=validate.OneOf(("required", "not_required")), metadata={
        "description": "the breach's current duty towards Datatilsynet: the decision, else the recommendation"})
    personal_data_involved = fields.Boolean()


class DeadlineConditionsSchema(Schema):
    """Conditions on the facts of incidents.authority_deadline_missed."""
    kind = fields.String(validate=validate.OneOf(KINDS))


class ReviewConditionsSchema(Schema):
    """Conditions on the facts of reporting.document_review_overdue."""
    kind = fields.String(validate=validate.OneOf(DOCUMENT_KINDS))
    area = fields.String(validate=validate.OneOf(AREAS))


class MeasureConditionsSchema(Schema):
    """Conditions on the facts of risk.measure_overdue."""
    status = fields.String(validate=validate.Length(min=1, max=30))


class MeasureAssignedConditionsSchema(Schema):
    """Conditions on the facts of risk.measure_assigned."""
    owner_role = fields.String(validate=validate.OneOf(OWNER_ROLES))
    owner_system = fields.String(allow_none=True, validate=validate.Regexp(SYSTEM_KEY))


class IncidentMeasureAssignedConditionsSchema(MeasureAssignedConditionsSchema):
    """Conditions on the facts of incidents.measure_assigned."""
    kind = fields.String(validate=validate.OneOf(KINDS))
    personal_data_involved = fields.Boolean()
    coordinator = fields.String(validate=validate.OneOf(("pko", "isk")),
                                metadata={"description": "the case's coordinator: its handler's role, else by "
                                                         "whether personal data are involved"})


class TrainingConditionsSchema(Schema):
    """Conditions on the facts of training.training_overdue."""
    topic = fields.String(validate=validate.OneOf(TOPICS))
    role = fields.String(validate=validate.Length(min=1, max=60))


class RiskConditionsSchema(Schema):
    """Conditions on the facts of risk.unacceptable_risk_identified."""
    assessment_scope = fields.String(validate=validate.OneOf(SCOPES))
    level = fields.String(validate=validate.OneOf(LEVELS))
    residual_level = fields.String(validate=validate.OneOf(LEVELS))
    treatment = fields.String(allow_none=True, validate=validate.OneOf(TREATMENTS),
                              metadata={"description": "null: no treatment chosen yet"})
    reason = fields.String(validate=validate.OneOf(UNACCEPTABLE_REASONS))


class PriorConsultationConditionsSchema(Schema):
    """Conditions on the facts of privacy_register.prior_consultation_required."""
    residual_risk = fields.String(allow_none=True, validate=validate.OneOf(RISK_LEVELS),
                                  metadata={"description": "the DPIA's residual risk; null: not assessed"})
    dpo_contact_needed = fields.Boolean()


CONDITIONS_OF = {INCIDENT_REPORTED.key: ReportedConditionsSchema,
                 INCIDENT_ASSESSED.key: AssessedConditionsSchema,
                 INCIDENT_ESCALATED.key: IncidentConditionsSchema,
                 BREACH_ASSESSED.key: BreachConditionsSchema,
                 BREACH_DECIDED.key: BreachConditionsSchema,
                 AUTHORITY_DEADLINE_MISSED.key: DeadlineConditionsSchema,
                 UNACCEPTABLE_RISK_IDENTIFIED.key: RiskConditionsSchema,
                 PRIOR_CONSULTATION_REQUIRED.key: PriorConsultationConditionsSchema,
                 DOCUMENT_REVIEW_OVERDUE.key: ReviewConditionsSchema,
                 MEASURE_OVERDUE.key: MeasureConditionsSchema,
                 TRAINING_OVERDUE.key: TrainingConditionsSchema,
                 MEASURE_ASSIGNED.key: MeasureAssignedConditionsSchema,
                 INCIDENT_MEASURE_ASSIGNED.key: IncidentMeasureAssignedConditionsSchema}


class ConditionsSchema(IncidentConditionsSchema, AssessedConditionsSchema, BreachConditionsSchema,
                       ReviewConditionsSchema, MeasureConditionsSchema, TrainingConditionsSchema,
                       RiskConditionsSchema, PriorConsultationConditionsSchema,
                       IncidentMeasureAssignedConditionsSchema):
    """Conditions on the facts of the event; all must hold: exact matches, and `severity_at_least`.
    Which facts a rule may name depends on its event type (CONDITIONS_OF)."""
    kind = fields.String(validate=validate.OneOf(KINDS + DOCUMENT_KINDS),
                         metadata={"description": "the incident's kind, or the governing document's"})
    breach_severity = fields.String(allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES),
                                    metadata={"description": "the ENISA band; null (incident_assessed only): "
                                                             "not assessed as a breach yet"})
    reason = fields.String(validate=validate.OneOf(ESCALATION_REASONS + UNACCEPTABLE_REASONS),
                           metadata={"description": "why the event was published; the codes of its event type"})


class RoutingRuleInputSchema(Schema):
    example = {"event_type": "incidents.incident_escalated",
               "conditions": {"severity": "critical"},
               "recipient_role": "leader",
               "channel": "email",
               "due_field": "aware_at",
               "due_hours": 24,
               "reminder_hours": [4, 12],
               "overdue_roles": ["central"]}
    event_type = fields.String(required=True, validate=validate.OneOf(ROUTABLE_EVENTS))
    conditions = fields.Nested(ConditionsSchema, load_default=dict)
    recipient_role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))
    channel = fields.String(load_default="contact", validate=validate.OneOf(RULE_CHANNELS),
                            metadata={"description": "contact: e-mail or webhook as the contact's address says"})
    due_field = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(DUE_FIELDS))
    due_hours = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0, max=24 * 365))
    reminder_hours = fields.List(fields.Float(validate=validate.Range(min=0, max=24 * 365)), load_default=list,
                                 validate=validate.Length(max=10))
    overdue_roles = fields.List(fields.String(validate=validate.OneOf(RECIPIENT_ROLES)), load_default=list,
                                validate=validate.Length(max=len(RECIPIENT_ROLES)))
    template = fields.String(load_default=None, allow_none=True,
                             validate=validate.OneOf(messages.template_names()))
    action = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(domain.ACTIONS), metadata={
        "description": "what the recipient must do, which decides how the task is completed; null: "
                       "notify_authority for Datatilsynet on an incident, decide for the agency head on a risk, "
                       "else acknowledge"})
    agency = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64),
                           metadata={"description": "admin only: another agency, or * for the defaults"})

    @validates_schema
    def due_time_is_complete(self, data, **kwargs):
        if (data.get("due_field") is None) != (data.get("due_hours") is None):
            raise ValidationError({"due_hours": ["due_field and due_hours go together / "
                                                 "due_field og due_hours må oppgis sammen."]})
        if data.get("reminder_hours") and data.get("due_field") is None:
            raise ValidationError({"reminder_hours": ["Reminders need a due_field to count from / "
                                                      "Påminnelser trenger et due_field å regne fra."]})

    @validates_schema(skip_on_field_errors=True)
    def rule_fits_its_event(self, data, **kwargs):
        """A condition or due time naming a fact the event does not have would silently never apply."""
        event_type = data["event_type"]
        wrong_conditions = CONDITIONS_OF[event_type]().validate(data["conditions"])
        if wrong_conditions:
            raise ValidationError({"conditions": wrong_conditions})
        family = MESSAGE_FAMILY_OF[event_type]
        template = messages.template_for(family, data["recipient_role"], data.get("template"))
        if template not in messages.template_names():
            choices = ", ".join(name for name in messages.template_names() if name.startswith(family))
            raise ValidationError({"template": [
                f"No message for {data['recipient_role']} on this event; name a template, e.g. {choices} / "
                f"Ingen melding for {data['recipient_role']} ved denne hendelsen; oppgi en mal, f.eks. {choices}."]})
        times = ", ".join(DUE_FIELDS_OF[event_type])
        if data.get("due_field") not in (None, *DUE_FIELDS_OF[event_type]):
            raise ValidationError({"due_field": [f"Must be a time of the event: {times} / "
                                                 f"Må være et tidspunkt i hendelsen: {times}."]})


class RoutingRuleSchema(Schema):
    id = WholeNumber()
    agency = fields.String(attribute="agency_code")
    event_type = fields.String()
    conditions = fields.Dict()
    recipient_role = fields.String()
    channel = fields.String()
    due_field = fields.String(allow_none=True)
    due_hours = fields.Float(allow_none=True)
    reminder_hours = fields.List(fields.Float(), allow_none=True)
    overdue_roles = fields.List(fields.String(), allow_none=True)
    template = fields.String(allow_none=True)
    action = fields.String(allow_none=True)
    active = fields.Boolean()
    in_force = fields.Boolean(metadata={"description": "applies to the caller's agency's new events"})
    created_at = fields.AwareDateTime(allow_none=True)
    created_by = fields.String(allow_none=True)
    retired_at = fields.AwareDateTime(allow_none=True)


class RoutingRuleListSchema(Schema):
    items = fields.List(fields.Nested(RoutingRuleSchema), required=True)


class RoutingRuleQuerySchema(Schema):
    event_type = fields.String(load_default=None, validate=validate.OneOf(ROUTABLE_EVENTS))
    include_retired = fields.Boolean(load_default=False)


class AckTokenSchema(Schema):
    token = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_-]{20,100}$",
                                                                  error="not an acknowledgement token"))
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2_000), metadata={
        "description": "a question or comment for the case's coordinator, who gets it as a task"})


class AcknowledgedSchema(Schema):
    task_id = fields.String(attribute="id")
    title = fields.String()
    recipient_role = fields.String()
    acknowledged_at = fields.AwareDateTime()
    comment = fields.String(allow_none=True)


class ProgressTokenSchema(Schema):
    token = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,100}$",
                                                                  error="not a progress link"))


class ReportProgressSchema(ProgressTokenSchema):
    progress = fields.String(required=True, validate=validate.OneOf(MEASURE_PROGRESS))
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2_000))


class ProgressEntrySchema(Schema):
    at = fields.String()
    progress = fields.String()
    comment = fields.String(allow_none=True)


class MeasureProgressViewSchema(Schema):
    """What the owner sees behind the link: the measure, its due date, and what was reported."""
    task_id = fields.String()
    open = fields.Boolean(metadata={"description": "progress can still be reported"})
    recipient_role = fields.String()
    recipient_name = fields.String(allow_none=True)
    subject_type = fields.String()
    measure_id = fields.Integer()
    title = fields.String()
    owner_title = fields.String(allow_none=True, metadata={"description": "the risk's or the incident's title"})
    due_date = fields.String(allow_none=True, metadata={"description": "null: an incident measure without one"})
    status = fields.String(metadata={"description": "the measure's status when last told"})
    progress = fields.List(fields.Nested(ProgressEntrySchema))


class CompleteTaskSchema(Schema):
    example = {"note": "Varslet per telefon og e-post."}
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=5_000))


class ReminderSchema(Schema):
    number = WholeNumber()
    send_at = fields.AwareDateTime()
    status = fields.String()
    sent_at = fields.AwareDateTime(allow_none=True)


class DeliverySchema(Schema):
    """One message of the task: its id is what the recipient sees as the message id."""
    id = fields.String()
    kind = fields.String()
    channel = fields.String()
    address = fields.String()
    status = fields.String()
    attempts = WholeNumber()
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)
    delivered_at = fields.AwareDateTime(allow_none=True)


class NotificationTaskSchema(Schema):
    example = {"id": "9b2e4c71-3f5a-4d8e-a1b6-2c7d9e0f4a13", "agency": "demo", "subject_type": "incident",
               "subject_id": "5e8a1c3d-7b2f-4e6a-9d0c-4f1b2a3c5d6e",
               "source_event_type": "incidents.incident_escalated.v1", "recipient_role": "leader",
               "recipient_name": "Ola Nordmann", "recipient_address": "ola.nordmann@bfr.oslo.kommune.no",
               "channel": "email", "title": "Alvorlig hendelse: brev sendt til feil mottaker",
               "message": "En hendelse er meldt som alvorlig. Frist for melding til Datatilsynet: 23.11. kl. 14.05.",
               "due_at": "2026-11-23T13:05:00+00:00", "status": "open", "created_at": "2026-11-20T13:20:00+00:00",
               "completed_at": None, "completed_by": None, "completion_note": None, "acknowledged_at": None,
               "acknowledged_via": None, "acknowledged_by": None, "language": "nb", "overdue": False,
               "overdue_at": None, "follows_task_id": None, "action": "acknowledge",
               "acknowledged_on_behalf": False, "closed_reason": None, "comment": None,
               "reminders": [{"number": 1, "send_at": "2026-11-21T13:05:00+00:00", "status": "pending",
                              "sent_at": None}],
               "deliveries": [{"id": "d-71c2", "kind": "notification", "channel": "email",
                               "address": "ola.nordmann@bfr.oslo.kommune.no", "status": "delivered", "attempts": 1,
                               "next_attempt_at": None, "last_error": None,
                               "delivered_at": "2026-11-20T13:20:04+00:00"}]}
    id = fields.String()
    agency = fields.String()
    subject_type = fields.String()
    subject_id = fields.String()
    source_event_type = fields.String()
    recipient_role = fields.String()
    recipient_name = fields.String(allow_none=True)
    recipient_address = fields.String(allow_none=True)
    channel = fields.String()
    title = fields.String()
    message = fields.String()
    due_at = fields.AwareDateTime(allow_none=True)
    status = fields.String()
    created_at = fields.AwareDateTime()
    completed_at = fields.AwareDateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)
    completion_note = fields.String(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    acknowledged_via = fields.String(allow_none=True)
    acknowledged_by = fields.String(allow_none=True)
    language = fields.String()
    overdue = fields.Method("is_overdue")
    overdue_at = fields.AwareDateTime(allow_none=True)
    follows_task_id = fields.String(allow_none=True)
    action = fields.String(metadata={"description": "what the recipient must do: " + ", ".join(domain.ACTIONS)})
    acknowledged_on_behalf = fields.Method("on_behalf", metadata={
        "description": "a coordinator confirmed it for the recipient (see completion_note)"})
    closed_reason = fields.String(allow_none=True, metadata={
        "description": "not_required: closed by the decision that the breach is not notifiable"})
    comment = fields.String(allow_none=True, metadata={"description": "the recipient's comment with the acknowledgement"})
    reminders = fields.List(fields.Nested(ReminderSchema))
    deliveries = fields.List(fields.Nested(DeliverySchema))

    def is_overdue(self, task):
        return domain.is_overdue(task.status, task.due_at, utcnow())

    def on_behalf(self, task):
        return task.acknowledged_via == "on_behalf"


NotificationTaskPageSchema = page_of(NotificationTaskSchema)


class ContactQuerySchema(Schema):
    agency = fields.String(required=True, validate=validate.Length(min=1, max=64))
    role = fields.String(required=True, validate=validate.OneOf(RECIPIENT_ROLES))


class ContactOutSchema(Schema):
    agency_code = fields.String()
    role = fields.String()
    name = fields.String()
    address = fields.String(allow_none=True)
    language = fields.String()
