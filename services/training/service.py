"""nameko entrypoints of the training service: parse, call a handler, dump."""
import logging
from functools import partial

from services.training import (attachments, campaigns, completions, compliance, coordinators, courses, exercises,
                               participants, suggestions)
from services.training.schemas import (AcceptSuggestionSchema, CampaignPageSchema, CampaignQuerySchema,
                                       CampaignSchema, CompleteExerciseSchema, CompletionInputSchema,
                                       CompletionPageSchema, CompletionQuerySchema, CompletionSchema,
                                       CoordinatorCoursePageSchema, CoordinatorCourseQuerySchema,
                                       CoordinatorCourseSchema, CoordinatorParticipationPageSchema,
                                       CoordinatorParticipationQuerySchema, CoordinatorParticipationSchema,
                                       CourseListSchema, CourseSchema, CreateCampaignSchema, CreateCourseSchema,
                                       CreateExerciseSchema, DirectoryResultSchema, DismissSuggestionSchema,
                                       EnrolmentListSchema, ExercisePageSchema, ExerciseQuerySchema, ExerciseSchema,
                                       FiguresQuerySchema, FiguresSchema, ImportInputSchema, ImportResultSchema,
                                       OverduePageSchema, OverdueQuerySchema, ParticipantIdsSchema,
                                       ParticipantPageSchema, ParticipantQuerySchema, ParticipantsInputSchema,
                                       ParticipationSchema, PublishCoordinatorCourseSchema,
                                       RecordCoordinatorParticipationSchema, SuggestionListSchema,
                                       SuggestionQuerySchema,
                                       SuggestionSchema, UpdateCampaignSchema, UpdateCourseSchema,
                                       UpdateExerciseSchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import today, utcnow
from shared.contracts.incidents import INCIDENT_CLOSED
from shared.event_handler import event_handler
from shared.errors import EXPECTED_ERRORS
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc_server import rpc
from shared.setting import Setting
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

log = logging.getLogger(__name__)


class TrainingService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc, attachment_rpc.AttachmentRpc):
    name = "training"
    attachment_use_cases = attachments.USE_CASES
    attachment_read_action = "training.read"
    attachment_write_action = "training.edit"

    db = Database()
    caller = CallerProvider()
    files = AttachmentStoreProvider()
    metrics = Metrics()
    suggestion_threshold = Setting("campaign_suggestion_threshold")
    suggestion_window_days = Setting("campaign_suggestion_window_days")

    @rpc
    def health(self):
        return healthy(self.name)

    # --- courses ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_course(self, payload):
        principal = self.caller.require("training.edit")
        command = load(CreateCourseSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CourseSchema().dump(courses.create_course(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_course(self, course_id, payload):
        principal = self.caller.require("training.edit")
        command = load(UpdateCourseSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CourseSchema().dump(courses.update_course(uow, principal, str(course_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_course(self, course_id):
        principal = self.caller.require("training.read")
        with self.db.unit_of_work() as uow:
            return CourseSchema().dump(courses.get_course(uow, principal, str(course_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_courses(self):
        principal = self.caller.require("training.read")
        with self.db.unit_of_work() as uow:
            return CourseListSchema().dump({"items": courses.list_courses(uow, principal)})

    # --- the pseudonymous directory ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def load_participants(self, payload):
        principal = self.caller.require("training.edit")
        command = load(ParticipantsInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DirectoryResultSchema().dump(participants.load_directory(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_participants(self, query=None):
        principal = self.caller.require("training.people")
        filters = load(ParticipantQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return ParticipantPageSchema().dump(participants.list_participants(uow, principal, **filters))

    # --- completions ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_completion(self, payload):
        principal = self.caller.require("training.edit")
        command = load(CompletionInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CompletionSchema().dump(completions.record_completion(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def import_completions(self, payload):
        principal = self.caller.require("training.edit")
        command = load(ImportInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return ImportResultSchema().dump(completions.import_completions(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_completions(self, query=None):
        principal = self.caller.require("training.people")
        filters = load(CompletionQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return CompletionPageSchema().dump(completions.list_completions(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def training_figures(self, query=None):
        principal = self.caller.require("training.read")
        filters = load(FiguresQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return FiguresSchema().dump(compliance.figures(uow, principal, today(), **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_overdue(self, query=None):
        principal = self.caller.require("training.people")
        filters = load(OverdueQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return OverduePageSchema().dump(compliance.overdue(uow, principal, today(), **filters))

    # --- campaigns ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_campaign(self, payload):
        principal = self.caller.require("training.edit")
        command = load(CreateCampaignSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(campaigns.create_campaign(uow, principal, command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_campaign(self, campaign_id, payload):
        principal = self.caller.require("training.edit")
        command = load(UpdateCampaignSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(
                campaigns.update_campaign(uow, principal, str(campaign_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_campaign(self, campaign_id):
        principal = self.caller.require("training.read")
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(campaigns.get_campaign(uow, principal, str(campaign_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_campaigns(self, query=None):
        principal = self.caller.require("training.read")
        filters = load(CampaignQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            found = campaigns.list_campaigns(uow, principal, **filters)
            return CampaignPageSchema().dump({**found, "items": [campaigns.view(c) for c in found["items"]]})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def launch_campaign(self, campaign_id):
        principal = self.caller.require("training.edit")
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(campaigns.launch(uow, principal, str(campaign_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def complete_campaign(self, campaign_id):
        principal = self.caller.require("training.edit")
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(campaigns.complete(uow, principal, str(campaign_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def enrol_in_campaign(self, campaign_id, payload):
        principal = self.caller.require("training.edit")
        command = load(ParticipantIdsSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(
                campaigns.enrol(uow, principal, str(campaign_id), command["participant_ids"])))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_participation(self, campaign_id, payload):
        principal = self.caller.require("training.edit")
        command = load(ParticipationSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CampaignSchema().dump(campaigns.view(
                campaigns.record_participation(uow, principal, str(campaign_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_enrolments(self, campaign_id):
        principal = self.caller.require("training.people")
        with self.db.unit_of_work() as uow:
            return EnrolmentListSchema().dump({"items": campaigns.enrolments_of(uow, principal, str(campaign_id))})

    # --- campaign suggestions from repeated incidents ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_suggestions(self, query=None):
        principal = self.caller.require("training.read")
        filters = load(SuggestionQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return SuggestionListSchema().dump({"items": suggestions.list_suggestions(uow, principal, **filters)})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def accept_suggestion(self, suggestion_id, payload):
        principal = self.caller.require("training.edit")
        command = load(AcceptSuggestionSchema(), payload)
        with self.db.unit_of_work() as uow:
            return SuggestionSchema().dump(suggestions.accept(uow, principal, str(suggestion_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def dismiss_suggestion(self, suggestion_id, payload):
        principal = self.caller.require("training.edit")
        reason = load(DismissSuggestionSchema(), payload)["reason"]
        with self.db.unit_of_work() as uow:
            return SuggestionSchema().dump(suggestions.dismiss(uow, principal, str(suggestion_id), reason))

    # --- preparedness exercises ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_exercise(self, payload):
        principal = self.caller.require("training.edit")
        command = load(CreateExerciseSchema(), payload)
        with self.db.unit_of_work() as uow:
            return ExerciseSchema().dump(exercises.create_exercise(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_exercise(self, exercise_id, payload):
        principal = self.caller.require("training.edit")
        command = load(UpdateExerciseSchema(), payload)
        with self.db.unit_of_work() as uow:
            return ExerciseSchema().dump(exercises.update_exercise(uow, principal, str(exercise_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def complete_exercise(self, exercise_id, payload=None):
        principal = self.caller.require("training.edit")
        command = load(CompleteExerciseSchema(), payload or {})
        with self.db.unit_of_work() as uow:
            return ExerciseSchema().dump(exercises.complete_exercise(uow, principal, str(exercise_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_exercise(self, exercise_id):
        principal = self.caller.require("training.read")
        with self.db.unit_of_work() as uow:
            return ExerciseSchema().dump(exercises.get_exercise(uow, principal, str(exercise_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_exercises(self, query=None):
        principal = self.caller.require("training.read")
        filters = load(ExerciseQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return ExercisePageSchema().dump(exercises.list_exercises(uow, principal, **filters))

    # --- the coordinators' own competence: the central team's courses and events, who took part ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def publish_coordinator_course(self, payload):
        principal = self.caller.require("training.coordinator_publish")
        command = load(PublishCoordinatorCourseSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CoordinatorCourseSchema().dump(coordinators.publish_course(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_coordinator_courses(self, query=None):
        self.caller.require("training.read")
        filters = load(CoordinatorCourseQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return CoordinatorCoursePageSchema().dump(coordinators.list_courses(uow, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_coordinator_participation(self, payload):
        principal = self.caller.require("training.coordinator_record")
        command = load(RecordCoordinatorParticipationSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CoordinatorParticipationSchema().dump(
                coordinators.record_participation(uow, principal, command, today()))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_coordinator_participations(self, query=None):
        principal = self.caller.require("training.coordinator_read")
        filters = load(CoordinatorParticipationQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return CoordinatorParticipationPageSchema().dump(
                coordinators.list_participations(uow, principal, **filters))

    # --- the timer: each step claims its work, so several instances do it once ---

    @every("training_followup_seconds")
    def follow_up(self):
        on, now = today(), utcnow()
        with self.db.unit_of_work() as uow:
            moved = campaigns.follow_up(uow, on, now)
        with self.db.unit_of_work() as uow:
            overdue = compliance.announce_overdue(uow, on, now)
        with self.db.unit_of_work() as uow:
            suggested = suggestions.sweep(uow, self.suggestion_threshold, self.suggestion_window_days, now)
        if any(moved.values()) or overdue or suggested:
            log.info("campaigns %s; overdue announced: %s; suggestions: %s", moved, overdue, suggested)

    # --- what other services announce (requeue: nameko would otherwise drop a failed event) ---

    @event_handler("incidents", "incident_closed", requeue_on_error=True)
    def on_incident_closed(self, body):
        self.db.handle_once("training.on_incident_closed", body, INCIDENT_CLOSED,
                            partial(suggestions.note_closed_incident, threshold=self.suggestion_threshold,
                                    window_days=self.suggestion_window_days))
