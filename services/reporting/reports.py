"""Reports for a period: drafted from the facts as they stand, written into by the coordinators,
approved by the agency head, and then frozen as a sealed version that later events never change.
A new draft for the same period becomes the next version."""
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from services.reporting import annual_plan, declaration_rules, read_model, report_content, report_figures
from services.reporting.models import Agency, Report, ReportFact
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.errors import BadInput, Conflict
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Report", "Rapporten")


@dataclass(frozen=True)
class ReportSettings:
    deployed: set  # the services this deployment runs: a section without its source says so
    seal_key: bytes


def create_report(uow: UnitOfWork, principal: Principal, command: dict) -> Report:
    """A draft; with an approved version for the period already, the draft is the next version."""
    period = (command["kind"], command["period_start"], command["period_end"])
    if period[0] == "annual_plan_followup" and period[1].year != period[2].year:
        raise BadInput("Invalid input / Ugyldige data", {"period_end": [
            "The annual plan is followed up one year at a time / Årsplanen følges opp for ett år om gangen."]})
    same = [Report.agency == principal.agency, Report.kind == period[0], Report.period_start == period[1],
            Report.period_end == period[2]]
    if uow.session.scalars(select(Report.id).where(*same, Report.status == "draft")).first():
        raise Conflict("A draft for this report and period exists; write in it / Det finnes alt et utkast")
    latest = uow.session.scalar(select(func.max(Report.version)).where(*same)) or 0
    report = Report(id=str(uuid.uuid4()), agency=principal.agency, kind=period[0], period_start=period[1],
                    period_end=period[2], version=latest + 1, status="draft",
                    inputs=_checked_inputs(period[0], command.get("inputs", {})), created_at=utcnow(),
                    created_by=principal.sub)
    uow.session.add(report)
    uow.session.flush()
    return report


def write_inputs(uow: UnitOfWork, principal: Principal, report_id: str, inputs: dict) -> Report:
    report = _draft(uow, principal, report_id)
    report.inputs = {**report.inputs, **_checked_inputs(report.kind, inputs)}
    return report


def approve(uow: UnitOfWork, principal: Principal, report_id: str, deployed: set, seal_key: bytes) -> Report:
    """Freeze the content as it is now, hash it, and seal hash, approver and time. The caller has
    checked that the approver confirmed reading it (`read_confirmed`); who and when is recorded."""
    report = _draft(uow, principal, report_id)
    content = content_of(uow, report, deployed)
    now = utcnow()
    report.content = content
    report.content_sha256 = hashlib.sha256(_canonical(content)).hexdigest()
    report.status, report.approved_at, report.approved_by = "approved", now, principal.sub
    report.read_confirmed_at, report.read_confirmed_by = now, principal.sub
    report.seal = seal(seal_key, report)
    annual_plan.on_report_approved(uow, report, report_content.TITLES[report.kind][0])
    return report


def get_report(uow: UnitOfWork, principal: Principal, report_id: str) -> Report:
    return get_visible(uow.session, principal, Report, report_id, NAMES)


def list_reports(uow: UnitOfWork, principal: Principal, seal_key: bytes, kind=None, year=None) -> list[dict]:
    query = visible(Report, principal)
    if kind:
        query = query.where(Report.kind == kind)
    if year:
        query = query.where(Report.period_start >= date(year, 1, 1), Report.period_start <= date(year, 12, 31))
    return [summary(report, seal_key) for report in uow.session.scalars(
        query.order_by(Report.period_start.desc(), Report.kind, Report.version.desc()))]


def view(uow: UnitOfWork, report: Report, deployed: set, seal_key: bytes) -> dict:
    """A draft shows the figures as they are now; an approved report its frozen content and whether
    its seal still holds (an altered row would not)."""
    frozen = report.status == "approved"
    return {**summary(report, seal_key), "content": report.content if frozen else content_of(uow, report, deployed)}


def summary(report: Report, seal_key: bytes) -> dict:
    """The report without its content, as a list shows it: whether an approved one's seal holds."""
    return {**{column: getattr(report, column) for column in report.__mapper__.columns.keys()},
            "title_nb": report_content.TITLES[report.kind][0], "title_en": report_content.TITLES[report.kind][1],
            "seal_valid": seal_holds(report, seal_key) if report.status == "approved" else None}


def seal_holds(report: Report, seal_key: bytes) -> bool:
    """The stored content still hashes to the sealed hash, and the seal over hash, approver and time is ours."""
    return (hmac.compare_digest(report.seal or "", seal(seal_key, report))
            and hashlib.sha256(_canonical(report.content)).hexdigest() == report.content_sha256)


def content_of(uow: UnitOfWork, report: Report, deployed: set) -> dict:
    found = read_model.states(uow.session, [report.agency])
    figures = figures_of(found, report.period_start, report.period_end)
    reviews = _management_reviews_approved(uow, report)
    figures["management_review_approved"] = bool(reviews)
    if report.kind == "self_declaration":  # each statement with the records it counted, as of now
        figures["declaration"] = declaration_rules.evidence(found, report.period_start, report.period_end, utcnow(),
                                                            reviews)
    if report.kind == "annual_plan_followup":  # the period's year is the plan's year
        figures["annual_plan"] = annual_plan.followup(uow.session, report.agency, report.period_start.year, today())
    return {"period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
            "sources": {service: service in deployed for service in ("incidents", "risk", "privacy_register",
                                                                     "training")},
            **report_content.compose(report.kind, figures, report.inputs, deployed,
                                     _previous_decisions(uow, report))}


def period_figures(session, agencies: list[str] | None, start: date, end: date,
                   coordinator_courses: list[dict] = (), on: date | None = None) -> dict:
    """The municipality view's figures of `agencies`: a report's, and the coordinators' coverage of the
    central team's courses (given, as they are municipality-wide and belong to the central agency)."""
    found = read_model.states(session, agencies)
    return {**figures_of(found, start, end),
            "coordinators": report_figures.coordinator_coverage(
                list(coordinator_courses), found["coordinator_participation"], start, end, on or today())}


def figures_of(found: dict, start: date, end: date) -> dict:
    return {
        "incidents": report_figures.incident_figures(found["incident"], start, end),
        "risk": report_figures.risk_figures(found["assessment"], found["risk"], found["measure"], start, end),
        "privacy_register": report_figures.privacy_figures(found["processing"]),
        "training": report_figures.training_figures(found["campaign"], found["exercise"],
                                                    found["training_overdue"], start, end),
    }


def compare_agencies(uow: UnitOfWork, principal: Principal, start: date, end: date) -> dict:
    """The municipality view: the same figures for each agency side by side, with the coordinators'
    coverage of the central team's courses (municipality-wide, so read across agencies) and its total."""
    agencies = sorted(set(uow.session.scalars(select(ReportFact.agency).distinct()))) \
        if principal.sees_all_agencies else [principal.agency]
    courses = read_model.states(uow.session, None, ("coordinator_course",))["coordinator_course"]
    names = dict(uow.session.execute(select(Agency.code, Agency.name).where(Agency.code.in_(agencies))).all())
    # `name`: the directory's, so the view names an agency as people know it (the code when it has none)
    rows = [{"agency": agency, "name": names.get(agency) or agency,
             **period_figures(uow.session, [agency], start, end, courses)} for agency in agencies]
    return {"period": {"start": start.isoformat(), "end": end.isoformat()}, "agencies": rows,
            "municipality": {"coordinators": report_figures.municipality_coverage([r["coordinators"] for r in rows])}}


def seal(key: bytes, report: Report) -> str:
    message = f"{report.id}|{report.version}|{report.content_sha256}|{report.approved_by}|" \
              f"{report.approved_at.isoformat()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _draft(uow: UnitOfWork, principal: Principal, report_id: str) -> Report:
    report = own_agency(uow.session, principal, Report, report_id, NAMES)
    if report.status != "draft":
        raise Conflict("The report is approved and frozen; start a new version / Rapporten er godkjent og låst")
    return report


def _checked_inputs(kind: str, inputs: dict) -> dict:
    unknown = sorted(set(inputs) - set(report_content.INPUT_KEYS[kind]))
    if unknown:
        raise BadInput("Invalid input / Ugyldige data",
                       {"inputs": [f"Unknown for {kind}: {', '.join(unknown)}; allowed: "
                                   f"{', '.join(report_content.INPUT_KEYS[kind])}"]})
    return inputs


def _previous_decisions(uow: UnitOfWork, report: Report) -> str | None:
    """9.3.2 (a) starts from what the last approved management review decided."""
    if report.kind != "management_review":
        return None
    previous = uow.session.scalars(select(Report).where(
        Report.agency == report.agency, Report.kind == "management_review", Report.status == "approved",
        Report.period_end < report.period_start).order_by(Report.period_end.desc(), Report.version.desc())).first()
    return previous.inputs.get("decisions") if previous else None


def _management_reviews_approved(uow: UnitOfWork, report: Report) -> list[dict]:
    """The approved management reviews whose period overlaps the report's."""
    found = uow.session.execute(select(Report.id, Report.version, Report.approved_at).where(
        Report.agency == report.agency, Report.kind == "management_review", Report.status == "approved",
        Report.period_start <= report.period_end, Report.period_end >= report.period_start)
        .order_by(Report.approved_at, Report.id))
    return [{"id": id_, "version": version, "approved_at": approved_at.isoformat() if approved_at else None}
            for id_, version, approved_at in found]


def _canonical(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()
