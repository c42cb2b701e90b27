"""nameko entrypoints of the incidents service: parse, call a handler, dump."""
import logging

from services.incidents import attachments, casework, domain, handlers, notification, overview, owners
from services.incidents.schemas import (AddMeasureSchema, AssessBreachSchema, AssessIncidentSchema, AssignHandlerSchema,
                                        AuthorityNotificationDraftSchema, AuthorityNotificationSchema,
                                        BreachAssessmentSchema, BreachDecisionInputSchema, BreachDecisionSchema,
                                        CategoriesSchema, CloseIncidentSchema, IncidentListQuerySchema,
                                        IncidentPageSchema, IncidentSchema, MeasureSchema, NoteSchema,
                                        RecordSubjectCommunicationSchema, ReopenSchema, ReportIncidentSchema,
                                        StatisticsQuerySchema, StatisticsSchema, SubjectCommunicationSchema,
                                        SubmitAuthorityNotificationSchema, TransitionSchema, UpdateIncidentSchema,
                                        UpdateMeasureSchema, MeasureIdSchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import utcnow
from shared.contracts.notifications import MEASURE_PROGRESS_REPORTED, NOTIFICATION_TASK_ACKNOWLEDGED
from shared.errors import EXPECTED_ERRORS, NotFound, ServiceUnavailable
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.event_handler import event_handler
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc import TimedRpcProxy
from shared.rpc_server import rpc
from shared.setting import Setting
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

log = logging.getLogger(__name__)


class IncidentsService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc, attachment_rpc.AttachmentRpc):
    name = "incidents"
    attachment_use_cases = attachments.USE_CASES
    attachment_read_action = "incident.read"
    attachment_write_action = "incident.handle"

    db = Database()
    caller = CallerProvider()
    metrics = Metrics()
    categories = Setting("incident_categories", default=domain.CATEGORIES)
    directory = TimedRpcProxy("notifications")
    files = AttachmentStoreProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_categories(self):
        self.caller.require("incident.report")
        return CategoriesSchema().dump({"categories": self.categories})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def report_incident(self, payload):
        principal = self.caller.require("incident.report")
        command = load(ReportIncidentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(handlers.report_incident(uow, principal, command, self.categories))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_incident(self, incident_id):
        principal = self.caller.require("incident.read")
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(handlers.get_incident(uow, principal, str(incident_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_incidents(self, query=None):
        principal = self.caller.require("incident.read")
        filters = load(IncidentListQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return IncidentPageSchema().dump(overview.list_incidents(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def incident_statistics(self, query=None):
        principal = self.caller.require("incident.overview")
        filters = load(StatisticsQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return StatisticsSchema().dump(overview.statistics(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_incident(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(UpdateIncidentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(
                handlers.update_incident(uow, principal, str(incident_id), command, self.categories))

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

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def change_status(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(TransitionSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(casework.change_status(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def assign_handler(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(AssignHandlerSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(casework.assign_handler(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_note(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(NoteSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(casework.add_note(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_measure(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(AddMeasureSchema(), payload)
        with self.db.unit_of_work() as uow:
            return MeasureSchema().dump(casework.add_measure(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_measure(self, incident_id, measure_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(UpdateMeasureSchema(), payload)
        measure = load(MeasureIdSchema(), {"measure_id": measure_id})["measure_id"]
        with self.db.unit_of_work() as uow:
            return MeasureSchema().dump(casework.update_measure(uow, principal, str(incident_id), measure, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def close_incident(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(CloseIncidentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(casework.close_incident(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def reopen_incident(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(ReopenSchema(), payload)
        with self.db.unit_of_work() as uow:
            return IncidentSchema().dump(casework.reopen_incident(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def submit_authority_notification(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(SubmitAuthorityNotificationSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AuthorityNotificationSchema().dump(
                notification.submit_authority_notification(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_subject_communication(self, incident_id, payload):
        principal = self.caller.require("incident.handle")
        command = load(RecordSubjectCommunicationSchema(), payload)
        with self.db.unit_of_work() as uow:
            return SubjectCommunicationSchema().dump(
                notification.record_subject_communication(uow, principal, str(incident_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def authority_notification_draft(self, incident_id):
        principal = self.caller.require("incident.overview")
        with self.db.unit_of_work() as uow:
            agency = handlers.get_incident(uow, principal, str(incident_id)).agency
        contact = self.dpo_contact(agency)
        with self.db.unit_of_work() as uow:
            return AuthorityNotificationDraftSchema().dump(
                notification.authority_notification_draft(uow, principal, str(incident_id), contact))

    def dpo_contact(self, agency: str) -> dict | None:
        """The DPO from reporting's directory; the draft says what is missing when it cannot be had."""
        try:
            return self.directory.get_contact({"agency": agency, "role": "ombud"})
        except (NotFound, ServiceUnavailable) as missing:
            log.warning("no DPO contact for %s: %s", agency, missing)
            return None

    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    @event_handler("notifications", "notification_task_acknowledged", requeue_on_error=True)
    def on_notification_task_acknowledged(self, body):
        self.db.handle_once("incidents.on_notification_task_acknowledged", body, NOTIFICATION_TASK_ACKNOWLEDGED,
                            casework.record_recipient_comment)

    @every("deadline_check_seconds")
    def flag_missed_deadlines(self):
        with self.db.unit_of_work() as uow:
            flagged = notification.flag_missed_deadlines(uow, utcnow())
        if flagged:
            log.warning("72-hour deadline passed without notification: %s", ", ".join(flagged))

    @event_handler("notifications", "measure_progress_reported", requeue_on_error=True)
    def on_measure_progress_reported(self, body):
        self.db.handle_once("incidents.on_measure_progress_reported", body, MEASURE_PROGRESS_REPORTED,
                            owners.record_progress)
