"""nameko entrypoints of the privacy register: parse, call a handler, dump."""
import logging

from services.privacy_register import attachments, agreements, coverage, domain, dpias, export, register, screenings
from services.privacy_register.schemas import (AgreementListSchema, AgreementSchema, CreateAgreementSchema,
                                               CreateDpiaSchema, DpiaDecisionSchema, DpiaPageSchema, DpiaQuerySchema,
                                               DpiaSchema, DpiaTransitionSchema, DpoAdviceSchema, HistorySchema,
                                               PriorConsultationOutcomeSchema, PrivacyAssessmentSchema,
                                               ProcessingPageSchema, ProcessingQuerySchema, ProcessingRecordSchema,
                                               ProcessingSchema, RegisterExportQuerySchema, ScreeningInputSchema,
                                               ScreeningSchema, UpdateAgreementSchema, UpdateDpiaSchema,
                                               UpdateProcessingSchema)
from shared.attachments import rpc as attachment_rpc  # the module, as with audit_rpc below
from shared.attachments.provider import AttachmentStoreProvider
from shared.auth import CallerProvider
from shared.clock import today, utcnow
from shared.errors import EXPECTED_ERRORS, Forbidden, NotFound, ServiceUnavailable
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc import TimedRpcProxy
from shared.rpc_server import rpc
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

log = logging.getLogger(__name__)


class PrivacyRegisterService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc, attachment_rpc.AttachmentRpc):
    name = "privacy_register"
    attachment_use_cases = attachments.USE_CASES
    attachment_read_action = "privacy.read"
    attachment_write_action = "privacy.edit"

    db = Database()
    caller = CallerProvider()
    files = AttachmentStoreProvider()
    metrics = Metrics()
    directory = TimedRpcProxy("notifications")  # the agency directory: contacts for art. 30(1)(a), 30(2)(a)

    @rpc
    def health(self):
        return healthy(self.name)

    # --- the record of processing activities ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def register_processing(self, payload):
        principal = self.caller.require("privacy.edit")
        record = load(ProcessingRecordSchema(), payload)
        contacts = self.directory_contacts(principal.agency)
        with self.db.unit_of_work() as uow:
            processing = register.register_processing(uow, principal, record, contacts)
            return ProcessingSchema().dump(register.view(uow.session, processing, contacts))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_processing(self, processing_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(UpdateProcessingSchema(), payload)
        contacts = self.directory_contacts(principal.agency)
        with self.db.unit_of_work() as uow:
            processing = register.update_processing(uow, principal, str(processing_id), command, contacts)
            return ProcessingSchema().dump(register.view(uow.session, processing, contacts))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_processing(self, processing_id):
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            processing = register.get_processing(uow, principal, str(processing_id))
            return ProcessingSchema().dump(register.view(uow.session, processing,
                                                         self.directory_contacts(processing.agency)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_processing(self, query=None):
        principal = self.caller.require("privacy.read")
        filters = load(ProcessingQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return ProcessingPageSchema().dump(register.list_processing(uow, principal, **filters,
                                                                        contacts_of=self.directory_contacts))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def processing_history(self, processing_id):
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            return HistorySchema().dump({"items": register.history(uow, principal, str(processing_id))})

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def export_register(self, query=None):
        """Every processing with every field: a table (CSV, XLSX) or the records themselves (JSON)."""
        principal = self.caller.require("privacy.read")
        filters = load(RegisterExportQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            found = register.list_processing(uow, principal, status=filters.get("status"), role=filters.get("role"),
                                             page=1, page_size=10_000, contacts_of=self.directory_contacts)
            shown = ProcessingSchema(many=True).dump(found["items"])
        return {"items": shown} if filters["format"] == "json" else export.register_table(shown, filters["language"])

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def assess_privacy(self, processing_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(PrivacyAssessmentSchema(), payload)
        with self.db.unit_of_work() as uow:
            processing = register.assess_privacy(uow, principal, str(processing_id), command)
            return ProcessingSchema().dump(register.view(uow.session, processing,
                                                         self.directory_contacts(processing.agency)))

    def directory_contacts(self, agency: str) -> dict:
        """The agency directory's contacts for the record (domain.DIRECTORY_ROLES); those it lacks, or all
        when the directory cannot be had, are left out, and the record says what is missing."""
        contacts, found = {}, {}
        for field, role in domain.DIRECTORY_ROLES.items():
            if role not in found:
                try:
                    contact = self.directory.get_contact({"agency": agency, "role": role})
                    found[role] = ", ".join(part for part in (contact.get("name"), contact.get("address")) if part)
                except (NotFound, Forbidden) as missing:
                    found[role] = None
                    log.info("no %s contact for %s in the directory: %s", role, agency, missing)
                except ServiceUnavailable as unavailable:
                    log.warning("agency directory not available for %s: %s", agency, unavailable)
                    return contacts
            if found[role]:
                contacts[field] = found[role]
        return contacts

    # --- screening ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def screen_processing(self, processing_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(ScreeningInputSchema(), payload)
        with self.db.unit_of_work() as uow:
            return ScreeningSchema().dump(screenings.screen_processing(uow, principal, str(processing_id), command))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_screenings(self, processing_id):
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            return {"items": ScreeningSchema(many=True).dump(
                screenings.screenings_of(uow, principal, str(processing_id)))}

    # --- data processor agreements ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_agreement(self, payload):
        principal = self.caller.require("privacy.edit")
        command = load(CreateAgreementSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AgreementSchema().dump(agreements.as_view(agreements.create_agreement(uow, principal, command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_agreement(self, agreement_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(UpdateAgreementSchema(), payload)
        with self.db.unit_of_work() as uow:
            return AgreementSchema().dump(agreements.as_view(
                agreements.update_agreement(uow, principal, int(agreement_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_agreements(self):
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            return AgreementListSchema().dump(
                {"items": [agreements.as_view(a) for a in agreements.list_agreements(uow, principal)]})

    @every("privacy_followup_seconds")
    def warn_of_expiring_agreements(self):
        with self.db.unit_of_work() as uow:
            announced = agreements.announce_expiring(uow, today(), utcnow())
        if announced:
            log.info("processor agreements expiring: %s", announced)

    @every("privacy_followup_seconds")
    def follow_agreement_coverage(self):
        with self.db.unit_of_work() as uow:
            changed = coverage.announce_all_changes(uow, today(), utcnow())
        if changed:
            log.info("processings whose processors without agreement changed: %s", changed)

    # --- DPIA and prior consultation ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_dpia(self, payload):
        principal = self.caller.require("privacy.edit")
        command = load(CreateDpiaSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.create_dpia(uow, principal, command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_dpia(self, dpia_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(UpdateDpiaSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.update_dpia(uow, principal, str(dpia_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_dpia(self, dpia_id):
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.get_dpia(uow, principal, str(dpia_id))))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def dpia_document(self, dpia_id):
        """The DPIA as `dpia_document.render_docx` takes it; the gateway renders the file."""
        principal = self.caller.require("privacy.read")
        with self.db.unit_of_work() as uow:
            return dpias.document_data(dpias.get_dpia(uow, principal, str(dpia_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_dpias(self, query=None):
        principal = self.caller.require("privacy.read")
        filters = load(DpiaQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            found = dpias.list_dpias(uow, principal, **filters)
            found["items"] = [dpias.as_view(dpia) for dpia in found["items"]]
            return DpiaPageSchema().dump(found)

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def give_dpo_advice(self, dpia_id, payload):
        principal = self.caller.require("privacy.advise")
        advice = load(DpoAdviceSchema(), payload)["advice"]
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.give_advice(uow, principal, str(dpia_id), advice)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def change_dpia_status(self, dpia_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(DpiaTransitionSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.change_status(uow, principal, str(dpia_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def decide_dpia(self, dpia_id, payload):
        principal = self.caller.require("privacy.approve")
        command = load(DpiaDecisionSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(dpias.decide(uow, principal, str(dpia_id), command)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def record_prior_consultation(self, dpia_id, payload):
        principal = self.caller.require("privacy.edit")
        command = load(PriorConsultationOutcomeSchema(), payload)
        with self.db.unit_of_work() as uow:
            return DpiaSchema().dump(dpias.as_view(
                dpias.record_consultation_outcome(uow, principal, str(dpia_id), command)))
