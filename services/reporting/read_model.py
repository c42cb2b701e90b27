"""Reporting's own record of what other services announced: each event folds into one fact row."""
import json
from datetime import date, datetime

from sqlalchemy import select

from services.reporting import facts
from services.reporting.models import ReportFact
from shared.clock import utcnow
from shared.events import Event
from shared.store import UnitOfWork

def record(fold: facts.Fold, uow: UnitOfWork, event: Event) -> ReportFact:
    subject_id = fold.subject_id(event.data)
    fact = uow.session.scalars(select(ReportFact).where(ReportFact.subject_type == fold.subject_type,
                                                        ReportFact.subject_id == subject_id)).first()
    if fact is None:
        fact = ReportFact(agency=event.agency, subject_type=fold.subject_type, subject_id=subject_id, state={})
        uow.session.add(fact)
    fact.state = _json_safe(facts.fold(fact.state, fold, event.data))
    fact.updated_at = utcnow()
    return fact


def states(session, agencies: list[str] | None) -> dict[str, list[dict]]:
    """Every fact's state by subject type, with its id; `agencies` None means all."""
    query = select(ReportFact)
    if agencies is not None:
        query = query.where(ReportFact.agency.in_(agencies))
    found = {subject_type: [] for subject_type in facts.SOURCES}
    for fact in session.scalars(query):
        found.setdefault(fact.subject_type, []).append({**fact.state, "id": fact.subject_id, "agency": fact.agency})
    return found


def _json_safe(state: dict) -> dict:
    return json.loads(json.dumps(state, default=lambda v: v.isoformat() if isinstance(v, (date, datetime)) else str(v)))
