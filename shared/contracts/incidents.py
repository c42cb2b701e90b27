"""Events published by the incidents service."""
from marshmallow import fields, validate

from shared.contracts.notifications import OWNER_ROLES
from shared.events import ContractSchema, EventType

KINDS = ("security_incident", "personal_data_breach", "deviation", "near_miss")
SEVERITIES = ("low", "medium", "high", "critical")
ESCALATION_REASONS = ("severity", "breach_severity", "marked_serious")
BREACH_SEVERITIES = ("low", "medium", "high", "very_high")


class IncidentReportedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    title = fields.String(required=True)
    occurred_at = fields.AwareDateTime(required=True)
    aware_at = fields.AwareDateTime(required=True)
    reported_at = fields.AwareDateTime(required=True)
    reported_by = fields.String(required=True, metadata={"description": "pseudonymous id"})


class IncidentAssessedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    personal_data_involved = fields.Boolean(required=True)
    marked_serious = fields.Boolean(required=True)
    serious = fields.Boolean(required=True)
    breach_severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES),
                                    metadata={"description": "ENISA severity of the latest breach assessment"})
    assessed_at = fields.AwareDateTime(required=True)
    assessed_by = fields.String(required=True)
    # Added in the same major version (optional): what a message about the assessment needs.
    title = fields.String(load_default=None, allow_none=True)
    category = fields.String(load_default=None, allow_none=True)
    aware_at = fields.AwareDateTime(load_default=None, allow_none=True)


class IncidentEscalatedV1(ContractSchema):
    incident_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    personal_data_involved = fields.Boolean(required=True)
    reason = fields.String(required=True, validate=validate.OneOf(ESCALATION_REASONS))
    breach_severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(BREACH_SEVERITIES))
    occurred_at = fields.AwareDateTime(required=True)
    aware_at = fields.AwareDateTime(required=True)
    escalated_at = fields.AwareDateTime(required=True)
    # Added in the same major version (optional): what a notification under GDPR art. 33(3) needs.
    approx_data_subjects = fields.Integer(load_default=None, allow_none=True)
    approx_records = fields.Integer(load_default=None, allow_none=True)
    data_subject_categories = fields.List(fields.String(), load_default=list)
    personal_data_categories = fields.List(fields.String(), load_default=list)
    likely_consequences = fields.String(load_default=None, allow_none=True)
    measures = fields.List(fields.Nested("ClosedMeasureV1"), load_default=list,
                           metadata={"description": "measures taken or planned when escalated"})


INCIDENT_REPORTED = EventType("incidents", "incident_reported", 1, IncidentReportedV1,
                              "A new incident or deviation (avvik) was reported.")
INCIDENT_ASSESSED = EventType("incidents", "incident_assessed", 1, IncidentAssessedV1,
                              "Severity, personal-data involvement or seriousness was set or changed.")
INCIDENT_ESCALATED = EventType("incidents", "incident_escalated", 1, IncidentEscalatedV1,
                               "An incident became serious, or more severe after it was escalated.")



RISKS = ("unlikely", "risk", "high_risk")
AUTHORITY_DUTIES = ("required", "not_required")
SUBJECT_DUTIES = ("required", "not_required", "exempt")
SUBJECT_EXEMPTIONS = ("34_3_a", "34_3_b", "34_3_c")


class BreachEventV1(ContractSchema):
    """What both breach events say of the incident and its 72-hour clock."""
    incident_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    personal_data_involved = fields.Boolean(required=True)
    aware_at = fields.AwareDateTime(required=True)
    deadline = fields.AwareDateTime(required=True, metadata={"description": "aware_at + 72 hours (art. 33(1))"})
    occurred_at = fields.AwareDateTime(load_default=None, allow_none=True)
    incident_severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SEVERITIES),
                                      metadata={"description": "the incident's severity on its own scale (the "
                                                               "higher of the coordinator's and the ENISA band)"})


class BreachAssessedV1(BreachEventV1):
    """An ENISA assessment of a personal-data breach, with Vern's recommendation and the current duty."""
    version = fields.Integer(required=True, metadata={"description": "the assessment's version, 1 and up"})
    severity = fields.String(required=True, validate=validate.OneOf(BREACH_SEVERITIES),
                             metadata={"description": "ENISA severity band of this assessment"})
    score = fields.Float(required=True, metadata={"description": "ENISA score SE = DPC x EI + CB"})
    risk = fields.String(required=True, validate=validate.OneOf(RISKS),
                         metadata={"description": "the art. 33/34 risk level"})
    recommended_notify_authority = fields.String(required=True, validate=validate.OneOf(AUTHORITY_DUTIES))
    recommended_notify_data_subjects = fields.String(required=True, validate=validate.OneOf(SUBJECT_DUTIES))
    notify_authority = fields.String(required=True, validate=validate.OneOf(AUTHORITY_DUTIES), metadata={
        "description": "the current art. 33 duty: the latest decision when made on this version, "
                       "else the recommendation"})
    decided = fields.Boolean(required=True, metadata={
        "description": "notify_authority is a coordinator's decision, not the recommendation"})
    approx_data_subjects = fields.Integer(load_default=None, allow_none=True,
                                          metadata={"description": "the number of people the assessment names"})
    assessed_at = fields.AwareDateTime(required=True)
    assessed_by = fields.String(required=True, metadata={"description": "pseudonymous id"})


class BreachDecidedV1(BreachEventV1):
    """The coordinator's decision on notification, answering one assessment version."""
    assessment_version = fields.Integer(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(BREACH_SEVERITIES),
                             metadata={"description": "ENISA severity band of the assessment decided on"})
    notify_authority = fields.String(required=True, validate=validate.OneOf(AUTHORITY_DUTIES),
                                     metadata={"description": "the decision: the art. 33 duty from now on"})
    notify_data_subjects = fields.String(required=True, validate=validate.OneOf(SUBJECT_DUTIES))
    subject_exemption = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SUBJECT_EXEMPTIONS),
                                      metadata={"description": "the art. 34(3) ground when exempt"})
    follows_recommendation = fields.Boolean(required=True)
    justification = fields.String(load_default=None, allow_none=True)
    decided_at = fields.AwareDateTime(required=True)
    decided_by = fields.String(required=True, metadata={"description": "pseudonymous id"})


BREACH_ASSESSED = EventType(
    "incidents", "breach_assessed", 1, BreachAssessedV1,
    "A personal-data breach was assessed (ENISA) or reassessed: the recommendation, and whether Datatilsynet "
    "must now be notified (notify_authority). A reassessment's recommendation stands until a new decision.")
BREACH_DECIDED = EventType(
    "incidents", "breach_decided", 1, BreachDecidedV1,
    "A coordinator decided whether to notify Datatilsynet (art. 33) and the data subjects (art. 34) on the "
    "latest assessment.")


STATUSES = ("reported", "triage", "investigating", "contained", "resolved", "closed", "rejected")
# closed and rejected incidents are frozen until reopened; every other status is still open
CLOSED_STATUSES = ("closed", "rejected")
OPEN_STATUSES = tuple(status for status in STATUSES if status not in CLOSED_STATUSES)
AUTHORITY_PHASES = ("initial", "supplementary")


class IncidentStatusChangedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    from_status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    to_status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    note = fields.String(load_default=None, allow_none=True)
    changed_at = fields.AwareDateTime(required=True)
    changed_by = fields.String(required=True, metadata={"description": "pseudonymous id"})


class ClosedMeasureV1(ContractSchema):
    title = fields.String(required=True)
    kind = fields.String(required=True)
    status = fields.String(required=True)


class IncidentClosedV1(ContractSchema):
    incident_id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    category = fields.String(required=True)
    severity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SEVERITIES))
    serious = fields.Boolean(required=True)
    personal_data_involved = fields.Boolean(required=True)
    authority_notification = fields.String(load_default=None, allow_none=True,
                                           metadata={"description": "not_required | submitted | late"})
    root_cause = fields.String(required=True)
    lessons_learned = fields.String(required=True)
    linked_risk_ids = fields.List(fields.String(), required=True)
    measures = fields.List(fields.Nested(ClosedMeasureV1), required=True)
    occurred_at = fields.AwareDateTime(required=True)
    aware_at = fields.AwareDateTime(required=True)
    closed_at = fields.AwareDateTime(required=True)


class AuthorityNotificationSubmittedV1(ContractSchema):
    incident_id = fields.String(required=True)
    phase = fields.String(required=True, validate=validate.OneOf(AUTHORITY_PHASES))
    phased = fields.Boolean(required=True, metadata={"description": "art. 33(4): supplements will follow"})
    submitted_at = fields.AwareDateTime(required=True)
    deadline = fields.AwareDateTime(required=True)
    late = fields.Boolean(required=True)
    channel = fields.String(required=True)
    reference = fields.String(load_default=None, allow_none=True)
    delay_reason = fields.String(load_default=None, allow_none=True)


class AuthorityDeadlineMissedV1(ContractSchema):
    incident_id = fields.String(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    aware_at = fields.AwareDateTime(required=True)
    deadline = fields.AwareDateTime(required=True)
    noticed_at = fields.AwareDateTime(required=True)


class IncidentMeasureAssignedV1(ContractSchema):
    measure_id = fields.Integer(required=True)
    title = fields.String(required=True)
    owner = fields.String(required=True, metadata={"description": "the free text owner, as before"})
    owner_role = fields.String(required=True, validate=validate.OneOf(OWNER_ROLES))
    owner_system = fields.String(required=True, allow_none=True, metadata={
        "description": "the system whose contact owns it (the directory's systems), or null: the agency's"})
    due_date = fields.Date(required=True, allow_none=True)
    status = fields.String(required=True)
    incident_id = fields.String(required=True)
    incident_title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    personal_data_involved = fields.Boolean(required=True)
    coordinator = fields.String(required=True, validate=validate.OneOf(("pko", "isk")), metadata={
        "description": "who follows the case up: its handler's role, else the PKO when personal data are "
                       "involved, else the ISK"})
    assigned_at = fields.AwareDateTime(required=True)
    assigned_by = fields.String(required=True)


class IncidentMeasureClosedV1(ContractSchema):
    measure_id = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "done or cancelled"})
    incident_id = fields.String(required=True)
    closed_at = fields.AwareDateTime(required=True)
    closed_by = fields.String(required=True)


INCIDENT_STATUS_CHANGED = EventType("incidents", "incident_status_changed", 1, IncidentStatusChangedV1,
                                    "An incident moved in its life cycle (including reopening).")
INCIDENT_CLOSED = EventType("incidents", "incident_closed", 1, IncidentClosedV1,
                            "An incident was closed, with its root cause, lessons learned, measures and linked risks.")
AUTHORITY_NOTIFICATION_SUBMITTED = EventType(
    "incidents", "authority_notification_submitted", 1, AuthorityNotificationSubmittedV1,
    "A notification to Datatilsynet (art. 33) was submitted: the initial one or a supplement.")
AUTHORITY_DEADLINE_MISSED = EventType(
    "incidents", "authority_deadline_missed", 1, AuthorityDeadlineMissedV1,
    "72 hours passed since awareness of a breach without a notification to Datatilsynet or a decision "
    "that none is required. Published once per incident.")

MEASURE_ASSIGNED = EventType(
    "incidents", "measure_assigned", 1, IncidentMeasureAssignedV1,
    "An incident's measure was given an owner role (systemeier, systemforvalter, sikkerhetsleder), or its owner "
    "or due date changed: the owner's contact gets a task.")
MEASURE_CLOSED = EventType(
    "incidents", "measure_closed", 1, IncidentMeasureClosedV1,
    "An incident's measure with an owner role was done or cancelled: the owner's task closes.")

EVENTS = (INCIDENT_REPORTED, INCIDENT_ASSESSED, INCIDENT_ESCALATED, BREACH_ASSESSED, BREACH_DECIDED,
          INCIDENT_STATUS_CHANGED, INCIDENT_CLOSED, AUTHORITY_NOTIFICATION_SUBMITTED, AUTHORITY_DEADLINE_MISSED,
          MEASURE_ASSIGNED, MEASURE_CLOSED)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
_INCIDENT = "7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13"
EXAMPLES = {
    "incident_reported": {
        "incident_id": _INCIDENT, "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "title": "E-post med elevdata sendt til feil mottaker", "occurred_at": "2026-11-22T07:40:00Z",
        "aware_at": "2026-11-22T09:05:00Z", "reported_at": "2026-11-22T09:12:31Z", "reported_by": "u-4f2a91"},
    "incident_assessed": {
        "incident_id": _INCIDENT, "kind": "personal_data_breach", "severity": "high",
        "personal_data_involved": True, "marked_serious": False, "serious": True, "breach_severity": "high",
        "assessed_at": "2026-11-22T10:15:00Z", "assessed_by": "u-77c0de",
        "title": "E-post med elevdata sendt til feil mottaker", "category": "misdirected_email_or_letter",
        "aware_at": "2026-11-22T09:05:00Z"},
    "incident_escalated": {
        "incident_id": _INCIDENT, "title": "E-post med elevdata sendt til feil mottaker",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter", "severity": "high",
        "personal_data_involved": True, "reason": "severity", "breach_severity": "high",
        "occurred_at": "2026-11-22T07:40:00Z", "aware_at": "2026-11-22T09:05:00Z",
        "escalated_at": "2026-11-22T10:15:00Z", "approx_data_subjects": 28, "approx_records": 28,
        "data_subject_categories": ["pupils_students"], "personal_data_categories": ["identity_contact", "health"],
        "likely_consequences": "Helseopplysninger om elever kjent for en uvedkommende.",
        "measures": [{"title": "Be mottaker slette e-posten", "kind": "containment", "status": "done"}]},
    "breach_assessed": {
        "incident_id": _INCIDENT, "title": "E-post med elevdata sendt til feil mottaker",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter", "version": 1,
        "severity": "high", "score": 3.5, "risk": "high_risk", "recommended_notify_authority": "required",
        "recommended_notify_data_subjects": "required", "notify_authority": "required", "decided": False,
        "personal_data_involved": True, "approx_data_subjects": 28, "aware_at": "2026-11-22T09:05:00Z",
        "deadline": "2026-11-25T09:05:00Z", "occurred_at": "2026-11-22T07:40:00Z", "incident_severity": "high",
        "assessed_at": "2026-11-22T10:15:00Z", "assessed_by": "u-77c0de"},
    "breach_decided": {
        "incident_id": _INCIDENT, "title": "E-post med elevdata sendt til feil mottaker",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter", "assessment_version": 1,
        "severity": "high", "notify_authority": "required", "notify_data_subjects": "exempt",
        "subject_exemption": "34_3_b", "follows_recommendation": False,
        "justification": "Mottakeren er en skole som har bekreftet sletting.", "personal_data_involved": True,
        "aware_at": "2026-11-22T09:05:00Z", "deadline": "2026-11-25T09:05:00Z",
        "occurred_at": "2026-11-22T07:40:00Z", "incident_severity": "high",
        "decided_at": "2026-11-22T11:30:00Z", "decided_by": "u-77c0de"},
    "incident_status_changed": {
        "incident_id": _INCIDENT, "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "from_status": "triage", "to_status": "investigating", "note": "Mottaker kontaktet.",
        "changed_at": "2026-11-22T11:00:00Z", "changed_by": "u-77c0de"},
    "incident_closed": {
        "incident_id": _INCIDENT, "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "severity": "high", "serious": True, "personal_data_involved": True, "authority_notification": "submitted",
        "root_cause": "Autofullføring av mottakeradresse.", "lessons_learned": "Slå av autofullføring for eksterne.",
        "linked_risk_ids": ["0b9e6a1c-2d4f-4c8e-a1b3-5f6e7d8c9a0b"],
        "measures": [{"title": "Slå av autofullføring", "kind": "preventive", "status": "done"}],
        "occurred_at": "2026-11-22T07:40:00Z", "aware_at": "2026-11-22T09:05:00Z",
        "closed_at": "2026-12-10T14:00:00Z"},
    "authority_notification_submitted": {
        "incident_id": _INCIDENT, "phase": "initial", "phased": True, "submitted_at": "2026-11-23T08:30:00Z",
        "deadline": "2026-11-25T09:05:00Z", "late": False, "channel": "altinn", "reference": "DT-2026-1187",
        "delay_reason": None},
    "authority_deadline_missed": {
        "incident_id": _INCIDENT, "title": "E-post med elevdata sendt til feil mottaker",
        "kind": "personal_data_breach", "aware_at": "2026-11-22T09:05:00Z", "deadline": "2026-11-25T09:05:00Z",
        "noticed_at": "2026-11-25T09:06:00Z"},
    "measure_assigned": {
        "measure_id": 7, "title": "Kontroller adresse mot Folkeregisteret før utsending", "owner": "Sikkerhetsleder",
        "owner_role": "security_manager", "owner_system": None, "due_date": "2027-01-15", "status": "planned",
        "incident_id": _INCIDENT, "incident_title": "E-post med elevdata sendt til feil mottaker",
        "kind": "personal_data_breach", "personal_data_involved": True, "coordinator": "pko",
        "assigned_at": "2026-11-23T10:00:00Z", "assigned_by": "u-77c0de"},
    "measure_closed": {
        "measure_id": 7, "title": "Kontroller adresse mot Folkeregisteret før utsending", "status": "done",
        "incident_id": _INCIDENT, "closed_at": "2027-01-10T12:00:00Z", "closed_by": "u-77c0de"},
}
