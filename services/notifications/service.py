"""nameko entrypoints of the notifications service: parse, call a handler, dump."""
import logging

from nameko.extensions import DependencyProvider

from services.notifications import followup, handlers, routing_rules, sending
from services.notifications.delivery import STATES as DELIVERY_STATES
from services.notifications.models import Delivery
from services.notifications.schemas import (AcknowledgedSchema, AckTokenSchema, CompleteTaskSchema, ContactOutSchema,
                                            ContactQuerySchema, DirectorySchema, MeasureProgressViewSchema,
                                            NotificationTaskPageSchema, NotificationTaskSchema, ProgressTokenSchema,
                                            ReportProgressSchema, RoutingRuleInputSchema, RoutingRuleListSchema,
                                            RoutingRuleQuerySchema, RoutingRuleSchema, TaskListQuerySchema)
from shared.auth import CallerProvider
from shared.clock import utcnow
from shared.config import settings
from shared.contracts.incidents import (AUTHORITY_DEADLINE_MISSED, AUTHORITY_NOTIFICATION_SUBMITTED, BREACH_ASSESSED,
                                       BREACH_DECIDED, INCIDENT_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED)
from shared.contracts.incidents import MEASURE_ASSIGNED as INCIDENT_MEASURE_ASSIGNED
from shared.contracts.incidents import MEASURE_CLOSED as INCIDENT_MEASURE_CLOSED
from shared.contracts.privacy_register import PRIOR_CONSULTATION_OUTCOME, PRIOR_CONSULTATION_REQUIRED
from shared.contracts.reporting import DOCUMENT_REVIEW_OVERDUE
from shared.contracts.risk import (MEASURE_ASSIGNED, MEASURE_CLOSED, MEASURE_OVERDUE, RISK_ACCEPTED, TREATMENT_DECIDED,
                                   UNACCEPTABLE_RISK_IDENTIFIED, UNACCEPTABLE_RISK_RESOLVED)
from shared.contracts.training import TRAINING_OVERDUE
from shared.errors import EXPECTED_ERRORS
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.event_handler import event_handler
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc_server import rpc
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

log = logging.getLogger(__name__)


class SenderSettingsProvider(DependencyProvider):
    def setup(self):
        self.value = sending.SenderSettings.of(settings(self.container.config))

    def get_dependency(self, worker_ctx):
        return self.value


# The event handlers' method names are part of their queue names (evt-<source>-<event>--notifications.<method>):
# they are the names reporting used, so an operator reading both finds the same handler.
class NotificationsService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc):
    name = "notifications"

    db = Database()
    caller = CallerProvider()
    metrics = Metrics(deliveries=Delivery.status, delivery_states=DELIVERY_STATES)
    sender = SenderSettingsProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    @event_handler("incidents", "incident_escalated", requeue_on_error=True)
    def on_incident_escalated(self, body):
        self.db.handle_once("notifications.on_incident_escalated", body, INCIDENT_ESCALATED,
                            handlers.create_tasks_for_escalated_incident)

    # The 72-hour duty follows the breach, not the severity: triage until it is assessed, Datatilsynet's
    # task while the recommendation or the decision says notify, and people told when the deadline passes.
    @event_handler("incidents", "incident_reported", requeue_on_error=True)
    def on_incident_reported(self, body):
        self.db.handle_once("notifications.on_incident_reported", body, INCIDENT_REPORTED,
                            handlers.create_tasks_for_reported_incident)

    @event_handler("incidents", "incident_assessed", requeue_on_error=True)
    def on_incident_assessed(self, body):
        self.db.handle_once("notifications.on_incident_assessed", body, INCIDENT_ASSESSED,
                            handlers.create_tasks_for_assessed_incident)

    @event_handler("incidents", "breach_assessed", requeue_on_error=True)
    def on_breach_assessed(self, body):
        self.db.handle_once("notifications.on_breach_assessed", body, BREACH_ASSESSED, handlers.follow_breach_assessment)

    @event_handler("incidents", "breach_decided", requeue_on_error=True)
    def on_breach_decided(self, body):
        self.db.handle_once("notifications.on_breach_decided", body, BREACH_DECIDED, handlers.follow_breach_decision)

    @event_handler("incidents", "authority_deadline_missed", requeue_on_error=True)
    def on_authority_deadline_missed(self, body):
        self.db.handle_once("notifications.on_authority_deadline_missed", body, AUTHORITY_DEADLINE_MISSED,
                            handlers.follow_missed_deadline)

    @event_handler("reporting", "document_review_overdue", requeue_on_error=True)
    def on_document_review_overdue(self, body):
        self.db.handle_once("notifications.on_document_review_overdue", body, DOCUMENT_REVIEW_OVERDUE,
                            handlers.create_tasks_for_overdue_review)

    @event_handler("risk", "measure_overdue", requeue_on_error=True)
    def on_measure_overdue(self, body):
        self.db.handle_once("notifications.on_measure_overdue", body, MEASURE_OVERDUE,
                            handlers.create_tasks_for_overdue_measure)

    @event_handler("risk", "measure_assigned", requeue_on_error=True)
    def on_measure_assigned(self, body):
        self.db.handle_once("notifications.on_measure_assigned", body, MEASURE_ASSIGNED,
                            handlers.follow_measure_assignment)

    @event_handler("risk", "measure_closed", requeue_on_error=True)
    def on_measure_closed(self, body):
        self.db.handle_once("notifications.on_measure_closed", body, MEASURE_CLOSED, handlers.close_measure_tasks)

    @event_handler("incidents", "measure_assigned", requeue_on_error=True)
    def on_incident_measure_assigned(self, body):
        self.db.handle_once("notifications.on_incident_measure_assigned", body, INCIDENT_MEASURE_ASSIGNED,
                            handlers.follow_incident_measure_assignment)

    @event_handler("incidents", "measure_closed", requeue_on_error=True)
    def on_incident_measure_closed(self, body):
        self.db.handle_once("notifications.on_incident_measure_closed", body, INCIDENT_MEASURE_CLOSED,
                            handlers.close_incident_measure_tasks)

    @event_handler("training", "training_overdue", requeue_on_error=True)
    def on_training_overdue(self, body):
        self.db.handle_once("notifications.on_training_overdue", body, TRAINING_OVERDUE,
                            handlers.create_tasks_for_overdue_training)

    @event_handler("incidents", "authority_notification_submitted", requeue_on_error=True)
    def on_authority_notification_submitted(self, body):
        self.db.handle_once("notifications.on_authority_notification_submitted", body, AUTHORITY_NOTIFICATION_SUBMITTED,
                            handlers.complete_authority_tasks)

    @event_handler("risk", "unacceptable_risk_identified", requeue_on_error=True)
    def on_unacceptable_risk_identified(self, body):
        self.db.handle_once("notifications.on_unacceptable_risk_identified", body, UNACCEPTABLE_RISK_IDENTIFIED,
                            handlers.create_tasks_for_unacceptable_risk)

    # The agency head's decision, or a risk that no longer needs one, closes the decision tasks.
    @event_handler("risk", "risk_accepted", requeue_on_error=True)
    def on_risk_accepted(self, body):
        self.db.handle_once("notifications.on_risk_accepted", body, RISK_ACCEPTED, handlers.close_decision_on_acceptance)

    @event_handler("risk", "treatment_decided", requeue_on_error=True)
    def on_treatment_decided(self, body):
        self.db.handle_once("notifications.on_treatment_decided", body, TREATMENT_DECIDED,
                            handlers.close_decision_on_treatment)

    @event_handler("risk", "unacceptable_risk_resolved", requeue_on_error=True)
    def on_unacceptable_risk_resolved(self, body):
        self.db.handle_once("notifications.on_unacceptable_risk_resolved", body, UNACCEPTABLE_RISK_RESOLVED,
                            handlers.close_decision_on_resolution)

    @event_handler("privacy_register", "prior_consultation_required", requeue_on_error=True)
    def on_prior_consultation_required(self, body):
        self.db.handle_once("notifications.on_prior_consultation_required", body, PRIOR_CONSULTATION_REQUIRED,
                            handlers.create_tasks_for_prior_consultation)

    # Datatilsynet's answer closes the consultation's tasks, so the reminders stop.
    @event_handler("privacy_register", "prior_consultation_outcome", requeue_on_error=True)
    def on_prior_consultation_outcome(self, body):
        self.db.handle_once("notifications.on_prior_consultation_outcome", body, PRIOR_CONSULTATION_OUTCOME,
                            handlers.close_prior_consultation)

    @every("delivery_poll_seconds")
    def send_due_messages(self):
        """Claim due messages, send them in parallel outside any transaction, record each outcome."""
        with self.db.unit_of_work() as uow:
            followup.send_due_reminders(uow, utcnow())
        with self.db.unit_of_work() as uow:
            followup.escalate_overdue_tasks(uow, utcnow())
        sending.deliver_due(self.db.unit_of_work, self.sender)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_tasks(self, query=None):
        principal = self.caller.require("task.read")
        filters = load(TaskListQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return NotificationTaskPageSchema().dump(handlers.list_tasks(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def complete_task(self, task_id, payload=None):
        principal = self.caller.require("task.complete")
        command = load(CompleteTaskSchema(), payload or {})
        with self.db.unit_of_work() as uow:
            return NotificationTaskSchema().dump(handlers.complete_task(uow, principal, str(task_id), command["note"]))

    # No caller token: the link's secret is the credential, and it acknowledges only its own task.
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def acknowledge(self, payload):
        answer = load(AckTokenSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AcknowledgedSchema().dump(handlers.acknowledge(uow, answer["token"], answer["comment"]))

    # No caller token either: the signed link names its own task, and reports only while the task is open.
    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def measure_progress(self, payload):
        token = load(ProgressTokenSchema(), payload)["token"]
        with self.db.unit_of_work() as uow:
            return MeasureProgressViewSchema().dump(
                handlers.measure_progress_view(uow, self.sender.ack_secret, token))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def report_measure_progress(self, payload):
        command = load(ReportProgressSchema(), payload)
        with self.db.unit_of_work() as uow:
            return MeasureProgressViewSchema().dump(handlers.report_measure_progress(
                uow, self.sender.ack_secret, command["token"], command["progress"], command["comment"]))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_routing_rules(self, query=None):
        principal = self.caller.require("routing.read")
        filters = load(RoutingRuleQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return RoutingRuleListSchema().dump({"items": routing_rules.list_rules(uow, principal, **filters)})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_routing_rule(self, payload):
        principal = self.caller.require("routing.manage")
        command = load(RoutingRuleInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RoutingRuleSchema().dump(routing_rules.create_rule(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def replace_routing_rule(self, rule_id, payload):
        principal = self.caller.require("routing.manage")
        command = load(RoutingRuleInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RoutingRuleSchema().dump(routing_rules.replace_rule(uow, principal, int(rule_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def retire_routing_rule(self, rule_id):
        principal = self.caller.require("routing.manage")
        with self.db.unit_of_work() as uow:
            return RoutingRuleSchema().dump(routing_rules.retire_rule(uow, principal, int(rule_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def load_directory(self, payload):
        self.caller.require("directory.load")
        directory = load(DirectorySchema(), payload)
        with self.db.unit_of_work() as uow:
            return {"agencies": handlers.load_directory(uow, directory)}

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_contact(self, query):
        principal = self.caller.require("directory.read")
        wanted = load(ContactQuerySchema(), query)
        with self.db.unit_of_work() as uow:
            return ContactOutSchema().dump(handlers.find_contact(uow, principal, **wanted))
