"""The overviews: the coordinator's dashboard and the central team's municipality view.
"""
from datetime import date, datetime
from urllib.parse import urlencode

from babel.dates import format_date

from services.gateway.web import charts
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import SEVERITY_ORDER, clock, panel, today
from shared.clock import OSLO


class OverviewPages(PageBase):
    @page("GET", "/dashboard", action="incident.overview", api=("GET /api/v1/incidents/statistics",))
    def web_dashboard(self, request, view):
        year = today().year
        # every figure counts in the service (at any volume), and each card links to the list behind it
        open_figures = self.incidents.incident_statistics({"open": True})
        by_severity = [(s, open_figures["per_severity"].get(s or "unassessed", 0)) for s in SEVERITY_ORDER]
        running = self.incidents.list_incidents({**CLOCKS_QUERY, "page_size": CLOCKS_SHOWN})
        clocks_ = [{**i, "clock": clock(i, view.lang)} for i in running["items"]]
        months = panel(lambda: incidents_by_month(self.incidents.incident_statistics(year_query(year)), year,
                                                  view.lang))
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
        return view.render("dashboard.html", by_severity=by_severity, open_total=open_figures["total"],
                           clocks=clocks_, clocks_total=running["total"], clocks_link=CLOCKS_LINK,
                           months=months, panels=panels, year=year)

    @page("GET", "/municipality", action="report.read", api=("GET /api/v1/reports/comparison",))
    def web_municipality(self, request, view):
        day = today()
        comparison = self.reporting.compare_agencies({"period_start": f"{day.year}-01-01",
                                                      "period_end": day.isoformat()})
        sections = figure_sections(comparison["agencies"])
        return view.render("municipality.html", comparison=comparison, sections=sections,
                           pictures={section["name"]: comparison_chart(comparison["agencies"], section)
                                     for section in sections},
                           total=(comparison.get("municipality") or {}).get("coordinators"))


CLOCKS_SHOWN = 10  # the most urgent running clocks; the rest are a link away
CLOCKS_QUERY = {"notification": "pending", "sort": "deadline"}
CLOCKS_LINK = "/incidents?" + urlencode(CLOCKS_QUERY)
KIND_ORDER = ("personal_data_breach", "security_incident", "deviation", "near_miss")  # stacked from the bottom


def year_query(year: int) -> dict:
    """The statistics' query for a calendar year in Oslo (the service counts months in Oslo time)."""
    start = datetime(year, 1, 1, tzinfo=OSLO)
    return {"reported_from": start.isoformat(), "reported_to": start.replace(year=year + 1).isoformat()}


def incidents_by_month(figures: dict, year: int, lang: str) -> dict:
    """The year's incidents per month by kind: the picture's geometry and the table's rows (one per month,
    a column per kind, with the month's total), months in the page's language."""
    per_month = figures.get("per_month_by_kind") or {}
    locale = "nb_NO" if lang == "nb" else "en_GB"
    months = [f"{year}-{month:02d}" for month in range(1, 13)]
    names = [format_date(date(year, month, 1), "MMM", locale=locale).rstrip(".") for month in range(1, 13)]
    series = [(kind, [per_month.get(month, {}).get(kind, 0) for month in months]) for kind in KIND_ORDER]
    rows = [{"month": format_date(date(year, i + 1, 1), "LLLL", locale=locale), "key": months[i],
             "counts": [values[i] for _, values in series], "total": sum(values[i] for _, values in series)}
            for i in range(12)]
    return {"geometry": charts.stacked_columns(names, series), "rows": rows, "kinds": KIND_ORDER,
            "total": sum(row["total"] for row in rows)}


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


# the figure each section's picture compares across the agencies; a rate (per cent) is drawn against 100
HEADLINES = {"incidents": "reported", "risk": "unacceptable_now", "privacy_register": "processing_activities",
             "training": "completion_rate", "coordinators": "pko_share"}
RATES = ("completion_rate", "pko_share", "isk_share")


def comparison_chart(agencies: list[dict], section: dict) -> dict | None:
    """One section's headline figure per agency, as bars under each agency's name (None: nothing to draw)."""
    figure = HEADLINES.get(section["name"])
    if figure not in section["figures"] or not agencies:
        return None
    rows = [(a.get("name") or a["agency"], (a.get(section["name"]) or {}).get(figure)) for a in agencies]
    return {"figure": figure, "rate": figure in RATES,
            "geometry": charts.bars(rows, maximum=100 if figure in RATES else None)}


def _single_figure(value) -> bool:
    # None: a rate with nothing to count this year (shown as a dash)
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))
