"""PostgreSQL as a trust boundary and as a shared resource, on the local server: each service its own
role, allowed into its own database only (`vern database roles`); and two `vern migrate` at once, as the
bootstrap job and a replica's entrypoint run them, migrate a database once, the second waiting on the
first's advisory lock."""
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
import yaml

from shared.config import ROOT, SERVICE_NAMES
from shared.migrations import MIGRATION_LOCK_KEY, head
from tests.integration.harness import POSTGRES_ADMIN_URL, RABBIT_AMQP, wait_for

VERN = str(Path(sys.executable).with_name("vern"))
SERVER = POSTGRES_ADMIN_URL.removeprefix("postgresql://").split("@", 1)[1].rsplit("/", 1)[0]  # host:port


class Installation:
    """Roles and databases of one test (names unique to it: roles are the whole server's), dropped after."""

    def __init__(self, folder: Path, jwt_secret: str | None = None):
        """`jwt_secret`: the installation's token secret, from which its audit checkpoint key is derived
        (a restore keeps the installation's secrets, or its kept checkpoints would read as forged)."""
        self.prefix = f"vern_r{uuid.uuid4().hex[:8]}_"
        self.urls = {name: f"postgresql+psycopg2://{self.prefix}{name}:{secrets.token_urlsafe(12)}@{SERVER}/"
                           f"{self.prefix}{name}" for name in SERVICE_NAMES}
        self.config_file = folder / "vern.yaml"
        self.config_file.write_text(yaml.safe_dump({
            "AMQP_URI": RABBIT_AMQP, "JWT_SECRET": jwt_secret or secrets.token_urlsafe(48), "DATABASES": self.urls}))

    def name(self, service: str) -> str:
        return f"{self.prefix}{service}"

    def vern(self, *args, **popen) -> subprocess.Popen:
        return subprocess.Popen([VERN, "--config", str(self.config_file), *args], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "PYTHONWARNINGS": "ignore"}, **popen)

    def run(self, *args) -> subprocess.CompletedProcess:
        process = self.vern(*args)
        out, err = process.communicate(timeout=120)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def connect(self, role: str, database: str):
        return psycopg2.connect(f"postgresql://{self.name(role)}@{SERVER}/{self.name(database)}")

    def drop(self):
        admin = psycopg2.connect(POSTGRES_ADMIN_URL)
        admin.autocommit = True
        with admin.cursor() as cursor:
            for name in SERVICE_NAMES:
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                               (self.name(name),))
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name(name)}"')
                cursor.execute(f'DROP ROLE IF EXISTS "{self.name(name)}"')
        admin.close()


@pytest.fixture
def installation(tmp_path):
    made = Installation(tmp_path)
    try:
        created = made.run("database", "roles", "--admin-url", POSTGRES_ADMIN_URL)
        assert created.returncode == 0, created.stderr
        yield made
    finally:
        made.drop()


def test_each_service_role_may_connect_to_its_own_database_only(installation):
    for service in SERVICE_NAMES:
        with installation.connect(service, service) as own, own.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database()")
            assert cursor.fetchone() == (installation.name(service), installation.name(service))
        own.close()
    for role, other in (("training", "incidents"), ("incidents", "reporting"), ("webhooks", "privacy_register")):
        with pytest.raises(psycopg2.OperationalError, match="permission denied for database"):
            installation.connect(role, other)


def test_each_role_migrates_and_owns_its_own_tables(installation):
    migrated = installation.run("migrate")
    assert migrated.returncode == 0, migrated.stderr
    for service in SERVICE_NAMES:
        assert f"migrated {service} from an empty database to {head(service)}" in migrated.stdout
        connection = installation.connect(service, service)
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
            assert cursor.fetchall() == [(installation.name(service),)]
        connection.close()
    again = installation.run("database", "roles", "--admin-url", POSTGRES_ADMIN_URL)  # after an upgrade, say
    assert again.returncode == 0, again.stderr
    assert installation.run("migrate").stdout.count("already at") == len(SERVICE_NAMES)


def test_two_concurrent_migrations_migrate_the_database_once(installation):
    """The test holds the lock until both `vern migrate` wait for it, so they surely overlap."""
    admin = psycopg2.connect(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + installation.name("incidents"))
    admin.autocommit = True
    cursor = admin.cursor()
    cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    processes = [installation.vern("migrate", "--service", "incidents") for _ in range(2)]
    try:
        def waiting() -> int:
            cursor.execute("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                           "WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = %s",
                           (installation.name("incidents"),))
            return cursor.fetchone()[0] == 2

        assert wait_for(waiting, timeout=60, interval=0.2), "both migrations should wait for the lock"
        cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        results = [(process.wait(timeout=120), *process.communicate()) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        admin.close()
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    outputs = sorted(out.strip() for _, out, _ in results)
    assert outputs == [f"incidents already at {head('incidents')}",
                       f"migrated incidents from an empty database to {head('incidents')}"]
    connection = installation.connect("incidents", "incidents")
    with connection.cursor() as versions:
        versions.execute("SELECT version_num FROM alembic_version")
        assert versions.fetchall() == [(head("incidents"),)]
    connection.close()


def test_two_concurrent_migrations_of_one_sqlite_file_both_succeed(tmp_path):
    config_file = tmp_path / "vern.yaml"
    config_file.write_text(yaml.safe_dump({"AMQP_URI": RABBIT_AMQP, "JWT_SECRET": secrets.token_urlsafe(48),
                                           "DATABASES": {"risk": f"sqlite:///{tmp_path / 'risk.db'}"}}))
    processes = [subprocess.Popen([VERN, "--config", str(config_file), "migrate", "--service", "risk"], cwd=ROOT,
                                  text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env={**os.environ, "PYTHONWARNINGS": "ignore"}) for _ in range(2)]
    results = [(process.wait(timeout=120), *process.communicate()) for process in processes]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert all(out.strip().endswith(head("risk")) for _, out, _ in results)


def test_an_installation_from_before_the_roles_is_handed_to_them(tmp_path):
    """Upgrading: the databases exist and the administrator owns their tables; `vern database roles` gives
    database, schema and tables to each service's role, which then migrates and works in it."""
    made = Installation(tmp_path)
    admin_urls = {name: POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://")
                  + "/" + made.name(name) for name in SERVICE_NAMES}
    old_config = tmp_path / "before.yaml"
    old_config.write_text(yaml.safe_dump({**yaml.safe_load(made.config_file.read_text()), "DATABASES": admin_urls}))
    try:
        admin = psycopg2.connect(POSTGRES_ADMIN_URL)
        admin.autocommit = True
        with admin.cursor() as cursor:
            for name in SERVICE_NAMES:
                cursor.execute(f'CREATE DATABASE "{made.name(name)}"')
        admin.close()
        before = subprocess.run([VERN, "--config", str(old_config), "migrate"], cwd=ROOT, text=True,
                                capture_output=True, timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        assert before.returncode == 0, before.stderr
        with pytest.raises(psycopg2.OperationalError, match="does not exist"):
            made.connect("risk", "risk")  # no role yet

        handed = made.run("database", "roles", "--admin-url", POSTGRES_ADMIN_URL)
        assert handed.returncode == 0, handed.stderr
        migrated = made.run("migrate")
        assert migrated.returncode == 0, migrated.stderr
        assert migrated.stdout.count("already at") == len(SERVICE_NAMES)
        for service in SERVICE_NAMES:
            connection = made.connect(service, service)
            with connection.cursor() as cursor:
                cursor.execute("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n "
                               "ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
                assert cursor.fetchall() == [(made.name(service),)]
                cursor.execute("SELECT count(*) FROM alembic_version")
                assert cursor.fetchone() == (1,)
            connection.close()
        with pytest.raises(psycopg2.OperationalError, match="permission denied for database"):
            made.connect("risk", "incidents")
    finally:
        made.drop()
