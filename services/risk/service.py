"""nameko entrypoints of the risk service: parse, call a handler, dump."""
import logging

from services.risk import attachments, assessments, criteria, decisions, followup, intake, owners, register, risks
from services.risk.schemas import (AddRiskMeasureSchema, AddRiskSchema, AdoptDraftSchema, ApproveRiskAssessmentSchema,
                                   CreateRiskAssessmentSchema, DismissDraftSchema, ExportQuerySchema,
                                   HeatMapQuerySchema, HeatMapSchema, MatrixInputSchema, MatrixListSchema,
                                   MatrixSchema, MeasureIdSchema, RegisterQuerySchema, RiskAssessmentPageSchema,
                                   RiskAssessmentQuerySchema, RiskAssessmentSchema, RiskAssessmentTransitionSchema,
                                   RiskDecisionInputSchema, RiskMeasurePageSchema, RiskMeasureQuerySchema,
                                   RiskMeasureSchema, RiskPageSchema, RiskSchema, TableSchema,
                                   UpdateRiskAssessmentSchema, UpdateRiskMeasureSchema, UpdateRiskSchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import today, utcnow
from shared.contracts.incidents import INCIDENT_CLOSED
from shared.contracts.notifications import MEASURE_PROGRESS_REPORTED
from shared.contracts.training import EXERCISE_COMPLETED
from shared.event_handler import event_handler
from shared.errors import EXPECTED_ERRORS
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc_server import rpc
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

log = logging.getLogger(__name__)


class RiskService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc, attachment_rpc.AttachmentRpc):
    name = "risk"
    attachment_use_cases = attachments.USE_CASES
    attachment_read_action = "risk.read"
    attachment_write_action = "risk.edit"

    db = Database()
    caller = CallerProvider()
    metrics = Metrics()
    files = AttachmentStoreProvider()

    @rpc
    def health(self):
        return healthy(self.name)

    # --- the risk matrix and acceptance criteria ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_matrix(self):
        principal = self.caller.require("risk.read")
        with self.db.unit_of_work() as uow:
            return MatrixSchema().dump(criteria.current(uow.session, principal.agency))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_matrix_versions(self):
        principal = self.caller.require("risk.read")
        with self.db.unit_of_work() as uow:
            return MatrixListSchema().dump({"items": criteria.versions(uow.session, principal.agency)})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def replace_matrix(self, payload):
        principal = self.caller.require("risk.criteria")
        command = load(MatrixInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return MatrixSchema().dump(criteria.replace(uow, principal, command))

    # --- assessments ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_assessment(self, payload):
        principal = self.caller.require("risk.edit")
        command = load(CreateRiskAssessmentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskAssessmentSchema().dump(assessments.create_assessment(uow, principal, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_assessments(self, query=None):
        principal = self.caller.require("risk.read")
        filters = load(RiskAssessmentQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return RiskAssessmentPageSchema().dump(assessments.list_assessments(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_assessment(self, assessment_id):
        principal = self.caller.require("risk.read")
        with self.db.unit_of_work() as uow:
            return RiskAssessmentSchema().dump(assessments.get_assessment(uow, principal, str(assessment_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_assessment(self, assessment_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(UpdateRiskAssessmentSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskAssessmentSchema().dump(
                assessments.update_assessment(uow, principal, str(assessment_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def change_assessment_status(self, assessment_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(RiskAssessmentTransitionSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskAssessmentSchema().dump(assessments.change_status(uow, principal, str(assessment_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def approve_assessment(self, assessment_id, payload=None):
        principal = self.caller.require("risk.approve")
        command = load(ApproveRiskAssessmentSchema(), payload or {})
        with self.db.unit_of_work() as uow:
            return RiskAssessmentSchema().dump(
                assessments.approve(uow, principal, str(assessment_id), command["note"]))

    # --- risks, measures, decisions ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_risk(self, assessment_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(AddRiskSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(risks.add_risk(uow, principal, str(assessment_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_risk(self, risk_id):
        principal = self.caller.require("risk.read")
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(risks.get_risk(uow, principal, str(risk_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_risk(self, risk_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(UpdateRiskSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(risks.update_risk(uow, principal, str(risk_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def adopt_draft(self, risk_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(AdoptDraftSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(risks.adopt_draft(uow, principal, str(risk_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def dismiss_draft(self, risk_id, payload):
        principal = self.caller.require("risk.edit")
        reason = load(DismissDraftSchema(), payload)["reason"]
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(risks.dismiss_draft(uow, principal, str(risk_id), reason))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def add_measure(self, risk_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(AddRiskMeasureSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskMeasureSchema().dump(risks.add_measure(uow, principal, str(risk_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_measure(self, risk_id, measure_id, payload):
        principal = self.caller.require("risk.edit")
        command = load(UpdateRiskMeasureSchema(), payload)
        measure = load(MeasureIdSchema(), {"measure_id": measure_id})["measure_id"]
        with self.db.unit_of_work() as uow:
            return RiskMeasureSchema().dump(risks.update_measure(uow, principal, str(risk_id), measure, command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def decide(self, risk_id, payload):
        principal = self.caller.require("risk.decide")
        command = load(RiskDecisionInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return RiskSchema().dump(decisions.decide(uow, principal, str(risk_id), command))

    # --- follow-up across assessments ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_risks(self, query=None):
        principal = self.caller.require("risk.read")
        filters = load(RegisterQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return RiskPageSchema().dump(register.list_register(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_measures(self, query=None):
        principal = self.caller.require("risk.read")
        filters = load(RiskMeasureQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return RiskMeasurePageSchema().dump(register.list_measures(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def heat_map(self, query=None):
        principal = self.caller.require("risk.read")
        filters = load(HeatMapQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return HeatMapSchema().dump(register.heat_map(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def export_register(self, query=None):
        principal = self.caller.require("risk.read")
        filters = load(ExportQuerySchema(), query or {})
        filters.pop("format")
        language = filters.pop("language")
        with self.db.unit_of_work() as uow:
            return TableSchema().dump(register.export_table(uow, principal, language, **filters))

    @every("risk_followup_seconds")
    def follow_up(self):
        with self.db.unit_of_work() as uow:
            late = followup.announce_overdue_measures(uow, today(), utcnow())
        with self.db.unit_of_work() as uow:
            expired = decisions.expire_acceptances(uow, today(), utcnow())
        if late or expired:
            log.info("measures overdue: %s; acceptances expired for risks: %s", late, expired)

    # --- what other services announce (requeue: nameko would otherwise drop a failed event) ---

    @event_handler("incidents", "incident_closed", requeue_on_error=True)
    def on_incident_closed(self, body):
        self.db.handle_once("risk.on_incident_closed", body, INCIDENT_CLOSED, intake.flag_risks_of_closed_incident)

    @event_handler("training", "exercise_completed", requeue_on_error=True)
    def on_exercise_completed(self, body):
        self.db.handle_once("risk.on_exercise_completed", body, EXERCISE_COMPLETED,
                            intake.draft_risks_from_exercise)

    @event_handler("notifications", "measure_progress_reported", requeue_on_error=True)
    def on_measure_progress_reported(self, body):
        self.db.handle_once("risk.on_measure_progress_reported", body, MEASURE_PROGRESS_REPORTED,
                            owners.record_progress)
