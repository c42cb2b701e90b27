"""What the services persisted (the notifications service's tasks, the outboxes' relayed events), read from their own databases
after the load so that reading never competes with it; and planner statistics for a fresh database."""
import time
from datetime import datetime, timezone

from sqlalchemy import create_engine, func, select, text

from services.notifications.models import NotificationTask
from shared.outbox import OutboxEvent


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


def relayed_since(database_urls: dict, since: float, timeout: float = 60.0) -> tuple[dict[str, int], float]:
    """Once every outbox has relayed what it holds: the events each service wrote from `since` on, and the
    wall clock (epoch seconds) when the last of them was published (or found unrouted)."""
    moment = datetime.fromtimestamp(since, timezone.utc)
    pending = (OutboxEvent.published_at.is_(None)) & (OutboxEvent.unrouted_at.is_(None))
    counts, last = {}, since
    deadline = time.monotonic() + timeout
    for service, url in database_urls.items():
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                while connection.scalar(select(func.count()).select_from(OutboxEvent).where(pending)) \
                        and time.monotonic() < deadline:
                    connection.rollback()  # a fresh snapshot for the next look
                    time.sleep(0.5)
                written = OutboxEvent.created_at >= moment
                counts[service] = connection.scalar(select(func.count()).select_from(OutboxEvent).where(written))
                for column in (OutboxEvent.published_at, OutboxEvent.unrouted_at):
                    found = connection.scalar(select(func.max(column)).where(written))
                    last = max(last, found.timestamp()) if found else last
        finally:
            engine.dispose()
    return counts, last


def analyze(database_urls: dict) -> None:
    """Planner statistics, as a system in service has them: autovacuum analyzes a table only after 50 rows
    plus 10 % changed and at most once a minute, so a fresh database plans its first minute blind (it looked
    incidents up by the agency index, reading every row of the agency, until then)."""
    for url in database_urls.values():
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                connection.execute(text("ANALYZE"))
                connection.commit()
        finally:
            engine.dispose()
