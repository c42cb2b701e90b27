"""Large data sets written straight into a service's database with its own SQLAlchemy tables (a bulk load:
COPY on PostgreSQL, multi-row INSERT on SQLite), not over HTTP: 100 000 incidents through the API would
take longer than the whole suite may."""
import csv
import io
import json
import random
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import JSON, create_engine, insert, text

from services.incidents.domain import CATEGORIES, INCIDENT_SCALE
from services.incidents.models import Incident
from services.reporting.models import ReportFact
from shared.contracts.incidents import KINDS

CHUNK = 5000
BREACH = "personal_data_breach"


def _insert(database_url: str, table, rows) -> None:
    engine = create_engine(database_url)
    try:
        if engine.dialect.name == "postgresql":
            _copy(engine, table, rows)
        else:
            _insert_many(engine, table, rows)
        with engine.connect() as connection:  # fresh planner statistics, as autovacuum keeps them in service
            connection.execute(text(f"ANALYZE {table.name}"))
            connection.commit()
    finally:
        engine.dispose()


def _copy(engine, table, rows) -> None:
    """PostgreSQL's COPY, the bulk loader: ten times faster than INSERT for 100 000 rows of 50 columns."""
    rows = iter(rows)
    first = next(rows)
    columns = [column for column in table.columns if column.name in first]  # an autoincrement id is left out
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_value(column, first[column.name]) for column in columns])
    for row in rows:
        writer.writerow([_csv_value(column, row[column.name]) for column in columns])
    buffer.seek(0)
    connection = engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table.name} ({', '.join(c.name for c in columns)}) FROM STDIN WITH (FORMAT csv)",
                               buffer)
        connection.commit()
    finally:
        connection.close()


def _csv_value(column, value):
    """The text COPY reads for a value, as the column's SQLAlchemy type would have bound it."""
    if value is None:
        return None  # an unquoted empty field: NULL
    if isinstance(column.type, JSON):
        return json.dumps(value)
    if isinstance(value, datetime):
        return column.type.process_bind_param(value, None).isoformat()
    if isinstance(value, bool):
        return "t" if value else "f"
    return value


def _insert_many(engine, table, rows) -> None:
    with engine.begin() as connection:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == CHUNK:
                connection.execute(insert(table), chunk)
                chunk = []
        if chunk:
            connection.execute(insert(table), chunk)


def _moment(chance: random.Random, start: datetime, days: int) -> datetime:
    return start + timedelta(seconds=chance.randrange(days * 86400))


def incidents(database_url: str, count: int, agency: str = "demo", seed: int = 9) -> None:
    """`count` incidents of one agency reported over the last three years, in every kind and state."""
    chance = random.Random(seed)
    start = datetime.now(timezone.utc) - timedelta(days=3 * 365)

    def row(n: int) -> dict:
        kind = chance.choice(KINDS)
        reported = _moment(chance, start, 3 * 365)
        aware = reported - timedelta(hours=chance.randrange(1, 48))
        severity = chance.choice(INCIDENT_SCALE + (None,))
        serious = severity in ("high", "critical")
        closed = chance.random() < 0.6
        breach = kind == BREACH
        return {
            "id": str(uuid.UUID(int=chance.getrandbits(128))), "agency": agency, "title": f"Hendelse {n}",
            "description": "Generert for ytelsestest.", "kind": kind, "category": chance.choice(CATEGORIES),
            "occurred_at": aware - timedelta(hours=1), "aware_at": aware, "reported_at": reported,
            "reported_by": f"user-{n % 500}", "severity": severity, "personal_data_involved": breach,
            "marked_serious": False, "assessed_at": reported if severity else None,
            "escalated_at": reported if serious else None, "escalation_reason": "severity" if serious else None,
            "escalated_rank": INCIDENT_SCALE.index(severity) if serious else None, "breach_severity": None,
            "effective_severity": severity, "serious": serious, "status": "closed" if closed else "investigating",
            "handler": None, "handler_role": None, "detected_at": None, "reporting_unit": None,
            "affected_system_ids": [], "processing_activity_ids": [], "impact_confidentiality": None,
            "impact_integrity": None, "impact_availability": None, "scope": None, "approx_data_subjects": None,
            "approx_records": None, "data_subject_categories": [], "personal_data_categories": [],
            "likely_consequences": None, "data_whereabouts": None,
            "authority_deadline": aware + timedelta(hours=72),
            "authority_notification": (chance.choice(("submitted", "submitted", "late", "pending")) if breach
                                       else None),
            "authority_deadline_missed_at": None, "subject_communication": None,
            "root_cause": "Menneskelig feil." if closed else None, "lessons_learned": "Opplæring." if closed else None,
            "linked_risk_ids": [], "closed_at": reported + timedelta(days=3) if closed else None,
            "closed_by": "pko" if closed else None,
        }

    _insert(database_url, Incident.__table__, (row(n) for n in range(count)))


def report_facts(database_url: str, year: int, incidents_count: int, risks: int, processings: int,
                 agency: str = "demo", seed: int = 9) -> None:
    """Reporting's read model as the events would have left it: incidents reported in `year`, unacceptable
    risks (with their assessments), processing activities, as `facts.FOLDS` folds them."""
    chance = random.Random(seed)
    start = datetime(year, 1, 1, tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)

    def iso(moment: datetime) -> str:
        return moment.isoformat()

    def fact(subject_type: str, state: dict) -> dict:
        return {"agency": agency, "subject_type": subject_type, "subject_id": str(uuid.UUID(int=chance.getrandbits(128))),
                "state": state, "updated_at": now}

    def incident() -> dict:
        kind = chance.choice(KINDS)
        reported = _moment(chance, start, 365)
        severity = chance.choice(INCIDENT_SCALE + (None,))
        state = {"kind": kind, "category": chance.choice(CATEGORIES), "occurred_at": iso(reported - timedelta(hours=3)),
                 "aware_at": iso(reported - timedelta(hours=1)), "reported_at": iso(reported),
                 "severity": severity, "personal_data_involved": kind == BREACH,
                 "serious": severity in ("high", "critical"), "assessed_at": iso(reported) if severity else None}
        if kind == BREACH and chance.random() < 0.8:
            state.update(notified_at=iso(reported + timedelta(hours=20)), notified_late=chance.random() < 0.1)
        if chance.random() < 0.6:
            state["closed_at"] = iso(reported + timedelta(days=3))
        return fact("incident", {key: value for key, value in state.items() if value is not None})

    def assessment() -> dict:
        approved = _moment(chance, start, 365)
        return fact("assessment", {"title": "ROS", "scope": "Fagsystem", "risk_count": 20,
                                   "level_counts": {"low": 10, "medium": 6, "high": 4}, "unacceptable_count": 4,
                                   "approved_at": iso(approved)})

    def risk() -> dict:
        identified = _moment(chance, start, 365)
        state = {"title": "Risiko", "reference": "R-1", "assessment_id": str(uuid.uuid4()), "level": "high",
                 "residual_level": "medium", "identified_at": iso(identified)}
        roll = chance.random()
        if roll < 0.4:
            state.update(decision="accepted", decided_at=iso(identified + timedelta(days=7)), valid_until="2030-06-30")
        elif roll < 0.7:
            state.update(decision="treat", decided_at=iso(identified + timedelta(days=7)))
        if chance.random() < 0.3:
            state.update(resolution="treated", resolved_at=iso(identified + timedelta(days=30)))
        return fact("risk", state)

    def processing() -> dict:
        state = {"name": "Behandling", "status": chance.choice(("draft", "active", "active", "active", "retired")),
                 "complete": chance.random() < 0.7, "special_categories": chance.random() < 0.2,
                 "processors_without_agreement": ["Leverandør AS"] if chance.random() < 0.1 else []}
        if chance.random() < 0.3:
            state["dpia_required_at"] = iso(_moment(chance, start, 365))
            if chance.random() < 0.7:
                state["dpia_approved_at"] = iso(_moment(chance, start, 365))
        return fact("processing", state)

    def rows():
        yield from (incident() for _ in range(incidents_count))
        yield from (assessment() for _ in range(risks // 20))
        yield from (risk() for _ in range(risks))
        yield from (processing() for _ in range(processings))

    _insert(database_url, ReportFact.__table__, rows())
