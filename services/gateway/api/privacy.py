"""The privacy register: the record of processing activities (behandlingsoversikt), data processor
agreements (databehandleravtaler) and DPIAs (the privacy_register service)."""
from werkzeug.wrappers import Response

from services.gateway import tables
from services.gateway.api.base import API, ATTACHMENT_TYPES, ApiBase, attachment_download
from services.gateway.http import json_response, route
from services.privacy_register import dpia_document
from services.privacy_register.schemas import (AgreementListSchema, AgreementSchema, CreateAgreementSchema,
                                               CreateDpiaSchema, DocumentQuerySchema, DpiaDecisionSchema,
                                               DpiaPageSchema, DpiaQuerySchema, DpiaSchema, DpiaTransitionSchema,
                                               DpoAdviceSchema, HistorySchema, PriorConsultationOutcomeSchema,
                                               PrivacyAssessmentSchema, ProcessingPageSchema, ProcessingQuerySchema,
                                               ProcessingRecordSchema, ProcessingSchema, RegisterExportQuerySchema,
                                               ScreeningInputSchema, ScreeningSchema, UpdateAgreementSchema,
                                               UpdateDpiaSchema, UpdateProcessingSchema)
from shared.attachments.schemas import AttachmentListSchema, AttachmentSchema, RemoveAttachmentSchema

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PrivacyRoutes(ApiBase):
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

    # Evidence attachments of a DPIA (shared/attachments): read with it, added and removed by those who edit it.
    @route("GET", f"{API}/dpias/<string:dpia_id>/attachments", action="privacy.read", response=AttachmentListSchema,
           tag="privacy", summary="The DPIA's attachments / Vedlegg")
    def list_dpia_attachments(self, request, dpia_id):
        return self.privacy_register.list_attachments({"record_id": dpia_id})

    @route("POST", f"{API}/dpias/<string:dpia_id>/attachments", action="privacy.edit", attachment=True,
           response=AttachmentSchema, status=201, tag="privacy", may_conflict=True,
           summary="Attach a file (multipart, field `file`) / Legg ved en fil")
    def upload_dpia_attachment(self, request, dpia_id, body):
        return self.privacy_register.upload_attachment({"record_id": dpia_id}, body)

    @route("GET", f"{API}/dpias/<string:dpia_id>/attachments/<string:attachment_id>", action="privacy.read",
           produces=ATTACHMENT_TYPES, tag="privacy", errors=(410,), summary="Download an attachment / Last ned vedlegg")
    def download_dpia_attachment(self, request, dpia_id, attachment_id):
        return attachment_download(self.privacy_register.attachment_content({"record_id": dpia_id}, attachment_id),
                                   self.attachment_max_bytes)

    @route("POST", f"{API}/dpias/<string:dpia_id>/attachments/<string:attachment_id>/removal",
           action="privacy.edit", body=RemoveAttachmentSchema, response=AttachmentSchema, tag="privacy", may_conflict=True,
           summary="Remove an attachment, with the reason (recorded) / Fjern vedlegg")
    def remove_dpia_attachment(self, request, dpia_id, attachment_id, body):
        return self.privacy_register.remove_attachment({"record_id": dpia_id}, attachment_id, body)
