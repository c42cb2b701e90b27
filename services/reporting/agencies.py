"""The agencies as the directory names them: the notifications service owns the directory and announces
each agency (`agency_listed`); reporting keeps the name (for the municipality view) and the sectors (for
the requirements overview)."""
from services.reporting.models import Agency
from shared.events import Event
from shared.service_database import UnitOfWork


def record_listed_agency(uow: UnitOfWork, event: Event) -> Agency:
    data = event.data
    agency = uow.session.get(Agency, data["code"]) or Agency(code=data["code"])
    agency.name = data["name"]
    agency.parent_department = data["parent_department"]
    agency.sectors = list(data["sectors"])
    uow.session.add(agency)
    return agency
