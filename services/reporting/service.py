"""nameko entrypoints of the reporting service: parse, call a handler, dump."""
import hashlib
import hmac
import logging

from nameko.extensions import DependencyProvider

from services.reporting import (advice, agencies, annual_plan, attachments, checkpoint_keepers, checkpoint_reading,
                                documents, fact_recorders, reports, requirements)
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
from services.reporting.schemas import (AgencyComparisonSchema, ApproveReportSchema, CreateReportSchema,
                                        ReportInputsSchema, ReportListSchema, ReportPeriodSchema, ReportQuerySchema,
                                        ReportSchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import today, utcnow
from shared.config import settings
from shared.contracts.notifications import AGENCY_LISTED
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
    metrics = Metrics()
    report_settings = ReportSettingsProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    # The directory is the notifications service's: reporting keeps each agency's name and sectors.
    @event_handler("notifications", "agency_listed", requeue_on_error=True)
    def on_agency_listed(self, body):
        self.db.handle_once("reporting.on_agency_listed", body, AGENCY_LISTED, agencies.record_listed_agency)

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

