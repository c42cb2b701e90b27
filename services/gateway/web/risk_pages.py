"""Risk work: assessments and their life cycle (start, complete, the agency head's approval), their
risks with treatment and residual risk, the risks' measures and their progress.
"""
from services.gateway.web import attachment_forms, charts, forms, lists, risk_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, submit
from shared.errors import BadInput


class RiskPages(PageBase):
    @page("GET", "/risks", action="risk.read",
          api=("GET /api/v1/risks", "GET /api/v1/risk-assessments", "GET /api/v1/risks/heat-map"))
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
                           heat=panel(lambda: heat_maps(self.risk.heat_map(), view.lang)),
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
                           created=view.query.get("created") == "1", done=view.query.get("done"),
                           steps=risk_forms.ASSESSMENT_STEPS.get(assessment["status"], ()))

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
        risk = self.risk.get_risk(risk_id)
        # the residual rating uses the scales the risk was rated on: its assessment's matrix
        matrix = (self.risk.get_assessment(risk["assessment_id"])["matrix"] if risk.get("assessment_id")
                  else self.risk.get_matrix())
        attachments = attachment_forms.listing(lambda: self.risk.list_attachments({"record_id": risk_id}))
        return view.render("risk.html", status=status, risk=risk, matrix=matrix, values=values, errors=errors,
                           attachments=attachments,
                           added=view.query.get("added") == "1", done=view.query.get("done"),
                           treatments=risk_forms.TREATMENTS, measure_statuses=risk_forms.RISK_MEASURE_STATUSES)

    @page("POST", "/risks/<string:risk_id>/treatment", action="risk.edit", api=("PATCH /api/v1/risks/{risk_id}",))
    def web_treat_risk(self, request, view, risk_id):
        return submit(
            view, risk_forms.treatment_payload, lambda payload: self.risk.update_risk(risk_id, payload),
            f"/risks/{risk_id}?done=treated#treatment",
            lambda values, errors: self._risk_page(view, risk_id, values, errors, status=400),
            lambda details: forms.prefixed_errors(details, "treatment", tuple(
                name.removeprefix("treatment-") for name in risk_forms.TREATMENT_FIELDS)))

    @page("POST", "/risks/<string:risk_id>/measures/<int:measure_id>", action="risk.edit",
          api=("PATCH /api/v1/risks/{risk_id}/measures/{measure_id}",))
    def web_update_risk_measure(self, request, view, risk_id, measure_id):
        return submit(
            view, risk_forms.risk_measure_status_payload,
            lambda payload: self.risk.update_measure(risk_id, measure_id, payload),
            f"/risks/{risk_id}?done=measure_updated#measures",
            lambda values, errors: self._risk_page(view, risk_id, values, errors, status=400))

    @page("POST", "/risks/assessments/<string:assessment_id>/status", action="risk.edit",
          api=("POST /api/v1/risk-assessments/{assessment_id}/status",))
    def web_assessment_step(self, request, view, assessment_id):
        return submit(
            view, risk_forms.assessment_step_payload,
            lambda payload: self.risk.change_assessment_status(assessment_id, payload),
            f"/risks/assessments/{assessment_id}?done=step#status",
            lambda values, errors: self._assessment_page(view, assessment_id, values, errors, status=400))

    @page("POST", "/risks/assessments/<string:assessment_id>/approval", action="risk.approve",
          api=("POST /api/v1/risk-assessments/{assessment_id}/approval",))
    def web_approve_assessment(self, request, view, assessment_id):
        return submit(
            view, lambda form: (risk_forms.approval_payload(form), {}),
            lambda payload: self.risk.approve_assessment(assessment_id, payload),
            f"/risks/assessments/{assessment_id}?done=approved#status",
            lambda values, errors: self._assessment_page(view, assessment_id, values, errors, status=400))

    # Evidence attachments of the risk (shared/attachments): upload and removal for the coordinators who
    # carry out the risk work, download for those who read it.
    @page("POST", "/risks/<string:risk_id>/attachments", action="risk.edit", upload=True,
          api=("POST /api/v1/risks/{risk_id}/attachments",))
    def web_upload_risk_attachment(self, request, view, risk_id):
        return attachment_forms.upload_then(
            view, request, self.attachment_max_bytes,
            lambda body: self.risk.upload_attachment({"record_id": risk_id}, body),
            f"/risks/{risk_id}?done=attached#attachments", self._risk_with_errors(view, risk_id))

    @page("GET", "/risks/<string:risk_id>/attachments/<string:attachment_id>", action="risk.read",
          api=("GET /api/v1/risks/{risk_id}/attachments/{attachment_id}",))
    def web_download_risk_attachment(self, request, view, risk_id, attachment_id):
        return attachment_forms.download(self.risk.attachment_content({"record_id": risk_id}, attachment_id),
                                         self.attachment_max_bytes)

    @page("POST", "/risks/<string:risk_id>/attachments/<string:attachment_id>/removal", action="risk.edit",
          api=("POST /api/v1/risks/{risk_id}/attachments/{attachment_id}/removal",))
    def web_remove_risk_attachment(self, request, view, risk_id, attachment_id):
        return attachment_forms.remove_then(
            view, lambda body: self.risk.remove_attachment({"record_id": risk_id}, attachment_id, body),
            f"/risks/{risk_id}?done=attachment_removed#attachments", self._risk_with_errors(view, risk_id))

    def _risk_with_errors(self, view, risk_id):
        return lambda errors: self._risk_page(view, risk_id, view.form, errors, status=400)


def heat_maps(answer: dict, lang: str) -> dict:
    """The agency's open risks on its current matrix, before and after treatment: each picture's geometry,
    the scales' words in the page's language (highest likelihood first, as the matrix is printed) and the
    counts for the tables beside the pictures."""
    matrix = answer["matrix"]
    words = "label_nb" if lang == "nb" else "label_en"
    sides = {}
    for side in ("inherent", "residual"):
        counts = answer[side]
        sides[side] = {"geometry": charts.heat_map(matrix["cells"], counts),
                       "rows": [{"value": row + 1, "label": matrix["likelihood_scale"][row][words],
                                 "cells": [{"count": counts[row][column], "level": level}
                                           for column, level in enumerate(matrix["cells"][row])]}
                                for row in reversed(range(len(matrix["cells"])))]}
    return {**sides, "consequences": [{"value": step["value"], "label": step[words]}
                                      for step in matrix["consequence_scale"]],
            "not_shown": answer["not_shown"]}
