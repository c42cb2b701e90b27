"""The coordinators' overview: filtered lists, search and statistics over the incidents a caller may see."""
import re
from collections import Counter
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import raiseload

from services.incidents import duty
from services.incidents.handlers import visible_incidents
from services.incidents.models import Incident
from shared.auth import Principal
from shared.clock import OSLO, utcnow
from shared.contracts.incidents import OPEN_STATUSES
from shared.pagination import fetch_page
from shared.service_database import UnitOfWork


def filtered(principal: Principal, filters: dict, now: datetime):
    query = visible_incidents(principal)
    for field in ("kind", "category", "status"):
        if field in filters:
            query = query.where(getattr(Incident, field) == filters[field])
    if "severity" in filters:
        query = query.where(Incident.effective_severity == filters["severity"])
    if "serious" in filters:
        query = query.where(Incident.serious.is_(filters["serious"]))
    if "overdue" in filters:
        overdue = (Incident.authority_notification == "pending") & (Incident.authority_deadline < now)
        query = query.where(overdue if filters["overdue"] else ~overdue | Incident.authority_notification.is_(None))
    if "reported_from" in filters:
        query = query.where(Incident.reported_at >= filters["reported_from"])
    if "reported_to" in filters:
        query = query.where(Incident.reported_at < filters["reported_to"])
    if "q" in filters:
        query = query.where(matches_words(filters["q"]))
    if "open" in filters:
        is_open = Incident.status.in_(OPEN_STATUSES)
        query = query.where(is_open if filters["open"] else ~is_open)
    if "notification" in filters:
        query = query.where(Incident.authority_notification == filters["notification"])
    return query


# The receipt's reference is the start of the incident's id (receipt.html: its first 8 characters, in
# capitals), so a word of the id's own characters, at least that long, also finds the incident by its id.
REFERENCE = re.compile(r"[0-9a-f][0-9a-f-]{7,35}")


def is_reference(word: str) -> bool:
    return REFERENCE.fullmatch(word) is not None


def matches_words(text: str):
    """Every word must occur in the title or the description, ignoring case, or be the start of the
    incident's id (the reference on the employee's receipt)."""
    conditions = []
    for word in text.lower().split():
        pattern = "%" + _escaped(word) + "%"
        by_reference = [Incident.id.like(_escaped(word) + "%", escape="\\")] if is_reference(word) else []
        conditions.append(or_(func.lower(Incident.title).like(pattern, escape="\\"),
                              func.lower(Incident.description).like(pattern, escape="\\"), *by_reference))
    return and_(*conditions)


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_incidents(uow: UnitOfWork, principal: Principal, page: int, page_size: int, sort: str = "newest",
                   **filters) -> dict:
    # a list shows the incident's own columns: none of the seven collections an incident loads for its page
    query = filtered(principal, filters, utcnow()).options(raiseload("*"))
    if sort == "deadline":  # the most urgent clock first; an incident without a deadline after every one with
        query = query.order_by(Incident.authority_deadline.is_(None), Incident.authority_deadline,
                               Incident.reported_at.desc(), Incident.id)
    else:
        query = query.order_by(Incident.reported_at.desc(), Incident.id)
    return fetch_page(uow.session, query, page, page_size)


def statistics(uow: UnitOfWork, principal: Principal, **filters) -> dict:
    """Counts per month (Oslo time), kind, category, severity and status; the 72-hour record."""
    now = utcnow()
    incidents = filtered(principal, filters, now).subquery()
    rows = uow.session.execute(select(
        incidents.c.id, incidents.c.reported_at, incidents.c.kind, incidents.c.category,
        incidents.c.effective_severity, incidents.c.status, incidents.c.serious, incidents.c.authority_notification,
        incidents.c.authority_deadline)).all()
    notified = [r for r in rows if r.authority_notification in ("submitted", "late")]
    on_time = sum(1 for r in notified if r.authority_notification == "submitted")
    return {
        "total": len(rows),
        "per_month": dict(sorted(Counter(_month(r.reported_at) for r in rows).items())),
        "per_kind": dict(Counter(r.kind for r in rows)),
        "per_month_by_kind": _month_by_kind(rows),
        "per_category": dict(Counter(r.category for r in rows)),
        "per_severity": dict(Counter(r.effective_severity or "unassessed" for r in rows)),
        "per_status": dict(Counter(r.status for r in rows)),
        "serious": sum(1 for r in rows if r.serious),
        "breaches_notified": len(notified),
        "breaches_notified_within_72h": on_time,
        "share_notified_within_72h": round(on_time / len(notified), 4) if notified else None,
        "overdue_now": sum(1 for r in rows if duty.is_overdue(r.authority_notification, r.authority_deadline, now)),
    }


def _month_by_kind(rows) -> dict:
    """Per month (Oslo time) the count of each kind that month has: the dashboard's picture of the year."""
    months: dict[str, Counter] = {}
    for row in rows:
        months.setdefault(_month(row.reported_at), Counter())[row.kind] += 1
    return {month: dict(months[month]) for month in sorted(months)}


def _month(moment: datetime) -> str:
    return moment.astimezone(OSLO).strftime("%Y-%m")
