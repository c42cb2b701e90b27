"""The overviews: the coordinator's dashboard and the central team's municipality view.
"""
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import SEVERITY_ORDER, clock, panel, today
from shared.contracts.incidents import OPEN_STATUSES


class OverviewPages(PageBase):
    @page("GET", "/dashboard", action="incident.overview", api=("GET /api/v1/incidents/statistics",))
    def web_dashboard(self, request, view):
        recent = self.incidents.list_incidents({"page_size": 100})["items"]
        open_incidents = [i for i in recent if i["status"] in OPEN_STATUSES]
        by_severity = [(s, sum(1 for i in open_incidents if i.get("severity") == s)) for s in SEVERITY_ORDER]
        running = sorted((i for i in recent if i.get("authority_notification") == "pending"),
                         key=lambda i: i["authority_deadline"])
        clocks_ = [{**i, "clock": clock(i, view.lang)} for i in running]
        year = today().year
        panels = {
            "risks": view.may("risk.read") and panel(
                lambda: self.risk.list_risks({"acceptable": False, "page_size": 5})),
            "dpias_review": view.may("privacy.read") and panel(
                lambda: self.privacy_register.list_dpias({"status": "in_review", "page_size": 5})),
            "dpias_outdated": view.may("privacy.read") and panel(
                lambda: self.privacy_register.list_dpias({"outdated": True, "page_size": 5})),
            "campaigns": view.may("training.read") and panel(
                lambda: self.training.list_campaigns({"status": "running", "page_size": 50})),
            "plan": view.may("plan.read") and panel(lambda: self.reporting.list_plan({"year": year})),
            "tasks": view.may("task.read") and panel(
                lambda: self.notifications.list_tasks({"status": "open", "page_size": 5})),
        }
        if panels["campaigns"]:
            panels["campaigns"] = [c for c in panels["campaigns"]["items"]
                                   if (c.get("figures") or {}).get("completion_rate", 0) < c.get("target_rate", 0)]
        return view.render("dashboard.html", by_severity=by_severity, open_total=len(open_incidents),
                           clocks=clocks_, panels=panels, year=year)

    @page("GET", "/municipality", action="report.read", api=("GET /api/v1/reports/comparison",))
    def web_municipality(self, request, view):
        day = today()
        comparison = self.reporting.compare_agencies({"period_start": f"{day.year}-01-01",
                                                      "period_end": day.isoformat()})
        return view.render("municipality.html", comparison=comparison,
                           sections=figure_sections(comparison["agencies"]),
                           total=(comparison.get("municipality") or {}).get("coordinators"))


AGENCY_KEYS = ("agency", "name")  # who the row is; every other key is a section of figures


def figure_sections(agencies: list[dict]) -> list[dict]:
    """Each section of the comparison with the figures shown side by side: the counts and rates (a
    breakdown, such as incidents by month, stays in the reports). Sections and figures come as the
    reporting service names them; their labels are i18n's msection.* and figure.<section>.<name>."""
    sections = [name for name in (agencies[0] if agencies else {}) if name not in AGENCY_KEYS]
    shown = []
    for section in sections:
        names: list[str] = []
        for agency in agencies:
            names += [key for key, value in (agency.get(section) or {}).items()
                      if _single_figure(value) and key not in names]
        shown.append({"name": section, "figures": names})
    return shown


def _single_figure(value) -> bool:
    # None: a rate with nothing to count this year (shown as a dash)
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
