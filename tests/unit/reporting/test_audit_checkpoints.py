"""Reporting keeps every audit checkpoint it receives, once, and gives them back per service in order."""
from types import SimpleNamespace

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from services.reporting import audit_checkpoints
from services.reporting.models import AuditCheckpoint, Base
from shared.clock import utcnow
from shared.events import Event


def checkpoint_event(service: str, seq: int, signature: str) -> Event:
    return Event(id=f"{service}-{seq}-{signature[:4]}", type=f"no.vern.{service}.audit_checkpointed.v1",
                 source=f"vern/{service}", subject=service, time=utcnow(), agency="vern", correlation_id=None,
                 data={"service": service, "seq": seq, "hash": "a" * 64, "signed_at": utcnow(),
                       "signature": signature})


def test_each_checkpoint_is_kept_once_all_of_them_not_only_the_newest_per_service():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        uow = SimpleNamespace(session=session)
        for service, seq, signature in [("incidents", 7, "1" * 64), ("incidents", 3, "2" * 64),
                                        ("incidents", 7, "1" * 64),  # a second instance signed the same head
                                        ("risk", 4, "3" * 64), ("incidents", 7, "4" * 64)]:
            audit_checkpoints.keep(uow, checkpoint_event(service, seq, signature))
            session.flush()
        assert session.query(AuditCheckpoint).count() == 4
        kept = audit_checkpoints.kept(session, "incidents")
        assert [(checkpoint.seq, checkpoint.signature[0]) for checkpoint in kept] == [(3, "2"), (7, "1"), (7, "4")]
        assert [checkpoint.service for checkpoint in audit_checkpoints.kept(session, "risk")] == ["risk"]
