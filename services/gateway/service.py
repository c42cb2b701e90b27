"""The gateway: Vern's only HTTP server. Authenticates, validates, and calls the services by RPC."""
import eventlet

from services.gateway.http import json_response, route
from services.gateway.openapi import openapi_document
from shared.rpc import TimedRpcProxy
from shared.setting import Setting
from services.gateway.schemas import HealthSchema
from services.incidents.schemas import (AddMeasureSchema, AssessBreachSchema, AssessIncidentSchema, AssignHandlerSchema,
                                        AuthorityNotificationDraftSchema, AuthorityNotificationSchema,
                                        BreachAssessmentSchema, BreachDecisionInputSchema, BreachDecisionSchema,
                                        CategoriesSchema, CloseIncidentSchema, IncidentListQuerySchema,
                                        IncidentPageSchema, IncidentSchema, MeasureSchema, NoteSchema,
                                        RecordSubjectCommunicationSchema, ReopenSchema, ReportIncidentSchema,
                                        StatisticsQuerySchema, StatisticsSchema, SubjectCommunicationSchema,
                                        SubmitAuthorityNotificationSchema, TransitionSchema, UpdateIncidentSchema,
                                        UpdateMeasureSchema)
from services.gateway import ack_page
from services.reporting.schemas import (AcknowledgedSchema, CompleteTaskSchema, NotificationTaskPageSchema,
                                        NotificationTaskSchema, RoutingRuleInputSchema, RoutingRuleListSchema,
                                        RoutingRuleQuerySchema, RoutingRuleSchema, TaskListQuerySchema)
from shared.config import SERVICE_NAMES
from shared.errors import VernError

API = "/api/v1"


class GatewayService:
    name = "gateway"

    health_timeout = Setting("health_timeout_seconds")
    incidents = TimedRpcProxy("incidents")
    risk = TimedRpcProxy("risk")
    privacy_register = TimedRpcProxy("privacy_register")
    training = TimedRpcProxy("training")
    reporting = TimedRpcProxy("reporting")

    @route("GET", f"{API}/health", response=HealthSchema, tag="operations",
           summary="Which services answer / Hvilke tjenester svarer")
    def health(self, request):
        timeout = self.health_timeout

        def probe(name):
            try:
                getattr(self, name).call("health", timeout=timeout)
                return name, {"status": "up"}
            except VernError:
                return name, {"status": "down"}

        services = dict(eventlet.GreenPool().imap(probe, SERVICE_NAMES))
        status = "ok" if all(s["status"] == "up" for s in services.values()) else "degraded"
        return {"status": status, "services": services}

    @route("GET", f"{API}/openapi.json", tag="operations", summary="This API's OpenAPI 3 document")
    def openapi(self, request):
        return json_response(openapi_document(type(self)))

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

    @route("GET", f"{API}/ack/<string:token>", tag="notifications",
           summary="Acknowledgement page of a message's link (no login) / Bekreft mottak")
    def acknowledgement_page(self, request, token):
        return ack_page.confirm_form(request.path)

    @route("POST", f"{API}/ack/<string:token>", response=AcknowledgedSchema, tag="notifications",
           may_conflict=True, summary="Confirm receipt with a message's link (no login) / Bekreft mottak")
    def acknowledge(self, request, token):
        if not ack_page.wants_html(request):
            return self.reporting.acknowledge({"token": token})
        try:
            return ack_page.confirmed(self.reporting.acknowledge({"token": token}))
        except VernError as error:
            return ack_page.refused(error.message, error.http_status)

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
