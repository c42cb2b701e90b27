"""The annual plan (årsplan / årshjul): activities planned per agency and year, ticked done by what
the services announce and by reporting's own happenings, copied on to the next year, and followed
up as plan versus actual."""
from datetime import date

from sqlalchemy import select

from services.reporting import annual_plan_rules as rules
from services.reporting import facts, read_model
from services.reporting.governance_rules import period_year
from services.reporting.models import Attestation, DocumentReview, GoverningDocument, PlanActivity, Report
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import today, utcnow
from shared.errors import BadInput, Conflict
from shared.events import Event
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Plan activity", "Aktiviteten")
COLUMNS = ("id", "agency", "year", "area", "kind", "title", "description", "owner_role", "due_month", "status",
           "cancel_reason", "expects_reference", "evidence", "done_at")


def create_activity(uow: UnitOfWork, principal: Principal, command: dict) -> PlanActivity:
    now = utcnow()
    activity = PlanActivity(agency=principal.agency, evidence=[], created_at=now, created_by=principal.sub,
                            updated_at=now, **command)
    uow.session.add(activity)
    uow.session.flush()
    return activity


def update_activity(uow: UnitOfWork, principal: Principal, activity_id: int, command: dict) -> PlanActivity:
    activity = own_agency(uow.session, principal, PlanActivity, activity_id, NAMES)
    current = as_plain(activity)
    problems = rules.change_problems(current, command)
    if problems:
        raise BadInput("Invalid input / Ugyldige data", problems)
    merged = {**current, **command}
    changes = {**command, **rules.after_status_change(activity.status, merged["status"], utcnow(), activity.done_at,
                                                      merged.get("cancel_reason"))}
    for field, value in changes.items():
        setattr(activity, field, value)
    activity.updated_at = utcnow()
    return activity


def get_activity(uow: UnitOfWork, principal: Principal, activity_id: int) -> PlanActivity:
    return get_visible(uow.session, principal, PlanActivity, activity_id, NAMES)


def list_plan(uow: UnitOfWork, principal: Principal, year: int, area=None, kind=None, status=None, standing=None,
              agency=None) -> dict:
    """The year's plan, by due month, with the plan-versus-actual figures of what is listed."""
    query = visible(PlanActivity, principal).where(PlanActivity.year == year)
    for column, value in ((PlanActivity.area, area), (PlanActivity.kind, kind), (PlanActivity.status, status),
                          (PlanActivity.agency, agency)):
        if value:
            query = query.where(column == value)
    on = today()
    found = [as_plain(a) for a in uow.session.scalars(query.order_by(PlanActivity.agency, PlanActivity.due_month,
                                                                     PlanActivity.id))]
    if standing:
        found = [a for a in found if rules.standing(a, on) == standing]
    return {"year": year, "items": [with_standing(a, on) for a in found], "summary": rules.figures(found, on)}


def add_evidence(uow: UnitOfWork, principal: Principal, activity_id: int, command: dict) -> PlanActivity:
    """Manual proof that the activity was done (minutes, a document, a link); ticks it done unless
    `done` is false."""
    activity = own_agency(uow.session, principal, PlanActivity, activity_id, NAMES)
    if activity.status == "cancelled":
        raise Conflict("The activity is cancelled; change its status first / Aktiviteten er avlyst")
    at = command.get("at") or utcnow()
    if at > utcnow():
        raise BadInput("Invalid input / Ugyldige data", {"at": ["Must not be in the future / Kan ikke være fram i tid."]})
    entry = {"source": "manual", "type": command["type"], "reference": command["reference"],
             "title": command["title"], "at": at.isoformat(), "event_id": None, "recorded_by": principal.sub}
    activity.evidence = [*(activity.evidence or []), entry]
    if command.get("done", True) and activity.status != "done":
        activity.status, activity.done_at = "done", at
    activity.updated_at = utcnow()
    return activity


def copy_year(uow: UnitOfWork, principal: Principal, from_year: int, to_year: int) -> dict:
    """The årshjul repeats: the same activities for the next year, planned, without evidence."""
    mine = select(PlanActivity).where(PlanActivity.agency == principal.agency)
    if uow.session.scalars(mine.where(PlanActivity.year == to_year).limit(1)).first() is not None:
        raise Conflict(f"The plan for {to_year} already has activities / Planen for {to_year} har alt aktiviteter")
    source = uow.session.scalars(mine.where(PlanActivity.year == from_year)
                                 .order_by(PlanActivity.due_month, PlanActivity.id)).all()
    if not source:
        raise Conflict(f"No activities planned in {from_year} to copy / Ingen aktiviteter i {from_year} å kopiere")
    now = utcnow()
    created = [PlanActivity(agency=principal.agency, created_at=now, created_by=principal.sub, updated_at=now,
                            **rules.copied(as_plain(activity), to_year)) for activity in source]
    uow.session.add_all(created)
    uow.session.flush()
    return {"from_year": from_year, "to_year": to_year, "copied": len(created),
            "items": [with_standing(as_plain(a), today()) for a in created]}


# --- ticking: what was done, as evidence on the first open activity of its kind ---

def tick(uow: UnitOfWork, happening: rules.Happening) -> PlanActivity | None:
    """Tick the activity the happening fits, once: a happening already held as evidence (by event id,
    or by type and reference) ticks nothing again. The claim is a conditional update, so two
    instances ticking at once never tick the same activity twice nor lose one's evidence."""
    year = select(PlanActivity).where(PlanActivity.agency == happening.agency,
                                      PlanActivity.year == happening.plan_year)
    activities = [as_plain(a) for a in uow.session.scalars(year)]
    if rules.already_evidenced(activities, happening):
        return None
    for candidate in rules.candidates(activities, happening):
        if claim(uow.session, PlanActivity, PlanActivity.id == candidate["id"],
                 PlanActivity.status.in_(rules.OPEN_STATUSES), synchronize_session="fetch",
                 status="done", done_at=happening.at, updated_at=utcnow(),
                 evidence=[*(candidate["evidence"] or []), happening.evidence()]):
            return uow.session.get(PlanActivity, candidate["id"])
    return None


def record_fact(fold: facts.Fold, uow: UnitOfWork, event: Event):
    """The fact handlers' use case: keep the fact, and tick the plan when the event does something
    the plan foresees (an approved assessment, a completed DPIA, campaign or exercise)."""
    fact = read_model.record(fold, uow, event)
    happening = rules.happening_from_event(fold.event.key, event.id, event.agency, event.time, event.data)
    if happening is not None:
        tick(uow, happening)
    return fact


def on_attestation(uow: UnitOfWork, document: GoverningDocument, attestation: Attestation) -> None:
    """An attestation that a routine was complied with ticks an internal control of its period's year."""
    tick(uow, rules.Happening(
        type=rules.ATTESTATION_RECORDED, kind="internal_control", agency=document.agency,
        reference=str(attestation.id), subjects=(str(document.id),), at=attestation.attested_at,
        title=f"{document.title} ({attestation.period}: {attestation.result})",
        year=period_year(attestation.period)))


def on_document_review(uow: UnitOfWork, document: GoverningDocument, review: DocumentReview) -> None:
    tick(uow, rules.Happening(
        type=rules.DOCUMENT_REVIEWED, kind="document_review", agency=document.agency, reference=str(review.id),
        subjects=(str(document.id),), at=review.recorded_at, year=review.reviewed_on.year,
        title=f"{document.title} {document.version} ({review.reviewed_on.isoformat()})"))


def on_report_approved(uow: UnitOfWork, report: Report, title: str) -> None:
    """An approved report ticks a planned report; `expects_reference` may name its id or its kind."""
    tick(uow, rules.Happening(
        type=rules.REPORT_APPROVED, kind="report", agency=report.agency, reference=report.id,
        subjects=(report.id, report.kind), at=report.approved_at,
        title=f"{title} {report.period_start.isoformat()}–{report.period_end.isoformat()} v{report.version}"))


# --- reading ---

def followup(session, agency: str, year: int, on: date) -> dict:
    """The year's plan as the follow-up report shows it: each activity with its standing, and the figures."""
    found = [as_plain(a) for a in session.scalars(select(PlanActivity).where(
        PlanActivity.agency == agency, PlanActivity.year == year).order_by(PlanActivity.due_month, PlanActivity.id))]
    return {"year": year, "activities": [with_standing(a, on) for a in found], "figures": rules.figures(found, on)}


def as_plain(activity: PlanActivity) -> dict:
    return {column: getattr(activity, column) for column in COLUMNS}


def with_standing(activity: dict, on: date) -> dict:
    return {**activity, "standing": rules.standing(activity, on)}


def as_view(activity: PlanActivity) -> dict:
    view = {column: getattr(activity, column) for column in activity.__mapper__.columns.keys()}
    return with_standing(view, today())
