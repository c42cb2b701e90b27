"""Migration 0004: a course already mandatory became so on its creation date (in Oslo); the tables
match the models."""
from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from services.training.models import Base
from shared.database import MessagingBase
from shared.migrations import alembic_config


def upgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            cfg = alembic_config("training", url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            connection.commit()
    finally:
        engine.dispose()


def course(connection, course_id, mandatory, created_at):
    connection.execute(text(
        "INSERT INTO courses (id, agency, code, title, topic, audience_roles, audience_units, mandatory, grace_days, "
        "active, created_at, created_by, updated_at, updated_by) VALUES (:id, 'demo', :id, 'Kurs', 'privacy', '[]', "
        "'[]', :mandatory, 30, 1, :at, 'u-1', :at, 'u-1')"), {"id": course_id, "mandatory": mandatory, "at": created_at})


def test_existing_mandatory_courses_became_mandatory_when_created(tmp_path):
    url = f"sqlite:///{tmp_path / 'training.db'}"
    upgrade(url, "0003")
    engine = create_engine(url)
    with engine.begin() as connection:
        course(connection, "pv-101", True, "2025-03-01 09:00:00.000000")
        course(connection, "late-evening", True, "2025-03-01 23:30:00.000000")  # 00:30 on 2 March in Oslo
        course(connection, "voluntary", False, "2025-03-01 09:00:00.000000")
    upgrade(url, "head")
    with engine.connect() as connection:
        found = dict(connection.execute(text("SELECT id, became_mandatory_on FROM courses")).all())
        drift = compare_metadata(MigrationContext.configure(connection),
                                 [Base.metadata, MessagingBase.metadata])
    engine.dispose()
    assert found == {"pv-101": date(2025, 3, 1).isoformat(), "late-evening": date(2025, 3, 2).isoformat(),
                     "voluntary": None}
    assert drift == [], drift
