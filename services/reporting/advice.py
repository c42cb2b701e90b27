"""The advice log (rådgivning): requests for advice from projects and procurements, the advice
given, and the count per area and kind for the annual report."""
from collections import Counter
from datetime import date

from sqlalchemy import select

from services.reporting import governance_rules as rules
from services.reporting.models import AdviceEntry
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import BadInput
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("Advice entry", "Rådgivningen")


def create_advice(uow: UnitOfWork, principal: Principal, command: dict) -> AdviceEntry:
    now = utcnow()
    entry = AdviceEntry(agency=principal.agency, created_at=now, created_by=principal.sub, updated_at=now, **command)
    uow.session.add(entry)
    uow.session.flush()
    return entry


def update_advice(uow: UnitOfWork, principal: Principal, advice_id: int, command: dict) -> AdviceEntry:
    entry = own_agency(uow.session, principal, AdviceEntry, advice_id, NAMES)
    merged = {**{field: getattr(entry, field) for field in ("status", "advice_given", "given_on", "requested_on")},
              **command}
    problems = rules.advice_problems(merged)
    if problems:
        raise BadInput("Invalid input / Ugyldige data", problems)
    for field, value in command.items():
        setattr(entry, field, value)
    entry.updated_at = utcnow()
    return entry


def get_advice(uow: UnitOfWork, principal: Principal, advice_id: int) -> AdviceEntry:
    return get_visible(uow.session, principal, AdviceEntry, advice_id, NAMES)


def list_advice(uow: UnitOfWork, principal: Principal, status=None, area=None, year=None, page=1,
                page_size=25) -> dict:
    query = visible(AdviceEntry, principal)
    if status:
        query = query.where(AdviceEntry.status == status)
    if area:
        query = query.where(AdviceEntry.area == area)
    if year:
        query = _in_year(query, year)
    return fetch_page(uow.session, query.order_by(AdviceEntry.requested_on.desc(), AdviceEntry.id.desc()),
                      page, page_size)


def summary(uow: UnitOfWork, principal: Principal, year: int) -> dict:
    """Requests for advice in a year (by requested_on), per area, per kind and per both."""
    query = _in_year(select(AdviceEntry.area, AdviceEntry.kind), year)
    if not principal.sees_all_agencies:
        query = query.where(AdviceEntry.agency == principal.agency)
    rows = uow.session.execute(query).all()
    cells = Counter((area, kind) for area, kind in rows)
    return {
        "year": year, "total": len(rows),
        "by_area": {area: sum(n for (a, _), n in cells.items() if a == area) for area in rules.AREAS},
        "by_kind": {kind: sum(n for (_, k), n in cells.items() if k == kind) for kind in rules.ADVICE_KINDS},
        "by_area_and_kind": [{"area": area, "kind": kind, "count": cells[(area, kind)]}
                             for area in rules.AREAS for kind in rules.ADVICE_KINDS],
    }


def as_view(entry: AdviceEntry) -> dict:
    return {column: getattr(entry, column) for column in entry.__mapper__.columns.keys()}


def _in_year(query, year: int):
    return query.where(AdviceEntry.requested_on >= date(year, 1, 1), AdviceEntry.requested_on <= date(year, 12, 31))
