"""Reports for leadership (ledelsesrapportering): drafted from live figures, frozen once approved
(the reporting service)."""
from werkzeug.wrappers import Response

from services.gateway.api.base import API, ApiBase
from services.gateway.http import route
from services.reporting import report_document
from services.reporting.schemas import (AgencyComparisonSchema, ApproveReportSchema, CreateReportSchema,
                                        ReportDocumentQuerySchema, ReportInputsSchema, ReportListSchema,
                                        ReportPeriodSchema, ReportQuerySchema, ReportSchema)
from shared.validation import load


class ReportRoutes(ApiBase):
    @route("POST", f"{API}/reports", action="report.write", body=CreateReportSchema, response=ReportSchema,
           status=201, tag="reports", may_conflict=True,
           summary="Draft a report for a period from live figures / Lag utkast til rapport")
    def create_report(self, request, body):
        return self.reporting.create_report(body)

    @route("GET", f"{API}/reports", action="report.read", query=ReportQuerySchema, response=ReportListSchema,
           tag="reports", summary="Reports and their versions / Rapporter")
    def list_reports(self, request, query):
        return self.reporting.list_reports(query)

    @route("GET", f"{API}/reports/comparison", action="report.read", query=ReportPeriodSchema,
           response=AgencyComparisonSchema, tag="reports",
           summary="The same figures per agency (central: all agencies) / Sammenligning av virksomheter")
    def compare_agencies(self, request, query):
        return self.reporting.compare_agencies(query)

    @route("GET", f"{API}/reports/<string:report_id>", action="report.read", response=ReportSchema, tag="reports",
           summary="One report: live while a draft, frozen once approved / Én rapport")
    def get_report(self, request, report_id):
        return self.reporting.get_report(report_id)

    @route("PATCH", f"{API}/reports/<string:report_id>", action="report.write", body=ReportInputsSchema,
           response=ReportSchema, tag="reports", may_conflict=True,
           summary="Write the report's own words / Skriv vurderingene")
    def write_report_inputs(self, request, report_id, body):
        return self.reporting.write_report_inputs(report_id, body)

    @route("POST", f"{API}/reports/<string:report_id>/approval", action="report.approve", response=ReportSchema,
           body=ApproveReportSchema, tag="reports", may_conflict=True,
           summary="The agency head confirms having read it, approves and freezes / Virksomhetsleder bekrefter "
                   "å ha lest, godkjenner og låser")
    def approve_report(self, request, report_id, body):
        return self.reporting.approve_report(report_id, body)

    @route("GET", f"{API}/reports/<string:report_id>/document", action="report.read",
           query=ReportDocumentQuerySchema, produces=tuple(report_document.MEDIA_TYPES.values()), tag="reports",
           summary="The report as PDF or DOCX; an approved one as frozen / Rapporten som PDF eller DOCX")
    def download_report(self, request, report_id, query):
        options = load(ReportDocumentQuerySchema(), query)
        view = self.reporting.get_report(report_id)  # an approved report's view is its frozen content
        name = report_document.document_name(view, options["format"], options["language"])
        return Response(report_document.render(view, options["format"], options["language"]),
                        mimetype=report_document.MEDIA_TYPES[options["format"]],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
