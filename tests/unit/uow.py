"""A service's real unit of work on a fresh SQLite database, for use-case tests without nameko or RabbitMQ.

The schema is the one `vern migrate` builds: the service's Alembic migrations, with the rows they seed
(the default routing rules, the requirements). Migrating takes a fraction of a second per service, so it
is done once per test session and each test gets a copy of that database (tests/unit/conftest.py).

The unit of work is the one the entrypoints open (shared.service_database): it commits or rolls back,
writes events to the outbox instead of the broker, and audits a refused cross-agency write under the
record's agency. What a use case left behind is read back with `events` and `audit_entries`.
"""
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from shared.audit import Actor, AuditEntry
from shared.auth import Principal
from shared.events import EventType
from shared.migrations import migrate
from shared.outbox import OutboxEvent
from shared.service_database import ServiceDatabase

# the relay is never started, so the broker named here is never contacted
CONFIG = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32}


def config_for(service: str, path: Path) -> dict:
    return {**CONFIG, "DATABASES": {service: f"sqlite:///{path}"}}


def migrated_database(service: str, directory: Path) -> Path:
    """A database file of `service` at its head revision, to be copied for each test."""
    path = directory / f"{service}.db"
    migrate(service, config_for(service, path))
    return path


def copy_database(source: Path, target: Path) -> None:
    """SQLite's own backup, so a write-ahead log the migration left behind is copied too."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    original.close()
    copy.close()


def actor_of(caller: Principal | None) -> Actor | None:
    """Whom the audit trail names, as the Database dependency derives it from a verified caller."""
    if caller is None:
        return None  # the service itself, as for a timer
    return Actor(caller.sub, tuple(sorted(caller.roles)), caller.agency)


class UseCaseDatabase:
    """One service's database in a test: run use cases, deliver events, read the outbox and audit trail."""

    def __init__(self, service: str, path: Path):
        self.service = service
        self.database = ServiceDatabase(service, config_for(service, path))

    @contextmanager
    def unit_of_work(self, caller: Principal | None = None, correlation_id: str | None = None):
        """One business transaction, as an entrypoint opens it for `caller`."""
        with self.database.unit_of_work(correlation_id, actor=actor_of(caller)) as uow:
            yield uow

    def run(self, use_case, caller: Principal, *args, **kwargs):
        """`use_case(uow, caller, *args)` in a unit of work of its own; returns what it returned (an ORM
        object's loaded attributes stay readable; its unloaded relations need a `unit_of_work` block)."""
        with self.unit_of_work(caller) as uow:
            return use_case(uow, caller, *args, **kwargs)

    def deliver(self, consumer: str, envelope: dict, event_type: EventType, use_case):
        """An event as the broker hands it to `consumer`'s handler: validated, and handled once per id."""
        return self.database.handle_once(consumer, envelope, event_type, use_case)

    def events(self, routing_key: str | None = None, subject: str | None = None) -> list[dict]:
        """The envelopes written to the outbox, oldest first (`routing_key`: the event's name)."""
        with self.database.sessions() as session:
            rows = session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)).all()
        return [row.envelope for row in rows if routing_key in (None, row.routing_key)
                and subject in (None, row.envelope["subject"])]

    def audit_entries(self, operation: str | None = None) -> list[AuditEntry]:
        with self.database.sessions() as session:
            query = select(AuditEntry).order_by(AuditEntry.seq)
            if operation:
                query = query.where(AuditEntry.operation == operation)
            return list(session.scalars(query).all())

    def read(self, query):
        """Rows of a query, outside any use case (what a later request would find)."""
        with self.database.sessions() as session:
            return list(session.scalars(query).all())

    def dispose(self) -> None:
        self.database.dispose()

