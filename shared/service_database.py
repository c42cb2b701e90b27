"""A service's own database as nameko sees it: a unit of work per use case, the outbox relay.

nameko acks a message and sends an RPC reply *before* it calls a dependency's
`worker_result`, so committing there could acknowledge work that then fails to
commit. Entrypoints therefore open `with self.db.unit_of_work() as uow:` around
the use case: commit on success, rollback on error, before any reply or ack.
"""
import logging
from contextlib import contextmanager

import eventlet
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from shared import audit
from shared.audit import Actor, Change
from shared.audit_capture import attribute, watch
from shared.auth import AUTHORIZATION_KEY, CORRELATION_KEY, CallerProvider
from shared.clock import utcnow
from shared.command_log import command_done, prune_commands, record_command
from shared.config import deployed_services, settings
from shared.contracts.audit import AUDIT_CHECKPOINTED
from shared.database import is_sqlite, make_engine, transaction
from shared.errors import AlreadyProcessed, CrossAgencyWrite
from shared.events import DEFAULT_INSTALLATION, EventType, InvalidEvent, build_envelope, parse_envelope
from shared.inbox import count_failure, first_delivery, is_outage, park, wait_before_redelivery
from shared.outbox import OutboxRelay, add_to_outbox
from shared.rpc_server import REDELIVERED_KEY, REQUEST_ID_KEY

log = logging.getLogger(__name__)


class UnitOfWork:
    """One business transaction: the service's own writes and the events they cause."""

    def __init__(self, session: Session, service_name: str, correlation_id: str | None,
                 installation: str = DEFAULT_INSTALLATION):
        self.session = session
        self.service_name = service_name
        self.correlation_id = correlation_id
        self.installation = installation  # the URI its events name as their source
        self.events_written = 0
        self.command_recorded = False

    def publish(self, event_type: EventType, subject: str, agency: str, data: dict) -> dict:
        """Write the event to the outbox; it leaves only if this transaction commits."""
        if event_type.source != self.service_name:
            raise ValueError(f"{self.service_name} cannot publish {event_type.type}")
        envelope = build_envelope(event_type, subject, agency, data, self.correlation_id, self.installation)
        add_to_outbox(self.session, event_type.name, envelope)
        self.events_written += 1
        return envelope


class ServiceDatabase:
    """Engine, sessions and outbox of one service; usable with or without nameko (CLI, tests)."""

    def __init__(self, service_name: str, config: dict):
        cfg = settings(config)
        self.service_name = service_name
        self.engine = make_engine(cfg.database_url(service_name), cfg.database_pool_size, cfg.database_max_overflow)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self.sessions, "after_flush", _note_flush)
        event.listen(self.sessions, "do_orm_execute", _note_statement)
        watch(self.sessions, service_name)
        self.lock = Semaphore(1) if is_sqlite(self.engine) else None
        self.settings = cfg
        self.relay = OutboxRelay(self.sessions, cfg.amqp_uri, service_name, cfg.outbox_poll_seconds, self.lock)

    @contextmanager
    def unit_of_work(self, correlation_id: str | None = None, request_id: str | None = None,
                     redelivered: bool = False, actor=None):
        """`request_id` of an RPC command: committed with its writes, so that a redelivery of the
        same request (`redelivered`) is refused instead of carried out twice. `actor` (an `Actor`,
        or a callable giving one): whom the audit trail attributes the changes to."""
        try:
            with transaction(self.sessions, self.lock) as session:
                attribute(session, actor, correlation_id)
                if redelivered and request_id and command_done(session, request_id):
                    raise AlreadyProcessed("This request was already carried out; look up its result before "
                                           "repeating it / Forespørselen er allerede utført")
                uow = UnitOfWork(session, self.service_name, correlation_id, self.settings.event_source)
                yield uow
                if request_id:
                    session.flush()
                    if session.info.get("wrote"):
                        record_command(session, request_id)
                        uow.command_recorded = True
        except CrossAgencyWrite as refused:
            self._audit_refusal(refused, actor, correlation_id)
            raise
        if uow.events_written:
            self.relay.wake()

    def _audit_refusal(self, refused: CrossAgencyWrite, actor, correlation_id: str | None) -> None:
        """The attempted change is rolled back; the attempt itself is kept, under the record's agency,
        so that agency's auditor sees who tried (the entry also names the caller's own agency)."""
        who = (actor() if callable(actor) else actor) or Actor(f"system:{self.service_name}", ("system",))
        try:
            with transaction(self.sessions, self.lock) as session:
                audit.append(session, who, correlation_id, [Change(
                    "refused", refused.entity, refused.entity_id, refused.agency,
                    {"reason": "cross_agency_write"})])
        except Exception:  # the refusal stands even when its record cannot be written
            log.exception("could not audit a refused change of %s %s", refused.entity, refused.entity_id)

    def handle_once(self, consumer: str, body, event_type: EventType | None, use_case, queue: str | None = None,
                    actor=None):
        """Run `use_case(uow, event)` once per event id, however often the broker delivers it.
        `event_type` None: any event (the envelope is validated, the payload is not read).

        Returns normally (the broker acks) when the event was handled, skipped as a duplicate or
        parked as a dead letter; raises (the broker redelivers) after a failure that may pass."""
        try:
            event = parse_envelope(body, event_type)
        except InvalidEvent as invalid:
            log.error("%s parked an invalid %s event: %s", consumer, event_type.type if event_type else "",
                      invalid.errors)
            try:
                with transaction(self.sessions, self.lock) as session:
                    park(session, consumer, queue, body, invalid.errors)
            except Exception:  # the database is away: keep the message in its queue until it is back
                wait_before_redelivery(1, self.settings.event_retry_seconds)
                raise
            return None
        try:
            with self.unit_of_work(event.correlation_id, actor=actor or Actor(f"system:{consumer}", ("system",))) as uow:
                if not first_delivery(uow.session, event.id, consumer):
                    log.info("%s skipped event %s: already processed", consumer, event.id)
                    return None
                return use_case(uow, event)
        except Exception as error:
            if self._parked_after_failure(consumer, queue, body, event.id, error):
                return None  # acked: the message now waits in dead_letters, not in its queue
            raise

    def _parked_after_failure(self, consumer: str, queue: str | None, body, event_id: str,
                              error: Exception) -> bool:
        """Count the failure and wait before the redelivery; or park the event, when it has failed
        too often, and return True."""
        cfg = self.settings
        if is_outage(error):
            log.warning("%s could not reach its database for event %s; it goes back to the queue: %s",
                        consumer, event_id, error)
            wait_before_redelivery(1, cfg.event_retry_seconds)
            return False
        log.exception("%s failed on event %s", consumer, event_id)
        try:
            with transaction(self.sessions, self.lock) as session:
                attempts = count_failure(session, event_id, consumer, error)
                if attempts >= cfg.event_max_attempts:
                    park(session, consumer, queue, body,
                         {"handler": [f"{type(error).__name__}: {error}"[:2000]]}, attempts)
        except Exception:  # not even the count could be written: an outage, retry uncounted
            log.exception("%s could not count its failure on event %s", consumer, event_id)
            wait_before_redelivery(1, cfg.event_retry_seconds)
            return False
        if attempts >= cfg.event_max_attempts:
            log.error("%s parked event %s as a dead letter after %s failed attempts", consumer, event_id, attempts)
            return True
        wait_before_redelivery(attempts, cfg.event_retry_seconds)
        return False

    def prune_forever(self, every_seconds: float = 3600) -> None:
        """Housekeeping beside the relay: forget committed commands older than a redelivery can be,
        and audit entries older than their retention (when one is configured)."""
        while True:
            try:
                with transaction(self.sessions, self.lock) as session:
                    prune_commands(session, utcnow())
                if self.settings.audit_retention_days:  # without one the trail is kept forever
                    self.prune_audit_trail()
            except Exception:  # the database away: the next round tries again
                log.exception("could not prune processed commands or audit entries")
            eventlet.sleep(every_seconds)

    def prune_audit_trail(self) -> int:
        """Audit entries past AUDIT_RETENTION_DAYS, pruned with a signed entry saying so; refused
        (audit.PruneRefused) when no retention is configured."""
        with transaction(self.sessions, self.lock) as session:
            return audit.prune(session, utcnow(), self.settings.audit_retention_days, self.service_name,
                               self.settings.audit_checkpoint_key)

    def checkpoint_forever(self) -> None:
        """Publish a signed checkpoint of the audit chain's head whenever the chain grew."""
        published = 0
        while True:
            try:
                published = self.publish_checkpoint(published)
            except Exception:  # the database or broker away: the next round tries again
                log.exception("could not publish an audit checkpoint")
            eventlet.sleep(self.settings.audit_checkpoint_seconds)

    def publish_checkpoint(self, after_seq: int = 0) -> int:
        """The head, signed, to the outbox (reporting keeps it) if it is past `after_seq`; the
        sequence number published (or `after_seq`)."""
        with self.unit_of_work() as uow:
            checkpoint = audit.head_checkpoint(uow.session, self.service_name, self.settings.audit_checkpoint_key,
                                               utcnow())
            if checkpoint is None or checkpoint.seq <= after_seq:
                return after_seq
            uow.publish(AUDIT_CHECKPOINTED[self.service_name], self.service_name, "vern", {
                "service": checkpoint.service, "seq": checkpoint.seq, "hash": checkpoint.hash,
                "signed_at": checkpoint.signed_at, "signature": checkpoint.signature})
        return checkpoint.seq

    def dispose(self) -> None:
        self.engine.dispose()


class WorkerDatabase:
    """What an entrypoint sees as `self.db`."""

    def __init__(self, database: ServiceDatabase, correlation_id: str | None, queue: str | None = None,
                 request_id: str | None = None, redelivered: bool = False, actor=None):
        self._database = database
        self._actor = actor
        self._correlation_id = correlation_id
        self._queue = queue  # the event queue this worker consumes from, if an event handler
        self._request_id = request_id  # the RPC request this worker answers, if an RPC
        self._redelivered = redelivered

    @contextmanager
    def unit_of_work(self):
        with self._database.unit_of_work(self._correlation_id, self._request_id, self._redelivered,
                                         self._actor) as uow:
            yield uow
        if uow.command_recorded:  # committed: a later unit of work of the same call records nothing more
            self._request_id = None

    def verify_audit_trail(self, checkpoints) -> "audit.Verification":
        """The service's audit chain walked and held against `checkpoints` (reporting keeps them), under
        the key the service signs with: what `vern audit verify` does, for the audit trail's page."""
        with self.unit_of_work() as uow:
            return audit.verify(uow.session, self._database.service_name,
                                self._database.settings.audit_checkpoint_key, checkpoints)

    def handle_once(self, consumer: str, body, event_type: EventType | None, use_case):
        # a change an event causes is the consumer's; its correlation id leads to the change behind it
        return self._database.handle_once(consumer, body, event_type, use_case, self._queue)


class Database(DependencyProvider):
    """The service's own database, with its outbox relayed to the service's event exchange."""

    def setup(self):
        self.database = ServiceDatabase(self.container.service_name, self.container.config)
        self.callers = next((dependency for dependency in self.container.dependencies
                             if isinstance(dependency, CallerProvider)), None)

    def start(self):
        from amqp.exceptions import AccessRefused

        from shared.deployment import declare_topology

        config = self.container.config
        try:
            declare_topology(config, deployed_services(config))
        except AccessRefused:  # a broker user of this service's own: `vern bootstrap` declared the others'
            declare_topology(config, (self.container.service_name,))
        self.container.spawn_managed_thread(self.database.relay.run, identifier="outbox-relay")
        self.container.spawn_managed_thread(self.database.prune_forever, identifier="pruning")
        self.container.spawn_managed_thread(self.database.checkpoint_forever, identifier="audit-checkpoints")

    def stop(self):
        self.database.relay.stop()
        self.database.dispose()

    def get_dependency(self, worker_ctx):
        queue = getattr(worker_ctx.entrypoint, "queue", None)
        # popped, not read: the request's own id must not travel on to the calls and events it causes
        request_id = worker_ctx.data.pop(REQUEST_ID_KEY, None)
        redelivered = worker_ctx.data.pop(REDELIVERED_KEY, False)
        return WorkerDatabase(self.database, worker_ctx.data.get(CORRELATION_KEY), getattr(queue, "name", None),
                              request_id, redelivered, self._actor_of(worker_ctx))

    def _actor_of(self, worker_ctx):
        """The verified caller of an RPC (asked only when something changed); else the entrypoint."""
        entrypoint = f"system:{self.container.service_name}.{worker_ctx.entrypoint.method_name}"
        if self.callers is None or not worker_ctx.data.get(AUTHORIZATION_KEY):
            return Actor(entrypoint, ("system",))

        def caller():
            principal = self.callers.get_dependency(worker_ctx).principal
            return Actor(principal.sub, tuple(sorted(principal.roles)), principal.agency)
        return caller


def _note_flush(session: Session, _flush_context) -> None:
    session.info["wrote"] = True


def _note_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["wrote"] = True
