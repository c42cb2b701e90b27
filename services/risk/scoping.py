"""Agency scoping of the risk service's records (shared.scoping), with their names in messages."""
from shared import scoping
from shared.auth import Principal
from shared.scoping import visible  # noqa: F401  (the risk modules import it from here)

NAMES = {"Assessment": ("Risk assessment", "Risikovurderingen"), "Risk": ("Risk", "Risikoen"),
         "Measure": ("Measure", "Tiltaket")}


def get_visible(session, principal: Principal, model, record_id):
    return scoping.get_visible(session, principal, model, record_id, NAMES[model.__name__])


def own_agency(session, principal: Principal, model, record_id):
    return scoping.own_agency(session, principal, model, record_id, NAMES[model.__name__])
