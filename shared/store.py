"""A service's own database as nameko sees it: a unit of work per use case, the outbox relay.

nameko acks a message and sends an RPC reply *before* it calls a dependency's
`worker_result`, so committing there could acknowledge work that then fails to
commit. Entrypoints therefore open `with self.db.unit_of_work() as uow:` around
the use case: commit on success, rollback on error, before any reply or ack.
"""
import logging
from contextlib import contextmanager

from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy.orm import Session, sessionmaker

from shared.auth import CORRELATION_KEY
from shared.config import deployed_services, settings
from shared.database import is_sqlite, make_engine, transaction
from shared.events import EventType, InvalidEvent, build_envelope, parse_envelope
from shared.inbox import first_delivery, park, retry_later
from shared.outbox import OutboxRelay, add_to_outbox

log = logging.getLogger(__name__)


class UnitOfWork:
    """One business transaction: the service's own writes and the events they cause."""

    def __init__(self, session: Session, service_name: str, correlation_id: str | None):
        self.session = session
        self.service_name = service_name
        self.correlation_id = correlation_id
        self.events_written = 0

    def publish(self, event_type: EventType, subject: str, agency: str, data: dict) -> dict:
        """Write the event to the outbox; it leaves only if this transaction commits."""
        if event_type.source != self.service_name:
            raise ValueError(f"{self.service_name} cannot publish {event_type.type}")
        envelope = build_envelope(event_type, subject, agency, data, self.correlation_id)
        add_to_outbox(self.session, event_type.name, envelope)
        self.events_written += 1
        return envelope


class ServiceDatabase:
    """Engine, sessions and outbox of one service; usable with or without nameko (CLI, tests)."""

    def __init__(self, service_name: str, config: dict):
        cfg = settings(config)
        self.service_name = service_name
        self.engine = make_engine(cfg.database_url(service_name))
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.lock = Semaphore(1) if is_sqlite(self.engine) else None
        self.relay = OutboxRelay(self.sessions, cfg.amqp_uri, service_name, cfg.outbox_poll_seconds, self.lock)

    @contextmanager
    def unit_of_work(self, correlation_id: str | None = None):
        with transaction(self.sessions, self.lock) as session:
            uow = UnitOfWork(session, self.service_name, correlation_id)
            yield uow
        if uow.events_written:
            self.relay.wake()

    def handle_once(self, consumer: str, body, event_type: EventType, use_case):
        """Run `use_case(uow, event)` once per event id, however often the broker delivers it."""
        try:
            event = parse_envelope(body, event_type)
        except InvalidEvent as invalid:
            log.error("%s parked an invalid %s event: %s", consumer, event_type.type, invalid.errors)
            with transaction(self.sessions, self.lock) as session:
                park(session, consumer, body, invalid.errors)
            return None
        try:
            with self.unit_of_work(event.correlation_id) as uow:
                if not first_delivery(uow.session, event.id, consumer):
                    log.info("%s skipped event %s: already processed", consumer, event.id)
                    return None
                return use_case(uow, event)
        except Exception:
            retry_later(consumer, event.id)
            raise

    def dispose(self) -> None:
        self.engine.dispose()


class WorkerDatabase:
    """What an entrypoint sees as `self.db`."""

    def __init__(self, database: ServiceDatabase, correlation_id: str | None):
        self._database = database
        self._correlation_id = correlation_id

    def unit_of_work(self):
        return self._database.unit_of_work(self._correlation_id)

    def handle_once(self, consumer: str, body, event_type: EventType, use_case):
        return self._database.handle_once(consumer, body, event_type, use_case)


class Database(DependencyProvider):
    """The service's own database, with its outbox relayed to the service's event exchange."""

    def setup(self):
        self.database = ServiceDatabase(self.container.service_name, self.container.config)

    def start(self):
        from shared.deployment import declare_topology

        declare_topology(self.container.config, deployed_services(self.container.config))
        self.container.spawn_managed_thread(self.database.relay.run, identifier="outbox-relay")

    def stop(self):
        self.database.relay.stop()
        self.database.dispose()

    def get_dependency(self, worker_ctx):
        return WorkerDatabase(self.database, worker_ctx.data.get(CORRELATION_KEY))
