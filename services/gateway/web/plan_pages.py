"""The annual plan (årshjul): the year's activities by month, plan versus actual, each activity's page
with its evidence; planning, changing and copying a year's plan (the reporting service's annual plan
RPCs, the actions of /api/v1/annual-plan)."""
from babel.dates import get_month_names

from services.gateway.web import governance_forms as gf, lists
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import submit, today
from shared.errors import BadInput

PLAN = "/api/v1/annual-plan"
ACTIVITY = "/api/v1/annual-plan/{activity_id}"


def month_names(lang: str) -> dict[int, str]:
    names = get_month_names("wide", locale="nb" if lang == "nb" else "en")
    return {month: names[month].capitalize() for month in gf.MONTHS}


def month_options(lang: str) -> list[tuple[str, str]]:
    return [(str(month), name) for month, name in month_names(lang).items()]


class PlanPages(PageBase):
    @page("GET", "/annual-plan", action="plan.read", api=(f"GET {PLAN}",))
    def web_annual_plan(self, request, view):
        return self._plan_page(view, {}, {})

    def _plan_page(self, view, values, errors, status=200):
        filters = gf.plan_filters(view.query, today().year)
        refused = None
        try:
            plan = self.reporting.list_plan(filters)
        except BadInput as problem:
            plan, refused = {"year": filters["year"], "items": [], "summary": {}}, lists.refusal(problem)
        return view.render("annual_plan.html", opts=gf.option_maker(view.lang), status=status, plan=plan, months=gf.by_month(plan["items"]),
                           month_names=month_names(view.lang), month_options=month_options(view.lang), filters=filters, refused=refused,
                           choices=gf.PLAN_FILTER_CHOICES, values=values, errors=errors, forms=gf,
                           done=view.query.get("done"), copied=view.query.get("copied"),
                           copy_values={"copy-from_year": str(plan["year"]), "copy-to_year": str(plan["year"] + 1),
                                        **values})

    @page("POST", "/annual-plan", action="plan.edit", api=(f"POST {PLAN}",))
    def web_plan_activity(self, request, view):
        year = gf.plan_year(view.query, today().year)
        return submit(view, lambda form: gf.activity_payload(form, year), self.reporting.create_plan_activity,
                      f"/annual-plan?year={year}&done=planned#plan",
                      lambda values, errors: self._plan_page(view, values, errors, status=400),
                      gf.prefixed("activity", gf.ACTIVITY_FIELDS))

    @page("POST", "/annual-plan/copy", action="plan.edit", api=(f"POST {PLAN}/copy",))
    def web_copy_plan(self, request, view):
        copied = {}

        def copy(payload):
            copied.update(self.reporting.copy_plan(payload))

        response = submit(view, gf.copy_payload, copy, "",
                          lambda values, errors: self._plan_page(view, values, errors, status=400),
                          gf.prefixed("copy", gf.COPY_FIELDS))
        if copied:  # to the new year's plan, saying how many were copied
            return view.redirect(f"/annual-plan?year={copied['to_year']}&copied={copied['copied']}#plan")
        return response

    @page("GET", "/annual-plan/<int:activity_id>", action="plan.read", api=(f"GET {ACTIVITY}",))
    def web_plan_activity_page(self, request, view, activity_id):
        return self._activity_page(view, activity_id, None, {})

    def _activity_page(self, view, activity_id, values, errors, status=200):
        activity = self.reporting.get_plan_activity(activity_id)
        return view.render("plan_activity.html", opts=gf.option_maker(view.lang), status=status, activity=activity,
                           values={**gf.activity_values(activity), **(values or {})}, errors=errors,
                           month_names=month_names(view.lang), month_options=month_options(view.lang), forms=gf, done=view.query.get("done"))

    def _activity_action(self, view, activity_id, parse, call, done, errors_of):
        return submit(view, parse, call, f"/annual-plan/{activity_id}?done={done}",
                      lambda values, errors: self._activity_page(view, activity_id, values, errors, status=400),
                      errors_of)

    @page("POST", "/annual-plan/<int:activity_id>", action="plan.edit", api=(f"PATCH {ACTIVITY}",))
    def web_update_plan_activity(self, request, view, activity_id):
        activity = self.reporting.get_plan_activity(activity_id)
        return self._activity_action(view, activity_id, lambda form: gf.activity_change(form, activity),
                                     lambda payload: self.reporting.update_plan_activity(activity_id, payload),
                                     "updated", gf.prefixed("edit", gf.EDIT_ACTIVITY_FIELDS))

    @page("POST", "/annual-plan/<int:activity_id>/evidence", action="plan.edit", api=(f"POST {ACTIVITY}/evidence",))
    def web_add_plan_evidence(self, request, view, activity_id):
        return self._activity_action(view, activity_id, gf.evidence_payload,
                                     lambda payload: self.reporting.add_plan_evidence(activity_id, payload),
                                     "evidence", gf.prefixed("evidence", gf.EVIDENCE_FIELDS))
