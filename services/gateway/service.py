"""The gateway: Vern's only HTTP server. Authenticates, validates, and calls the services by RPC."""
import eventlet
from nameko.dependency_providers import Config

from services.gateway.http import json_response, route
from services.gateway.openapi import openapi_document
from services.gateway.rpc import TimedRpcProxy
from services.gateway.schemas import HealthSchema
from services.incidents.schemas import (AssessBreachSchema, AssessIncidentSchema, BreachAssessmentSchema,
                                        BreachDecisionInputSchema, BreachDecisionSchema, IncidentListQuerySchema, IncidentPageSchema,
                                        IncidentSchema, ReportIncidentSchema)
from services.reporting.schemas import (CompleteTaskSchema, NotificationTaskPageSchema, NotificationTaskSchema,
                                        TaskListQuerySchema)
from shared.config import SERVICE_NAMES, settings
from shared.errors import VernError

API = "/api/v1"


class GatewayService:
    name = "gateway"

    config = Config()
    incidents = TimedRpcProxy("incidents")
    risk = TimedRpcProxy("risk")
    privacy_register = TimedRpcProxy("privacy_register")
    training = TimedRpcProxy("training")
    reporting = TimedRpcProxy("reporting")

    @route("GET", f"{API}/health", response=HealthSchema, tag="operations",
           summary="Which services answer / Hvilke tjenester svarer")
    def health(self, request):
        timeout = settings(self.config).health_timeout_seconds

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

    @route("GET", f"{API}/incidents/<string:incident_id>", action="incident.read", response=IncidentSchema,
           tag="incidents", summary="One incident / Én hendelse")
    def get_incident(self, request, incident_id):
        return self.incidents.get_incident(incident_id)

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

    @route("POST", f"{API}/notification-tasks/<string:task_id>/complete", action="task.complete",
           body=CompleteTaskSchema, response=NotificationTaskSchema, tag="notifications", may_conflict=True,
           summary="Mark a notification task done / Marker varslingsoppgave som utført")
    def complete_task(self, request, task_id, body):
        return self.reporting.complete_task(task_id, body)
