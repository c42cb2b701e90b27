"""nameko entrypoints of the incidents service: parse, call a handler, dump."""
from nameko.rpc import rpc

from services.incidents import handlers
from services.incidents.schemas import (AssessBreachSchema, AssessIncidentSchema, BreachAssessmentSchema,
                                        BreachDecisionInputSchema, BreachDecisionSchema, IncidentListQuerySchema, IncidentPageSchema,
                                        IncidentSchema, ReportIncidentSchema)
from shared.auth import CallerProvider
from shared.errors import EXPECTED_ERRORS
from shared.health import healthy
from shared.store import Database
from shared.validation import load


class IncidentsService:
    name = "incidents"

    db = Database()
    caller = CallerProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def report_incident(self, payload):
        principal = self.caller.require("incident.report")
        command = load(ReportIncidentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(handlers.report_incident(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_incident(self, incident_id):
        principal = self.caller.require("incident.read")
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(handlers.get_incident(uow, principal, str(incident_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_incidents(self, query=None):
        principal = self.caller.require("incident.read")
        paging = load(IncidentListQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return IncidentPageSchema().dump(handlers.list_incidents(uow, principal, **paging))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def assess_incident(self, incident_id, payload):
        principal = self.caller.require("incident.assess")
        command = load(AssessIncidentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(handlers.assess_incident(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def assess_breach(self, incident_id, payload):
        principal = self.caller.require("incident.assess")
        command = load(AssessBreachSchema(), payload)
        with self.db.unit_of_work() as uow:
            return BreachAssessmentSchema().dump(handlers.assess_breach(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def decide_breach_notification(self, incident_id, payload):
        principal = self.caller.require("incident.assess")
        command = load(BreachDecisionInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return BreachDecisionSchema().dump(
                handlers.decide_on_breach_notification(uow, principal, str(incident_id), command))
