"""The gateway: Vern's only HTTP server. Authenticates, validates, and calls the services by RPC."""
import eventlet

from services.gateway.http import json_response, route
from werkzeug.wrappers import Response
from services.gateway.openapi import openapi_document
from shared.rpc import TimedRpcProxy
from shared.setting import Setting
from services.gateway.schemas import AcknowledgeBodySchema, HealthSchema
from services.gateway.sso import COOKIE_NAME, CallbackQuerySchema, SignedInSchema, SingleSignOn
from services.gateway.web import routes as web  # a module, not the class: `nameko run` would take WebPages for a service
from services.incidents.schemas import (AddMeasureSchema, AssessBreachSchema, AssessIncidentSchema, AssignHandlerSchema,
                                        AuthorityNotificationDraftSchema, AuthorityNotificationSchema,
                                        BreachAssessmentSchema, BreachDecisionInputSchema, BreachDecisionSchema,
                                        CategoriesSchema, CloseIncidentSchema, IncidentListQuerySchema,
                                        IncidentPageSchema, IncidentSchema, MeasureSchema, NoteSchema,
                                        RecordSubjectCommunicationSchema, ReopenSchema, ReportIncidentSchema,
                                        StatisticsQuerySchema, StatisticsSchema, SubjectCommunicationSchema,
                                        SubmitAuthorityNotificationSchema, TransitionSchema, UpdateIncidentSchema,
                                        UpdateMeasureSchema)
from services.gateway import ack_page, progress_page, tables
from services.privacy_register import dpia_document
from services.reporting import report_document
from services.privacy_register.schemas import (AgreementListSchema, AgreementSchema, CreateAgreementSchema,
                                               CreateDpiaSchema, DocumentQuerySchema, DpiaDecisionSchema,
                                               DpiaPageSchema, DpiaQuerySchema, DpiaSchema, DpiaTransitionSchema,
                                               DpoAdviceSchema, HistorySchema, PriorConsultationOutcomeSchema,
                                               PrivacyAssessmentSchema, ProcessingPageSchema, ProcessingQuerySchema,
                                               ProcessingRecordSchema, ProcessingSchema, RegisterExportQuerySchema,
                                               ScreeningInputSchema, ScreeningSchema, UpdateAgreementSchema,
                                               UpdateDpiaSchema, UpdateProcessingSchema)
from services.risk.schemas import (AddRiskMeasureSchema, AddRiskSchema, AdoptDraftSchema, ApproveRiskAssessmentSchema,
                                   CreateRiskAssessmentSchema, DismissDraftSchema, ExportQuerySchema,
                                   HeatMapQuerySchema, HeatMapSchema, MatrixInputSchema, MatrixListSchema,
                                   MatrixSchema, RegisterQuerySchema, RiskAssessmentPageSchema,
                                   RiskAssessmentQuerySchema, RiskAssessmentSchema, RiskAssessmentTransitionSchema,
                                   RiskDecisionInputSchema, RiskMeasurePageSchema, RiskMeasureQuerySchema,
                                   RiskMeasureSchema, RiskPageSchema, RiskSchema, UpdateRiskAssessmentSchema,
                                   UpdateRiskMeasureSchema, UpdateRiskSchema)
from services.reporting.annual_plan_schemas import (CopyPlanSchema, CopyResultSchema, CreatePlanActivitySchema,
                                                    EvidenceInputSchema, PlanActivitySchema, PlanQuerySchema,
                                                    PlanSchema, UpdatePlanActivitySchema)
from services.reporting.governance_schemas import (AdvicePageSchema, AdviceQuerySchema, AdviceSchema,
                                                   AdviceSummaryQuerySchema, AdviceSummarySchema,
                                                   AttestationInputSchema, AttestationListSchema, AttestationSchema,
                                                   CreateAdviceSchema, CreateGoverningDocumentSchema,
                                                   CreateRequirementSchema, DocumentReviewInputSchema,
                                                   GoverningDocumentPageSchema, GoverningDocumentQuerySchema,
                                                   GoverningDocumentSchema, OverlayInputSchema,
                                                   RequirementListSchema, RequirementQuerySchema, RequirementSchema,
                                                   UpdateAdviceSchema, UpdateGoverningDocumentSchema)
from services.reporting.schemas import (AcknowledgedSchema, AgencyComparisonSchema, CompleteTaskSchema,
                                        CreateReportSchema, NotificationTaskPageSchema, NotificationTaskSchema,
                                        ReportDocumentQuerySchema, ReportInputsSchema, ReportListSchema,
                                        ReportPeriodSchema, ReportQuerySchema,
                                        ReportSchema, RoutingRuleInputSchema, RoutingRuleListSchema,
                                        RoutingRuleQuerySchema, RoutingRuleSchema, TaskListQuerySchema)
from services.reporting.schemas import ApproveReportSchema
from services.training.schemas import (AcceptSuggestionSchema, CampaignPageSchema, CampaignQuerySchema,
                                       CampaignSchema, CompleteExerciseSchema, CompletionInputSchema,
                                       CompletionPageSchema, CompletionQuerySchema, CompletionSchema,
                                       CoordinatorCoursePageSchema, CoordinatorCourseQuerySchema,
                                       CoordinatorCourseSchema, CoordinatorParticipationPageSchema,
                                       CoordinatorParticipationQuerySchema, CoordinatorParticipationSchema,
                                       CourseListSchema, CourseSchema, CreateCampaignSchema, CreateCourseSchema,
                                       CreateExerciseSchema, DirectoryResultSchema, DismissSuggestionSchema,
                                       EnrolmentListSchema, ExercisePageSchema, ExerciseQuerySchema, ExerciseSchema,
                                       FiguresQuerySchema, FiguresSchema, ImportOptionsSchema, ImportResultSchema,
                                       OverduePageSchema, OverdueQuerySchema, ParticipantIdsSchema,
                                       ParticipantPageSchema, ParticipantQuerySchema, ParticipantsInputSchema,
                                       ParticipationSchema, PublishCoordinatorCourseSchema,
                                       RecordCoordinatorParticipationSchema, SuggestionListSchema,
                                       SuggestionQuerySchema, SuggestionSchema, UpdateCampaignSchema,
                                       UpdateCourseSchema, UpdateExerciseSchema)
from services.webhooks.schemas import (CreateSubscriptionSchema, SubscriptionPageSchema, SubscriptionQuerySchema,
                                       SubscriptionSchema, SubscriptionWithSecretSchema, UpdateSubscriptionSchema,
                                       WebhookDeliveryPageSchema, WebhookDeliveryQuerySchema, WebhookDeliverySchema)
from shared.audit_rpc import AuditPageSchema, AuditQuerySchema
from shared.config import SERVICE_NAMES
from shared.errors import BadInput, NotFound, VernError
from shared.metrics import Metrics
from shared.validation import load

API = "/api/v1"
AUDITED_SERVICES = SERVICE_NAMES  # each keeps its own trail in its own database
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GatewayService(web.WebPages):  # the web interface's pages: services/gateway/web
    name = "gateway"

    health_timeout = Setting("health_timeout_seconds")
    deployed_services = Setting("services")
    metrics = Metrics()
    incidents = TimedRpcProxy("incidents")
    risk = TimedRpcProxy("risk")
    privacy_register = TimedRpcProxy("privacy_register")
    training = TimedRpcProxy("training")
    reporting = TimedRpcProxy("reporting")
    sign_in = SingleSignOn()
    webhooks = TimedRpcProxy("webhooks")

    @route("GET", f"{API}/health", response=HealthSchema, tag="operations",
           summary="Which services answer, and which this installation does not run / "
                   "Hvilke tjenester svarer, og hvilke som ikke er installert")
    def health(self, request):
        timeout = self.health_timeout
        deployed = self.deployed_services

        def probe(name):
            if name not in deployed:  # left out on purpose: not a fault, and nothing to ask
                return name, {"status": "not_deployed"}
            try:
                getattr(self, name).call("health", timeout=timeout)
                return name, {"status": "up"}
            except VernError:
                return name, {"status": "down"}

        services = dict(eventlet.GreenPool().imap(probe, SERVICE_NAMES))
        status = "ok" if all(services[name]["status"] == "up" for name in deployed) else "degraded"
        return {"status": status, "services": services}

    @route("GET", f"{API}/openapi.json", tag="operations", summary="This API's OpenAPI 3 document")
    def openapi(self, request):
        return json_response(openapi_document(type(self)))

    @route("GET", f"{API}/audit/<string:service>", action="audit.read", query=AuditQuerySchema,
           response=AuditPageSchema, tag="operations",
           summary="A service's audit trail: who changed what, when / Revisjonsspor: hvem endret hva, når")
    def audit_trail(self, request, service, query):
        if service not in AUDITED_SERVICES:
            raise NotFound(f"No audit trail named {service} (one of {', '.join(AUDITED_SERVICES)}) / "
                           f"Revisjonssporet {service} finnes ikke")
        return getattr(self, service).audit_entries(query)

    # Single sign-on: public (the caller has no token yet), limited per address like the acknowledgement links,
    # with a limit of their own: a whole town hall behind one address signs in at eight.
    @route("GET", f"{API}/auth/login", tag="auth", status=302, limited=True,
           limit_setting="sign_in_rate_limit_per_minute",
           summary="Sign in with the municipality's sign-in provider (redirect) / Logg inn via kommunens "
                   "innloggingstjeneste")
    def sign_in_start(self, request):
        return self.sign_in.login()

    @route("GET", f"{API}/auth/callback", tag="auth", query=CallbackQuerySchema, response=SignedInSchema,
           limited=True, limit_setting="sign_in_rate_limit_per_minute", errors=(401,),
           summary="Where the provider returns the browser: the access token and who it signs in / "
                   "Tilbake fra innloggingstjenesten: token og hvem som er logget inn")
    def sign_in_callback(self, request, query):
        return self.sign_in.callback(query, request.cookies.get(COOKIE_NAME))

    @route("POST", f"{API}/incidents", action="incident.report", body=ReportIncidentSchema,
           response=IncidentSchema, status=201, tag="incidents",
           summary="Report an incident or deviation / Meld en hendelse eller et avvik")
    def report_incident(self, request, body):
        return self.incidents.report_incident(body)

    @route("GET", f"{API}/incidents", action="incident.read", query=IncidentListQuerySchema,
           response=IncidentPageSchema, tag="incidents", summary="List incidents / Hendelser")
    def list_incidents(self, request, query):
        return self.incidents.list_incidents(query)

    @route("GET", f"{API}/incident-categories", action="incident.report", response=CategoriesSchema,
           tag="incidents", summary="Categories a reporter may choose / Kategorier")
    def list_incident_categories(self, request):
        return self.incidents.list_categories()

    @route("GET", f"{API}/incidents/statistics", action="incident.overview", query=StatisticsQuerySchema,
           response=StatisticsSchema, tag="incidents",
           summary="Counts per month, kind, category, severity; the 72-hour record / Statistikk")
    def incident_statistics(self, request, query):
        return self.incidents.incident_statistics(query)

    @route("GET", f"{API}/incidents/<string:incident_id>", action="incident.read", response=IncidentSchema,
           tag="incidents", summary="One incident with its journal / Én hendelse med logg")
    def get_incident(self, request, incident_id):
        return self.incidents.get_incident(incident_id)

    @route("PATCH", f"{API}/incidents/<string:incident_id>", action="incident.handle", body=UpdateIncidentSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Correct or add facts (journalled) / Korriger eller utfyll")
    def update_incident(self, request, incident_id, body):
        return self.incidents.update_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/status", action="incident.handle", body=TransitionSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Move the incident in its life cycle / Endre status")
    def change_status(self, request, incident_id, body):
        return self.incidents.change_status(incident_id, body)

    @route("PUT", f"{API}/incidents/<string:incident_id>/handler", action="incident.handle",
           body=AssignHandlerSchema, response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Assign the handling coordinator / Tildel saksbehandler")
    def assign_handler(self, request, incident_id, body):
        return self.incidents.assign_handler(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/notes", action="incident.handle", body=NoteSchema,
           response=IncidentSchema, status=201, tag="incidents", may_conflict=True,
           summary="Add a note to the journal / Skriv i loggen")
    def add_note(self, request, incident_id, body):
        return self.incidents.add_note(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/measures", action="incident.handle",
           body=AddMeasureSchema, response=MeasureSchema, status=201, tag="incidents", may_conflict=True,
           summary="Add a measure / Legg til tiltak")
    def add_measure(self, request, incident_id, body):
        return self.incidents.add_measure(incident_id, body)

    @route("PATCH", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>", action="incident.handle",
           body=UpdateMeasureSchema, response=MeasureSchema, tag="incidents", may_conflict=True,
           summary="Update a measure / Oppdater tiltak")
    def update_measure(self, request, incident_id, measure_id, body):
        return self.incidents.update_measure(incident_id, measure_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/close", action="incident.handle",
           body=CloseIncidentSchema, response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Close with root cause and lessons learned / Lukk hendelsen")
    def close_incident(self, request, incident_id, body):
        return self.incidents.close_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/reopen", action="incident.handle", body=ReopenSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Reopen a closed or rejected incident / Gjenåpne")
    def reopen_incident(self, request, incident_id, body):
        return self.incidents.reopen_incident(incident_id, body)

    @route("GET", f"{API}/incidents/<string:incident_id>/authority-notification", action="incident.overview",
           response=AuthorityNotificationDraftSchema, tag="incidents", may_conflict=True,
           summary="Draft notification to Datatilsynet (art. 33(3)) / Utkast til melding til Datatilsynet")
    def authority_notification_draft(self, request, incident_id):
        return self.incidents.authority_notification_draft(incident_id)

    @route("POST", f"{API}/incidents/<string:incident_id>/authority-notifications", action="incident.handle",
           body=SubmitAuthorityNotificationSchema, response=AuthorityNotificationSchema, status=201,
           tag="incidents", may_conflict=True,
           summary="Record a submission to Datatilsynet / Registrer melding til Datatilsynet")
    def submit_authority_notification(self, request, incident_id, body):
        return self.incidents.submit_authority_notification(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/subject-communications", action="incident.handle",
           body=RecordSubjectCommunicationSchema, response=SubjectCommunicationSchema, status=201,
           tag="incidents", may_conflict=True,
           summary="Record the communication to data subjects (art. 34) / Registrer informasjon til de berørte")
    def record_subject_communication(self, request, incident_id, body):
        return self.incidents.record_subject_communication(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/assessment", action="incident.assess",
           body=AssessIncidentSchema, response=IncidentSchema, tag="incidents",
           summary="Assess severity and personal-data involvement / Vurder alvorlighet")
    def assess_incident(self, request, incident_id, body):
        return self.incidents.assess_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/breach-assessment", action="incident.assess",
           body=AssessBreachSchema, response=BreachAssessmentSchema, status=201, tag="incidents", may_conflict=True,
           summary="ENISA breach assessment and notification recommendations / Vurdering av personvernbrudd")
    def assess_breach(self, request, incident_id, body):
        return self.incidents.assess_breach(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/breach-decision", action="incident.assess",
           body=BreachDecisionInputSchema, response=BreachDecisionSchema, status=201, tag="incidents",
           may_conflict=True, summary="Decide on notifying Datatilsynet and the data subjects / Beslutt varsling")
    def decide_breach_notification(self, request, incident_id, body):
        return self.incidents.decide_breach_notification(incident_id, body)

    @route("GET", f"{API}/notification-tasks", action="task.read", query=TaskListQuerySchema,
           response=NotificationTaskPageSchema, tag="notifications",
           summary="Notification tasks / Varslingsoppgaver")
    def list_tasks(self, request, query):
        return self.reporting.list_tasks(query)

    @route("GET", f"{API}/ack/<string:token>", tag="notifications", limited=True,
           summary="Acknowledgement page of a message's link (no login) / Bekreft mottak")
    def acknowledgement_page(self, request, token):
        return ack_page.confirm_form(request.path)

    @route("POST", f"{API}/ack/<string:token>", body=AcknowledgeBodySchema, form=True, response=AcknowledgedSchema,
           tag="notifications", limited=True, may_conflict=True,
           summary="Confirm receipt with a message's link (no login), with an optional comment for the "
                   "coordinator / Bekreft mottak, eventuelt med en kommentar til koordinator")
    def acknowledge(self, request, token, body):
        if not ack_page.wants_html(request):
            return self.reporting.acknowledge(ack_page.acknowledgement(token, body))
        try:
            payload = ack_page.acknowledgement(token, body)
        except BadInput:
            return ack_page.refused_comment(request.path, body)
        try:
            return ack_page.confirmed(self.reporting.acknowledge(payload), commented="comment" in payload)
        except VernError as error:
            return ack_page.refused(error.message, error.http_status)

    # A measure owner's progress link (no login): the page, and the report, which the owning service records.
    @route("GET", f"{API}/progress/<string:token>", tag="notifications", limited=True,
           response=progress_page.MeasureProgressViewSchema,
           summary="A measure owner's progress page (no login) / Framdrift på tiltak")
    def measure_progress_page(self, request, token):
        try:
            measure = self.reporting.measure_progress({"token": token})
        except VernError as error:
            if not ack_page.wants_html(request):
                raise
            return progress_page.refused(error.message, error.http_status)
        return progress_page.view(measure, request.path) if ack_page.wants_html(request) else measure

    @route("POST", f"{API}/progress/<string:token>", body=progress_page.ProgressBodySchema, form=True,
           response=progress_page.MeasureProgressViewSchema, tag="notifications", limited=True, may_conflict=True,
           summary="Report progress on a measure with the owner's link (no login) / Meld framdrift på tiltak")
    def report_measure_progress(self, request, token, body):
        if not ack_page.wants_html(request):
            return self.reporting.report_measure_progress({"token": token, **body})
        try:
            return progress_page.recorded(self.reporting.report_measure_progress({"token": token, **body}),
                                          request.path)
        except VernError as error:
            return progress_page.refused(error.message, error.http_status)

    @route("GET", f"{API}/routing-rules", action="routing.read", query=RoutingRuleQuerySchema,
           response=RoutingRuleListSchema, tag="notifications",
           summary="Routing rules for the caller's agency and the defaults / Varslingsregler")
    def list_routing_rules(self, request, query):
        return self.reporting.list_routing_rules(query)

    @route("POST", f"{API}/routing-rules", action="routing.manage", body=RoutingRuleInputSchema,
           response=RoutingRuleSchema, status=201, tag="notifications",
           summary="Add a routing rule (applies to new events) / Ny varslingsregel")
    def create_routing_rule(self, request, body):
        return self.reporting.create_routing_rule(body)

    @route("PUT", f"{API}/routing-rules/<int:rule_id>", action="routing.manage", body=RoutingRuleInputSchema,
           response=RoutingRuleSchema, tag="notifications",
           summary="Replace a routing rule (the old one is kept as history) / Endre varslingsregel")
    def replace_routing_rule(self, request, rule_id, body):
        return self.reporting.replace_routing_rule(rule_id, body)

    @route("DELETE", f"{API}/routing-rules/<int:rule_id>", action="routing.manage", response=RoutingRuleSchema,
           tag="notifications", summary="Retire a routing rule / Avslutt varslingsregel")
    def retire_routing_rule(self, request, rule_id):
        return self.reporting.retire_routing_rule(rule_id)

    @route("POST", f"{API}/notification-tasks/<string:task_id>/complete", action="task.complete",
           body=CompleteTaskSchema, response=NotificationTaskSchema, tag="notifications", may_conflict=True,
           summary="Mark a notification task done / Marker varslingsoppgave som utført")
    def complete_task(self, request, task_id, body):
        return self.reporting.complete_task(task_id, body)

    # --- risk management (risikostyring) ---

    @route("GET", f"{API}/risk-matrix", action="risk.read", response=MatrixSchema, tag="risk",
           summary="The agency's risk matrix and acceptance criteria / Risikomatrise og akseptkriterier")
    def get_risk_matrix(self, request):
        return self.risk.get_matrix()

    @route("GET", f"{API}/risk-matrix/versions", action="risk.read", response=MatrixListSchema, tag="risk",
           summary="Every version of the agency's criteria / Alle versjoner av akseptkriteriene")
    def list_risk_matrix_versions(self, request):
        return self.risk.list_matrix_versions()

    @route("PUT", f"{API}/risk-matrix", action="risk.criteria", body=MatrixInputSchema, response=MatrixSchema,
           tag="risk", summary="New version of the criteria (for new assessments) / Nye akseptkriterier")
    def replace_risk_matrix(self, request, body):
        return self.risk.replace_matrix(body)

    @route("POST", f"{API}/risk-assessments", action="risk.edit", body=CreateRiskAssessmentSchema,
           response=RiskAssessmentSchema, status=201, tag="risk", summary="Plan a risk assessment / Ny risikovurdering")
    def create_risk_assessment(self, request, body):
        return self.risk.create_assessment(body)

    @route("GET", f"{API}/risk-assessments", action="risk.read", query=RiskAssessmentQuerySchema,
           response=RiskAssessmentPageSchema, tag="risk", summary="Risk assessments / Risikovurderinger")
    def list_risk_assessments(self, request, query):
        return self.risk.list_assessments(query)

    @route("GET", f"{API}/risk-assessments/<string:assessment_id>", action="risk.read", response=RiskAssessmentSchema,
           tag="risk", summary="One risk assessment with its history / Én risikovurdering")
    def get_risk_assessment(self, request, assessment_id):
        return self.risk.get_assessment(assessment_id)

    @route("PATCH", f"{API}/risk-assessments/<string:assessment_id>", action="risk.edit",
           body=UpdateRiskAssessmentSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="Change a planned or ongoing assessment / Endre risikovurdering")
    def update_risk_assessment(self, request, assessment_id, body):
        return self.risk.update_assessment(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/status", action="risk.edit",
           body=RiskAssessmentTransitionSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="Start, complete (submit for approval) or revise / Start, fullfør eller revider")
    def change_risk_assessment_status(self, request, assessment_id, body):
        return self.risk.change_assessment_status(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/approval", action="risk.approve",
           body=ApproveRiskAssessmentSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="The agency head approves a completed assessment / Virksomhetsleder godkjenner")
    def approve_risk_assessment(self, request, assessment_id, body):
        return self.risk.approve_assessment(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/risks", action="risk.edit", body=AddRiskSchema,
           response=RiskSchema, status=201, tag="risk", may_conflict=True,
           summary="Add a risk with its ratings / Legg til risiko")
    def add_risk(self, request, assessment_id, body):
        return self.risk.add_risk(assessment_id, body)

    @route("GET", f"{API}/risks", action="risk.read", query=RegisterQuerySchema, response=RiskPageSchema,
           tag="risk", summary="The risk register across assessments / Risikoregisteret")
    def list_risks(self, request, query):
        return self.risk.list_risks(query)

    @route("GET", f"{API}/risks/export", action="risk.read", query=ExportQuerySchema, tag="risk",
           summary="The risk register as CSV or XLSX / Risikoregisteret som CSV eller XLSX")
    def export_risks(self, request, query):
        return tables.download(self.risk.export_register(query), query.get("format", "csv"), "risikoregister")

    @route("GET", f"{API}/risks/heat-map", action="risk.read", errors=(404,), query=HeatMapQuerySchema,
           response=HeatMapSchema,
           tag="risk", summary="Risks per matrix cell, inherent and residual / Risikokart")
    def risk_heat_map(self, request, query):
        return self.risk.heat_map(query)

    @route("GET", f"{API}/risk-measures", action="risk.read", query=RiskMeasureQuerySchema,
           response=RiskMeasurePageSchema, tag="risk",
           summary="Treatment measures to follow up / Tiltak til oppfølging")
    def list_risk_measures(self, request, query):
        return self.risk.list_measures(query)

    @route("GET", f"{API}/risks/<string:risk_id>", action="risk.read", response=RiskSchema, tag="risk",
           summary="One risk with its measures and decisions / Én risiko")
    def get_risk(self, request, risk_id):
        return self.risk.get_risk(risk_id)

    @route("PATCH", f"{API}/risks/<string:risk_id>", action="risk.edit", body=UpdateRiskSchema,
           response=RiskSchema, tag="risk", may_conflict=True,
           summary="Re-rate, treat or close a risk / Endre risiko")
    def update_risk(self, request, risk_id, body):
        return self.risk.update_risk(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/adoption", action="risk.edit", body=AdoptDraftSchema,
           response=RiskSchema, tag="risk", may_conflict=True,
           summary="Take a draft risk into an assessment / Ta utkast inn i en vurdering")
    def adopt_draft_risk(self, request, risk_id, body):
        return self.risk.adopt_draft(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/dismissal", action="risk.edit", body=DismissDraftSchema,
           response=RiskSchema, tag="risk", may_conflict=True, summary="Dismiss a draft risk / Avvis utkast")
    def dismiss_draft_risk(self, request, risk_id, body):
        return self.risk.dismiss_draft(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/measures", action="risk.edit", body=AddRiskMeasureSchema,
           response=RiskMeasureSchema, status=201, tag="risk", may_conflict=True,
           summary="Add a treatment measure / Legg til tiltak")
    def add_risk_measure(self, request, risk_id, body):
        return self.risk.add_measure(risk_id, body)

    @route("PATCH", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>", action="risk.edit",
           body=UpdateRiskMeasureSchema, response=RiskMeasureSchema, tag="risk", may_conflict=True,
           summary="Update a treatment measure / Oppdater tiltak")
    def update_risk_measure(self, request, risk_id, measure_id, body):
        return self.risk.update_measure(risk_id, measure_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/decision", action="risk.decide", body=RiskDecisionInputSchema,
           response=RiskSchema, status=201, tag="risk", may_conflict=True,
           summary="The agency head accepts or treats an unacceptable risk / Virksomhetsleder beslutter")
    def decide_risk(self, request, risk_id, body):
        return self.risk.decide(risk_id, body)

    # --- the privacy register (behandlingsoversikt, databehandleravtaler, DPIA) ---

    @route("POST", f"{API}/processing-activities", action="privacy.edit", body=ProcessingRecordSchema,
           response=ProcessingSchema, status=201, tag="privacy",
           summary="Register a processing activity (art. 30) / Registrer en behandling")
    def register_processing(self, request, body):
        return self.privacy_register.register_processing(body)

    @route("GET", f"{API}/processing-activities", action="privacy.read", query=ProcessingQuerySchema,
           response=ProcessingPageSchema, tag="privacy",
           summary="The record of processing activities / Behandlingsoversikten")
    def list_processing(self, request, query):
        return self.privacy_register.list_processing(query)

    @route("GET", f"{API}/processing-activities/export", action="privacy.read", query=RegisterExportQuerySchema,
           tag="privacy", summary="The whole record as XLSX, CSV or JSON / Hele protokollen som fil")
    def export_processing(self, request, query):
        exported = self.privacy_register.export_register(query)
        file_format = query.get("format", "xlsx")
        if file_format == "json":
            return json_response(exported, headers={
                "Content-Disposition": 'attachment; filename="behandlingsprotokoll.json"'})
        return tables.download(exported, file_format, "behandlingsprotokoll")

    @route("GET", f"{API}/processing-activities/<string:processing_id>", action="privacy.read",
           response=ProcessingSchema, tag="privacy", summary="One processing activity / Én behandling")
    def get_processing(self, request, processing_id):
        return self.privacy_register.get_processing(processing_id)

    @route("PATCH", f"{API}/processing-activities/<string:processing_id>", action="privacy.edit",
           body=UpdateProcessingSchema, response=ProcessingSchema, tag="privacy", may_conflict=True,
           summary="Change a processing activity (the previous version is kept) / Endre en behandling")
    def update_processing(self, request, processing_id, body):
        return self.privacy_register.update_processing(processing_id, body)

    @route("GET", f"{API}/processing-activities/<string:processing_id>/history", action="privacy.read",
           response=HistorySchema, tag="privacy", summary="Who changed what / Endringshistorikk")
    def processing_history(self, request, processing_id):
        return self.privacy_register.processing_history(processing_id)

    @route("PUT", f"{API}/processing-activities/<string:processing_id>/privacy-assessment", action="privacy.edit",
           body=PrivacyAssessmentSchema, response=ProcessingSchema, tag="privacy",
           summary="The overall privacy assessment / Overordnet vurdering av personvern")
    def assess_privacy(self, request, processing_id, body):
        return self.privacy_register.assess_privacy(processing_id, body)

    @route("POST", f"{API}/processing-activities/<string:processing_id>/screening", action="privacy.edit",
           body=ScreeningInputSchema, response=ScreeningSchema, status=201, tag="privacy",
           summary="Screen for whether a DPIA is required / Vurder behov for DPIA")
    def screen_processing(self, request, processing_id, body):
        return self.privacy_register.screen_processing(processing_id, body)

    @route("GET", f"{API}/processing-activities/<string:processing_id>/screenings", action="privacy.read",
           tag="privacy", summary="Every screening of the processing, newest first / Alle vurderinger av DPIA-behov")
    def list_screenings(self, request, processing_id):
        return self.privacy_register.list_screenings(processing_id)

    @route("GET", f"{API}/processor-agreements", action="privacy.read", response=AgreementListSchema, tag="privacy",
           summary="Data processor agreements / Databehandleravtaler")
    def list_agreements(self, request):
        return self.privacy_register.list_agreements()

    @route("POST", f"{API}/processor-agreements", action="privacy.edit", body=CreateAgreementSchema,
           response=AgreementSchema, status=201, tag="privacy",
           summary="Register a data processor agreement / Registrer databehandleravtale")
    def create_agreement(self, request, body):
        return self.privacy_register.create_agreement(body)

    @route("PATCH", f"{API}/processor-agreements/<int:agreement_id>", action="privacy.edit",
           body=UpdateAgreementSchema, response=AgreementSchema, tag="privacy",
           summary="Change a data processor agreement / Endre databehandleravtale")
    def update_agreement(self, request, agreement_id, body):
        return self.privacy_register.update_agreement(agreement_id, body)

    @route("POST", f"{API}/dpias", action="privacy.edit", errors=(404,), body=CreateDpiaSchema, response=DpiaSchema,
           status=201, tag="privacy", summary="Start a DPIA (art. 35) / Start en DPIA")
    def create_dpia(self, request, body):
        return self.privacy_register.create_dpia(body)

    @route("GET", f"{API}/dpias", action="privacy.read", query=DpiaQuerySchema, response=DpiaPageSchema,
           tag="privacy", summary="DPIAs / Vurderinger av personvernkonsekvenser")
    def list_dpias(self, request, query):
        return self.privacy_register.list_dpias(query)

    @route("GET", f"{API}/dpias/<string:dpia_id>", action="privacy.read", response=DpiaSchema, tag="privacy",
           summary="One DPIA / Én DPIA")
    def get_dpia(self, request, dpia_id):
        return self.privacy_register.get_dpia(dpia_id)

    @route("GET", f"{API}/dpias/<string:dpia_id>/document", action="privacy.read", query=DocumentQuerySchema,
           tag="privacy", summary="The DPIA as a DOCX document / DPIA-en som dokument")
    def dpia_document(self, request, dpia_id, query):
        content = dpia_document.render_docx(self.privacy_register.dpia_document(dpia_id), query.get("language", "nb"))
        return Response(content, mimetype=DOCX, headers={"Content-Disposition": 'attachment; filename="dpia.docx"'})

    @route("PATCH", f"{API}/dpias/<string:dpia_id>", action="privacy.edit", body=UpdateDpiaSchema,
           response=DpiaSchema, tag="privacy", may_conflict=True, summary="Write the DPIA / Skriv DPIA-en")
    def update_dpia(self, request, dpia_id, body):
        return self.privacy_register.update_dpia(dpia_id, body)

    @route("POST", f"{API}/dpias/<string:dpia_id>/dpo-advice", action="privacy.advise", body=DpoAdviceSchema,
           response=DpiaSchema, tag="privacy", may_conflict=True,
           summary="The DPO's advice (art. 35(2)) / Personvernombudets råd")
    def give_dpo_advice(self, request, dpia_id, body):
        return self.privacy_register.give_dpo_advice(dpia_id, body)

    @route("POST", f"{API}/dpias/<string:dpia_id>/status", action="privacy.edit", body=DpiaTransitionSchema,
           response=DpiaSchema, tag="privacy", may_conflict=True,
           summary="Submit for review, take back or revise / Send til gjennomgang")
    def change_dpia_status(self, request, dpia_id, body):
        return self.privacy_register.change_dpia_status(dpia_id, body)

    @route("POST", f"{API}/dpias/<string:dpia_id>/decision", action="privacy.approve", body=DpiaDecisionSchema,
           response=DpiaSchema, tag="privacy", may_conflict=True,
           summary="The agency head approves or rejects / Virksomhetsleder godkjenner eller avviser")
    def decide_dpia(self, request, dpia_id, body):
        return self.privacy_register.decide_dpia(dpia_id, body)

    @route("POST", f"{API}/dpias/<string:dpia_id>/prior-consultation", action="privacy.edit",
           body=PriorConsultationOutcomeSchema, response=DpiaSchema, tag="privacy", may_conflict=True,
           summary="Datatilsynet's answer to the prior consultation (art. 36) / Svar på forhåndsdrøfting")
    def record_prior_consultation(self, request, dpia_id, body):
        return self.privacy_register.record_prior_consultation(dpia_id, body)

    # --- training, campaigns and preparedness exercises (kompetanse og beredskap) ---

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

    # --- the coordinators' own competence: the central team's courses and events, who took part ---

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

    # --- reports for leadership (ledelsesrapportering) ---

    @route("POST", f"{API}/reports", action="report.write", body=CreateReportSchema, response=ReportSchema,
           status=201, tag="reports", may_conflict=True,
           summary="Draft a report for a period from live figures / Lag utkast til rapport")
    def create_report(self, request, body):
        return self.reporting.create_report(body)

    @route("GET", f"{API}/reports", action="report.read", query=ReportQuerySchema, response=ReportListSchema,
           tag="reports", summary="Reports and their versions / Rapporter")
    def list_reports(self, request, query):
        return self.reporting.list_reports(query)

    @route("GET", f"{API}/reports/comparison", action="report.read", query=ReportPeriodSchema,
           response=AgencyComparisonSchema, tag="reports",
           summary="The same figures per agency (central: all agencies) / Sammenligning av virksomheter")
    def compare_agencies(self, request, query):
        return self.reporting.compare_agencies(query)

    @route("GET", f"{API}/reports/<string:report_id>", action="report.read", response=ReportSchema, tag="reports",
           summary="One report: live while a draft, frozen once approved / Én rapport")
    def get_report(self, request, report_id):
        return self.reporting.get_report(report_id)

    @route("PATCH", f"{API}/reports/<string:report_id>", action="report.write", body=ReportInputsSchema,
           response=ReportSchema, tag="reports", may_conflict=True,
           summary="Write the report's own words / Skriv vurderingene")
    def write_report_inputs(self, request, report_id, body):
        return self.reporting.write_report_inputs(report_id, body)

    @route("POST", f"{API}/reports/<string:report_id>/approval", action="report.approve", response=ReportSchema,
           body=ApproveReportSchema, tag="reports", may_conflict=True,
           summary="The agency head confirms having read it, approves and freezes / Virksomhetsleder bekrefter "
                   "å ha lest, godkjenner og låser")
    def approve_report(self, request, report_id, body):
        return self.reporting.approve_report(report_id, body)

    @route("GET", f"{API}/reports/<string:report_id>/document", action="report.read",
           query=ReportDocumentQuerySchema, produces=tuple(report_document.MEDIA_TYPES.values()), tag="reports",
           summary="The report as PDF or DOCX; an approved one as frozen / Rapporten som PDF eller DOCX")
    def download_report(self, request, report_id, query):
        options = load(ReportDocumentQuerySchema(), query)
        view = self.reporting.get_report(report_id)  # an approved report's view is its frozen content
        name = report_document.document_name(view, options["format"], options["language"])
        return Response(report_document.render(view, options["format"], options["language"]),
                        mimetype=report_document.MEDIA_TYPES[options["format"]],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    # --- the annual cycle: governing documents and routines, advice log, requirements (årshjul) ---

    @route("GET", f"{API}/governing-documents", action="governance.read", query=GoverningDocumentQuerySchema,
           response=GoverningDocumentPageSchema, tag="governance",
           summary="Governing documents and routines / Styrende dokumenter og rutiner")
    def list_governing_documents(self, request, query):
        return self.reporting.list_documents(query)

    @route("POST", f"{API}/governing-documents", action="governance.edit", body=CreateGoverningDocumentSchema,
           response=GoverningDocumentSchema, status=201, tag="governance",
           summary="Register a governing document or routine / Registrer dokument eller rutine")
    def create_governing_document(self, request, body):
        return self.reporting.create_document(body)

    @route("GET", f"{API}/governing-documents/<int:document_id>", action="governance.read", response=GoverningDocumentSchema,
           tag="governance", summary="One document with its reviews / Ett dokument med gjennomganger")
    def get_governing_document(self, request, document_id):
        return self.reporting.get_document(document_id)

    @route("PATCH", f"{API}/governing-documents/<int:document_id>", action="governance.edit",
           body=UpdateGoverningDocumentSchema, response=GoverningDocumentSchema, tag="governance",
           summary="Change a document / Endre dokumentet")
    def update_governing_document(self, request, document_id, body):
        return self.reporting.update_document(document_id, body)

    @route("POST", f"{API}/governing-documents/<int:document_id>/reviews", action="governance.edit",
           body=DocumentReviewInputSchema, response=GoverningDocumentSchema, status=201, tag="governance", may_conflict=True,
           summary="Record a review; the next review date moves / Registrer gjennomgang")
    def record_document_review(self, request, document_id, body):
        return self.reporting.record_review(document_id, body)

    @route("GET", f"{API}/governing-documents/<int:document_id>/attestations", action="governance.read",
           response=AttestationListSchema, tag="governance",
           summary="Attestations of compliance, newest first / Bekreftelser av etterlevelse")
    def list_document_attestations(self, request, document_id):
        return self.reporting.list_attestations(document_id)

    @route("POST", f"{API}/governing-documents/<int:document_id>/attestations", action="governance.attest",
           body=AttestationInputSchema, response=AttestationSchema, status=201, tag="governance", may_conflict=True,
           summary="Attest compliance with a routine for a period / Bekreft etterlevelse for en periode")
    def attest_document(self, request, document_id, body):
        return self.reporting.attest(document_id, body)

    @route("GET", f"{API}/advice", action="governance.read", query=AdviceQuerySchema, response=AdvicePageSchema,
           tag="governance", summary="The advice log / Rådgivningsloggen")
    def list_advice(self, request, query):
        return self.reporting.list_advice(query)

    @route("POST", f"{API}/advice", action="governance.edit", body=CreateAdviceSchema, response=AdviceSchema,
           status=201, tag="governance", summary="Log a request for advice / Registrer en forespørsel om råd")
    def create_advice(self, request, body):
        return self.reporting.create_advice(body)

    @route("GET", f"{API}/advice/summary", action="governance.read", query=AdviceSummaryQuerySchema,
           response=AdviceSummarySchema, tag="governance",
           summary="Requests for advice in a year per area and kind / Rådgivning per område og type")
    def advice_summary(self, request, query):
        return self.reporting.advice_summary(query)

    @route("GET", f"{API}/advice/<int:advice_id>", action="governance.read", response=AdviceSchema,
           tag="governance", summary="One advice entry / Én rådgivning")
    def get_advice(self, request, advice_id):
        return self.reporting.get_advice(advice_id)

    @route("PATCH", f"{API}/advice/<int:advice_id>", action="governance.edit", body=UpdateAdviceSchema,
           response=AdviceSchema, tag="governance", summary="Record the advice or change the entry / Endre")
    def update_advice(self, request, advice_id, body):
        return self.reporting.update_advice(advice_id, body)

    @route("GET", f"{API}/requirements", action="governance.read", query=RequirementQuerySchema,
           response=RequirementListSchema, tag="governance",
           summary="Laws and rules in force, with how the agency meets them / Oversikt over krav")
    def list_requirements(self, request, query):
        return self.reporting.list_requirements(query)

    @route("POST", f"{API}/requirements", action="governance.edit", body=CreateRequirementSchema,
           response=RequirementSchema, status=201, tag="governance", may_conflict=True,
           summary="Add a requirement of the agency's own / Legg til et eget krav")
    def add_requirement(self, request, body):
        return self.reporting.add_requirement(body)

    @route("PUT", f"{API}/requirements/<string:code>", action="governance.edit", body=OverlayInputSchema,
           response=RequirementSchema, tag="governance",
           summary="Whether and how the agency meets a requirement / Hvordan kravet oppfylles")
    def set_requirement_overlay(self, request, code, body):
        return self.reporting.set_requirement_overlay(code, body)

    # --- the annual plan (årsplan / årshjul) ---

    @route("GET", f"{API}/annual-plan", action="plan.read", query=PlanQuerySchema, response=PlanSchema,
           tag="plan", summary="The year's plan with plan versus actual / Årsplanen med status mot plan")
    def list_plan(self, request, query):
        return self.reporting.list_plan(query)

    @route("POST", f"{API}/annual-plan", action="plan.edit", body=CreatePlanActivitySchema,
           response=PlanActivitySchema, status=201, tag="plan",
           summary="Plan an activity / Planlegg en aktivitet")
    def create_plan_activity(self, request, body):
        return self.reporting.create_plan_activity(body)

    @route("POST", f"{API}/annual-plan/copy", action="plan.edit", body=CopyPlanSchema, response=CopyResultSchema,
           status=201, tag="plan", may_conflict=True,
           summary="Copy a year's plan to another year, planned and without evidence / Kopier årsplanen")
    def copy_plan(self, request, body):
        return self.reporting.copy_plan(body)

    @route("GET", f"{API}/annual-plan/<int:activity_id>", action="plan.read", response=PlanActivitySchema,
           tag="plan", summary="One activity with its evidence / Én aktivitet med dokumentasjon")
    def get_plan_activity(self, request, activity_id):
        return self.reporting.get_plan_activity(activity_id)

    @route("PATCH", f"{API}/annual-plan/<int:activity_id>", action="plan.edit", body=UpdatePlanActivitySchema,
           response=PlanActivitySchema, tag="plan",
           summary="Change, reschedule or cancel (with a reason) / Endre, flytte eller avlyse")
    def update_plan_activity(self, request, activity_id, body):
        return self.reporting.update_plan_activity(activity_id, body)

    @route("POST", f"{API}/annual-plan/<int:activity_id>/evidence", action="plan.edit", body=EvidenceInputSchema,
           response=PlanActivitySchema, status=201, tag="plan", may_conflict=True,
           summary="Add proof that it was done; ticks it done / Legg til dokumentasjon")
    def add_plan_evidence(self, request, activity_id, body):
        return self.reporting.add_plan_evidence(activity_id, body)

    # --- webhook subscriptions: other systems receive Vern's events over HTTPS ---

    @route("POST", f"{API}/webhooks/subscriptions", action="webhooks.manage", body=CreateSubscriptionSchema,
           response=SubscriptionWithSecretSchema, status=201, tag="webhooks",
           summary="Register an endpoint for event types; the secret is shown once / Nytt webhook-abonnement")
    def create_webhook_subscription(self, request, body):
        return self.webhooks.create_subscription(body)

    @route("GET", f"{API}/webhooks/subscriptions", action="webhooks.read", query=SubscriptionQuerySchema,
           response=SubscriptionPageSchema, tag="webhooks", summary="Webhook subscriptions / Webhook-abonnementer")
    def list_webhook_subscriptions(self, request, query):
        return self.webhooks.list_subscriptions(query)

    @route("GET", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.read",
           response=SubscriptionSchema, tag="webhooks", summary="One subscription / Ett abonnement")
    def get_webhook_subscription(self, request, subscription_id):
        return self.webhooks.get_subscription(subscription_id)

    @route("PATCH", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.manage",
           body=UpdateSubscriptionSchema, response=SubscriptionSchema, tag="webhooks",
           summary="Change URL, event types, or enable and disable / Endre abonnement")
    def update_webhook_subscription(self, request, subscription_id, body):
        return self.webhooks.update_subscription(subscription_id, body)

    @route("DELETE", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.manage",
           response=SubscriptionSchema, tag="webhooks",
           summary="Delete a subscription and its deliveries / Slett abonnement")
    def delete_webhook_subscription(self, request, subscription_id):
        return self.webhooks.delete_subscription(subscription_id)

    @route("POST", f"{API}/webhooks/subscriptions/<string:subscription_id>/rotate-secret",
           action="webhooks.manage", response=SubscriptionWithSecretSchema, tag="webhooks",
           summary="A new secret, shown once; the old one signs too for an overlap / Ny hemmelighet")
    def rotate_webhook_secret(self, request, subscription_id):
        return self.webhooks.rotate_secret(subscription_id)

    @route("GET", f"{API}/webhooks/subscriptions/<string:subscription_id>/deliveries", action="webhooks.read",
           query=WebhookDeliveryQuerySchema, response=WebhookDeliveryPageSchema, tag="webhooks",
           summary="Deliveries with status, attempts and last answer / Leveranser med status og forsøk")
    def list_webhook_deliveries(self, request, subscription_id, query):
        return self.webhooks.list_deliveries(subscription_id, query)

    @route("POST", f"{API}/webhooks/subscriptions/<string:subscription_id>/deliveries/<string:delivery_id>/redeliver",
           action="webhooks.manage", response=WebhookDeliverySchema, tag="webhooks",
           summary="Send a delivery again now / Send en leveranse på nytt")
    def redeliver_webhook(self, request, subscription_id, delivery_id):
        return self.webhooks.redeliver(subscription_id, delivery_id)
