"""Migration 0007: actions_taken, and open breaches not yet notified get their state by the current-duty rule."""
from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from shared.migrations import alembic_config

AT = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc).isoformat()


def upgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            cfg = alembic_config("incidents", url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            connection.commit()
    finally:
        engine.dispose()


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'incidents.db'}"


def incident(connection, incident_id, status, state):
    connection.execute(text(
        "INSERT INTO incidents (id, agency, title, description, kind, category, occurred_at, aware_at, reported_at, "
        "reported_by, marked_serious, status, authority_deadline, authority_notification, serious, "
        "affected_system_ids, processing_activity_ids, data_subject_categories, personal_data_categories, "
        "linked_risk_ids) VALUES (:id, 'demo', 'Brudd', '...', 'personal_data_breach', 'data_loss', :at, :at, :at, "
        "'u-1', 0, :status, :at, :state, 0, '[]', '[]', '[]', '[]', '[]')"),
        {"id": incident_id, "at": AT, "status": status, "state": state})


def assessment(connection, incident_id, version, recommended):
    connection.execute(text(
        "INSERT INTO breach_assessments (incident_id, version, facts, dpc, ei, cb, score, severity, risk, "
        "many_subjects, notify_authority, notify_authority_reasons, notify_data_subjects, "
        "notify_data_subjects_reasons, assessed_at, assessed_by) VALUES (:id, :version, '{}', 1, 1, 0, 1, 'low', "
        "'unlikely', 0, :recommended, '[]', 'not_required', '[]', :at, 'u-1')"),
        {"id": incident_id, "version": version, "recommended": recommended, "at": AT})


def decision(connection, incident_id, version, decided):
    connection.execute(text(
        "INSERT INTO breach_decisions (incident_id, assessment_version, notify_authority, notify_data_subjects, "
        "follows_recommendation, decided_at, decided_by) VALUES (:id, :version, :decided, 'not_required', 1, :at, "
        "'u-1')"), {"id": incident_id, "version": version, "decided": decided, "at": AT})


def test_the_current_duty_is_recomputed_for_open_breaches_only(url):
    upgrade(url, "0006")
    engine = create_engine(url)
    with engine.begin() as connection:
        incident(connection, "undecided-unlikely", "triage", "pending")
        assessment(connection, "undecided-unlikely", 1, "not_required")
        incident(connection, "overtaken", "investigating", "not_required")
        assessment(connection, "overtaken", 1, "not_required")
        decision(connection, "overtaken", 1, "not_required")
        assessment(connection, "overtaken", 2, "required")
        incident(connection, "current", "investigating", "not_required")
        assessment(connection, "current", 1, "required")
        decision(connection, "current", 1, "not_required")
        incident(connection, "closed", "closed", "not_required")
        assessment(connection, "closed", 1, "not_required")
        decision(connection, "closed", 1, "not_required")
        assessment(connection, "closed", 2, "required")
        incident(connection, "submitted", "triage", "submitted")
        assessment(connection, "submitted", 1, "not_required")
    upgrade(url, "head")
    with engine.connect() as connection:
        states = dict(connection.execute(text("SELECT id, authority_notification FROM incidents")).all())
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(incidents)"))]
    engine.dispose()
    assert states == {"undecided-unlikely": "not_required", "overtaken": "pending", "current": "not_required",
                      "closed": "not_required", "submitted": "submitted"}
    assert "actions_taken" in columns
