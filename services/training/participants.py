"""The pseudonymous directory training works from: participant id, unit and role, and where
each person worked before (a change of unit or role matters for what they must take, and when)."""
from datetime import date

from sqlalchemy import select

from services.training import rules
from services.training.models import Participant
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.pagination import fetch_page
from shared.scoping import visible
from shared.service_database import UnitOfWork


def load_directory(uow: UnitOfWork, principal: Principal, command: dict) -> dict:
    """Add or move the listed participants; with `complete`, anyone not listed is marked as gone."""
    known = directory(uow, principal.agency)
    counts = {"added": 0, "moved": 0, "unchanged": 0, "deactivated": 0}
    for entry in command["participants"]:
        person = known.get(entry["participant_id"])
        if person is None:
            uow.session.add(new_participant(principal.agency, entry["participant_id"], entry["unit"], entry["role"],
                                            entry["since"] or today(), entry["active"]))
            counts["added"] += 1
        elif place(person, entry["unit"], entry["role"], entry["since"] or today()) or \
                person.active != entry["active"]:
            person.active = entry["active"]
            counts["moved"] += 1
        else:
            counts["unchanged"] += 1
    if command["complete"]:
        listed = {entry["participant_id"] for entry in command["participants"]}
        for participant_id, person in known.items():
            if participant_id not in listed and person.active:
                person.active = False
                person.updated_at = utcnow()
                counts["deactivated"] += 1
    return counts


def new_participant(agency: str, participant_id: str, unit: str, role: str, since: date,
                    active: bool = True) -> Participant:
    return Participant(agency=agency, participant_id=participant_id, unit=unit, role=role, active=active,
                       placements=[placement(unit, role, since)], updated_at=utcnow())


def place(person: Participant, unit: str, role: str, since: date) -> bool:
    """Record a new unit or role from `since`; False when nothing changed."""
    if (person.unit, person.role) == (unit, role):
        return False
    person.unit, person.role = unit, role
    person.placements = [*person.placements, placement(unit, role, since)]
    person.updated_at = utcnow()
    return True


def placement(unit: str, role: str, since: date) -> dict:
    return {"unit": unit, "role": role, "since": since.isoformat()}


def placements_of(person: Participant) -> list[rules.Placement]:
    return [rules.Placement(p["unit"], p["role"], date.fromisoformat(p["since"])) for p in person.placements]


def list_participants(uow: UnitOfWork, principal: Principal, page: int, page_size: int, unit=None, role=None,
                      active=None) -> dict:
    query = visible(Participant, principal)
    for column, value in ((Participant.unit, unit), (Participant.role, role), (Participant.active, active)):
        if value is not None:
            query = query.where(column == value)
    return fetch_page(uow.session, query.order_by(Participant.participant_id), page, page_size)


def directory(uow: UnitOfWork, agency: str) -> dict[str, Participant]:
    return {p.participant_id: p for p in uow.session.scalars(
        select(Participant).where(Participant.agency == agency)).all()}
