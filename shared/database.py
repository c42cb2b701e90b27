"""Engines and column types shared by every service's own database.

SQLite is the embedded default (a file under var/), PostgreSQL the production
engine; the same models and migrations run on both.
"""
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import DateTime, create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which has no time zones) too."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every stored time must carry its time zone")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class MessagingBase(DeclarativeBase):
    """Tables every service has in its own database: outbox, processed events, dead letters."""


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def lock_until_commit(session: Session, key: str) -> None:
    """Serialise transactions that read, then insert, the rows of one key (read committed lets two of them
    both see nothing and both insert). PostgreSQL: a transaction-scoped advisory lock, released at commit
    or rollback. SQLite needs none: it lets one transaction write at a time."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


def make_engine(url: str, pool_size: int = 10, max_overflow: int = 10) -> Engine:
    """`pool_size`: connections kept open (PostgreSQL); every process of every service keeps its own,
    so together they must stay below the server's max_connections."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    # SQLAlchemy's documented recipe: let SQLAlchemy, not pysqlite, emit BEGIN, so
    # SAVEPOINTs work; BEGIN IMMEDIATE takes the write lock up front, so two
    # processes on one file queue on busy_timeout instead of failing on upgrade.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def transaction(sessions: sessionmaker, lock=None):
    """One transaction: commit when the block ends normally, roll back when it raises.

    `lock` (SQLite only) keeps green threads of one process from interleaving
    transactions on a single-writer database file.
    """
    if lock is not None:
        lock.acquire()
    session: Session = sessions()
    try:
        with session.begin():
            yield session
    finally:
        session.close()
        if lock is not None:
            lock.release()
