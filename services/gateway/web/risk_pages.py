"""Risk work: assessments, their risks, the risks' measures.
"""
from services.gateway.web import forms, lists, risk_forms
from services.gateway.web.page_route import page
from shared.errors import BadInput


class RiskPages:
    @page("GET", "/risks", action="risk.read", api=("GET /api/v1/risks", "GET /api/v1/risk-assessments"))
    def web_risks(self, request, view):
        return self._risks_page(view, {}, {})

    @page("POST", "/risks/assessments", action="risk.edit", api=("POST /api/v1/risk-assessments",))
    def web_create_assessment(self, request, view):
        payload, errors = risk_forms.risk_assessment_payload(view.form)
        if not errors:
            try:
                assessment = self.risk.create_assessment(payload)
                return view.redirect(f"/risks/assessments/{assessment['id']}?created=1")
            except BadInput as error:
                errors = forms.service_errors(error.details, risk_forms.ASSESSMENT_FIELDS)
        return self._risks_page(view, view.form, errors, status=400)

    def _risks_page(self, view, values, errors, status=200):
        # the dashboard's "see all" link is /risks?acceptable=false: one of these filters
        filters = lists.kept_filters(view.query, risk_forms.RISK_LIST, risk_forms.ASSESSMENT_LIST)
        risks = lists.listing(self.risk.list_risks, filters, risk_forms.RISK_LIST, "/risks")
        assessments = lists.listing(self.risk.list_assessments, filters, risk_forms.ASSESSMENT_LIST, "/risks")
        return view.render("risks.html", status=status, risks=risks, assessments=assessments, filters=filters,
                           risk_choices=risk_forms.RISK_FILTER_CHOICES,
                           assessment_choices=risk_forms.ASSESSMENT_FILTER_CHOICES, values=values, errors=errors,
                           scopes=risk_forms.RISK_SCOPES)

    @page("GET", "/risks/assessments/<string:assessment_id>", action="risk.read",
          api=("GET /api/v1/risk-assessments/{assessment_id}", "GET /api/v1/risks"))
    def web_assessment(self, request, view, assessment_id):
        return self._assessment_page(view, assessment_id, {}, {})

    @page("POST", "/risks/assessments/<string:assessment_id>/risks", action="risk.edit",
          api=("POST /api/v1/risk-assessments/{assessment_id}/risks",))
    def web_add_risk(self, request, view, assessment_id):
        payload, errors = risk_forms.risk_payload(view.form)
        if not errors:
            try:
                self.risk.add_risk(assessment_id, payload)
                return view.redirect(f"/risks/assessments/{assessment_id}?added=1#risks")
            except BadInput as error:
                errors = forms.service_errors(error.details, risk_forms.RISK_FIELDS)
        return self._assessment_page(view, assessment_id, view.form, errors, status=400)

    def _assessment_page(self, view, assessment_id, values, errors, status=200):
        assessment = self.risk.get_assessment(assessment_id)
        risks = self.risk.list_risks({"assessment_id": assessment_id, "page_size": 100})
        return view.render("assessment.html", status=status, assessment=assessment, risks=risks,
                           values=values, errors=errors, added=view.query.get("added") == "1",
                           created=view.query.get("created") == "1")

    @page("GET", "/risks/<string:risk_id>", action="risk.read", api=("GET /api/v1/risks/{risk_id}",))
    def web_risk(self, request, view, risk_id):
        return self._risk_page(view, risk_id, {}, {})

    @page("POST", "/risks/<string:risk_id>/measures", action="risk.edit",
          api=("POST /api/v1/risks/{risk_id}/measures",))
    def web_add_risk_measure(self, request, view, risk_id):
        payload, errors = risk_forms.risk_measure_payload(view.form)
        if not errors:
            try:
                self.risk.add_measure(risk_id, payload)
                return view.redirect(f"/risks/{risk_id}?added=1#measures")
            except BadInput as error:
                errors = forms.service_errors(error.details, risk_forms.MEASURE_FIELDS)
        return self._risk_page(view, risk_id, view.form, errors, status=400)

    def _risk_page(self, view, risk_id, values, errors, status=200):
        return view.render("risk.html", status=status, risk=self.risk.get_risk(risk_id), values=values,
                           errors=errors, added=view.query.get("added") == "1")
