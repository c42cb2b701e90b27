"""The audit trail on a real SQLite file: every change recorded with who and what, tampering found."""
from datetime import timedelta

import pytest
from sqlalchemy import LargeBinary, String, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared import audit
from shared.audit import Actor, AuditEntry
from shared.clock import shifted, utcnow
from shared.database import MessagingBase
from shared.store import ServiceDatabase


class Base(DeclarativeBase):
    pass


class Risk(Base):
    __tablename__ = "risks"
    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="low")
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)


PKO = Actor("kari", ("pko",), "byarkivet")


@pytest.fixture
def database(tmp_path):
    config = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32,
              "DATABASES": {"risk": f"sqlite:///{tmp_path / 'risk.db'}"}}
    database = ServiceDatabase("risk", config)
    MessagingBase.metadata.create_all(database.engine)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def entries(database) -> list[AuditEntry]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def verification(database):
    with database.sessions() as session:
        return audit.verify(session)


def add_risk(database, title="Phishing", actor=PKO, **values) -> int:
    with database.unit_of_work("corr-1", actor=actor) as uow:
        risk = Risk(agency="byarkivet", title=title, **values)
        uow.session.add(risk)
        uow.session.flush()
        return risk.id


def test_an_insert_update_and_delete_are_recorded_with_who_what_and_correlation(database):
    risk_id = add_risk(database, attachment=b"%PDF-1.7 report")
    with database.unit_of_work("corr-2", actor=lambda: Actor("ola", ("isk",), "byarkivet")) as uow:
        uow.session.get(Risk, risk_id).level = "high"
    with database.unit_of_work(None) as uow:  # a timer: no caller
        uow.session.delete(uow.session.get(Risk, risk_id))

    created, changed, deleted = entries(database)
    assert (created.operation, created.entity, created.entity_id, created.agency) == ("insert", "risks",
                                                                                     str(risk_id), "byarkivet")
    assert (created.actor, created.actor_roles, created.correlation_id) == ("kari", "pko", "corr-1")
    assert created.changes["title"] == "Phishing" and created.changes["level"] == "low"
    assert created.changes["attachment"]["bytes"] == 15  # a fingerprint, not the document
    assert (changed.actor, changed.correlation_id) == ("ola", "corr-2")
    assert changed.changes == {"level": {"before": "low", "after": "high"}}
    assert (deleted.operation, deleted.actor, deleted.changes["title"]) == ("delete", "system:risk", "Phishing")
    assert verification(database).intact and verification(database).entries == 3


def test_nothing_is_recorded_for_a_change_that_rolled_back(database):
    with pytest.raises(RuntimeError):
        with database.unit_of_work(None, actor=PKO) as uow:
            uow.session.add(Risk(agency="byarkivet", title="never"))
            uow.session.flush()
            raise RuntimeError("the use case failed")
    with database.unit_of_work(None, actor=PKO) as uow:
        with pytest.raises(ValueError):
            with uow.session.begin_nested():
                uow.session.add(Risk(agency="byarkivet", title="in a savepoint rolled back"))
                uow.session.flush()
                raise ValueError
        uow.session.add(Risk(agency="byarkivet", title="kept"))
    assert [entry.changes["title"] for entry in entries(database)] == ["kept"]


def test_a_bulk_update_that_changed_rows_is_recorded_and_one_that_changed_none_is_not(database):
    risk_id = add_risk(database)
    for level in ("high", "high"):
        with database.unit_of_work(None, actor=PKO) as uow:
            uow.session.execute(update(Risk).where(Risk.id == risk_id, Risk.level != level).values(level=level))
    bulk = [entry for entry in entries(database) if entry.operation == "bulk_update"]
    assert len(bulk) == 1 and bulk[0].changes["rows"] == 1 and "high" in bulk[0].changes["parameters"].values()


def tamper(database, sql: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(sql))


def test_an_altered_entry_is_found_and_named(database):
    for title in ("one", "two", "three"):
        add_risk(database, title)
    tamper(database, "UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 2")
    result = verification(database)
    assert [(problem.seq, problem.kind) for problem in result.problems] == [(2, "altered")]
    assert "insert of risks 2 by someone-else" in str(result.problems[0])


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_link_to_the_next(database):
    for title in ("one", "two", "three"):
        add_risk(database, title)
    with database.sessions() as session:
        second = dict(session.execute(select(AuditEntry.__table__).where(AuditEntry.seq == 2)).mappings().one())
    second["actor"] = "someone-else"
    tamper(database, f"UPDATE audit_entries SET actor = 'someone-else', hash = '{audit.entry_hash(second)}' "
                     "WHERE seq = 2")
    assert [(problem.seq, problem.kind) for problem in verification(database).problems] == [(3, "broken_link")]


def test_deleted_entries_are_found_in_the_middle_and_at_the_end(database):
    for title in ("one", "two", "three", "four"):
        add_risk(database, title)
    tamper(database, "DELETE FROM audit_entries WHERE seq IN (2, 4)")
    kinds = [(problem.seq, problem.kind) for problem in verification(database).problems]
    assert kinds == [(2, "missing"), (None, "head_mismatch")]


def test_pruning_past_the_retention_keeps_the_rest_verifiable(database):
    with shifted(-timedelta(days=800)):
        add_risk(database, "old")
        add_risk(database, "old too")
    add_risk(database, "recent")
    with database.unit_of_work(None) as uow:
        assert audit.prune(uow.session, utcnow(), retention_days=365) == 2
        assert audit.prune(uow.session, utcnow(), retention_days=None) == 0
    result = verification(database)
    assert result.intact and (result.entries, result.first_seq, result.last_seq) == (1, 3, 3)
