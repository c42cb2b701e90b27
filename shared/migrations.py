"""Alembic, once for every service: each service keeps its own versions and version table.

A service's migrations/env.py is two lines: `run(<its models' metadata>)`.
`migrate(service, config)` upgrades one service's database to head.

Several processes may migrate one database at once: the bootstrap job and every replica's entrypoint
(`vern migrate --service X`). On PostgreSQL each holds a session-level advisory lock
(https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS) around the upgrade, so
they queue and the first migrates while the others find the database at head. SQLite needs no lock:
every transaction there begins IMMEDIATE (shared.database), so a second migration waits for the
first's commit before it reads the version table.
"""
import importlib
from dataclasses import dataclass
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from shared import audit, command_log, inbox, outbox  # noqa: F401  (registers the messaging tables on MessagingBase)
from shared.config import settings
from shared.database import MessagingBase, make_engine

VERSION_TABLE = "alembic_version"


def run(service_metadata) -> None:
    """Body of every env.py: the service's tables plus the shared messaging tables."""
    metadata = [service_metadata, MessagingBase.metadata]
    connection = context.config.attributes.get("connection")
    if connection is None:
        engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run_online(connection, metadata)
        engine.dispose()
    else:
        _run_online(connection, metadata)


def _run_online(connection, metadata) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      version_table=VERSION_TABLE, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def alembic_config(service_name: str, url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir(service_name)))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


# pg_advisory_lock's key: advisory locks belong to one database, so one constant serves every service
MIGRATION_LOCK_KEY = 0x7665726E  # "vern"


@dataclass(frozen=True)
class Migrated:
    """What one `migrate` found and left: revisions before and after (None: an empty database)."""
    service: str
    before: str | None
    after: str | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def migrate(service_name: str, config: dict) -> Migrated:
    """Upgrade the service's database to head, under the migration lock on PostgreSQL."""
    cfg = settings(config)
    url = cfg.database_url(service_name)
    alembic = alembic_config(service_name, url)
    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        with engine.connect() as connection:
            locked = connection.dialect.name == "postgresql"
            if locked:  # blocks until no other migration of this database holds it
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()  # the lock is the session's: it outlives this transaction
            try:
                before = MigrationContext.configure(connection).get_current_revision()
                connection.commit()
                alembic.attributes["connection"] = connection  # env.py migrates on this session
                alembic.attributes["import_from"] = import_source(service_name, cfg)
                command.upgrade(alembic, "head")
                connection.commit()
                after = MigrationContext.configure(connection).get_current_revision()
                connection.commit()
            finally:
                if locked:
                    connection.rollback()
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                    connection.commit()
    finally:
        engine.dispose()
    return Migrated(service_name, before, after)


def import_source(service_name: str, cfg) -> str | None:
    """The database a service's data migration copies from, as the operator named it: only the
    notifications service has one (reporting's, at the upgrade that moved the tasks out of it)."""
    if service_name != "notifications":
        return None
    return cfg.notifications_import_from or cfg.databases.get("reporting")


def head(service_name: str) -> str:
    """The revision `migrate` brings a service's database to."""
    return ScriptDirectory.from_config(alembic_config(service_name, "sqlite://")).get_current_head()


def migrations_dir(service_name: str) -> Path:
    package = importlib.import_module(f"services.{service_name}")
    return Path(package.__file__).parent / "migrations"
