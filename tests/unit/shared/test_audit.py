"""The audit trail on a real SQLite file: every change recorded with who and what, tampering found,
pruning only under a retention and signed, and the chain held against signed checkpoints."""
from datetime import timedelta

import pytest
from sqlalchemy import LargeBinary, String, select, text, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared import audit
from shared.audit import Actor, AuditEntry, Checkpoint
from shared.clock import shifted, utcnow
from shared.config import settings
from shared.contracts.audit import AUDIT_CHECKPOINTED
from shared.database import MessagingBase
from shared.events import parse_envelope
from shared.outbox import OutboxEvent
from shared.service_database import ServiceDatabase


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


CONFIG = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32}
KEY = settings(CONFIG).audit_checkpoint_key


@pytest.fixture
def database(tmp_path):
    config = {**CONFIG, "DATABASES": {"risk": f"sqlite:///{tmp_path / 'risk.db'}"}}
    database = ServiceDatabase("risk", config)
    MessagingBase.metadata.create_all(database.engine)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


def entries(database) -> list[AuditEntry]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def verification(database, checkpoints=()):
    with database.sessions() as session:
        return audit.verify(session, "risk", KEY, checkpoints)


def checkpoint(database) -> Checkpoint:
    with database.sessions() as session:
        return audit.head_checkpoint(session, "risk", KEY, utcnow())


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


def test_pruning_past_the_retention_is_a_signed_entry_of_the_chain_and_the_rest_still_verifies(database):
    with shifted(-timedelta(days=800)):
        add_risk(database, "old")
        add_risk(database, "old too")
    add_risk(database, "recent")
    old_too = entries(database)[1]
    with database.unit_of_work(None) as uow:
        assert audit.prune(uow.session, utcnow(), 365, "risk", KEY) == 2
    remaining = entries(database)
    assert [entry.seq for entry in remaining] == [3, 4]
    pruned = remaining[1]
    assert (pruned.operation, pruned.actor, pruned.prev_hash) == ("prune", "system:risk", remaining[0].hash)
    assert (pruned.changes["through_seq"], pruned.changes["through_hash"]) == (2, old_too.hash)
    assert (pruned.changes["removed"], pruned.changes["retention_days"]) == (2, 365)
    result = verification(database)
    assert result.intact and (result.entries, result.first_seq, result.last_seq) == (2, 3, 4)


def test_a_prune_without_a_configured_retention_is_refused_and_deletes_nothing(database):
    with shifted(-timedelta(days=800)):
        add_risk(database, "old")
    for retention in (None, 0):
        with pytest.raises(audit.PruneRefused, match="AUDIT_RETENTION_DAYS"):
            with database.unit_of_work(None) as uow:
                audit.prune(uow.session, utcnow(), retention, "risk", KEY)
    with pytest.raises(audit.PruneRefused):
        database.prune_audit_trail()  # the configuration sets none
    assert [entry.seq for entry in entries(database)] == [1] and verification(database).intact


def truncate(database, through: int) -> None:
    """What an attacker with write access to the database does: cut the front, move the marker."""
    with database.sessions() as session:
        last_hash = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == through))
    tamper(database, f"DELETE FROM audit_entries WHERE seq <= {through}")
    tamper(database, f"UPDATE audit_chain SET pruned_through_seq = {through}, pruned_through_hash = '{last_hash}'")


def test_entries_deleted_from_the_front_with_the_pruned_marker_set_are_found(database):
    for title in ("one", "two", "three", "four"):
        add_risk(database, title)
    truncate(database, 3)
    result = verification(database)
    assert [(problem.seq, problem.kind) for problem in result.problems] == [(3, "truncated")]
    assert "entries 1..3 are gone and marked as pruned, but no signed prune entry" in str(result.problems[0])


def test_a_prune_entry_the_attacker_wrote_does_not_justify_the_cut(database):
    for title in ("one", "two", "three"):
        add_risk(database, title)
    truncate(database, 2)
    with database.sessions() as session:
        through_hash = session.scalar(select(AuditEntry.prev_hash).where(AuditEntry.seq == 3))
    for forged_key in (b"a key the attacker made up", None):
        signature = (audit.seal(forged_key, "prune", "risk", 2, through_hash) if forged_key
                     else checkpoint(database).signature)  # nor may a checkpoint's signature stand in
        with database.sessions() as session, session.begin():
            audit.append(session, Actor("system:risk", ("system",)), None, [audit.Change(
                "prune", "audit_entries", None, None,
                {"through_seq": 2, "through_hash": through_hash, "signature": signature})])
        assert [problem.kind for problem in verification(database).problems] == ["truncated"]


def test_the_newest_entries_deleted_with_the_head_rewound_are_found_by_a_checkpoint(database):
    for title in ("one", "two", "three", "four"):
        add_risk(database, title)
    signed = checkpoint(database)
    with database.sessions() as session:
        second = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 2))
    tamper(database, "DELETE FROM audit_entries WHERE seq > 2")
    tamper(database, f"UPDATE audit_chain SET last_seq = 2, last_hash = '{second}'")
    assert verification(database).intact  # the database alone cannot tell
    result = verification(database, [signed])
    assert [(problem.seq, problem.kind) for problem in result.problems] == [(None, "behind_checkpoint")]
    assert "ends at entry 2 but the checkpoint signed at" in str(result.problems[0])
    assert "entries 3..4 were deleted" in str(result.problems[0])


def test_a_chain_rewritten_and_grown_again_differs_from_the_earlier_checkpoint(database):
    for title in ("one", "two", "three"):
        add_risk(database, title)
    earlier = checkpoint(database)
    with database.sessions() as session:
        second = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == 2))
    tamper(database, "DELETE FROM audit_entries WHERE seq = 3")
    tamper(database, f"UPDATE audit_chain SET last_seq = 2, last_hash = '{second}'")
    add_risk(database, "a replacement")  # a new entry 3, as Vern itself would chain it
    add_risk(database, "and more")
    later = checkpoint(database)
    assert verification(database, [later]).intact
    result = verification(database, [earlier, later])
    assert [(problem.seq, problem.kind) for problem in result.problems] == [(3, "checkpoint_mismatch")]
    assert result.checkpoint == later


def test_a_checkpoint_not_signed_with_the_key_is_named_and_other_services_are_ignored(database):
    for title in ("one", "two"):
        add_risk(database, title)
    real = checkpoint(database)
    forged = Checkpoint("risk", 9, real.hash, real.signed_at, audit.seal(b"not the key", "checkpoint", "risk", 9,
                                                                           real.hash))
    elsewhere = Checkpoint("incidents", 99, real.hash, real.signed_at, real.signature)
    result = verification(database, [real, forged, elsewhere])
    assert [(problem.seq, problem.kind) for problem in result.problems] == [(9, "forged_checkpoint")]
    assert verification(database, [real, elsewhere]).intact


def test_a_checkpoint_is_published_through_the_outbox_only_when_the_chain_grew(database):
    assert database.publish_checkpoint(0) == 0  # an empty chain: nothing to sign
    add_risk(database)
    add_risk(database, "two")
    assert database.publish_checkpoint(0) == 2
    assert database.publish_checkpoint(2) == 2
    with database.sessions() as session:
        envelopes = list(session.scalars(select(OutboxEvent.envelope)))
    [event] = [parse_envelope(envelope, AUDIT_CHECKPOINTED["risk"]) for envelope in envelopes]
    assert (event.subject, event.data["service"], event.data["seq"]) == ("risk", "risk", 2)
    kept = Checkpoint("risk", 2, event.data["hash"], event.data["signed_at"], event.data["signature"])
    assert kept.authentic(KEY) and not kept.authentic(b"another key")
    assert verification(database, [kept]).intact
