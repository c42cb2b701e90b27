"""The reports for leadership: the agency's reports and their versions, and a new draft for a period.
A draft's own words are written on its page (report_pages.py), beside the report as the PDF shows it,
before the agency head approves it from the inbox."""
from services.gateway.web import governance_forms as gf, lists
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import submit_and_open, today
from services.reporting.schemas import ReportQuerySchema
from shared.errors import BadInput

REPORT_FILTERS = ("kind", "year")
REPORT_KINDS = lists.choices(ReportQuerySchema, "kind")


class ReportListPages(PageBase):
    @page("GET", "/reports", action="report.read", api=("GET /api/v1/reports",))
    def web_reports(self, request, view):
        return self._reports_page(view, {}, {})

    def _reports_page(self, view, values, errors, status=200):
        filters = {name: view.query[name].strip() for name in REPORT_FILTERS if view.query.get(name, "").strip()}
        refused = None
        try:
            items = self.reporting.list_reports(filters)["items"]
        except BadInput as problem:
            items, refused = [], lists.refusal(problem)
        year = today().year
        return view.render("reports.html", opts=gf.option_maker(view.lang), status=status, reports=items, filters=filters, refused=refused,
                           kinds=REPORT_KINDS, values={"newreport-period_start": f"{year}-01-01",
                                                       "newreport-period_end": f"{year}-12-31", **values},
                           errors=errors, forms=gf)

    @page("POST", "/reports", action="report.write", api=("POST /api/v1/reports",))
    def web_create_report(self, request, view):
        return submit_and_open(view, gf.new_report_payload, self.reporting.create_report,
                               lambda created: f"/reports/{created['id']}#parts",
                               lambda values, errors: self._reports_page(view, values, errors, status=400),
                               gf.prefixed("newreport", gf.NEW_REPORT_FIELDS))
