"""Campaigns (kampanjer): planned, launched to their audience, reminded, and completed with figures.

Launching, reminding and completing are claimed with a conditional UPDATE, so with several
instances of the service each happens once.
"""
import uuid
from datetime import date, datetime

from sqlalchemy import select

from services.training import rules
from services.training.courses import NAMES as COURSE_NAMES
from services.training.models import Campaign, Completion, Course, Enrolment, Participant
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import today, utcnow
from shared.contracts.training import CAMPAIGN_COMPLETED, CAMPAIGN_LAUNCHED, CAMPAIGN_REMINDER_DUE
from shared.errors import BadInput, Conflict
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Campaign", "Kampanjen")
# what may still change once a campaign runs; nothing changes once it is completed
CHANGEABLE_WHILE_RUNNING = {"title", "description", "ends_on", "target_rate", "reminders"}


def create_campaign(uow: UnitOfWork, principal: Principal, command: dict, suggestion_id: str | None = None
                    ) -> Campaign:
    if command.get("course_id"):
        own_agency(uow.session, principal, Course, command["course_id"], COURSE_NAMES)
    now = utcnow()
    reminders = command.pop("reminders")
    campaign = Campaign(id=str(uuid.uuid4()), agency=principal.agency, status="planned", reminders_sent=0,
                        reminder_count=reminders["count"], reminder_spacing_days=reminders["spacing_days"],
                        suggestion_id=suggestion_id, created_at=now, created_by=principal.sub, updated_at=now,
                        **{"target_units": [], "target_roles": [], **command})
    uow.session.add(campaign)
    uow.session.flush()
    return campaign


def update_campaign(uow: UnitOfWork, principal: Principal, campaign_id: str, command: dict) -> Campaign:
    campaign = own_agency(uow.session, principal, Campaign, campaign_id, NAMES)
    locked = sorted(set(command) - CHANGEABLE_WHILE_RUNNING) if campaign.status == "running" else \
        sorted(command) if campaign.status == "completed" else []
    if locked:
        raise Conflict(f"The campaign is {campaign.status}; these cannot change / Kampanjen er i gang eller "
                       f"avsluttet: {', '.join(locked)}", {field: ["locked"] for field in locked})
    if command.get("course_id"):
        own_agency(uow.session, principal, Course, command["course_id"], COURSE_NAMES)
    starts_on, ends_on = command.get("starts_on", campaign.starts_on), command.get("ends_on", campaign.ends_on)
    if ends_on < starts_on:
        raise BadInput("Invalid input / Ugyldige data", {"ends_on": ["Must be on or after starts_on."]})
    if "reminders" in command:
        reminders = command.pop("reminders")
        campaign.reminder_count, campaign.reminder_spacing_days = reminders["count"], reminders["spacing_days"]
    for field, value in command.items():
        setattr(campaign, field, value)
    campaign.updated_at = utcnow()
    return campaign


def get_campaign(uow: UnitOfWork, principal: Principal, campaign_id: str) -> Campaign:
    return get_visible(uow.session, principal, Campaign, campaign_id, NAMES)


def list_campaigns(uow: UnitOfWork, principal: Principal, page: int, page_size: int, status=None,
                   topic=None) -> dict:
    query = visible(Campaign, principal)
    if status:
        query = query.where(Campaign.status == status)
    if topic:
        query = query.where(Campaign.topic == topic)
    return fetch_page(uow.session, query.order_by(Campaign.starts_on.desc(), Campaign.id), page, page_size)


def view(campaign: Campaign) -> dict:
    """The campaign as the API shows it, with its figures (live while it runs, frozen at the end)."""
    return {**{column: getattr(campaign, column) for column in campaign.__mapper__.columns.keys()},
            "reminders": {"count": campaign.reminder_count, "spacing_days": campaign.reminder_spacing_days},
            "figures": campaign.figures or figures_of(campaign)}


def figures_of(campaign: Campaign) -> dict:
    counted = rules.figures([(e.unit, e.role, e.completed_on is not None) for e in campaign.enrolments])
    return {**counted, "target_met": counted["enrolled"] > 0 and counted["completion_rate"] >= campaign.target_rate}


# --- the life cycle ---

def launch(uow: UnitOfWork, principal: Principal, campaign_id: str) -> Campaign:
    campaign = own_agency(uow.session, principal, Campaign, campaign_id, NAMES)
    if not start(uow, campaign, utcnow(), launched_early=True):
        raise Conflict(f"The campaign is already {campaign.status} / Kampanjen er allerede startet")
    return campaign


def complete(uow: UnitOfWork, principal: Principal, campaign_id: str) -> Campaign:
    campaign = own_agency(uow.session, principal, Campaign, campaign_id, NAMES)
    if not finish(uow, campaign, utcnow()):
        raise Conflict(f"Only a running campaign can be completed; this one is {campaign.status} / "
                       "Bare en kampanje som er i gang kan avsluttes")
    return campaign


def start(uow: UnitOfWork, campaign: Campaign, now: datetime, launched_early: bool = False) -> bool:
    """planned -> running: enrol the audience as it is now and announce the launch; False if taken."""
    if not _claim(uow, campaign, "planned", status="running", launched_at=now):
        return False
    uow.session.refresh(campaign)
    if launched_early and campaign.starts_on > today():
        campaign.starts_on = today()
    audience = uow.session.scalars(select(Participant).where(Participant.agency == campaign.agency,
                                                             Participant.active.is_(True))).all()
    target = rules.Audience(frozenset(campaign.target_units), frozenset(campaign.target_roles))
    for person in audience:
        if target.includes(person.unit, person.role):
            campaign.enrolments.append(Enrolment(participant_id=person.participant_id, unit=person.unit,
                                                 role=person.role, enrolled_at=now))
    uow.session.flush()
    _credit_earlier_completions(uow, campaign)
    uow.publish(CAMPAIGN_LAUNCHED, campaign.id, campaign.agency, {
        **_reference(campaign), "target_units": campaign.target_units, "target_roles": campaign.target_roles,
        "enrolled": len(campaign.enrolments), "launched_at": now})
    return True


def finish(uow: UnitOfWork, campaign: Campaign, now: datetime) -> bool:
    """running -> completed: freeze the figures and announce them; False if taken."""
    if not _claim(uow, campaign, "running", status="completed", completed_at=now):
        return False
    uow.session.refresh(campaign)
    campaign.figures = figures_of(campaign)
    uow.publish(CAMPAIGN_COMPLETED, campaign.id, campaign.agency, {
        **_reference(campaign), **campaign.figures, "completed_at": now})
    return True


def enrol(uow: UnitOfWork, principal: Principal, campaign_id: str, participant_ids: list[str]) -> Campaign:
    """Add people to a running campaign (newcomers, or anyone outside the target audience)."""
    campaign = own_agency(uow.session, principal, Campaign, campaign_id, NAMES)
    if campaign.status != "running":
        raise Conflict("Enrol in a running campaign; a planned one enrols its audience at launch / "
                       "Påmelding gjelder kampanjer som er i gang")
    people = _known(uow, campaign.agency, participant_ids)
    enrolled = {e.participant_id for e in campaign.enrolments}
    now = utcnow()
    for person in people:
        if person.participant_id not in enrolled:
            campaign.enrolments.append(Enrolment(participant_id=person.participant_id, unit=person.unit,
                                                 role=person.role, enrolled_at=now))
    uow.session.flush()
    _credit_earlier_completions(uow, campaign)
    return campaign


def record_participation(uow: UnitOfWork, principal: Principal, campaign_id: str, command: dict) -> Campaign:
    """Participation in a campaign without a course (a talk, an awareness week), for enrolled people."""
    campaign = own_agency(uow.session, principal, Campaign, campaign_id, NAMES)
    if campaign.status != "running":
        raise Conflict(f"The campaign is {campaign.status}; participation is recorded while it runs / "
                       "Deltakelse registreres mens kampanjen pågår")
    by_id = {e.participant_id: e for e in campaign.enrolments}
    missing = sorted(set(command["participant_ids"]) - set(by_id))
    if missing:
        raise BadInput("Not enrolled in the campaign / Ikke påmeldt kampanjen",
                       {"participant_ids": [f"not enrolled: {', '.join(missing[:20])}"]})
    for participant_id in command["participant_ids"]:
        enrolment = by_id[participant_id]
        enrolment.completed_on = enrolment.completed_on or command["completed_on"]
    return campaign


def credit_completions(uow: UnitOfWork, agency: str, completions: list[tuple[str, str, date]]) -> int:
    """Mark enrolments complete for passed (course_id, participant_id, completed_on) within a running
    campaign's period; returns how many enrolments changed."""
    if not completions:
        return 0
    courses = {course_id for course_id, _, _ in completions}
    running = uow.session.scalars(select(Campaign).where(Campaign.agency == agency, Campaign.status == "running",
                                                         Campaign.course_id.in_(courses))).all()
    credited = 0
    for campaign in running:
        taken = {}
        for course_id, participant_id, completed_on in completions:
            if course_id == campaign.course_id and campaign.starts_on <= completed_on <= campaign.ends_on:
                taken[participant_id] = min(completed_on, taken.get(participant_id, completed_on))
        for enrolment in campaign.enrolments:
            if enrolment.completed_on is None and enrolment.participant_id in taken:
                enrolment.completed_on = taken[enrolment.participant_id]
                credited += 1
    return credited


def enrolments_of(uow: UnitOfWork, principal: Principal, campaign_id: str) -> list[Enrolment]:
    return get_campaign(uow, principal, campaign_id).enrolments


# --- the timer ---

def follow_up(uow: UnitOfWork, on: date, now: datetime) -> dict:
    """Launch what starts today, complete what ended yesterday, send due reminders."""
    done = {"launched": [], "completed": [], "reminded": []}
    for campaign in uow.session.scalars(select(Campaign).where(Campaign.status == "planned",
                                                               Campaign.starts_on <= on)).all():
        if start(uow, campaign, now):
            done["launched"].append(campaign.id)
    for campaign in uow.session.scalars(select(Campaign).where(Campaign.status == "running",
                                                               Campaign.ends_on < on)).all():
        if finish(uow, campaign, now):
            done["completed"].append(campaign.id)
    for campaign in uow.session.scalars(select(Campaign).where(Campaign.status == "running",
                                                               Campaign.reminders_sent < Campaign.reminder_count)
                                        ).all():
        if remind(uow, campaign, on):
            done["reminded"].append(campaign.id)
    return done


def remind(uow: UnitOfWork, campaign: Campaign, on: date) -> bool:
    """The latest reminder due, once: a late timer sends one reminder, not each one it missed."""
    sent = campaign.reminders_sent
    due = rules.reminders_due(campaign.starts_on, campaign.reminder_count, campaign.reminder_spacing_days, sent, on)
    if due == sent or not _claim(uow, campaign, "running", reminders_sent=due, expected_reminders=sent):
        return False
    uow.session.refresh(campaign)
    behind = [e.participant_id for e in campaign.enrolments if e.completed_on is None]
    uow.publish(CAMPAIGN_REMINDER_DUE, campaign.id, campaign.agency, {
        "campaign_id": campaign.id, "title": campaign.title, "reminder": due, "of": campaign.reminder_count,
        "participant_ids": behind,
        "due_on": rules.reminder_date(campaign.starts_on, campaign.reminder_spacing_days, due)})
    return True


def _claim(uow: UnitOfWork, campaign: Campaign, current: str, expected_reminders: int | None = None,
           **values) -> bool:
    """Move the campaign on from `current` only if no one (no other instance) did it first."""
    condition = [Campaign.id == campaign.id, Campaign.status == current]
    if expected_reminders is not None:
        condition.append(Campaign.reminders_sent == expected_reminders)
    return claim(uow.session, Campaign, *condition, **values)


def _credit_earlier_completions(uow: UnitOfWork, campaign: Campaign) -> None:
    """Completions recorded before the launch (or the enrolment) within the period count too."""
    if campaign.course_id is None:
        return
    rows = uow.session.execute(select(Completion.course_id, Completion.participant_id, Completion.completed_on).where(
        Completion.agency == campaign.agency, Completion.course_id == campaign.course_id,
        Completion.passed.is_(True), Completion.completed_on >= campaign.starts_on,
        Completion.completed_on <= campaign.ends_on)).all()
    credit_completions(uow, campaign.agency, [tuple(row) for row in rows])


def _known(uow: UnitOfWork, agency: str, participant_ids: list[str]) -> list[Participant]:
    people = uow.session.scalars(select(Participant).where(Participant.agency == agency,
                                                           Participant.participant_id.in_(participant_ids))).all()
    missing = sorted(set(participant_ids) - {p.participant_id for p in people})
    if missing:
        raise BadInput("Unknown participants / Ukjente deltakere",
                       {"participant_ids": [f"not in the directory: {', '.join(missing[:20])}"]})
    return list(people)


def _reference(campaign: Campaign) -> dict:
    return {"campaign_id": campaign.id, "title": campaign.title, "topic": campaign.topic, "theme": campaign.theme,
            "course_id": campaign.course_id, "starts_on": campaign.starts_on, "ends_on": campaign.ends_on,
            "target_rate": campaign.target_rate}
