"""Downloads through the browser's session: the record of processing activities (XLSX, CSV) and the
risk register (XLSX, CSV), the same files the API's export routes give, with the same action. The
report's PDF and DOCX are on report_pages. A refused query is a 400 page naming the field."""
from services.gateway import tables
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.privacy_register.schemas import RegisterExportQuerySchema
from services.risk.schemas import ExportQuerySchema
from shared.validation import load


class ExportPages(PageBase):
    @page("GET", "/processing/export", action="privacy.read", api=("GET /api/v1/processing-activities/export",))
    def web_export_processing(self, request, view):
        # only the table formats: the JSON export is for systems, which use the API
        query = {"language": view.lang, **view.query}
        if query.get("format") == "json":
            query["format"] = "xlsx"
        file_format = load(RegisterExportQuerySchema(), query)["format"]  # a 400 page names a refused field
        return tables.download(self.privacy_register.export_register(query), file_format, "behandlingsprotokoll")

    @page("GET", "/risks/export", action="risk.read", api=("GET /api/v1/risks/export",))
    def web_export_risks(self, request, view):
        query = {"language": view.lang, **view.query}
        file_format = load(ExportQuerySchema(), query)["format"]
        return tables.download(self.risk.export_register(query), file_format, "risikoregister")
