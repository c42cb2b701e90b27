"""Agency scoping in a service's own queries: another agency's records do not exist for the caller
(404, never 403), so their existence does not leak."""
from sqlalchemy import select

from shared.auth import Principal
from shared.errors import CrossAgencyWrite, NotFound


def visible(model, principal: Principal):
    """The central team reads every agency; everyone else only their own."""
    query = select(model)
    if not principal.sees_all_agencies:
        query = query.where(model.agency == principal.agency)
    return query


def get_visible(session, principal: Principal, model, record_id, names: tuple[str, str]):
    """`names`: how the record is called in messages, (English, bokmål with article)."""
    record = session.scalars(visible(model, principal).where(model.id == record_id)).first()
    if record is None:
        raise NotFound(f"{names[0]} {record_id} not found / {names[1]} finnes ikke")
    return record


def own_agency(session, principal: Principal, model, record_id, names: tuple[str, str]):
    """For changes: only the caller's own agency's records, even for roles that read all agencies."""
    record = get_visible(session, principal, model, record_id, names)
    ensure_own_agency(principal, record, model.__tablename__, record_id, names)
    return record


def ensure_own_agency(principal: Principal, record, entity: str, record_id, names: tuple[str, str]) -> None:
    """The one check every change passes: a record of another agency is not found, whatever roles the
    caller holds; the refusal names the record so the unit of work can audit the attempt."""
    if record.agency != principal.agency:
        raise CrossAgencyWrite(f"{names[0]} {record_id} not found / {names[1]} finnes ikke",
                               entity=entity, entity_id=str(record_id), agency=record.agency)
