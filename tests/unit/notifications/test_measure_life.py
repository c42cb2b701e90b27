"""A measure's assignment and its closing arrive on separate queues: an assignment handled after a later
closing (or after a newer assignment) makes no task for the owner, so a closed measure leaves no open task
that would remind the owner and chase the coordinator."""
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from services.notifications import handlers
from services.notifications.models import Base, MeasureLife, NotificationTask
from shared.events import Event


def at(hour: int) -> datetime:
    return datetime(2027, 3, 1, hour, 0, tzinfo=timezone.utc)


def event(kind: str, hour: int, measure_id: int = 12) -> Event:
    data = {"measure_id": measure_id, f"{kind}_at": at(hour), f"{kind}_by": "u-1", "status": "done",
            "title": "Innfør rollebasert tilgang", "owner_role": "system_owner", "due_date": "2027-03-31"}
    return Event(id=f"{kind}-{hour}", type=f"no.vern.risk.measure_{kind}.v1", source="test", subject=str(measure_id),
                 time=at(hour), agency="demo", correlation_id=None, data=data)


def with_session(test):
    def run():
        engine = create_engine("sqlite://")
        Base.metadata.create_all(engine)
        with Session(engine) as session:
            test(SimpleNamespace(session=session))
    run.__name__ = test.__name__
    return run


@with_session
def test_an_assignment_handled_after_the_measure_was_closed_makes_no_task(uow):
    handlers.close_measure_tasks(uow, event("closed", 10))
    assert handlers.follow_measure_assignment(uow, event("assigned", 9)) == []
    assert uow.session.scalars(select(NotificationTask)).all() == []


@with_session
def test_an_older_assignment_after_a_newer_one_changes_nothing(uow):
    assert handlers.newest_in_measure_life(uow, event("assigned", 11), "measure", "assigned_at") is True
    assert handlers.follow_measure_assignment(uow, event("assigned", 9)) == []
    life = uow.session.scalars(select(MeasureLife).where(MeasureLife.subject_type == "measure")).one()
    assert life.state == {"assigned_at": at(11).isoformat()}


@with_session
def test_a_measure_assigned_again_after_it_was_closed_is_followed(uow):
    handlers.close_measure_tasks(uow, event("closed", 9))
    assert handlers.newest_in_measure_life(uow, event("assigned", 10), "measure", "assigned_at") is True
    assert handlers.newest_in_measure_life(uow, event("closed", 8), "measure", "closed_at") is False
