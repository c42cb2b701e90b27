"""The annual cycle (årshjul): governing documents and routines with their reviews and attestations,
the advice log, and the requirements the agency meets (the reporting service)."""
from services.gateway.api.base import API, ATTACHMENT_TYPES, ApiBase, attachment_download
from services.gateway.http import route
from services.reporting.governance_schemas import (AdvicePageSchema, AdviceQuerySchema, AdviceSchema,
                                                   AdviceSummaryQuerySchema, AdviceSummarySchema,
                                                   AttestationInputSchema, AttestationListSchema, AttestationSchema,
                                                   CreateAdviceSchema, CreateGoverningDocumentSchema,
                                                   CreateRequirementSchema, DocumentReviewInputSchema,
                                                   GoverningDocumentPageSchema, GoverningDocumentQuerySchema,
                                                   GoverningDocumentSchema, OverlayInputSchema, RequirementListSchema,
                                                   RequirementQuerySchema, RequirementSchema, UpdateAdviceSchema,
                                                   UpdateGoverningDocumentSchema)
from shared.attachments.schemas import AttachmentListSchema, AttachmentSchema, RemoveAttachmentSchema


class GovernanceRoutes(ApiBase):
    @route("GET", f"{API}/governing-documents", action="governance.read", query=GoverningDocumentQuerySchema,
           response=GoverningDocumentPageSchema, tag="governance",
           summary="Governing documents and routines / Styrende dokumenter og rutiner")
    def list_governing_documents(self, request, query):
        return self.reporting.list_documents(query)

    @route("POST", f"{API}/governing-documents", action="governance.edit", body=CreateGoverningDocumentSchema,
           response=GoverningDocumentSchema, status=201, tag="governance",
           summary="Register a governing document or routine / Registrer dokument eller rutine")
    def create_governing_document(self, request, body):
        return self.reporting.create_document(body)

    @route("GET", f"{API}/governing-documents/<int:document_id>", action="governance.read", response=GoverningDocumentSchema,
           tag="governance", summary="One document with its reviews / Ett dokument med gjennomganger")
    def get_governing_document(self, request, document_id):
        return self.reporting.get_document(document_id)

    @route("PATCH", f"{API}/governing-documents/<int:document_id>", action="governance.edit",
           body=UpdateGoverningDocumentSchema, response=GoverningDocumentSchema, tag="governance",
           summary="Change a document / Endre dokumentet")
    def update_governing_document(self, request, document_id, body):
        return self.reporting.update_document(document_id, body)

    @route("POST", f"{API}/governing-documents/<int:document_id>/reviews", action="governance.edit",
           body=DocumentReviewInputSchema, response=GoverningDocumentSchema, status=201, tag="governance", may_conflict=True,
           summary="Record a review; the next review date moves / Registrer gjennomgang")
    def record_document_review(self, request, document_id, body):
        return self.reporting.record_review(document_id, body)

    @route("GET", f"{API}/governing-documents/<int:document_id>/attestations", action="governance.read",
           response=AttestationListSchema, tag="governance",
           summary="Attestations of compliance, newest first / Bekreftelser av etterlevelse")
    def list_document_attestations(self, request, document_id):
        return self.reporting.list_attestations(document_id)

    @route("POST", f"{API}/governing-documents/<int:document_id>/attestations", action="governance.attest",
           body=AttestationInputSchema, response=AttestationSchema, status=201, tag="governance", may_conflict=True,
           summary="Attest compliance with a routine for a period / Bekreft etterlevelse for en periode")
    def attest_document(self, request, document_id, body):
        return self.reporting.attest(document_id, body)

    @route("GET", f"{API}/advice", action="governance.read", query=AdviceQuerySchema, response=AdvicePageSchema,
           tag="governance", summary="The advice log / Rådgivningsloggen")
    def list_advice(self, request, query):
        return self.reporting.list_advice(query)

    @route("POST", f"{API}/advice", action="governance.edit", body=CreateAdviceSchema, response=AdviceSchema,
           status=201, tag="governance", summary="Log a request for advice / Registrer en forespørsel om råd")
    def create_advice(self, request, body):
        return self.reporting.create_advice(body)

    @route("GET", f"{API}/advice/summary", action="governance.read", query=AdviceSummaryQuerySchema,
           response=AdviceSummarySchema, tag="governance",
           summary="Requests for advice in a year per area and kind / Rådgivning per område og type")
    def advice_summary(self, request, query):
        return self.reporting.advice_summary(query)

    @route("GET", f"{API}/advice/<int:advice_id>", action="governance.read", response=AdviceSchema,
           tag="governance", summary="One advice entry / Én rådgivning")
    def get_advice(self, request, advice_id):
        return self.reporting.get_advice(advice_id)

    @route("PATCH", f"{API}/advice/<int:advice_id>", action="governance.edit", body=UpdateAdviceSchema,
           response=AdviceSchema, tag="governance", summary="Record the advice or change the entry / Endre")
    def update_advice(self, request, advice_id, body):
        return self.reporting.update_advice(advice_id, body)

    @route("GET", f"{API}/requirements", action="governance.read", query=RequirementQuerySchema,
           response=RequirementListSchema, tag="governance",
           summary="Laws and rules in force, with how the agency meets them / Oversikt over krav")
    def list_requirements(self, request, query):
        return self.reporting.list_requirements(query)

    @route("POST", f"{API}/requirements", action="governance.edit", body=CreateRequirementSchema,
           response=RequirementSchema, status=201, tag="governance", may_conflict=True,
           summary="Add a requirement of the agency's own / Legg til et eget krav")
    def add_requirement(self, request, body):
        return self.reporting.add_requirement(body)

    @route("PUT", f"{API}/requirements/<string:code>", action="governance.edit", body=OverlayInputSchema,
           response=RequirementSchema, tag="governance",
           summary="Whether and how the agency meets a requirement / Hvordan kravet oppfylles")
    def set_requirement_overlay(self, request, code, body):
        return self.reporting.set_requirement_overlay(code, body)

    # Evidence attachments of a governing document (shared/attachments): read with it, added and removed by
    # the coordinators who keep the documents.
    @route("GET", f"{API}/governing-documents/<int:document_id>/attachments", action="governance.read",
           response=AttachmentListSchema, tag="governance", summary="The document's attachments / Vedlegg")
    def list_document_attachments(self, request, document_id):
        return self.reporting.list_attachments({"record_id": str(document_id)})

    @route("POST", f"{API}/governing-documents/<int:document_id>/attachments", action="governance.edit",
           attachment=True, response=AttachmentSchema, status=201, tag="governance", may_conflict=True,
           summary="Attach a file (multipart, field `file`) / Legg ved en fil")
    def upload_document_attachment(self, request, document_id, body):
        return self.reporting.upload_attachment({"record_id": str(document_id)}, body)

    @route("GET", f"{API}/governing-documents/<int:document_id>/attachments/<string:attachment_id>",
           action="governance.read", produces=ATTACHMENT_TYPES, tag="governance", errors=(410,),
           summary="Download an attachment / Last ned vedlegg")
    def download_document_attachment(self, request, document_id, attachment_id):
        return attachment_download(self.reporting.attachment_content({"record_id": str(document_id)}, attachment_id),
                                   self.attachment_max_bytes)

    @route("POST", f"{API}/governing-documents/<int:document_id>/attachments/<string:attachment_id>/removal",
           action="governance.edit", body=RemoveAttachmentSchema, response=AttachmentSchema, tag="governance",
           may_conflict=True, summary="Remove an attachment, with the reason (recorded) / Fjern vedlegg")
    def remove_document_attachment(self, request, document_id, attachment_id, body):
        return self.reporting.remove_attachment({"record_id": str(document_id)}, attachment_id, body)

