"""Incidents: every employee's report and receipt, the coordinator's list and case page.
"""
from urllib.parse import urlencode

from services.gateway.web import forms, incident_forms
from services.gateway.web.base import IncidentCaseBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import clock, now
from shared.errors import BadInput

INCIDENT_FILTERS = ("status", "severity", "kind", "q", "open", "notification", "sort", "page")


class IncidentPages(IncidentCaseBase):
    @page("GET", "/report", action="incident.report", api=("POST /api/v1/incidents", "GET /api/v1/incident-categories"))
    def web_report_form(self, request, view):
        current = forms.local_input_value(now())
        return self._report_form(view, {"occurred_at": current, "aware_at": current}, {})

    @page("POST", "/report", action="incident.report", api=("POST /api/v1/incidents",))
    def web_report_submit(self, request, view):
        payload, errors = incident_forms.report_payload(view.form)
        if not errors:
            try:
                incident = self.incidents.report_incident(payload)
                return view.redirect(f"/report/receipt/{incident['id']}")
            except BadInput as error:
                errors = incident_forms.report_errors(error.details)
        return self._report_form(view, view.form, errors, status=400)

    def _report_form(self, view, values, errors, status=200):
        categories = self.incidents.list_categories()["categories"]
        return view.render("report.html", status=status, values=values, errors=errors, categories=categories)

    @page("GET", "/report/receipt/<string:incident_id>", action="incident.read",
          api=("GET /api/v1/incidents/{incident_id}",))
    def web_report_receipt(self, request, view, incident_id):
        incident = self.incidents.get_incident(incident_id)
        return view.render("receipt.html", incident=incident)

    @page("GET", "/incidents", action="incident.read", api=("GET /api/v1/incidents",))
    def web_incidents(self, request, view):
        filters = {k: v for k, v in view.query.items() if k in INCIDENT_FILTERS and v}
        error = None
        try:
            result = self.incidents.list_incidents({**filters, "page_size": 25})
        except BadInput as problem:
            messages = [m for ms in (problem.details or {}).values() for m in ms] if isinstance(problem.details, dict) \
                else [problem.message]
            result, error = {"items": [], "total": 0, "page": 1, "page_size": 25}, " ".join(map(str, messages))
        items = [{**i, "clock": clock(i, view.lang) if i.get("authority_notification") == "pending" else None}
                 for i in result["items"]]
        pages = max(1, -(-result["total"] // result["page_size"]))

        def page_link(number):
            return "/incidents?" + urlencode({**filters, "page": number})

        # an employee sees only their own reports (the service's rule): the page says so, "Mine meldinger"
        return view.render("incidents.html", items=items, result=result, filters=filters, error=error,
                           pages=pages, page_link=page_link, mine=not view.may("incident.overview"))

    @page("GET", "/incidents/<string:incident_id>", action="incident.read", api=("GET /api/v1/incidents/{incident_id}",))
    def web_incident(self, request, view, incident_id):
        return self.incident_page(view, incident_id, values={}, errors={})

    @page("POST", "/incidents/<string:incident_id>/assessment", action="incident.assess",
          api=("POST /api/v1/incidents/{incident_id}/assessment",))
    def web_assess(self, request, view, incident_id):
        payload, errors = incident_forms.assessment_payload(view.form)
        if not errors:
            try:
                self.incidents.assess_incident(incident_id, payload)
                return view.redirect(f"/incidents/{incident_id}?assessed=1#assessment")
            except BadInput as error:
                errors = forms.service_errors(error.details, ("severity", "personal_data_involved", "rationale"))
        return self.incident_page(view, incident_id, values=view.form, errors=errors, status=400)
