"""Marshmallow schemas of the training service: RPC (and HTTP) inputs and outputs."""
from collections import Counter
from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from services.training import rules
from shared.clock import today
from shared.contracts.training import (COORDINATOR_COURSE_KINDS, COORDINATOR_ROLES, EXERCISE_TYPES,
                                      FINDING_SEVERITIES, TOPICS, CompletionFiguresV1, RoleFiguresV1, UnitFiguresV1)
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, WholeNumber

TEXT = validate.Length(max=5_000)
TITLE = validate.Length(min=3, max=200)
LABEL = validate.Length(min=1, max=100)  # a unit, a role, a participant id
CODE = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", error="1-40 letters, digits, '.', '_' or '-'")
IMPORT_MODES = ("all_or_nothing", "valid_rows")
MAX_IMPORT_BYTES = 5_000_000
CAMPAIGN_STATUSES = ("planned", "running", "completed")
FOLLOW_UP_STATUSES = ("open", "in_progress", "done")


def labels(**kwargs) -> fields.List:
    return fields.List(fields.String(validate=LABEL), validate=validate.Length(max=200), **kwargs)


def not_in_future(day: date) -> None:
    if day > today():
        raise ValidationError("Must not be in the future / Kan ikke være fram i tid.")


# --- courses ---

class CourseFieldsSchema(Schema):
    code = fields.String(validate=CODE,
                         metadata={"description": "the course's code in the e-learning platform's exports"})
    title = fields.String(validate=TITLE)
    topic = fields.String(validate=validate.OneOf(TOPICS))
    description = fields.String(allow_none=True, validate=TEXT)
    audience_roles = labels(metadata={"description": "roles the course is for; empty: every role"})
    audience_units = labels(metadata={"description": "units the course is for; empty: every unit"})
    duration_minutes = WholeNumber(allow_none=True, validate=validate.Range(min=1, max=10_000))
    mandatory = fields.Boolean()
    validity_months = WholeNumber(allow_none=True, validate=validate.Range(min=1, max=120),
                                  metadata={"description": "a recurring course is due again after this"})
    grace_days = WholeNumber(validate=validate.Range(min=0, max=365),
                             metadata={"description": "how long a newcomer to the audience has"})
    material_url = fields.Url(allow_none=True, validate=validate.Length(max=500))
    pass_mark = fields.Float(allow_none=True, validate=validate.Range(min=0, max=100),
                             metadata={"description": "the quiz's pass mark in per cent; none: no quiz"})
    active = fields.Boolean()


class CreateCourseSchema(CourseFieldsSchema):
    example = {"code": "PV-101",
               "title": "Personvern for alle ansatte",
               "topic": "privacy",
               "description": "Grunnkurs i personvern.",
               "audience_roles": ["employee"],
               "duration_minutes": 30,
               "mandatory": True,
               "validity_months": 24,
               "grace_days": 30,
               "material_url": "https://intranett.oslo.kommune.no/kurs/pv-101",
               "pass_mark": 0.8}
    code = fields.String(required=True, validate=CODE)
    title = fields.String(required=True, validate=TITLE)
    topic = fields.String(required=True, validate=validate.OneOf(TOPICS))
    mandatory = fields.Boolean(load_default=False)
    grace_days = WholeNumber(load_default=rules.DEFAULT_GRACE_DAYS, validate=validate.Range(min=0, max=365))
    active = fields.Boolean(load_default=True)


class UpdateCourseSchema(CourseFieldsSchema, ChangeSchema):
    example = {"validity_months": 12, "mandatory": True}
    pass


class CourseSchema(Schema):
    id = fields.String()
    agency = fields.String()
    code = fields.String()
    title = fields.String()
    topic = fields.String()
    description = fields.String(allow_none=True)
    audience_roles = fields.List(fields.String())
    audience_units = fields.List(fields.String())
    duration_minutes = WholeNumber(allow_none=True)
    mandatory = fields.Boolean()
    validity_months = WholeNumber(allow_none=True)
    grace_days = WholeNumber()
    became_mandatory_on = fields.Date(allow_none=True, metadata={
        "description": "when the course last became mandatory; the staff's grace runs from then at the earliest"})
    material_url = fields.String(allow_none=True)
    pass_mark = fields.Float(allow_none=True)
    active = fields.Boolean()
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    updated_by = fields.String()


class CourseListSchema(Schema):
    items = fields.List(fields.Nested(CourseSchema))


# --- participants (the pseudonymous directory) ---

class ParticipantInputSchema(Schema):
    participant_id = fields.String(required=True, validate=LABEL,
                                   metadata={"description": "the directory's id; no name, no e-mail"})
    unit = fields.String(required=True, validate=LABEL)
    role = fields.String(required=True, validate=LABEL)
    since = fields.Date(load_default=None, allow_none=True,
                        metadata={"description": "when they took up this unit and role (default: today)"})
    active = fields.Boolean(load_default=True)


class ParticipantsInputSchema(Schema):
    example = {"participants": [{"participant_id": "p-4f2a9c",
                                 "unit": "Bydel Frogner",
                                 "role": "employee",
                                 "since": "2025-08-01"}],
               "complete": False}
    participants = fields.List(fields.Nested(ParticipantInputSchema), required=True,
                               validate=validate.Length(min=1, max=20_000))
    complete = fields.Boolean(load_default=False,
                              metadata={"description": "the whole directory: anyone not listed has left"})

    @validates("participants")
    def each_once(self, participants, **kwargs):
        twice = sorted(i for i, n in Counter(p["participant_id"] for p in participants).items() if n > 1)
        if twice:
            raise ValidationError(f"Listed more than once / Oppført flere ganger: {', '.join(twice[:10])}")


class PlacementSchema(Schema):
    unit = fields.String()
    role = fields.String()
    since = fields.String(metadata={"description": "ISO date", "format": "date"})  # stored as text in JSON


class ParticipantSchema(Schema):
    participant_id = fields.String()
    unit = fields.String()
    role = fields.String()
    active = fields.Boolean()
    placements = fields.List(fields.Nested(PlacementSchema))


class ParticipantQuerySchema(PageQuerySchema):
    unit = fields.String(validate=LABEL)
    role = fields.String(validate=LABEL)
    active = fields.Boolean()


ParticipantPageSchema = page_of(ParticipantSchema)


class DirectoryResultSchema(Schema):
    added = WholeNumber()
    moved = WholeNumber(metadata={"description": "changed unit or role"})
    unchanged = WholeNumber()
    deactivated = WholeNumber()


# --- completions ---

class CompletionInputSchema(Schema):
    example = {"course_id": "b3c1e8a2-6d4f-4a7b-9c2e-5f1a8d3b7e60",
               "participant_id": "p-4f2a9c",
               "completed_on": "2026-11-18",
               "score": 0.92,
               "passed": True}
    course_id = fields.String(required=True, validate=LABEL)
    participant_id = fields.String(required=True, validate=LABEL)
    completed_on = fields.Date(required=True, validate=not_in_future)
    score = fields.Float(load_default=None, allow_none=True, validate=validate.Range(min=0, max=100))
    passed = fields.Boolean(load_default=None, allow_none=True,
                            metadata={"description": "only where the course has no pass mark to judge by"})


class CompletionSchema(Schema):
    id = WholeNumber()
    course_id = fields.String()
    participant_id = fields.String()
    completed_on = fields.Date()
    score = fields.Float(allow_none=True)
    passed = fields.Boolean()
    source = fields.String()
    recorded_at = fields.AwareDateTime()
    recorded_by = fields.String()


class CompletionQuerySchema(PageQuerySchema):
    course_id = fields.String(validate=LABEL)
    participant_id = fields.String(validate=LABEL)
    completed_from = fields.Date()
    completed_to = fields.Date()


CompletionPageSchema = page_of(CompletionSchema)


class ImportOptionsSchema(Schema):
    mode = fields.String(load_default="all_or_nothing", validate=validate.OneOf(IMPORT_MODES),
                         metadata={"description": "all_or_nothing: one bad row refuses the file; "
                                                  "valid_rows: the valid rows are stored, the rest reported"})
    dry_run = fields.Boolean(load_default=False, metadata={"description": "check the file, store nothing"})
    file_name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class ImportInputSchema(ImportOptionsSchema):
    content = fields.String(required=True, validate=validate.Length(min=1, max=MAX_IMPORT_BYTES),
                            metadata={"description": "the CSV file's text"})


class RowErrorSchema(Schema):
    line = WholeNumber(metadata={"description": "line in the file; the header is line 1"})
    field = fields.String()
    message = fields.String()


class ImportResultSchema(Schema):
    mode = fields.String()
    dry_run = fields.Boolean()
    stored = fields.Boolean(metadata={"description": "whether anything of the file was stored"})
    rows = WholeNumber()
    imported = WholeNumber()
    would_import = WholeNumber(metadata={"description": "what the file would add (0 when refused)"})
    already_recorded = WholeNumber()
    rejected = WholeNumber()
    errors = fields.List(fields.Nested(RowErrorSchema))


# --- figures and overdue ---

class FiguresQuerySchema(Schema):
    course_id = fields.String(validate=LABEL)


class StandingCountsSchema(Schema):
    in_audience = WholeNumber()
    compliant = WholeNumber()
    due = WholeNumber(metadata={"description": "not yet valid, still within time"})
    overdue = WholeNumber()
    completion_rate = fields.Float(metadata={"description": "compliant of those in the audience, per cent"})


class UnitStandingSchema(StandingCountsSchema):
    unit = fields.String()


class RoleStandingSchema(StandingCountsSchema):
    role = fields.String()


class CourseFiguresSchema(StandingCountsSchema):
    course_id = fields.String()
    code = fields.String()
    title = fields.String()
    by_unit = fields.List(fields.Nested(UnitStandingSchema))
    by_role = fields.List(fields.Nested(RoleStandingSchema))


class FiguresSchema(Schema):
    on = fields.Date()
    courses = fields.List(fields.Nested(CourseFiguresSchema))


class OverdueQuerySchema(PageQuerySchema):
    course_id = fields.String(validate=LABEL)
    unit = fields.String(validate=LABEL)
    role = fields.String(validate=LABEL)


class OverdueSchema(Schema):
    course_id = fields.String()
    code = fields.String()
    course_title = fields.String()
    participant_id = fields.String()
    unit = fields.String()
    role = fields.String()
    due_on = fields.Date()
    last_completed_on = fields.Date(allow_none=True)
    days_overdue = WholeNumber()


OverduePageSchema = page_of(OverdueSchema)


# --- campaigns ---

class RemindersSchema(Schema):
    count = WholeNumber(load_default=0, validate=validate.Range(min=0, max=10))
    spacing_days = WholeNumber(load_default=7, validate=validate.Range(min=1, max=90))


class CampaignFieldsSchema(Schema):
    title = fields.String(validate=TITLE)
    topic = fields.String(validate=validate.OneOf(TOPICS))
    theme = fields.String(allow_none=True, validate=LABEL,
                          metadata={"description": "what the campaign is about when it has no course"})
    description = fields.String(allow_none=True, validate=TEXT)
    course_id = fields.String(allow_none=True, validate=LABEL)
    starts_on = fields.Date()
    ends_on = fields.Date()
    target_units = labels(metadata={"description": "empty: every unit"})
    target_roles = labels(metadata={"description": "empty: every role"})
    target_rate = fields.Float(validate=validate.Range(min=1, max=100),
                               metadata={"description": "target completion rate, per cent"})
    reminders = fields.Nested(RemindersSchema)

    @validates_schema
    def ends_after_start(self, data, **kwargs):
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError("Must be on or after starts_on / Må være samme dag som eller etter start.",
                                  "ends_on")


class CreateCampaignSchema(CampaignFieldsSchema):
    example = {"title": "Personvernuka 2027",
               "topic": "privacy",
               "theme": "Personvern i hverdagen",
               "description": "Kort kurs om personvern for alle ansatte.",
               "starts_on": "2027-01-25",
               "ends_on": "2027-02-28",
               "target_units": ["Bydel Frogner"],
               "target_roles": ["employee"],
               "target_rate": 90,
               "reminders": {"count": 2, "spacing_days": 7}}
    title = fields.String(required=True, validate=TITLE)
    topic = fields.String(required=True, validate=validate.OneOf(TOPICS))
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    target_rate = fields.Float(load_default=90.0, validate=validate.Range(min=1, max=100))
    reminders = fields.Nested(RemindersSchema, load_default=lambda: {"count": 0, "spacing_days": 7})

    @validates_schema
    def course_or_theme(self, data, **kwargs):
        if not data.get("course_id") and not data.get("theme"):
            raise ValidationError("Give a course or a theme / Oppgi kurs eller tema.", "course_id")


class UpdateCampaignSchema(CampaignFieldsSchema, ChangeSchema):
    example = {"target_rate": 95}
    pass


class CampaignQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(CAMPAIGN_STATUSES))
    topic = fields.String(validate=validate.OneOf(TOPICS))


class CampaignFiguresSchema(CompletionFiguresV1):
    """The same figures `campaign_completed` announces."""
    target_met = fields.Boolean()
    by_unit = fields.List(fields.Nested(UnitFiguresV1))
    by_role = fields.List(fields.Nested(RoleFiguresV1))


class CampaignSchema(Schema):
    id = fields.String()
    agency = fields.String()
    title = fields.String()
    topic = fields.String()
    theme = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    course_id = fields.String(allow_none=True)
    starts_on = fields.Date()
    ends_on = fields.Date()
    target_units = fields.List(fields.String())
    target_roles = fields.List(fields.String())
    target_rate = fields.Float()
    reminders = fields.Nested(RemindersSchema)
    reminders_sent = WholeNumber()
    status = fields.String()
    suggestion_id = fields.String(allow_none=True)
    figures = fields.Nested(CampaignFiguresSchema, metadata={"description": "live while running, frozen at the end"})
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    launched_at = fields.AwareDateTime(allow_none=True)
    completed_at = fields.AwareDateTime(allow_none=True)


CampaignPageSchema = page_of(CampaignSchema)


class ParticipantIdsSchema(Schema):
    example = {"participant_ids": ["p-4f2a9c", "p-77b0d1"]}
    participant_ids = fields.List(fields.String(validate=LABEL), required=True,
                                  validate=validate.Length(min=1, max=20_000))


class ParticipationSchema(ParticipantIdsSchema):
    example = {"participant_ids": ["p-4f2a9c"], "completed_on": "2026-11-18"}
    completed_on = fields.Date(required=True, validate=not_in_future)


class EnrolmentSchema(Schema):
    participant_id = fields.String()
    unit = fields.String()
    role = fields.String()
    enrolled_at = fields.AwareDateTime()
    completed_on = fields.Date(allow_none=True)


class EnrolmentListSchema(Schema):
    items = fields.List(fields.Nested(EnrolmentSchema))


# --- preparedness exercises ---

class FindingInputSchema(Schema):
    title = fields.String(required=True, validate=TITLE)
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    severity = fields.String(required=True, validate=validate.OneOf(FINDING_SEVERITIES))
    proposed_measure = fields.String(load_default=None, allow_none=True, validate=TEXT)


class ExerciseFieldsSchema(Schema):
    title = fields.String(validate=TITLE)
    type = fields.String(validate=validate.OneOf(EXERCISE_TYPES))
    scenario = fields.String(validate=validate.Length(min=3, max=5_000))
    held_on = fields.Date()
    services_exercised = labels(metadata={"description": "the services kept running in the scenario"})
    routines_exercised = labels(metadata={"description": "the routines and plans tried"})
    participant_roles = labels(metadata={"description": "roles, not names"})
    observations = fields.List(fields.String(validate=TEXT), validate=validate.Length(max=200))
    findings = fields.List(fields.Nested(FindingInputSchema), validate=validate.Length(max=100))
    evaluation = fields.String(allow_none=True, validate=TEXT)
    follow_up_status = fields.String(validate=validate.OneOf(FOLLOW_UP_STATUSES))


class CreateExerciseSchema(ExerciseFieldsSchema):
    example = {"title": "Løsepengevirus i sak/arkiv",
               "type": "tabletop",
               "scenario": "Sak/arkiv krypteres en fredag ettermiddag.",
               "held_on": "2026-10-14",
               "services_exercised": ["Sak/arkiv"],
               "routines_exercised": ["Beredskapsplan IKT"],
               "participant_roles": ["isk", "leader"],
               "observations": ["Varslingslisten var utdatert."],
               "findings": [{"title": "Utdatert varslingsliste",
                             "severity": "medium",
                             "proposed_measure": "Kvartalsvis gjennomgang av listen"}]}
    title = fields.String(required=True, validate=TITLE)
    type = fields.String(required=True, validate=validate.OneOf(EXERCISE_TYPES))
    scenario = fields.String(required=True, validate=validate.Length(min=3, max=5_000))
    held_on = fields.Date(required=True)


class UpdateExerciseSchema(ExerciseFieldsSchema, ChangeSchema):
    example = {"follow_up_status": "in_progress"}
    pass


class CompleteExerciseSchema(Schema):
    example = {"evaluation": "Øvelsen avdekket at varslingslisten må holdes oppdatert."}
    evaluation = fields.String(load_default=None, allow_none=True, validate=TEXT,
                               metadata={"description": "required here unless already written"})


class FindingSchema(Schema):
    finding_id = fields.String()
    title = fields.String()
    description = fields.String(allow_none=True)
    severity = fields.String()
    proposed_measure = fields.String(allow_none=True)


class ExerciseSchema(Schema):
    id = fields.String()
    agency = fields.String()
    title = fields.String()
    type = fields.String()
    scenario = fields.String()
    held_on = fields.Date()
    services_exercised = fields.List(fields.String())
    routines_exercised = fields.List(fields.String())
    participant_roles = fields.List(fields.String())
    observations = fields.List(fields.String())
    findings = fields.List(fields.Nested(FindingSchema))
    evaluation = fields.String(allow_none=True)
    status = fields.String()
    follow_up_status = fields.String()
    created_at = fields.AwareDateTime()
    created_by = fields.String()
    updated_at = fields.AwareDateTime()
    completed_at = fields.AwareDateTime(allow_none=True)


class ExerciseQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(("planned", "completed")))
    type = fields.String(validate=validate.OneOf(EXERCISE_TYPES))
    follow_up_status = fields.String(validate=validate.OneOf(FOLLOW_UP_STATUSES))


ExercisePageSchema = page_of(ExerciseSchema)


# --- campaign suggestions from repeated incidents ---

class SuggestionSchema(Schema):
    id = fields.String()
    agency = fields.String()
    theme = fields.String()
    topic = fields.String()
    incident_ids = fields.List(fields.String())
    window_days = WholeNumber()
    status = fields.String()
    campaign_id = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    suggested_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    decided_by = fields.String(allow_none=True)


class SuggestionQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(("open", "accepted", "dismissed")))


class SuggestionListSchema(Schema):
    items = fields.List(fields.Nested(SuggestionSchema))


class AcceptSuggestionSchema(CampaignFieldsSchema):
    """The campaign the suggestion becomes; title, topic and theme default to the suggestion's."""
    example = {"starts_on": "2027-01-11", "ends_on": "2027-02-12", "target_rate": 90}
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    target_rate = fields.Float(load_default=90.0, validate=validate.Range(min=1, max=100))
    reminders = fields.Nested(RemindersSchema, load_default=lambda: {"count": 0, "spacing_days": 7})


class DismissSuggestionSchema(Schema):
    example = {"reason": "Tas i høstens kampanje i stedet."}
    reason = fields.String(required=True, validate=validate.Length(min=3, max=2_000))


# --- the coordinators' own competence: the central team's courses and events, and who took part ---

class PublishCoordinatorCourseSchema(Schema):
    example = {"title": "Koordinatorsamling: nytt fra Datatilsynet",
               "kind": "event",
               "starts_on": "2026-10-20",
               "roles": ["pko", "isk"],
               "description": "Halvdagssamling for personvern- og informasjonssikkerhetskoordinatorene.",
               "link": "https://intranett.oslo.kommune.no/koordinatorsamling"}
    title = fields.String(required=True, validate=TITLE)
    kind = fields.String(required=True, validate=validate.OneOf(COORDINATOR_COURSE_KINDS),
                         metadata={"description": "course (kurs) or event (arrangement, samling)"})
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(load_default=None, allow_none=True,
                          metadata={"description": "the last day when it lasts more than one; none: one day"})
    roles = fields.List(fields.String(validate=validate.OneOf(COORDINATOR_ROLES)), required=True,
                        validate=validate.Length(min=1, max=2),
                        metadata={"description": "whom it is for: pko, isk or both"})
    description = fields.String(load_default=None, allow_none=True, validate=TEXT)
    link = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=500))

    @validates_schema
    def ends_after_start(self, data, **kwargs):
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError("Must be on or after starts_on / Må være samme dag som eller etter start.",
                                  "ends_on")

    @validates("roles")
    def each_role_once(self, roles, **kwargs):
        if len(set(roles)) != len(roles):
            raise ValidationError("Name each role once / Oppgi hver rolle én gang.")


class CoordinatorCourseSchema(Schema):
    id = fields.String()
    agency = fields.String(metadata={"description": "the central team's agency, which published it"})
    title = fields.String()
    kind = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    roles = fields.List(fields.String())
    description = fields.String(allow_none=True)
    link = fields.String(allow_none=True)
    published_at = fields.AwareDateTime()
    published_by = fields.String()


class CoordinatorCourseQuerySchema(PageQuerySchema):
    year = WholeNumber(validate=validate.Range(min=2000, max=2100),
                       metadata={"description": "those starting in this year"})
    role = fields.String(validate=validate.OneOf(COORDINATOR_ROLES))
    kind = fields.String(validate=validate.OneOf(COORDINATOR_COURSE_KINDS))


CoordinatorCoursePageSchema = page_of(CoordinatorCourseSchema)


class RecordCoordinatorParticipationSchema(Schema):
    example = {"course_id": "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
               "person": "kari.nordmann@byr.oslo.kommune.no",
               "role": "pko",
               "attended": True,
               "attended_on": "2026-10-20"}
    course_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    agency = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=64),
                           metadata={"description": "the coordinator's agency; default and only allowed: the caller's"})
    person = fields.String(required=True, validate=validate.Length(min=2, max=200),
                           metadata={"description": "the coordinator's name or e-mail"})
    role = fields.String(required=True, validate=validate.OneOf(COORDINATOR_ROLES),
                         metadata={"description": "the role they hold: pko or isk"})
    attended = fields.Boolean(load_default=True)
    attended_on = fields.Date(load_default=None, allow_none=True, validate=not_in_future,
                              metadata={"description": "default: the course's first day"})

    @validates("person")
    def not_blank(self, person, **kwargs):
        if not person.strip():
            raise ValidationError("Must not be blank / Kan ikke være tomt.")


class CoordinatorParticipationSchema(Schema):
    id = fields.String()
    agency = fields.String()
    course_id = fields.String()
    course_title = fields.String()
    person = fields.String()
    role = fields.String()
    attended = fields.Boolean()
    attended_on = fields.Date()
    recorded_at = fields.AwareDateTime()
    recorded_by = fields.String()


class CoordinatorParticipationQuerySchema(PageQuerySchema):
    course_id = fields.String(validate=validate.Length(min=1, max=36))
    role = fields.String(validate=validate.OneOf(COORDINATOR_ROLES))
    year = WholeNumber(validate=validate.Range(min=2000, max=2100),
                       metadata={"description": "courses starting in this year"})


CoordinatorParticipationPageSchema = page_of(CoordinatorParticipationSchema)
