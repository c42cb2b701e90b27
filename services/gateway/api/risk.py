"""Risk management (risikostyring): the agency's criteria, assessments, the risk register and its
treatment measures (the risk service)."""
from services.gateway import tables
from services.gateway.api.base import API, ATTACHMENT_TYPES, ApiBase, attachment_download
from services.gateway.http import route
from services.risk.schemas import (AddRiskMeasureSchema, AddRiskSchema, AdoptDraftSchema, ApproveRiskAssessmentSchema,
                                   CreateRiskAssessmentSchema, DismissDraftSchema, ExportQuerySchema,
                                   HeatMapQuerySchema, HeatMapSchema, MatrixInputSchema, MatrixListSchema, MatrixSchema,
                                   RegisterQuerySchema, RiskAssessmentPageSchema, RiskAssessmentQuerySchema,
                                   RiskAssessmentSchema, RiskAssessmentTransitionSchema, RiskDecisionInputSchema,
                                   RiskMeasurePageSchema, RiskMeasureQuerySchema, RiskMeasureSchema, RiskPageSchema,
                                   RiskSchema, UpdateRiskAssessmentSchema, UpdateRiskMeasureSchema, UpdateRiskSchema)
from shared.attachments.schemas import AttachmentListSchema, AttachmentSchema, RemoveAttachmentSchema


class RiskRoutes(ApiBase):
    @route("GET", f"{API}/risk-matrix", action="risk.read", response=MatrixSchema, tag="risk",
           summary="The agency's risk matrix and acceptance criteria / Risikomatrise og akseptkriterier")
    def get_risk_matrix(self, request):
        return self.risk.get_matrix()

    @route("GET", f"{API}/risk-matrix/versions", action="risk.read", response=MatrixListSchema, tag="risk",
           summary="Every version of the agency's criteria / Alle versjoner av akseptkriteriene")
    def list_risk_matrix_versions(self, request):
        return self.risk.list_matrix_versions()

    @route("PUT", f"{API}/risk-matrix", action="risk.criteria", body=MatrixInputSchema, response=MatrixSchema,
           tag="risk", summary="New version of the criteria (for new assessments) / Nye akseptkriterier")
    def replace_risk_matrix(self, request, body):
        return self.risk.replace_matrix(body)

    @route("POST", f"{API}/risk-assessments", action="risk.edit", body=CreateRiskAssessmentSchema,
           response=RiskAssessmentSchema, status=201, tag="risk", summary="Plan a risk assessment / Ny risikovurdering")
    def create_risk_assessment(self, request, body):
        return self.risk.create_assessment(body)

    @route("GET", f"{API}/risk-assessments", action="risk.read", query=RiskAssessmentQuerySchema,
           response=RiskAssessmentPageSchema, tag="risk", summary="Risk assessments / Risikovurderinger")
    def list_risk_assessments(self, request, query):
        return self.risk.list_assessments(query)

    @route("GET", f"{API}/risk-assessments/<string:assessment_id>", action="risk.read", response=RiskAssessmentSchema,
           tag="risk", summary="One risk assessment with its history / Én risikovurdering")
    def get_risk_assessment(self, request, assessment_id):
        return self.risk.get_assessment(assessment_id)

    @route("PATCH", f"{API}/risk-assessments/<string:assessment_id>", action="risk.edit",
           body=UpdateRiskAssessmentSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="Change a planned or ongoing assessment / Endre risikovurdering")
    def update_risk_assessment(self, request, assessment_id, body):
        return self.risk.update_assessment(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/status", action="risk.edit",
           body=RiskAssessmentTransitionSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="Start, complete (submit for approval) or revise / Start, fullfør eller revider")
    def change_risk_assessment_status(self, request, assessment_id, body):
        return self.risk.change_assessment_status(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/approval", action="risk.approve",
           body=ApproveRiskAssessmentSchema, response=RiskAssessmentSchema, tag="risk", may_conflict=True,
           summary="The agency head approves a completed assessment / Virksomhetsleder godkjenner")
    def approve_risk_assessment(self, request, assessment_id, body):
        return self.risk.approve_assessment(assessment_id, body)

    @route("POST", f"{API}/risk-assessments/<string:assessment_id>/risks", action="risk.edit", body=AddRiskSchema,
           response=RiskSchema, status=201, tag="risk", may_conflict=True,
           summary="Add a risk with its ratings / Legg til risiko")
    def add_risk(self, request, assessment_id, body):
        return self.risk.add_risk(assessment_id, body)

    @route("GET", f"{API}/risks", action="risk.read", query=RegisterQuerySchema, response=RiskPageSchema,
           tag="risk", summary="The risk register across assessments / Risikoregisteret")
    def list_risks(self, request, query):
        return self.risk.list_risks(query)

    @route("GET", f"{API}/risks/export", action="risk.read", query=ExportQuerySchema, tag="risk",
           summary="The risk register as CSV or XLSX / Risikoregisteret som CSV eller XLSX")
    def export_risks(self, request, query):
        return tables.download(self.risk.export_register(query), query.get("format", "csv"), "risikoregister")

    @route("GET", f"{API}/risks/heat-map", action="risk.read", errors=(404,), query=HeatMapQuerySchema,
           response=HeatMapSchema,
           tag="risk", summary="Risks per matrix cell, inherent and residual / Risikokart")
    def risk_heat_map(self, request, query):
        return self.risk.heat_map(query)

    @route("GET", f"{API}/risk-measures", action="risk.read", query=RiskMeasureQuerySchema,
           response=RiskMeasurePageSchema, tag="risk",
           summary="Treatment measures to follow up / Tiltak til oppfølging")
    def list_risk_measures(self, request, query):
        return self.risk.list_measures(query)

    @route("GET", f"{API}/risks/<string:risk_id>", action="risk.read", response=RiskSchema, tag="risk",
           summary="One risk with its measures and decisions / Én risiko")
    def get_risk(self, request, risk_id):
        return self.risk.get_risk(risk_id)

    @route("PATCH", f"{API}/risks/<string:risk_id>", action="risk.edit", body=UpdateRiskSchema,
           response=RiskSchema, tag="risk", may_conflict=True,
           summary="Re-rate, treat or close a risk / Endre risiko")
    def update_risk(self, request, risk_id, body):
        return self.risk.update_risk(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/adoption", action="risk.edit", body=AdoptDraftSchema,
           response=RiskSchema, tag="risk", may_conflict=True,
           summary="Take a draft risk into an assessment / Ta utkast inn i en vurdering")
    def adopt_draft_risk(self, request, risk_id, body):
        return self.risk.adopt_draft(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/dismissal", action="risk.edit", body=DismissDraftSchema,
           response=RiskSchema, tag="risk", may_conflict=True, summary="Dismiss a draft risk / Avvis utkast")
    def dismiss_draft_risk(self, request, risk_id, body):
        return self.risk.dismiss_draft(risk_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/measures", action="risk.edit", body=AddRiskMeasureSchema,
           response=RiskMeasureSchema, status=201, tag="risk", may_conflict=True,
           summary="Add a treatment measure / Legg til tiltak")
    def add_risk_measure(self, request, risk_id, body):
        return self.risk.add_measure(risk_id, body)

    @route("PATCH", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>", action="risk.edit",
           body=UpdateRiskMeasureSchema, response=RiskMeasureSchema, tag="risk", may_conflict=True,
           summary="Update a treatment measure / Oppdater tiltak")
    def update_risk_measure(self, request, risk_id, measure_id, body):
        return self.risk.update_measure(risk_id, measure_id, body)

    @route("POST", f"{API}/risks/<string:risk_id>/decision", action="risk.decide", body=RiskDecisionInputSchema,
           response=RiskSchema, status=201, tag="risk", may_conflict=True,
           summary="The agency head accepts or treats an unacceptable risk / Virksomhetsleder beslutter")
    def decide_risk(self, request, risk_id, body):
        return self.risk.decide(risk_id, body)

    # Evidence attachments of a risk and of its measures (shared/attachments): read with the risk, added
    # and removed by the coordinators who carry out the risk work.
    @route("GET", f"{API}/risks/<string:risk_id>/attachments", action="risk.read", response=AttachmentListSchema,
           tag="risk", summary="The risk's attachments / Vedlegg")
    def list_risk_attachments(self, request, risk_id):
        return self.risk.list_attachments({"record_id": risk_id})

    @route("POST", f"{API}/risks/<string:risk_id>/attachments", action="risk.edit", attachment=True,
           response=AttachmentSchema, status=201, tag="risk", may_conflict=True,
           summary="Attach a file (multipart, field `file`) / Legg ved en fil")
    def upload_risk_attachment(self, request, risk_id, body):
        return self.risk.upload_attachment({"record_id": risk_id}, body)

    @route("GET", f"{API}/risks/<string:risk_id>/attachments/<string:attachment_id>", action="risk.read",
           produces=ATTACHMENT_TYPES, tag="risk", errors=(410,), summary="Download an attachment / Last ned vedlegg")
    def download_risk_attachment(self, request, risk_id, attachment_id):
        return attachment_download(self.risk.attachment_content({"record_id": risk_id}, attachment_id),
                                   self.attachment_max_bytes)

    @route("POST", f"{API}/risks/<string:risk_id>/attachments/<string:attachment_id>/removal", action="risk.edit",
           body=RemoveAttachmentSchema, response=AttachmentSchema, tag="risk", may_conflict=True,
           summary="Remove an attachment, with the reason (recorded) / Fjern vedlegg")
    def remove_risk_attachment(self, request, risk_id, attachment_id, body):
        return self.risk.remove_attachment({"record_id": risk_id}, attachment_id, body)

    @route("GET", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>/attachments", action="risk.read",
           response=AttachmentListSchema, tag="risk", summary="A measure's attachments / Tiltakets vedlegg")
    def list_risk_measure_attachments(self, request, risk_id, measure_id):
        return self.risk.list_attachments({"record_id": risk_id, "measure_id": measure_id})

    @route("POST", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>/attachments", action="risk.edit",
           attachment=True, response=AttachmentSchema, status=201, tag="risk", may_conflict=True,
           summary="Attach a file to a measure (multipart) / Legg ved en fil til tiltaket")
    def upload_risk_measure_attachment(self, request, risk_id, measure_id, body):
        return self.risk.upload_attachment({"record_id": risk_id, "measure_id": measure_id}, body)

    @route("GET", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>/attachments/<string:attachment_id>",
           action="risk.read", produces=ATTACHMENT_TYPES, tag="risk", errors=(410,),
           summary="Download a measure's attachment / Last ned tiltakets vedlegg")
    def download_risk_measure_attachment(self, request, risk_id, measure_id, attachment_id):
        return attachment_download(self.risk.attachment_content({"record_id": risk_id, "measure_id": measure_id},
                                                                attachment_id), self.attachment_max_bytes)

    @route("POST", f"{API}/risks/<string:risk_id>/measures/<int:measure_id>/attachments/<string:attachment_id>"
                   "/removal", action="risk.edit", body=RemoveAttachmentSchema, response=AttachmentSchema, tag="risk",
           may_conflict=True, summary="Remove a measure's attachment, with the reason / Fjern tiltakets vedlegg")
    def remove_risk_measure_attachment(self, request, risk_id, measure_id, attachment_id, body):
        return self.risk.remove_attachment({"record_id": risk_id, "measure_id": measure_id}, attachment_id, body)
