"""A report for leadership on the web: for a self-declaration each statement with its answer, the
rule behind it and links to the records it counted; its content as the PDF lays it out; the
coordinators' text parts (one form each, through the same RPC and action as PATCH /reports/{id});
and the PDF itself through the browser's session instead of a bearer header.
"""
from werkzeug.wrappers import Response

from services.gateway.web import declaration_view, forms, report_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.reporting import report_document
from services.reporting.schemas import ReportDocumentQuerySchema
from shared.errors import BadInput, Conflict
from shared.validation import load


class ReportPages(PageBase):
    @page("GET", "/reports/<string:report_id>", action="report.read", api=("GET /api/v1/reports/{report_id}",))
    def web_report(self, request, view, report_id):
        return self._report_page(view, self.reporting.get_report(report_id))

    def _report_page(self, view, report, values=None, errors=None, form_key=None, status=200):
        parts = report_forms.text_parts(report, view.lang)
        if form_key and values is not None:  # the part just sent keeps what was written
            parts = [{**part, "value": values.get("text", "")} if part["key"] == form_key else part
                     for part in parts]
        writable = report["status"] == "draft" and view.may("report.write")
        title = report["title_en"] if view.lang == "en" else report["title_nb"]
        return view.render("leadership_report.html", status=status, report=report, title=title, parts=parts,
                           writable=writable, blocks=report_forms.blocks(report, view.lang), errors=errors or {},
                           statements=declaration_view.statements(report.get("content"), view.lang),
                           error_order=[f"text-{form_key}"] if form_key else [],
                           saved=view.query.get("saved") if not errors else None)

    @page("POST", "/reports/<string:report_id>/inputs", action="report.write",
          api=("PATCH /api/v1/reports/{report_id}",))
    def web_write_report_part(self, request, view, report_id):
        report = self.reporting.get_report(report_id)
        payload, errors = report_forms.input_payload(view.form, report["kind"])
        key = view.form.get("key", "")
        if not errors:
            try:
                self.reporting.write_report_inputs(report_id, payload)
                return view.redirect(f"/reports/{report_id}?saved={key}#part-{key}")
            except BadInput as error:
                errors = {f"text-{key}": forms.flat_messages(error.details or error.message)}
            except Conflict as error:
                errors = {"_form": [error.message]}
        return self._report_page(view, report, view.form, errors, key if not errors.get("_form") else None,
                                 status=400)

    @page("GET", "/reports/<string:report_id>/document", action="report.read",
          api=("GET /api/v1/reports/{report_id}/document",))
    def web_report_document(self, request, view, report_id):
        """The PDF (or DOCX) as the API gives it; in the page's language unless asked otherwise."""
        options = load(ReportDocumentQuerySchema(), {"language": view.lang, **view.query})
        fmt, language = options["format"], options["language"]
        report = self.reporting.get_report(report_id)  # an approved report's view is its frozen content
        name = report_document.document_name(report, fmt, language)
        return Response(report_document.render(report, fmt, language), mimetype=report_document.MEDIA_TYPES[fmt],
                        headers={"Content-Disposition": f'inline; filename="{name}"'})
