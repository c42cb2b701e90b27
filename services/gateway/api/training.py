"""Training, campaigns and preparedness exercises (kompetanse og beredskap) (the training service)."""
from services.gateway.api.base import API, ATTACHMENT_TYPES, ApiBase, attachment_download
from services.gateway.http import json_response, route
from services.training.schemas import (AcceptSuggestionSchema, CampaignPageSchema, CampaignQuerySchema, CampaignSchema,
                                       CompleteExerciseSchema, CompletionInputSchema, CompletionPageSchema,
                                       CompletionQuerySchema, CompletionSchema, CoordinatorCoursePageSchema,
                                       CoordinatorCourseQuerySchema, CoordinatorCourseSchema,
                                       CoordinatorParticipationPageSchema, CoordinatorParticipationQuerySchema,
                                       CoordinatorParticipationSchema, CourseListSchema, CourseSchema,
                                       CreateCampaignSchema, CreateCourseSchema, CreateExerciseSchema,
                                       DirectoryResultSchema, DismissSuggestionSchema, EnrolmentListSchema,
                                       ExercisePageSchema, ExerciseQuerySchema, ExerciseSchema, FiguresQuerySchema,
                                       FiguresSchema, ImportOptionsSchema, ImportResultSchema, OverduePageSchema,
                                       OverdueQuerySchema, ParticipantIdsSchema, ParticipantPageSchema,
                                       ParticipantQuerySchema, ParticipantsInputSchema, ParticipationSchema,
                                       PublishCoordinatorCourseSchema, RecordCoordinatorParticipationSchema,
                                       SuggestionListSchema, SuggestionQuerySchema, SuggestionSchema,
                                       UpdateCampaignSchema, UpdateCourseSchema, UpdateExerciseSchema)
from shared.attachments.schemas import AttachmentListSchema, AttachmentSchema, RemoveAttachmentSchema


class TrainingRoutes(ApiBase):
    @route("GET", f"{API}/training/courses", action="training.read", response=CourseListSchema, tag="training",
           summary="Courses / Kurs")
    def list_courses(self, request):
        return self.training.list_courses()

    @route("POST", f"{API}/training/courses", action="training.edit", body=CreateCourseSchema,
           response=CourseSchema, status=201, tag="training", may_conflict=True, summary="Add a course / Nytt kurs")
    def create_course(self, request, body):
        return self.training.create_course(body)

    @route("GET", f"{API}/training/courses/<string:course_id>", action="training.read", response=CourseSchema,
           tag="training", summary="One course / Ett kurs")
    def get_course(self, request, course_id):
        return self.training.get_course(course_id)

    @route("PATCH", f"{API}/training/courses/<string:course_id>", action="training.edit", body=UpdateCourseSchema,
           response=CourseSchema, tag="training", may_conflict=True, summary="Change a course / Endre kurs")
    def update_course(self, request, course_id, body):
        return self.training.update_course(course_id, body)

    @route("PUT", f"{API}/training/participants", action="training.edit", body=ParticipantsInputSchema,
           response=DirectoryResultSchema, tag="training",
           summary="Load the pseudonymous directory: id, unit, role / Last deltakerkatalogen")
    def load_participants(self, request, body):
        return self.training.load_participants(body)

    @route("GET", f"{API}/training/participants", action="training.people", query=ParticipantQuerySchema,
           response=ParticipantPageSchema, tag="training", summary="Participants / Deltakere")
    def list_participants(self, request, query):
        return self.training.list_participants(query)

    @route("POST", f"{API}/training/completions", action="training.edit", errors=(404,), body=CompletionInputSchema,
           response=CompletionSchema, status=201, tag="training", summary="Record a completion / Registrer gjennomført")
    def record_completion(self, request, body):
        return self.training.record_completion(body)

    @route("GET", f"{API}/training/completions", action="training.people", query=CompletionQuerySchema,
           response=CompletionPageSchema, tag="training", summary="Completions / Gjennomførte kurs")
    def list_completions(self, request, query):
        return self.training.list_completions(query)

    @route("POST", f"{API}/training/completions/import", action="training.edit", query=ImportOptionsSchema,
           upload="text/csv", response=ImportResultSchema, tag="training",
           summary="Import an e-learning platform's CSV export / Importer fullføringer fra CSV")
    def import_completions(self, request, query, body):
        result = self.training.import_completions({**query, "content": body})
        refused = result["errors"] and not result["stored"] and not result["dry_run"]
        return json_response(result, 422 if refused else 200)

    @route("GET", f"{API}/training/figures", action="training.read", errors=(404,), query=FiguresQuerySchema,
           response=FiguresSchema, tag="training",
           summary="Mandatory training: completion per course, unit and role / Gjennomføringsgrad")
    def training_figures(self, request, query):
        return self.training.training_figures(query)

    @route("GET", f"{API}/training/overdue", action="training.people", errors=(404,), query=OverdueQuerySchema,
           response=OverduePageSchema, tag="training", summary="Who is overdue for mandatory training / Forfalt")
    def list_overdue_training(self, request, query):
        return self.training.list_overdue(query)

    @route("GET", f"{API}/training/campaigns", action="training.read", query=CampaignQuerySchema,
           response=CampaignPageSchema, tag="training", summary="Campaigns / Kampanjer")
    def list_campaigns(self, request, query):
        return self.training.list_campaigns(query)

    @route("POST", f"{API}/training/campaigns", action="training.edit", errors=(404,), body=CreateCampaignSchema,
           response=CampaignSchema, status=201, tag="training", summary="Plan a campaign / Planlegg kampanje")
    def create_campaign(self, request, body):
        return self.training.create_campaign(body)

    @route("GET", f"{API}/training/campaigns/<string:campaign_id>", action="training.read", response=CampaignSchema,
           tag="training", summary="One campaign with its figures / Én kampanje")
    def get_campaign(self, request, campaign_id):
        return self.training.get_campaign(campaign_id)

    @route("PATCH", f"{API}/training/campaigns/<string:campaign_id>", action="training.edit",
           body=UpdateCampaignSchema, response=CampaignSchema, tag="training", may_conflict=True,
           summary="Change a campaign / Endre kampanje")
    def update_campaign(self, request, campaign_id, body):
        return self.training.update_campaign(campaign_id, body)

    @route("POST", f"{API}/training/campaigns/<string:campaign_id>/launch", action="training.edit",
           response=CampaignSchema, tag="training", may_conflict=True,
           summary="Launch now and enrol the audience / Start kampanjen")
    def launch_campaign(self, request, campaign_id):
        return self.training.launch_campaign(campaign_id)

    @route("POST", f"{API}/training/campaigns/<string:campaign_id>/complete", action="training.edit",
           response=CampaignSchema, tag="training", may_conflict=True,
           summary="End the campaign and freeze its figures / Avslutt kampanjen")
    def complete_campaign(self, request, campaign_id):
        return self.training.complete_campaign(campaign_id)

    @route("GET", f"{API}/training/campaigns/<string:campaign_id>/enrolments", action="training.people",
           response=EnrolmentListSchema, tag="training", summary="Who is enrolled, who completed / Påmeldte")
    def list_enrolments(self, request, campaign_id):
        return self.training.list_enrolments(campaign_id)

    @route("POST", f"{API}/training/campaigns/<string:campaign_id>/enrolments", action="training.edit",
           body=ParticipantIdsSchema, response=CampaignSchema, tag="training", may_conflict=True,
           summary="Enrol more participants / Meld på flere")
    def enrol_in_campaign(self, request, campaign_id, body):
        return self.training.enrol_in_campaign(campaign_id, body)

    @route("POST", f"{API}/training/campaigns/<string:campaign_id>/participation", action="training.edit",
           body=ParticipationSchema, response=CampaignSchema, tag="training", may_conflict=True,
           summary="Record participation (campaigns without a course) / Registrer deltakelse")
    def record_participation(self, request, campaign_id, body):
        return self.training.record_participation(campaign_id, body)

    @route("GET", f"{API}/training/campaign-suggestions", action="training.read", query=SuggestionQuerySchema,
           response=SuggestionListSchema, tag="training",
           summary="Campaigns suggested by repeated incidents / Kampanjeforslag")
    def list_campaign_suggestions(self, request, query):
        return self.training.list_suggestions(query)

    @route("POST", f"{API}/training/campaign-suggestions/<string:suggestion_id>/accept", action="training.edit",
           body=AcceptSuggestionSchema, response=SuggestionSchema, tag="training", may_conflict=True,
           summary="Plan the suggested campaign / Planlegg foreslått kampanje")
    def accept_campaign_suggestion(self, request, suggestion_id, body):
        return self.training.accept_suggestion(suggestion_id, body)

    @route("POST", f"{API}/training/campaign-suggestions/<string:suggestion_id>/dismiss", action="training.edit",
           body=DismissSuggestionSchema, response=SuggestionSchema, tag="training", may_conflict=True,
           summary="Dismiss with a reason / Avvis forslaget")
    def dismiss_campaign_suggestion(self, request, suggestion_id, body):
        return self.training.dismiss_suggestion(suggestion_id, body)

    @route("GET", f"{API}/training/exercises", action="training.read", query=ExerciseQuerySchema,
           response=ExercisePageSchema, tag="training", summary="Preparedness exercises / Beredskapsøvelser")
    def list_exercises(self, request, query):
        return self.training.list_exercises(query)

    @route("POST", f"{API}/training/exercises", action="training.edit", body=CreateExerciseSchema,
           response=ExerciseSchema, status=201, tag="training", summary="Plan an exercise / Planlegg øvelse")
    def create_exercise(self, request, body):
        return self.training.create_exercise(body)

    @route("GET", f"{API}/training/exercises/<string:exercise_id>", action="training.read", response=ExerciseSchema,
           tag="training", summary="One exercise with its findings / Én øvelse")
    def get_exercise(self, request, exercise_id):
        return self.training.get_exercise(exercise_id)

    @route("PATCH", f"{API}/training/exercises/<string:exercise_id>", action="training.edit",
           body=UpdateExerciseSchema, response=ExerciseSchema, tag="training", may_conflict=True,
           summary="Record observations and findings, or follow up / Observasjoner, funn, oppfølging")
    def update_exercise(self, request, exercise_id, body):
        return self.training.update_exercise(exercise_id, body)

    @route("POST", f"{API}/training/exercises/<string:exercise_id>/complete", action="training.edit",
           body=CompleteExerciseSchema, response=ExerciseSchema, tag="training", may_conflict=True,
           summary="Evaluate and complete: findings go to risk management / Evaluer og avslutt")
    def complete_exercise(self, request, exercise_id, body):
        return self.training.complete_exercise(exercise_id, body)

    # the coordinators' own competence: the central team's courses and events, who took part

    @route("GET", f"{API}/training/coordinator-courses", action="training.read", query=CoordinatorCourseQuerySchema,
           response=CoordinatorCoursePageSchema, tag="training",
           summary="Courses and events for the coordinators / Kurs og arrangementer for koordinatorene")
    def list_coordinator_courses(self, request, query):
        return self.training.list_coordinator_courses(query)

    @route("POST", f"{API}/training/coordinator-courses", action="training.coordinator_publish",
           body=PublishCoordinatorCourseSchema, response=CoordinatorCourseSchema, status=201, tag="training",
           summary="Publish a course or event for the coordinators (central team) / Publiser kurs for koordinatorene")
    def publish_coordinator_course(self, request, body):
        return self.training.publish_coordinator_course(body)

    @route("GET", f"{API}/training/coordinator-participations", action="training.coordinator_read",
           query=CoordinatorParticipationQuerySchema, response=CoordinatorParticipationPageSchema, tag="training",
           summary="Who of the coordinators took part / Koordinatorenes deltakelse")
    def list_coordinator_participations(self, request, query):
        return self.training.list_coordinator_participations(query)

    @route("POST", f"{API}/training/coordinator-participations", action="training.coordinator_record",
           errors=(404,), body=RecordCoordinatorParticipationSchema, response=CoordinatorParticipationSchema,
           status=201, tag="training",
           summary="Record a coordinator's participation (own agency) / Registrer en koordinators deltakelse")
    def record_coordinator_participation(self, request, body):
        return self.training.record_coordinator_participation(body)

    # Evidence attachments of a preparedness exercise (shared/attachments): read with it, added and removed by those who edit it.
    @route("GET", f"{API}/training/exercises/<string:exercise_id>/attachments", action="training.read", response=AttachmentListSchema,
           tag="training", summary="The exercise's attachments / Vedlegg")
    def list_exercise_attachments(self, request, exercise_id):
        return self.training.list_attachments({"record_id": exercise_id})

    @route("POST", f"{API}/training/exercises/<string:exercise_id>/attachments", action="training.edit", attachment=True,
           response=AttachmentSchema, status=201, tag="training", may_conflict=True,
           summary="Attach a file (multipart, field `file`) / Legg ved en fil")
    def upload_exercise_attachment(self, request, exercise_id, body):
        return self.training.upload_attachment({"record_id": exercise_id}, body)

    @route("GET", f"{API}/training/exercises/<string:exercise_id>/attachments/<string:attachment_id>", action="training.read",
           produces=ATTACHMENT_TYPES, tag="training", errors=(410,), summary="Download an attachment / Last ned vedlegg")
    def download_exercise_attachment(self, request, exercise_id, attachment_id):
        return attachment_download(self.training.attachment_content({"record_id": exercise_id}, attachment_id),
                                   self.attachment_max_bytes)

    @route("POST", f"{API}/training/exercises/<string:exercise_id>/attachments/<string:attachment_id>/removal",
           action="training.edit", body=RemoveAttachmentSchema, response=AttachmentSchema, tag="training", may_conflict=True,
           summary="Remove an attachment, with the reason (recorded) / Fjern vedlegg")
    def remove_exercise_attachment(self, request, exercise_id, attachment_id, body):
        return self.training.remove_attachment({"record_id": exercise_id}, attachment_id, body)
