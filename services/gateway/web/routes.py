"""The pages, as a mixin of the gateway service: each names the API route(s) it stands for.

`api` lists the API routes a page stands for; a unit test holds that the page requires the same
action as each of them. Panels of the dashboard that need other actions are shown only to those
who have them (`view.may`), and the services check every call again.
"""
from datetime import datetime, timezone
from urllib.parse import urlencode


from services.gateway.web import clocks, forms, static_files
from services.gateway.web.page_route import LOGIN_PATH, TokenCheck, page
from services.gateway.web import session
from services.privacy_register import screening
from shared.errors import BadInput, Conflict, Unauthenticated, VernError

OPEN_STATUSES = ("reported", "triage", "investigating", "contained", "resolved")
SEVERITY_ORDER = ("critical", "high", "medium", "low", None)
INCIDENT_FILTERS = ("status", "severity", "kind", "q", "page")


def home_for(principal) -> str:
    """Where each role starts: the employee reports, the agency head reads the inbox."""
    if principal is None:
        return LOGIN_PATH
    roles = principal.roles
    if roles & {"pko", "isk", "ombud", "auditor", "admin"}:
        return "/dashboard"
    if "central" in roles:
        return "/municipality"
    if "leader" in roles:
        return "/inbox"
    return "/report"


def _safe_next(target: str | None) -> str | None:
    # only a path on this site: never an open redirect to another one
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _now():
    return datetime.now(timezone.utc)


def _panel(call):
    """A dashboard panel's data, or None when its service does not answer: the rest still shows."""
    try:
        return call()
    except VernError:
        return None


def _clock(incident: dict, lang: str) -> dict:
    deadline = datetime.fromisoformat(incident["authority_deadline"])
    now = _now()
    return {"text": clocks.clock_text(now, deadline, lang), "urgency": clocks.urgency(now, deadline),
            "deadline": incident["authority_deadline"]}


class WebPages:
    """Mixed into GatewayService; uses its RPC proxies (incidents, risk, ...)."""

    web_token_check = TokenCheck()

    @page("GET", "/static/<string:name>")
    def web_static(self, request, view, name):
        return static_files.serve(name)

    @page("GET", "/")
    def web_home(self, request, view):
        return view.redirect(home_for(view.principal))

    # --- sign-in: a token for now; OIDC's callback will call session.start_session the same way ---

    @page("GET", "/login")
    def web_login(self, request, view):
        return view.render("login.html", errors={}, next=_safe_next(view.query.get("next")) or "",
                           logged_out=view.query.get("logged_out") == "1")

    @page("POST", "/login")
    def web_login_submit(self, request, view):
        token = view.form.get("token", "").strip()
        target = _safe_next(view.form.get("next"))
        if not token:
            return view.render("login.html", status=400, errors={"token": ["err.token_required"]}, next=target or "",
                               logged_out=False)
        try:
            principal = self.web_token_check(token)
        except Unauthenticated:
            return view.render("login.html", status=400, errors={"token": ["login.invalid"]}, next=target or "",
                               logged_out=False)
        return session.start_session(view.redirect(target or home_for(principal)), token, view.secure)

    @page("POST", "/logout")
    def web_logout(self, request, view):
        return session.end_session(view.redirect(f"{LOGIN_PATH}?logged_out=1"), view.secure)

    # --- every employee: report a deviation, get a receipt ---

    @page("GET", "/report", action="incident.report", api=("POST /api/v1/incidents", "GET /api/v1/incident-categories"))
    def web_report_form(self, request, view):
        now = forms.local_input_value(_now())
        return self._report_form(view, {"occurred_at": now, "aware_at": now}, {})

    @page("POST", "/report", action="incident.report", api=("POST /api/v1/incidents",))
    def web_report_submit(self, request, view):
        payload, errors = forms.report_payload(view.form)
        if not errors:
            try:
                incident = self.incidents.report_incident(payload)
                return view.redirect(f"/report/receipt/{incident['id']}")
            except BadInput as error:
                errors = forms.service_errors(error.details, ("title", "description", "category", "occurred_at",
                                                               "aware_at", "reporting_unit"))
        return self._report_form(view, view.form, errors, status=400)

    def _report_form(self, view, values, errors, status=200):
        categories = self.incidents.list_categories()["categories"]
        return view.render("report.html", status=status, values=values, errors=errors, categories=categories)

    @page("GET", "/report/receipt/<string:incident_id>", action="incident.read",
          api=("GET /api/v1/incidents/{incident_id}",))
    def web_report_receipt(self, request, view, incident_id):
        incident = self.incidents.get_incident(incident_id)
        return view.render("receipt.html", incident=incident)

    # --- the coordinator's workspace ---

    @page("GET", "/dashboard", action="incident.overview", api=("GET /api/v1/incidents/statistics",))
    def web_dashboard(self, request, view):
        recent = self.incidents.list_incidents({"page_size": 100})["items"]
        open_incidents = [i for i in recent if i["status"] in OPEN_STATUSES]
        by_severity = [(s, sum(1 for i in open_incidents if i.get("severity") == s)) for s in SEVERITY_ORDER]
        running = sorted((i for i in recent if i.get("authority_notification") == "pending"),
                         key=lambda i: i["authority_deadline"])
        clocks_ = [{**i, "clock": _clock(i, view.lang)} for i in running]
        year = _now().year
        panels = {
            "risks": view.may("risk.read") and _panel(
                lambda: self.risk.list_risks({"acceptable": False, "page_size": 5})),
            "dpias_review": view.may("privacy.read") and _panel(
                lambda: self.privacy_register.list_dpias({"status": "in_review", "page_size": 5})),
            "dpias_outdated": view.may("privacy.read") and _panel(
                lambda: self.privacy_register.list_dpias({"outdated": True, "page_size": 5})),
            "campaigns": view.may("training.read") and _panel(
                lambda: self.training.list_campaigns({"status": "running", "page_size": 50})),
            "plan": view.may("plan.read") and _panel(lambda: self.reporting.list_plan({"year": year})),
            "tasks": view.may("task.read") and _panel(
                lambda: self.reporting.list_tasks({"status": "open", "page_size": 5})),
        }
        if panels["campaigns"]:
            panels["campaigns"] = [c for c in panels["campaigns"]["items"]
                                   if (c.get("figures") or {}).get("completion_rate", 0) < c.get("target_rate", 0)]
        return view.render("dashboard.html", by_severity=by_severity, open_total=len(open_incidents),
                           clocks=clocks_, panels=panels, year=year)

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
        items = [{**i, "clock": _clock(i, view.lang) if i.get("authority_notification") == "pending" else None}
                 for i in result["items"]]
        pages = max(1, -(-result["total"] // result["page_size"]))

        def page_link(number):
            return "/incidents?" + urlencode({**filters, "page": number})

        return view.render("incidents.html", items=items, result=result, filters=filters, error=error,
                           pages=pages, page_link=page_link)

    @page("GET", "/incidents/<string:incident_id>", action="incident.read", api=("GET /api/v1/incidents/{incident_id}",))
    def web_incident(self, request, view, incident_id):
        return self._incident_page(view, incident_id, values={}, errors={})

    @page("POST", "/incidents/<string:incident_id>/assessment", action="incident.assess",
          api=("POST /api/v1/incidents/{incident_id}/assessment",))
    def web_assess(self, request, view, incident_id):
        payload, errors = forms.assessment_payload(view.form)
        if not errors:
            try:
                self.incidents.assess_incident(incident_id, payload)
                return view.redirect(f"/incidents/{incident_id}?assessed=1#assessment")
            except BadInput as error:
                errors = forms.service_errors(error.details, ("severity", "personal_data_involved", "rationale"))
        return self._incident_page(view, incident_id, values=view.form, errors=errors, status=400)

    def _incident_page(self, view, incident_id, values, errors, status=200):
        incident = self.incidents.get_incident(incident_id)
        tasks = view.may("task.read") and _panel(
            lambda: self.reporting.list_tasks({"incident_id": incident_id, "page_size": 50}))
        clock = _clock(incident, view.lang) if incident.get("authority_notification") == "pending" else None
        return view.render("incident.html", status=status, incident=incident, tasks=tasks, clock=clock,
                           values=values, errors=errors, assessed=view.query.get("assessed") == "1")

    # --- the agency head: tasks and decisions ---

    @page("GET", "/inbox", action="task.read", api=("GET /api/v1/notification-tasks",))
    def web_inbox(self, request, view):
        return self._inbox(view)

    def _inbox(self, view, values=None, errors=None, task_id=None, status=200):
        open_tasks = self.reporting.list_tasks({"status": "open", "page_size": 50})["items"]
        done = self.reporting.list_tasks({"status": "completed", "page_size": 10})["items"]
        # what awaits the agency head's approval, beside the tasks (a DPIA in review, a draft report)
        dpias = view.may("privacy.approve") and _panel(
            lambda: self.privacy_register.list_dpias({"status": "in_review", "page_size": 20})["items"])
        drafts = view.may("report.approve") and _panel(
            lambda: [r for r in self.reporting.list_reports({})["items"] if r["status"] == "draft"])
        return view.render("inbox.html", status=status, open_tasks=open_tasks, done=done, dpias=dpias or [],
                           drafts=drafts or [], values=values or {}, errors=errors or {}, error_task=task_id,
                           acknowledged=view.query.get("done") == "1", decided=view.query.get("decided"))

    @page("POST", "/inbox/risks/<string:risk_id>/decision", action="risk.decide",
          api=("POST /api/v1/risks/{risk_id}/decision",))
    def web_decide_risk(self, request, view, risk_id):
        task_id = view.form.get("task_id", "")
        payload, errors = forms.risk_decision_payload(view.form)
        if not errors:
            try:
                self.risk.decide(risk_id, payload)
                return view.redirect("/inbox?decided=risk")
            except BadInput as error:
                errors = forms.service_errors(error.details, forms.RISK_DECISION_FIELDS)
            except Conflict as error:
                errors = {"_form": [error.message]}
        return self._inbox(view, view.form, forms.suffixed(errors, task_id), task_id, status=400)

    @page("POST", "/inbox/dpias/<string:dpia_id>/decision", action="privacy.approve",
          api=("POST /api/v1/dpias/{dpia_id}/decision",))
    def web_approve_dpia(self, request, view, dpia_id):
        try:
            self.privacy_register.decide_dpia(dpia_id, forms.dpia_approval_payload(view.form))
            return view.redirect("/inbox?decided=dpia")
        except (BadInput, Conflict) as error:
            return self._inbox(view, errors={"_form": forms.service_errors(error.details, ()).get(
                "_form", [error.message])}, status=400)

    @page("POST", "/inbox/reports/<string:report_id>/approval", action="report.approve",
          api=("POST /api/v1/reports/{report_id}/approval",))
    def web_approve_report(self, request, view, report_id):
        try:
            self.reporting.approve_report(report_id)
            return view.redirect("/inbox?decided=report")
        except (BadInput, Conflict) as error:
            return self._inbox(view, errors={"_form": [error.message]}, status=400)

    @page("POST", "/inbox/<string:task_id>/complete", action="task.complete",
          api=("POST /api/v1/notification-tasks/{task_id}/complete",))
    def web_complete_task(self, request, view, task_id):
        self.reporting.complete_task(task_id, {"note": "Bekreftet i Vern / Confirmed in Vern"})
        return view.redirect("/inbox?done=1")

    # --- more of the workspace: read-only lists for now ---

    # --- risk work: assessments, their risks, the risks' measures ---

    @page("GET", "/risks", action="risk.read", api=("GET /api/v1/risks", "GET /api/v1/risk-assessments"))
    def web_risks(self, request, view):
        return self._risks_page(view, {}, {})

    @page("POST", "/risks/assessments", action="risk.edit", api=("POST /api/v1/risk-assessments",))
    def web_create_assessment(self, request, view):
        payload, errors = forms.risk_assessment_payload(view.form)
        if not errors:
            try:
                assessment = self.risk.create_assessment(payload)
                return view.redirect(f"/risks/assessments/{assessment['id']}?created=1")
            except BadInput as error:
                errors = forms.service_errors(error.details, forms.ASSESSMENT_FIELDS)
        return self._risks_page(view, view.form, errors, status=400)

    def _risks_page(self, view, values, errors, status=200):
        only_unacceptable = view.query.get("acceptable") == "false"
        query = {"page_size": 50, **({"acceptable": False} if only_unacceptable else {})}
        return view.render("risks.html", status=status, risks=self.risk.list_risks(query),
                           assessments=self.risk.list_assessments({"page_size": 50}),
                           only_unacceptable=only_unacceptable, values=values, errors=errors,
                           scopes=forms.RISK_SCOPES)

    @page("GET", "/risks/assessments/<string:assessment_id>", action="risk.read",
          api=("GET /api/v1/risk-assessments/{assessment_id}", "GET /api/v1/risks"))
    def web_assessment(self, request, view, assessment_id):
        return self._assessment_page(view, assessment_id, {}, {})

    @page("POST", "/risks/assessments/<string:assessment_id>/risks", action="risk.edit",
          api=("POST /api/v1/risk-assessments/{assessment_id}/risks",))
    def web_add_risk(self, request, view, assessment_id):
        payload, errors = forms.risk_payload(view.form)
        if not errors:
            try:
                self.risk.add_risk(assessment_id, payload)
                return view.redirect(f"/risks/assessments/{assessment_id}?added=1#risks")
            except BadInput as error:
                errors = forms.service_errors(error.details, forms.RISK_FIELDS)
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
        payload, errors = forms.risk_measure_payload(view.form)
        if not errors:
            try:
                self.risk.add_measure(risk_id, payload)
                return view.redirect(f"/risks/{risk_id}?added=1#measures")
            except BadInput as error:
                errors = forms.service_errors(error.details, forms.MEASURE_FIELDS)
        return self._risk_page(view, risk_id, view.form, errors, status=400)

    def _risk_page(self, view, risk_id, values, errors, status=200):
        return view.render("risk.html", status=status, risk=self.risk.get_risk(risk_id), values=values,
                           errors=errors, added=view.query.get("added") == "1")

    # --- the record of processing activities and the DPIA screening ---

    @page("GET", "/processing", action="privacy.read", api=("GET /api/v1/processing-activities",))
    def web_processing(self, request, view):
        return self._processing_list(view, {"status": "draft"}, {})

    @page("POST", "/processing", action="privacy.edit", api=("POST /api/v1/processing-activities",))
    def web_register_processing(self, request, view):
        payload, errors = forms.processing_payload(view.form)
        if not errors:
            try:
                activity = self.privacy_register.register_processing(payload)
                return view.redirect(f"/processing/{activity['id']}?created=1")
            except BadInput as error:
                errors = forms.processing_errors(error.details)
        return self._processing_list(view, view.form, errors, status=400)

    def _processing_list(self, view, values, errors, status=200):
        return view.render("processing.html", status=status, values=values, errors=errors,
                           activities=self.privacy_register.list_processing({"page_size": 100}),
                           articles=forms.ARTICLE_6, statuses=forms.PROCESSING_STATUSES)

    @page("GET", "/processing/<string:processing_id>", action="privacy.read",
          api=("GET /api/v1/processing-activities/{processing_id}",))
    def web_processing_activity(self, request, view, processing_id):
        return self._processing_page(view, processing_id, {}, {})

    @page("POST", "/processing/<string:processing_id>/screening", action="privacy.edit",
          api=("POST /api/v1/processing-activities/{processing_id}/screening",))
    def web_screen_processing(self, request, view, processing_id):
        payload, errors = forms.screening_payload(view.form, screening.CRITERIA)
        if not errors:
            try:
                self.privacy_register.screen_processing(processing_id, payload)
                return view.redirect(f"/processing/{processing_id}?screened=1#screening")
            except BadInput as error:
                errors = forms.screening_errors(error.details, screening.CRITERIA)
        return self._processing_page(view, processing_id, view.form, errors, status=400)

    def _processing_page(self, view, processing_id, values, errors, status=200):
        activity = self.privacy_register.get_processing(processing_id)
        index = 1 if view.lang == "en" else 0
        criteria = [(key, screening.CRITERION_LABELS[key][index]) for key in screening.CRITERIA]
        order = [f"{prefix}-{key}" for key in screening.CRITERIA for prefix in ("criterion", "justification")]
        return view.render("processing_activity.html", status=status, activity=activity, criteria=criteria, order=order,
                           values=values, errors=errors, created=view.query.get("created") == "1",
                           screened=view.query.get("screened") == "1")

    @page("GET", "/training", action="training.read", api=("GET /api/v1/training/campaigns",
                                                           "GET /api/v1/training/exercises"))
    def web_training(self, request, view):
        return self._training_page(view, {}, {})

    @page("POST", "/training/campaigns", action="training.edit", api=("POST /api/v1/training/campaigns",))
    def web_create_campaign(self, request, view):
        payload, errors = forms.campaign_payload(view.form)
        if not errors:
            try:
                self.training.create_campaign(payload)
                return view.redirect("/training?saved=campaign#campaigns")
            except BadInput as error:
                errors = forms.prefixed_errors(error.details, "campaign", forms.CAMPAIGN_FIELDS)
        return self._training_page(view, view.form, errors, status=400)

    @page("POST", "/training/exercises", action="training.edit", api=("POST /api/v1/training/exercises",))
    def web_record_exercise(self, request, view):
        payload, errors = forms.exercise_payload(view.form)
        if not errors:
            try:
                self.training.create_exercise(payload)
                return view.redirect("/training?saved=exercise#exercises")
            except BadInput as error:
                errors = forms.prefixed_errors(error.details, "exercise", forms.EXERCISE_FIELDS)
        return self._training_page(view, view.form, errors, status=400)

    def _training_page(self, view, values, errors, status=200):
        return view.render("training.html", status=status, values=values, errors=errors,
                           campaigns=self.training.list_campaigns({"page_size": 50}),
                           exercises=self.training.list_exercises({"page_size": 50}),
                           saved=view.query.get("saved"), topics=forms.TOPICS, types=forms.EXERCISE_TYPES)

    @page("GET", "/municipality", action="report.read", api=("GET /api/v1/reports/comparison",))
    def web_municipality(self, request, view):
        today = _now().date()
        comparison = self.reporting.compare_agencies({"period_start": f"{today.year}-01-01",
                                                      "period_end": today.isoformat()})
        return view.render("municipality.html", comparison=comparison)
