"""nameko entrypoints of the reporting service: parse, call a handler, dump."""
import hashlib
import hmac
import logging

from nameko.extensions import DependencyProvider

from services.reporting import (advice, annual_plan, attachments, checkpoint_keepers, checkpoint_reading,
                                documents, fact_recorders, followup, handlers, reports, requirements, routing_rules,
                                sending)
from services.reporting.annual_plan_schemas import (CopyPlanSchema, CopyResultSchema, CreatePlanActivitySchema,
                                                    EvidenceInputSchema, PlanActivitySchema, PlanQuerySchema,
                                                    PlanSchema, UpdatePlanActivitySchema)
from services.reporting.delivery import STATES as DELIVERY_STATES
from services.reporting.governance_schemas import (AdvicePageSchema, AdviceQuerySchema, AdviceSchema,
                                                   AdviceSummaryQuerySchema, AdviceSummarySchema,
                                                   AttestationInputSchema, AttestationListSchema, AttestationSchema,
                                                   CreateAdviceSchema, CreateGoverningDocumentSchema,
                                                   CreateRequirementSchema, DocumentReviewInputSchema,
                                                   GoverningDocumentPageSchema, GoverningDocumentQuerySchema,
                                                   GoverningDocumentSchema, OverlayInputSchema,
                                                   RequirementListSchema, RequirementQuerySchema, RequirementSchema,
                                                   UpdateAdviceSchema, UpdateGoverningDocumentSchema)
from services.reporting.models import Delivery
from services.reporting.schemas import (AcknowledgedSchema, AckTokenSchema, AgencyComparisonSchema,
                                        ApproveReportSchema, CompleteTaskSchema, ContactOutSchema, ContactQuerySchema,
                                        CreateReportSchema, DirectorySchema, MeasureProgressViewSchema,
                                        NotificationTaskPageSchema, NotificationTaskSchema, ProgressTokenSchema,
                                        ReportProgressSchema,
                                        ReportInputsSchema, ReportListSchema, ReportPeriodSchema, ReportQuerySchema,
                                        ReportSchema, RoutingRuleInputSchema, RoutingRuleListSchema,
                                        RoutingRuleQuerySchema, RoutingRuleSchema, TaskListQuerySchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import today, utcnow
from shared.config import settings
from shared.contracts.incidents import (AUTHORITY_DEADLINE_MISSED, AUTHORITY_NOTIFICATION_SUBMITTED, BREACH_ASSESSED,
                                       BREACH_DECIDED, INCIDENT_ASSESSED, INCIDENT_ESCALATED, INCIDENT_REPORTED)
from shared.contracts.incidents import MEASURE_ASSIGNED as INCIDENT_MEASURE_ASSIGNED
from shared.contracts.incidents import MEASURE_CLOSED as INCIDENT_MEASURE_CLOSED
from shared.contracts.privacy_register import PRIOR_CONSULTATION_OUTCOME, PRIOR_CONSULTATION_REQUIRED
from shared.contracts.reporting import DOCUMENT_REVIEW_OVERDUE
from shared.contracts.risk import (MEASURE_ASSIGNED, MEASURE_CLOSED, MEASURE_OVERDUE, RISK_ACCEPTED, TREATMENT_DECIDED, UNACCEPTABLE_RISK_IDENTIFIED,
                                   UNACCEPTABLE_RISK_RESOLVED)
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


class ReportSettingsProvider(DependencyProvider):
    """What reports need of the configuration: the deployed services and the key that seals reports."""

    def setup(self):
        cfg = settings(self.container.config)
        self.value = reports.ReportSettings(
            deployed=set(cfg.services), seal_key=hmac.new(cfg.jwt_secret.encode(), b"vern report seal",
                                                          hashlib.sha256).digest())

    def get_dependency(self, worker_ctx):
        return self.value


# the subscriptions to folded events and to audit checkpoints, one handler per event type, are in the mixins
class ReportingService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc, fact_recorders.FactRecorders,
                       checkpoint_keepers.AuditCheckpointKeepers, checkpoint_reading.AuditCheckpointReading,
                       attachment_rpc.AttachmentRpc):
    name = "reporting"
    attachment_use_cases = attachments.USE_CASES  # of governing documents
    attachment_read_action = "governance.read"
    attachment_write_action = "governance.edit"

    db = Database()
    caller = CallerProvider()
    files = AttachmentStoreProvider()
    metrics = Metrics(deliveries=Delivery.status, delivery_states=DELIVERY_STATES)
    sender = SenderSettingsProvider()
    report_settings = ReportSettingsProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    @event_handler("incidents", "incident_escalated", requeue_on_error=True)
    def on_incident_escalated(self, body):
        self.db.handle_once("reporting.on_incident_escalated", body, INCIDENT_ESCALATED,
                            handlers.create_tasks_for_escalated_incident)

    # The 72-hour duty follows the breach, not the severity: triage until it is assessed, Datatilsynet's
    # task while the recommendation or the decision says notify, and people told when the deadline passes.
    @event_handler("incidents", "incident_reported", requeue_on_error=True)
    def on_incident_reported(self, body):
        self.db.handle_once("reporting.on_incident_reported", body, INCIDENT_REPORTED,
                            handlers.create_tasks_for_reported_incident)

    @event_handler("incidents", "incident_assessed", requeue_on_error=True)
    def on_incident_assessed(self, body):
        self.db.handle_once("reporting.on_incident_assessed", body, INCIDENT_ASSESSED,
                            handlers.create_tasks_for_assessed_incident)

    @event_handler("incidents", "breach_assessed", requeue_on_error=True)
    def on_breach_assessed(self, body):
        self.db.handle_once("reporting.on_breach_assessed", body, BREACH_ASSESSED, handlers.follow_breach_assessment)

    @event_handler("incidents", "breach_decided", requeue_on_error=True)
    def on_breach_decided(self, body):
        self.db.handle_once("reporting.on_breach_decided", body, BREACH_DECIDED, handlers.follow_breach_decision)

    @event_handler("incidents", "authority_deadline_missed", requeue_on_error=True)
    def on_authority_deadline_missed(self, body):
        self.db.handle_once("reporting.on_authority_deadline_missed", body, AUTHORITY_DEADLINE_MISSED,
                            handlers.follow_missed_deadline)

    @event_handler("reporting", "document_review_overdue", requeue_on_error=True)
    def on_document_review_overdue(self, body):
        self.db.handle_once("reporting.on_document_review_overdue", body, DOCUMENT_REVIEW_OVERDUE,
                            handlers.create_tasks_for_overdue_review)

    @event_handler("risk", "measure_overdue", requeue_on_error=True)
    def on_measure_overdue(self, body):
        self.db.handle_once("reporting.on_measure_overdue", body, MEASURE_OVERDUE,
                            handlers.create_tasks_for_overdue_measure)

    @event_handler("risk", "measure_assigned", requeue_on_error=True)
    def on_measure_assigned(self, body):
        self.db.handle_once("reporting.on_measure_assigned", body, MEASURE_ASSIGNED,
                            handlers.follow_measure_assignment)

    @event_handler("risk", "measure_closed", requeue_on_error=True)
    def on_measure_closed(self, body):
        self.db.handle_once("reporting.on_measure_closed", body, MEASURE_CLOSED, handlers.close_measure_tasks)

    @event_handler("incidents", "measure_assigned", requeue_on_error=True)
    def on_incident_measure_assigned(self, body):
        self.db.handle_once("reporting.on_incident_measure_assigned", body, INCIDENT_MEASURE_ASSIGNED,
                            handlers.follow_incident_measure_assignment)

    @event_handler("incidents", "measure_closed", requeue_on_error=True)
    def on_incident_measure_closed(self, body):
        self.db.handle_once("reporting.on_incident_measure_closed", body, INCIDENT_MEASURE_CLOSED,
                            handlers.close_incident_measure_tasks)

    @event_handler("training", "training_overdue", requeue_on_error=True)
    def on_training_overdue(self, body):
        self.db.handle_once("reporting.on_training_overdue", body, TRAINING_OVERDUE,
                            handlers.create_tasks_for_overdue_training)

    @event_handler("incidents", "authority_notification_submitted", requeue_on_error=True)
    def on_authority_notification_submitted(self, body):
        self.db.handle_once("reporting.on_authority_notification_submitted", body, AUTHORITY_NOTIFICATION_SUBMITTED,
                            handlers.complete_authority_tasks)

    @event_handler("risk", "unacceptable_risk_identified", requeue_on_error=True)
    def on_unacceptable_risk_identified(self, body):
        self.db.handle_once("reporting.on_unacceptable_risk_identified", body, UNACCEPTABLE_RISK_IDENTIFIED,
                            handlers.create_tasks_for_unacceptable_risk)

    # The agency head's decision, or a risk that no longer needs one, closes the decision tasks.
    @event_handler("risk", "risk_accepted", requeue_on_error=True)
    def on_risk_accepted(self, body):
        self.db.handle_once("reporting.on_risk_accepted", body, RISK_ACCEPTED, handlers.close_decision_on_acceptance)

    @event_handler("risk", "treatment_decided", requeue_on_error=True)
    def on_treatment_decided(self, body):
        self.db.handle_once("reporting.on_treatment_decided", body, TREATMENT_DECIDED,
                            handlers.close_decision_on_treatment)

    @event_handler("risk", "unacceptable_risk_resolved", requeue_on_error=True)
    def on_unacceptable_risk_resolved(self, body):
        self.db.handle_once("reporting.on_unacceptable_risk_resolved", body, UNACCEPTABLE_RISK_RESOLVED,
                            handlers.close_decision_on_resolution)

    @event_handler("privacy_register", "prior_consultation_required", requeue_on_error=True)
    def on_prior_consultation_required(self, body):
        self.db.handle_once("reporting.on_prior_consultation_required", body, PRIOR_CONSULTATION_REQUIRED,
                            handlers.create_tasks_for_prior_consultation)

    # Datatilsynet's answer closes the consultation's tasks, so the reminders stop.
    @event_handler("privacy_register", "prior_consultation_outcome", requeue_on_error=True)
    def on_prior_consultation_outcome(self, body):
        self.db.handle_once("reporting.on_prior_consultation_outcome", body, PRIOR_CONSULTATION_OUTCOME,
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

    # --- reports for leadership: facts from every service's events, drafts, approval ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_report(self, payload):
        principal = self.caller.require("report.write")
        command = load(CreateReportSchema(), payload)
        with self.db.unit_of_work() as uow:
            return self._report_view(uow, reports.create_report(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def write_report_inputs(self, report_id, payload):
        principal = self.caller.require("report.write")
        inputs = load(ReportInputsSchema(), payload)["inputs"]
        with self.db.unit_of_work() as uow:
            return self._report_view(uow, reports.write_inputs(uow, principal, str(report_id), inputs))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def approve_report(self, report_id, payload=None):
        principal = self.caller.require("report.approve")
        load(ApproveReportSchema(), payload or {})  # read_confirmed: true, or a field-named 400 and nothing changed
        with self.db.unit_of_work() as uow:
            report = reports.approve(uow, principal, str(report_id), self.report_settings.deployed,
                                     self.report_settings.seal_key)
            return self._report_view(uow, report)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_report(self, report_id):
        principal = self.caller.require("report.read")
        with self.db.unit_of_work() as uow:
            return self._report_view(uow, reports.get_report(uow, principal, str(report_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_reports(self, query=None):
        principal = self.caller.require("report.read")
        filters = load(ReportQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return ReportListSchema().dump({"items": reports.list_reports(
                uow, principal, self.report_settings.seal_key, **filters)})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def compare_agencies(self, query=None):
        principal = self.caller.require("report.read")
        period = load(ReportPeriodSchema(), query or {})
        with self.db.unit_of_work() as uow:
            return AgencyComparisonSchema().dump(
                reports.compare_agencies(uow, principal, period["period_start"], period["period_end"]))

    def _report_view(self, uow, report):
        return ReportSchema().dump(reports.view(uow, report, self.report_settings.deployed,
                                                self.report_settings.seal_key))


    # --- the annual cycle: governing documents and routines ---

    @every("document_followup_seconds")
    def warn_of_overdue_reviews(self):
        with self.db.unit_of_work() as uow:
            announced = documents.announce_overdue_reviews(uow, today(), utcnow())
        if announced:
            log.info("governing documents overdue for review: %s", announced)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_document(self, payload):
        principal = self.caller.require("governance.edit")
        command = load(CreateGoverningDocumentSchema(), payload)
        with self.db.unit_of_work() as uow:
            document = documents.create_document(uow, principal, command)
            return GoverningDocumentSchema().dump(documents.as_view(uow, document))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_document(self, document_id, payload):
        principal = self.caller.require("governance.edit")
        command = load(UpdateGoverningDocumentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return GoverningDocumentSchema().dump(documents.as_view(
                uow, documents.update_document(uow, principal, int(document_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_document(self, document_id):
        principal = self.caller.require("governance.read")
        with self.db.unit_of_work() as uow:
            return GoverningDocumentSchema().dump(documents.as_view(
                uow, documents.get_document(uow, principal, int(document_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_documents(self, query=None):
        principal = self.caller.require("governance.read")
        filters = load(GoverningDocumentQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            found = documents.list_documents(uow, principal, **filters)
            found["items"] = [documents.as_view(uow, document) for document in found["items"]]
            return GoverningDocumentPageSchema().dump(found)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_review(self, document_id, payload):
        principal = self.caller.require("governance.edit")
        command = load(DocumentReviewInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return GoverningDocumentSchema().dump(documents.as_view(
                uow, documents.record_review(uow, principal, int(document_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def attest(self, document_id, payload):
        principal = self.caller.require("governance.attest")
        command = load(AttestationInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AttestationSchema().dump(documents.attest(uow, principal, int(document_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_attestations(self, document_id):
        principal = self.caller.require("governance.read")
        with self.db.unit_of_work() as uow:
            return AttestationListSchema().dump(
                {"items": documents.attestations_of(uow, principal, int(document_id))})

    # --- the advice log ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_advice(self, payload):
        principal = self.caller.require("governance.edit")
        command = load(CreateAdviceSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AdviceSchema().dump(advice.as_view(advice.create_advice(uow, principal, command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_advice(self, advice_id, payload):
        principal = self.caller.require("governance.edit")
        command = load(UpdateAdviceSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AdviceSchema().dump(advice.as_view(advice.update_advice(uow, principal, int(advice_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_advice(self, advice_id):
        principal = self.caller.require("governance.read")
        with self.db.unit_of_work() as uow:
            return AdviceSchema().dump(advice.as_view(advice.get_advice(uow, principal, int(advice_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_advice(self, query=None):
        principal = self.caller.require("governance.read")
        filters = load(AdviceQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            found = advice.list_advice(uow, principal, **filters)
            found["items"] = [advice.as_view(entry) for entry in found["items"]]
            return AdvicePageSchema().dump(found)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def advice_summary(self, query):
        principal = self.caller.require("governance.read")
        year = load(AdviceSummaryQuerySchema(), query)["year"]
        with self.db.unit_of_work() as uow:
            return AdviceSummarySchema().dump(advice.summary(uow, principal, year))

    # --- the requirements overview ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_requirements(self, query=None):
        principal = self.caller.require("governance.read")
        filters = load(RequirementQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return RequirementListSchema().dump(requirements.overview(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def set_requirement_overlay(self, code, payload):
        principal = self.caller.require("governance.edit")
        command = load(OverlayInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RequirementSchema().dump(requirements.set_overlay(uow, principal, str(code), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_requirement(self, payload):
        principal = self.caller.require("governance.edit")
        command = load(CreateRequirementSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RequirementSchema().dump(requirements.add_requirement(uow, principal, command))

    # --- the annual plan (årsplan / årshjul) ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_plan(self, query):
        principal = self.caller.require("plan.read")
        filters = load(PlanQuerySchema(), query)
        with self.db.unit_of_work() as uow:
            return PlanSchema().dump(annual_plan.list_plan(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_plan_activity(self, payload):
        principal = self.caller.require("plan.edit")
        command = load(CreatePlanActivitySchema(), payload)
        with self.db.unit_of_work() as uow:
            return PlanActivitySchema().dump(annual_plan.as_view(annual_plan.create_activity(uow, principal, command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_plan_activity(self, activity_id):
        principal = self.caller.require("plan.read")
        with self.db.unit_of_work() as uow:
            return PlanActivitySchema().dump(annual_plan.as_view(
                annual_plan.get_activity(uow, principal, int(activity_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_plan_activity(self, activity_id, payload):
        principal = self.caller.require("plan.edit")
        command = load(UpdatePlanActivitySchema(), payload)
        with self.db.unit_of_work() as uow:
            return PlanActivitySchema().dump(annual_plan.as_view(
                annual_plan.update_activity(uow, principal, int(activity_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_plan_evidence(self, activity_id, payload):
        principal = self.caller.require("plan.edit")
        command = load(EvidenceInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return PlanActivitySchema().dump(annual_plan.as_view(
                annual_plan.add_evidence(uow, principal, int(activity_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def copy_plan(self, payload):
        principal = self.caller.require("plan.edit")
        command = load(CopyPlanSchema(), payload)
        with self.db.unit_of_work() as uow:
            return CopyResultSchema().dump(annual_plan.copy_year(uow, principal, **command))

