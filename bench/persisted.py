"""What reporting persisted, read from its own database after the load, so reading never competes with it."""
import time

from sqlalchemy import create_engine, func, select

from services.reporting.models import NotificationTask


def wait_for_tasks(database_url: str, expected: int, timeout: float) -> int:
    """Poll the task count once a second (after the load has ended) until `expected` or `timeout`."""
    engine = create_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with engine.connect() as connection:
                found = connection.scalar(select(func.count()).select_from(NotificationTask))
            if found >= expected or time.monotonic() > deadline:
                return found
            time.sleep(1.0)
    finally:
        engine.dispose()


def tasks_by_incident(database_url: str) -> dict[str, tuple[int, float]]:
    """incident id -> (tasks made, wall clock (epoch seconds) when its last task was created)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(NotificationTask.subject_id, func.count(), func.max(NotificationTask.created_at))
                .where(NotificationTask.subject_type == "incident").group_by(NotificationTask.subject_id)).all()
    finally:
        engine.dispose()
    return {subject: (count, last.timestamp()) for subject, count, last in rows}
