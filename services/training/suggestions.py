"""Campaign suggestions: incidents of one category closed again and again within a period call for
a campaign on that theme. One open suggestion per agency and theme, however many incidents follow
and however many instances handle them."""
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.training import campaigns, rules
from services.training.models import CampaignSuggestion, ClosedIncident
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.training import CAMPAIGN_SUGGESTED
from shared.errors import Conflict
from shared.events import Event
from shared.scoping import own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Campaign suggestion", "Kampanjeforslaget")
THEME_TITLES = {"phishing": "Phishing / Nettfisking", "misdirected_email_or_letter":
                "Misdirected e-mail and letters / Feilsendt e-post og brev"}


def note_closed_incident(uow: UnitOfWork, event: Event, threshold: int, window_days: int) -> CampaignSuggestion | None:
    incident = event.data
    known = uow.session.get(ClosedIncident, incident["incident_id"])
    if known is None:
        uow.session.add(ClosedIncident(incident_id=incident["incident_id"], agency=event.agency,
                                       category=incident["category"], closed_at=incident["closed_at"]))
    else:  # closed again after a reopening: the latest closing counts, once
        known.category, known.closed_at = incident["category"], incident["closed_at"]
    uow.session.flush()
    return suggest(uow, event.agency, incident["category"], threshold, window_days, utcnow())


def suggest(uow: UnitOfWork, agency: str, category: str, threshold: int, window_days: int,
            now: datetime) -> CampaignSuggestion | None:
    """Open a suggestion when `threshold` incidents not yet in a suggestion fall within the window;
    incidents of a theme already suggested join the open suggestion instead."""
    already = set()
    open_one = None
    for suggestion in uow.session.scalars(select(CampaignSuggestion).where(
            CampaignSuggestion.agency == agency, CampaignSuggestion.theme == category)).all():
        already.update(suggestion.incident_ids)
        open_one = suggestion if suggestion.status == "open" else open_one
    unsuggested = [(row.closed_at, row.incident_id) for row in uow.session.execute(
        select(ClosedIncident.closed_at, ClosedIncident.incident_id).where(
            ClosedIncident.agency == agency, ClosedIncident.category == category)).all()
        if row.incident_id not in already]
    window = timedelta(days=window_days)
    if open_one is not None:
        joining = [incident_id for at, incident_id in unsuggested if at >= open_one.suggested_at - window]
        if joining:
            open_one.incident_ids = sorted({*open_one.incident_ids, *joining})
        return None
    cluster = rules.cluster(unsuggested, window, threshold)
    if not cluster:
        return None
    suggestion = CampaignSuggestion(id=str(uuid.uuid4()), agency=agency, theme=category, open_theme=category,
                                    topic=rules.topic_of_category(category), incident_ids=sorted(cluster),
                                    window_days=window_days, status="open", suggested_at=now)
    try:
        with uow.session.begin_nested():
            uow.session.add(suggestion)
    except IntegrityError:
        return None  # another instance opened it a moment ago; the timer's sweep adds these incidents
    uow.publish(CAMPAIGN_SUGGESTED, suggestion.id, agency, {
        "suggestion_id": suggestion.id, "theme": category, "topic": suggestion.topic,
        "incident_ids": suggestion.incident_ids, "window_days": window_days, "suggested_at": now})
    return suggestion


def sweep(uow: UnitOfWork, threshold: int, window_days: int, now: datetime) -> int:
    """Catch what concurrent handling can miss (two instances each seeing one incident short)."""
    since = now - timedelta(days=window_days)
    recent = uow.session.execute(select(ClosedIncident.agency, ClosedIncident.category)
                                 .where(ClosedIncident.closed_at >= since).distinct()).all()
    return sum(1 for agency, category in recent
               if suggest(uow, agency, category, threshold, window_days, now) is not None)


def list_suggestions(uow: UnitOfWork, principal: Principal, status=None) -> list[CampaignSuggestion]:
    query = visible(CampaignSuggestion, principal)
    if status:
        query = query.where(CampaignSuggestion.status == status)
    return list(uow.session.scalars(query.order_by(CampaignSuggestion.suggested_at.desc())).all())


def accept(uow: UnitOfWork, principal: Principal, suggestion_id: str, command: dict):
    """The suggestion becomes a planned campaign on its theme."""
    suggestion = _open(uow, principal, suggestion_id)
    campaign = campaigns.create_campaign(uow, principal, {
        "title": THEME_TITLES.get(suggestion.theme, suggestion.theme.replace("_", " ").capitalize()),
        "topic": suggestion.topic, "theme": suggestion.theme, **command}, suggestion_id=suggestion.id)
    _decide(suggestion, principal, "accepted", campaign_id=campaign.id)
    return suggestion


def dismiss(uow: UnitOfWork, principal: Principal, suggestion_id: str, reason: str) -> CampaignSuggestion:
    suggestion = _open(uow, principal, suggestion_id)
    _decide(suggestion, principal, "dismissed", reason=reason)
    return suggestion


def _open(uow: UnitOfWork, principal: Principal, suggestion_id: str) -> CampaignSuggestion:
    suggestion = own_agency(uow.session, principal, CampaignSuggestion, suggestion_id, NAMES)
    if suggestion.status != "open":
        raise Conflict(f"The suggestion is already {suggestion.status} / Forslaget er allerede behandlet")
    return suggestion


def _decide(suggestion: CampaignSuggestion, principal: Principal, status: str, **values) -> None:
    suggestion.status, suggestion.open_theme = status, None
    suggestion.decided_at, suggestion.decided_by = utcnow(), principal.sub
    for field, value in values.items():
        setattr(suggestion, field, value)
