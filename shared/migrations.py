"""Alembic, once for every service: each service keeps its own versions and version table.

A service's migrations/env.py is two lines: `run(<its models' metadata>)`.
`migrate(service, config)` upgrades one service's database to head.
"""
import importlib
from pathlib import Path

from alembic import command, context
from alembic.config import Config

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


def migrate(service_name: str, config: dict) -> None:
    url = settings(config).database_url(service_name)
    command.upgrade(alembic_config(service_name, url), "head")


def migrations_dir(service_name: str) -> Path:
    package = importlib.import_module(f"services.{service_name}")
    return Path(package.__file__).parent / "migrations"
