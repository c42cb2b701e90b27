"""A measure's life as its events told it (when it was last assigned and closed), kept in a row locked
until commit: the assignment and the closing come on separate queues, so a handler must see what an
event about the same measure on another queue left."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.notifications.models import MeasureLife
from shared.clock import utcnow
from shared.service_database import UnitOfWork


def locked_state(uow: UnitOfWork, subject_type: str, subject_id: str, agency: str) -> MeasureLife:
    """The measure's row, locked until commit (made when it is the first event about the measure)."""
    session = uow.session
    query = (select(MeasureLife).where(MeasureLife.subject_type == subject_type, MeasureLife.subject_id == subject_id)
             .with_for_update())
    life = session.scalars(query).first()
    if life is not None:
        return life
    try:
        with session.begin_nested():
            life = MeasureLife(agency=agency, subject_type=subject_type, subject_id=subject_id, state={},
                               updated_at=utcnow())
            session.add(life)
        return life
    except IntegrityError:  # the other handler made the row first; take it once it has committed
        return session.scalars(query.execution_options(populate_existing=True)).one()
