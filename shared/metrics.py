"""Prometheus metrics of one service: `metrics = Metrics()` on the service class.

Every worker (RPC, event handler, timer, HTTP) is timed into a histogram by entrypoint, kind and
outcome; the gateway's HTTP requests are counted by route, method and status. What lives in the
database (outbox lag, dead letters waiting, deliveries by state) is read when Prometheus scrapes,
so it is never stale and costs nothing between scrapes.

Each service serves its own registry on its own port, METRICS_PORT plus the service's offset
(`PORT_OFFSETS`): services that share one process (`make run`) are still scraped apart, and the
metrics stay off the gateway's public port. The server is eventlet's WSGI server in a managed
green thread: prometheus_client's own servers start an OS thread, which eventlet's monkey-patching
turns into a green one that the container neither stops nor knows of.
"""
import logging
import time
from functools import wraps
from weakref import WeakKeyDictionary

import eventlet
import eventlet.wsgi
from nameko.events import EventHandler
from nameko.extensions import DependencyProvider
from nameko.rpc import Rpc
from nameko.timer import Timer
from nameko.web.handlers import HttpRequestHandler
from prometheus_client import (CollectorRegistry, Counter, GCCollector, Histogram, PlatformCollector,
                               ProcessCollector, make_wsgi_app)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from shared.clock import utcnow
from shared.config import SERVICE_NAMES, settings
from shared.database import transaction
from shared.dead_letters import waiting_count
from shared.outbox import OutboxEvent
from shared.service_database import Database

log = logging.getLogger(__name__)

# The gateway after the services it had before notifications (which came later): its offset stays the same
# whichever domain services a deployment runs.
PORT_OFFSETS = {name: offset for offset, name in enumerate(
    tuple(name for name in SERVICE_NAMES if name != "notifications") + ("gateway", "notifications"))}
# Prometheus' defaults, and 30 s / 60 s for timers and slow reports beyond the RPC timeout.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def metrics_port(base_port: int | None, service_name: str) -> int | None:
    """The port a service serves /metrics on; None when metrics are off."""
    if base_port is None:
        return None
    return base_port + PORT_OFFSETS[service_name]


def entrypoint_kind(entrypoint) -> str:
    for kind, cls in (("rpc", Rpc), ("event", EventHandler), ("timer", Timer), ("http", HttpRequestHandler)):
        if isinstance(entrypoint, cls):
            return kind
    return type(entrypoint).__name__.lower()


def outcome(entrypoint, exc_info) -> str:
    """success; expected_error (the caller's fault: bad input, not found, conflict); or error."""
    if exc_info is None:
        return "success"
    if isinstance(exc_info[1], entrypoint.expected_exceptions):
        return "expected_error"
    return "error"


def outbox_lag(session, now) -> tuple[int, float, int]:
    """Events waiting to be relayed, the age in seconds of the oldest one, and unrouted events."""
    waiting, oldest = session.execute(
        select(func.count(), func.min(OutboxEvent.created_at))
        .where(OutboxEvent.published_at.is_(None), OutboxEvent.unrouted_at.is_(None))).one()
    unrouted = session.scalar(select(func.count()).where(OutboxEvent.unrouted_at.is_not(None)))
    return waiting, max(0.0, (now - oldest).total_seconds()) if oldest else 0.0, unrouted


def counts_by_state(session, column, known_states=()) -> dict:
    """Rows per value of `column`; every known state is there, at 0 when no row has it."""
    counts = dict.fromkeys(known_states, 0)
    counts.update(session.execute(select(column, func.count()).group_by(column)).all())
    return counts


class DatabaseCollector(Collector):
    """The gauges read from a service's database at scrape time."""

    def __init__(self, service_name: str, database, deliveries=None, delivery_states=()):
        self.service_name = service_name
        self.database = database  # a shared.service_database.ServiceDatabase
        self.deliveries = deliveries  # the status column of the service's deliveries, if it has any
        self.delivery_states = tuple(delivery_states)

    def collect(self):
        service = self.service_name
        up = GaugeMetricFamily("vern_database_up", "1 when the service's database answered this scrape",
                               labels=["service"])
        try:
            with transaction(self.database.sessions, self.database.lock) as session:
                waiting, oldest_age, unrouted = outbox_lag(session, utcnow())
                dead_letters = waiting_count(session)
                deliveries = counts_by_state(session, self.deliveries, self.delivery_states) \
                    if self.deliveries is not None else None
        except Exception:  # a scrape must not fail with the database: vern_database_up says it is away
            log.warning("metrics: could not read the %s database", service, exc_info=True)
            up.add_metric([service], 0)
            yield up
            return
        up.add_metric([service], 1)
        yield up
        yield _gauge("vern_outbox_pending_events", "Events committed but not yet published to the broker",
                     service, waiting)
        yield _gauge("vern_outbox_oldest_pending_age_seconds",
                     "Age of the oldest event not yet published (0 when none waits): the outbox lag",
                     service, oldest_age)
        yield _gauge("vern_outbox_unrouted_events", "Events the broker had no queue for (kept, never lost)",
                     service, unrouted)
        yield _gauge("vern_dead_letters", "Events parked as dead letters and not yet replayed",
                     service, dead_letters)
        if deliveries is not None:
            family = GaugeMetricFamily("vern_deliveries", "Deliveries (messages, webhook calls) by state",
                                       labels=["service", "state"])
            for state, count in sorted(deliveries.items()):
                family.add_metric([service, state], count)
            yield family


def _gauge(name: str, documentation: str, service: str, value) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=["service"])
    family.add_metric([service], value)
    return family


def only_metrics_path(app):
    """The exposition on /metrics alone: anything else is a 404, not a second copy."""
    def serve(environ, start_response):
        if environ.get("PATH_INFO") != "/metrics":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found: metrics are on /metrics\n"]
        return app(environ, start_response)
    return serve


class Metrics(DependencyProvider):
    """`metrics = Metrics()`; a service with deliveries names their status column and states:
    `Metrics(deliveries=Delivery.status, delivery_states=STATES)`."""

    def __init__(self, deliveries=None, delivery_states=()):
        self.deliveries = deliveries
        self.delivery_states = delivery_states

    def setup(self):
        service = self.container.service_name
        cfg = settings(self.container.config)
        self.host, self.port = cfg.metrics_host, metrics_port(cfg.metrics_port, service)
        self.registry = CollectorRegistry()
        for collector in (ProcessCollector, PlatformCollector, GCCollector):
            collector(registry=self.registry)
        self.durations = Histogram(
            "vern_entrypoint_duration_seconds", "Time a worker took, by entrypoint, kind (rpc, event, timer, "
            "http) and outcome (success, expected_error, error)",
            ["service", "entrypoint", "kind", "outcome"], registry=self.registry, buckets=BUCKETS)
        self.requests = Counter("vern_http_requests", "HTTP requests answered, by route, method and status",
                                ["service", "route", "method", "status"], registry=self.registry)
        self.request_durations = Histogram("vern_http_request_duration_seconds", "Time to answer an HTTP request",
                                           ["service", "route", "method"], registry=self.registry, buckets=BUCKETS)
        self.database_provider = next((provider for provider in self.container.dependencies
                                       if isinstance(provider, Database)), None)
        # weak: a worker whose setup fails in another dependency never reaches worker_result
        self._started = WeakKeyDictionary()
        self._sock = self._server = None
        for entrypoint in self.container.entrypoints:
            if isinstance(entrypoint, HttpRequestHandler):
                self._count_requests(entrypoint)

    def _count_requests(self, entrypoint):
        """Wrap the route's request handling: the gateway answers 400, 401, 403 and 429 before any
        worker runs, so the worker hooks alone would never see those requests."""
        handle_request = entrypoint.handle_request
        labels = (self.container.service_name, entrypoint.url, entrypoint.method)

        @wraps(handle_request)
        def counted(request):
            started = time.monotonic()
            status = 500
            try:
                response = handle_request(request)
                status = response.status_code
                return response
            finally:
                self.requests.labels(*labels, str(status)).inc()
                self.request_durations.labels(*labels).observe(time.monotonic() - started)
        entrypoint.handle_request = counted

    def start(self):
        # here, not in setup: the Database provider may be set up after this one
        if self.database_provider is not None:
            self.registry.register(DatabaseCollector(self.container.service_name, self.database_provider.database,
                                                     self.deliveries, self.delivery_states))
        if self.port is None:
            return
        try:
            self._sock = eventlet.listen((self.host, self.port))
        except OSError as error:  # metrics must never keep a service from running
            log.error("metrics: %s cannot serve /metrics on %s:%s: %s", self.container.service_name,
                      self.host, self.port, error)
            return
        app = only_metrics_path(make_wsgi_app(self.registry))
        self._server = self.container.spawn_managed_thread(
            lambda: eventlet.wsgi.server(self._sock, app, log=log, log_output=False), identifier="metrics-server")
        log.info("%s serves metrics on http://%s:%s/metrics", self.container.service_name, self.host, self.port)

    def stop(self):
        if self._server is not None:
            self._server.kill()
            self._server = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    kill = stop

    def worker_setup(self, worker_ctx):
        self._started[worker_ctx] = time.monotonic()

    def worker_result(self, worker_ctx, result=None, exc_info=None):
        started = self._started.pop(worker_ctx, None)
        if started is None:
            return
        entrypoint = worker_ctx.entrypoint
        self.durations.labels(self.container.service_name, entrypoint.method_name, entrypoint_kind(entrypoint),
                              outcome(entrypoint, exc_info)).observe(time.monotonic() - started)
