"""What the follow-up timer notices: measures past their due date, acceptances that ran out.

Several instances of the service may run the timer at once: each notice is claimed with a
conditional UPDATE, so exactly one instance publishes it.
"""
from datetime import date, datetime

from sqlalchemy import or_, select

from services.risk import domain
from services.risk.models import Measure
from shared.row_claims import claim
from shared.contracts.risk import MEASURE_OVERDUE
from shared.service_database import UnitOfWork


def announce_overdue_measures(uow: UnitOfWork, on: date, now: datetime) -> list[int]:
    """`risk.measure_overdue` once per measure and due date (a new due date can be overdue again)."""
    not_yet_noticed = or_(Measure.overdue_noticed_for.is_(None), Measure.overdue_noticed_for != Measure.due_date)
    late = select(Measure.id).where(Measure.due_date < on, Measure.status.not_in(domain.MEASURE_FINISHED),
                                    not_yet_noticed)
    announced = []
    for measure_id in uow.session.scalars(late).all():
        if not claim(uow.session, Measure, Measure.id == measure_id, not_yet_noticed,
                     overdue_noticed_for=Measure.due_date):
            continue  # another instance got there first
        measure = uow.session.get(Measure, measure_id)
        uow.publish(MEASURE_OVERDUE, str(measure.id), measure.agency, {
            "measure_id": measure.id, "title": measure.title, "owner": measure.owner, "due_date": measure.due_date,
            "status": measure.status, "risk_id": measure.risk_id, "risk_title": measure.risk.title,
            "assessment_id": measure.risk.assessment_id or "", "noticed_at": now})
        announced.append(measure.id)
    return announced
