"""Agency scoping: another agency's records do not exist for the caller (404, never 403)."""
from sqlalchemy import select

from shared.auth import Principal
from shared.errors import NotFound

NAMES = {"Assessment": ("Risk assessment", "Risikovurderingen"), "Risk": ("Risk", "Risikoen"),
         "Measure": ("Measure", "Tiltaket")}


def visible(model, principal: Principal):
    """The central team reads every agency; everyone else only their own."""
    query = select(model)
    if not principal.sees_all_agencies:
        query = query.where(model.agency == principal.agency)
    return query


def get_visible(session, principal: Principal, model, record_id):
    record = session.scalars(visible(model, principal).where(model.id == record_id)).first()
    if record is None:
        english, norwegian = NAMES[model.__name__]
        raise NotFound(f"{english} {record_id} not found / {norwegian} finnes ikke")
    return record


def own_agency(session, principal: Principal, model, record_id):
    """For changes: only the caller's own agency's records, even for roles that read all agencies."""
    record = get_visible(session, principal, model, record_id)
    if record.agency != principal.agency:
        english, norwegian = NAMES[model.__name__]
        raise NotFound(f"{english} {record_id} not found / {norwegian} finnes ikke")
    return record
