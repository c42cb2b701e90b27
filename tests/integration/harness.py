"""A whole Vern in the test process: a fresh RabbitMQ vhost, fresh databases, every service.

Used by the integration suite for SQLite and again for PostgreSQL.
"""
import os
import random
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import eventlet
import psycopg2
import requests
import yaml
from nameko.containers import ServiceContainer
from nameko.runners import ServiceRunner
from sqlalchemy import create_engine, text

from services.notifications.handlers import load_directory
from services.notifications.schemas import DirectorySchema
from shared.auth import issue_token
from shared.config import ROOT, SERVICE_NAMES, deployed_services
from shared.deployment import declare_topology, service_class, service_module
from shared.migrations import migrate, migrations_dir
from shared.service_database import ServiceDatabase

RABBIT_API = os.environ.get("VERN_TEST_RABBIT_API", "http://guest:guest@127.0.0.1:15672/api")
RABBIT_AMQP = os.environ.get("VERN_TEST_RABBIT_AMQP", "amqp://guest:guest@127.0.0.1:5672")
POSTGRES_ADMIN_URL = os.environ.get("VERN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
DIRECTORY = Path(__file__).with_name("directory.yaml")
STOP_SECONDS = 20


# Ports this test process has handed out: the kernel may offer a port again once its probe socket is
# closed, and a gateway given a port inside another service's /metrics range answers that scrape.
_HANDED_OUT: set[int] = set()
_PORTS_LOCK = threading.Lock()


def free_port() -> int:
    """A port free on 127.0.0.1 that this process has not handed out before."""
    with _PORTS_LOCK:
        for _ in range(100):
            port = _probe_port()
            if port not in _HANDED_OUT:
                _HANDED_OUT.add(port)
                return port
    raise RuntimeError("no free port that was not handed out already")


def free_ports(count: int) -> int:
    """The first of `count` consecutive ports free on 127.0.0.1 (each service's /metrics port), below the
    kernel's ephemeral range: the services bind them only after migrations and many outgoing connections
    (broker, database), and one of those took an ephemeral port of the block in a CI run."""
    low = _ephemeral_low()
    with _PORTS_LOCK:
        for _ in range(200):
            first = random.randrange(10_000, low - count) if low - count > 10_000 else _probe_port()
            wanted = range(first, first + count)
            if first + count > 65536 or _HANDED_OUT.intersection(wanted):
                continue
            if all(_bindable(port) for port in wanted):
                _HANDED_OUT.update(wanted)
                return first
    raise RuntimeError(f"no {count} consecutive free ports")


def _ephemeral_low() -> int:
    """Where the kernel starts handing out ports for outgoing connections (Linux; 32768 elsewhere)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _probe_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class Vhost:
    """A RabbitMQ virtual host of our own, so runs never see each other's queues."""

    def __init__(self):
        self.name = f"vern-test-{uuid.uuid4().hex[:10]}"

    def create(self):
        requests.put(f"{RABBIT_API}/vhosts/{self.name}", timeout=10).raise_for_status()
        requests.put(f"{RABBIT_API}/permissions/{self.name}/guest",
                     json={"configure": ".*", "write": ".*", "read": ".*"}, timeout=10).raise_for_status()
        return f"{RABBIT_AMQP}/{self.name}"

    def delete(self):
        requests.delete(f"{RABBIT_API}/vhosts/{self.name}", timeout=10)


class Databases:
    """One database per service, as in production: SQLite files or PostgreSQL databases."""

    def __init__(self, backend: str, folder: Path):
        self.backend, self.folder = backend, folder
        self.prefix = f"vern_t_{uuid.uuid4().hex[:8]}"

    def create(self) -> dict:
        if self.backend == "sqlite":
            return {name: f"sqlite:///{self.folder / name}.db" for name in SERVICE_NAMES}
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        with self._admin() as cursor:
            for name in SERVICE_NAMES:
                cursor.execute(f"CREATE DATABASE {self.prefix}_{name}")
        return {name: f"{base.replace('postgresql://', 'postgresql+psycopg2://')}/{self.prefix}_{name}"
                for name in SERVICE_NAMES}

    def drop(self):
        if self.backend != "postgresql":
            return
        with self._admin() as cursor:
            for name in SERVICE_NAMES:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                               (f"{self.prefix}_{name}",))
                cursor.execute(f"DROP DATABASE IF EXISTS {self.prefix}_{name}")

    def _admin(self):
        connection = psycopg2.connect(POSTGRES_ADMIN_URL)
        connection.autocommit = True
        return _Cursor(connection)


class _Cursor:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.cursor = self.connection.cursor()
        return self.cursor

    def __exit__(self, *exc):
        self.cursor.close()
        self.connection.close()


class Vern:
    """The running system as a test sees it: HTTP base URL, tokens, and each service's database."""

    def __init__(self, backend: str, folder: Path, in_process: tuple | None = None, **extra_config):
        """`in_process`: the services the test process runs itself (default: every deployed one and
        the gateway); the others an operator would start as processes (`start_process`)."""
        self.backend = backend
        self.in_process = in_process
        self.folder = folder
        self.vhost = Vhost()
        self.databases = Databases(backend, folder)
        self.extra_config = extra_config
        self.runner = None
        self.processes = []
        self.config_for: dict[str, dict] = {}  # per service process: what differs from the shared config
        # The agency directory every process reads tokens against: the suite's directory.yaml, and every
        # agency a test makes a token for, added (register_agency) before the token is made.
        self.directory_file = folder / "directory.yaml"
        self._directory_lock = threading.Lock()

    def start(self):
        port = free_port()
        self.config = {
            "AMQP_URI": self.vhost.create(),
            "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
            "JWT_SECRET": secrets.token_urlsafe(48),
            "DATABASES": self.databases.create(),
            "OUTBOX_POLL_SECONDS": 0.2,
            "DEADLINE_CHECK_SECONDS": 0.2,
            "RISK_FOLLOWUP_SECONDS": 0.2,
            "PRIVACY_FOLLOWUP_SECONDS": 0.2,
            "TRAINING_FOLLOWUP_SECONDS": 0.2,
            "DOCUMENT_FOLLOWUP_SECONDS": 0.2,
            "DELIVERY_POLL_SECONDS": 0.2,
            "AUDIT_CHECKPOINT_SECONDS": 0.5,
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "EVENT_SOURCE": f"urn:vern:test-{self.backend}",  # the CloudEvents source of its events, + /<service>
            "RPC_TIMEOUT_SECONDS": 10,
            "max_workers": 10,
            # the suite clicks many acknowledgement links from one address; test_abuse_limits sets its own
            "PUBLIC_RATE_LIMIT_PER_MINUTE": 100_000,
            # several Vern instances of the suite (and other work on the machine) share one PostgreSQL
            # whose max_connections is 100: keep few idle connections per service
            "DATABASE_POOL_SIZE": 2,
            "DATABASE_MAX_OVERFLOW": 10,
            "DIRECTORY_FILE": str(self.directory_file),
            # evidence attachments in the test's own folder, and a limit a test can exceed quickly
            "ATTACHMENT_DIR": str(self.folder / "attachments"),
            "ATTACHMENT_MAX_BYTES": 1_000_000,
            **self.extra_config,
        }
        self.directory_file.parent.mkdir(parents=True, exist_ok=True)  # a test may name a folder still to make
        self.directory_file.write_text(DIRECTORY.read_text())
        self.base_url = f"http://127.0.0.1:{port}/api/v1"
        for name in SERVICE_NAMES:
            if migrations_dir(name).exists():
                migrate(name, self.config)
        declare_topology(self.config, deployed_services(self.config))
        self.load_directory()
        self.runner = ServiceRunner(self.config)
        # SERVICES in the config is a deployment of some services only; the gateway always runs
        in_process = self.in_process
        if in_process is None:
            in_process = tuple(self.config.get("SERVICES") or SERVICE_NAMES) + ("gateway",)
        for name in in_process:
            self.runner.add_service(service_class(name))
        self.runner.start()
        return self

    def load_directory(self, directory: dict | None = None):
        directory = DirectorySchema().load(directory or yaml.safe_load(DIRECTORY.read_text()))
        database = ServiceDatabase("notifications", self.config)
        with database.unit_of_work() as uow:
            load_directory(uow, directory)
        database.dispose()

    def register_agency(self, code: str, central: bool = False):
        """Add an agency to the directory file (unless it is there); `central`: mark it the central team's.
        Replaced in one rename, so a service reading it meanwhile sees the old file or the new, whole."""
        with self._directory_lock:
            directory = yaml.safe_load(self.directory_file.read_text())
            entry = next((agency for agency in directory["agencies"] if agency["code"] == code), None)
            if entry is not None and (entry.get("central", False) or not central):
                return
            if entry is None:
                directory["agencies"].append(entry := {"code": code, "name": f"Test agency {code}"})
            if central:
                entry["central"] = True
            written = self.directory_file.with_suffix(f".{uuid.uuid4().hex[:6]}.tmp")
            written.write_text(yaml.safe_dump(directory, allow_unicode=True, sort_keys=False))
            os.replace(written, self.directory_file)

    def stop_service(self, name: str):
        """Stop one service of the in-process runner (the others keep running)."""
        self.runner.service_map.pop(name).stop()

    def start_service(self, name: str):
        """Start a fresh instance of a stopped service in the test process."""
        container = ServiceContainer(service_class(name), self.config)
        container.start()
        self.runner.service_map[name] = container
        return container

    def start_process(self, name: str, module: str | None = None, env: dict | None = None) -> subprocess.Popen:
        """Another instance of a service as its own OS process (`nameko run`), as an operator scales it.
        `module` runs a variant of the service instead (fault tests), with `env` added to its environment."""
        config_file = self.folder / f"config-{uuid.uuid4().hex[:6]}.yaml"
        config_file.write_text(yaml.safe_dump({**self.config, **self.config_for.get(name, {})}))
        log = (self.folder / f"{name}-{uuid.uuid4().hex[:6]}.log").open("w")
        process = subprocess.Popen([str(Path(sys.executable).with_name("nameko")), "run", "--config",
                                    str(config_file), module or service_module(name)],
                                   cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})})
        self.processes.append(process)
        return process

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(10)
        if self.runner is not None:
            # Seen once after a service instance was SIGKILLed: the containers' queue consumers were
            # gone and a graceful stop waited forever. A bounded stop, then a kill, keeps the suite moving.
            with eventlet.Timeout(STOP_SECONDS, False):
                self.runner.stop()
                return self._drop()
            self.runner.kill()
        self._drop()

    def _drop(self):
        self.databases.drop()
        self.vhost.delete()

    def token(self, roles=("pko",), agency="demo", sub=None, ttl=3600) -> str:
        """A token for `agency`, which is added to the directory first if it is not there (not as central:
        a `central` token needs an agency the directory marks so, like fin, or register_agency(central=True))."""
        self.register_agency(agency)
        return issue_token(self.config["JWT_SECRET"], sub or f"user-{uuid.uuid4().hex[:6]}", roles, agency, ttl)

    def client(self, roles=("pko",), agency="demo", sub=None) -> "Client":
        return Client(self.base_url, self.token(roles, agency, sub))

    def sql(self, service: str, statement: str, **params) -> list:
        engine = create_engine(self.config["DATABASES"][service])
        try:
            with engine.connect() as connection:
                return connection.execute(text(statement), params).all()
        finally:
            engine.dispose()


class Client:
    def __init__(self, base_url: str, token: str | None):
        self.base_url = base_url
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, headers=None, **kwargs) -> requests.Response:
        return requests.request(method, f"{self.base_url}{path}", headers={**self.headers, **(headers or {})},
                                timeout=15, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)


def wait_for(probe, timeout: float = 10.0, interval: float = 0.05):
    """Poll `probe` until it returns something truthy; the last value otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
