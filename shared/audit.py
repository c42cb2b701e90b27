"""The audit trail of a service: who changed what, when, under which correlation id.

Append-only and hash-chained: every entry carries the hash of the one before it and its own hash
over both, so an entry altered or deleted in the database (by anyone who bypasses Vern) breaks
the chain where it happened, and `vern audit verify` names it. The chain's head (last sequence
number and hash) is a row of its own, so removing the newest entries is detected too; the head
row is locked while a transaction appends, which also keeps the sequence gapless with any number
of instances of a service.

Entries older than AUDIT_RETENTION_DAYS (when set) are pruned oldest first; the head remembers
the last pruned entry, and verification starts from there.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import JSON, Integer, String, delete, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime

GENESIS = "0" * 64
HEAD_ID = 1


class AuditEntry(MessagingBase):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200), index=True)
    actor_roles: Mapped[str] = mapped_column(String(200))
    actor_agency: Mapped[str | None] = mapped_column(String(64))
    agency: Mapped[str | None] = mapped_column(String(64), index=True)  # the changed record's agency
    correlation_id: Mapped[str | None] = mapped_column(String(64), index=True)
    operation: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(100))
    entity_id: Mapped[str | None] = mapped_column(String(200))
    changes: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChain(MessagingBase):
    """One row: the newest entry's sequence number and hash, and where pruning left the chain."""
    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
    pruned_through_seq: Mapped[int] = mapped_column(Integer)
    pruned_through_hash: Mapped[str] = mapped_column(String(64))


HASHED_FIELDS = ("seq", "recorded_at", "actor", "actor_roles", "actor_agency", "agency", "correlation_id",
                 "operation", "entity", "entity_id", "changes", "prev_hash")


@dataclass(frozen=True)
class Actor:
    """Who a change is attributed to: a verified caller, or the service itself (timers, events)."""
    name: str
    roles: tuple = ()
    agency: str | None = None


@dataclass(frozen=True)
class Change:
    """One changed record, as the capture saw it at flush time."""
    operation: str  # insert, update, delete, bulk_update, bulk_delete
    entity: str  # the table
    entity_id: str | None
    agency: str | None
    changes: dict


def entry_hash(entry: dict) -> str:
    """sha256 over the entry's fields in a canonical JSON form (the same after a database round trip)."""
    fields = {name: entry[name] for name in HASHED_FIELDS}
    fields["recorded_at"] = fields["recorded_at"].isoformat()
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def append(session: Session, actor: Actor, correlation_id: str | None, changes: list[Change]) -> None:
    """Chain the changes of this transaction onto the trail; the head stays locked until commit."""
    head = _locked_head(session)
    seq, previous = head.last_seq, head.last_hash
    now = utcnow()
    rows = []
    for change in changes:
        seq += 1
        row = {"seq": seq, "recorded_at": now, "actor": actor.name[:200], "actor_roles": ",".join(actor.roles),
               "actor_agency": actor.agency, "agency": change.agency, "correlation_id": (correlation_id or None),
               "operation": change.operation, "entity": change.entity, "entity_id": change.entity_id,
               "changes": change.changes, "prev_hash": previous}
        row["hash"] = previous = entry_hash(row)
        rows.append(row)
    session.execute(insert(AuditEntry.__table__), rows)
    session.execute(update(AuditChain.__table__).where(AuditChain.id == HEAD_ID)
                    .values(last_seq=seq, last_hash=previous))


def _locked_head(session: Session):
    query = select(AuditChain.__table__).where(AuditChain.id == HEAD_ID).with_for_update()
    head = session.execute(query).first()
    if head is None:  # a database made without the migration's first row (create_all in tests)
        session.execute(insert(AuditChain.__table__).values(id=HEAD_ID, last_seq=0, last_hash=GENESIS,
                                                            pruned_through_seq=0, pruned_through_hash=GENESIS))
        head = session.execute(query).first()
    return head


@dataclass(frozen=True)
class Problem:
    seq: int | None
    kind: str  # altered, missing, broken_link, head_mismatch
    detail: str

    def __str__(self):
        return f"entry {self.seq}: {self.kind}: {self.detail}" if self.seq is not None else f"{self.kind}: {self.detail}"


@dataclass(frozen=True)
class Verification:
    entries: int
    first_seq: int | None
    last_seq: int
    problems: list

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(session: Session, batch: int = 2000) -> Verification:
    """Walk the chain from where pruning left it to the head; every break is named, not only the first.

    The head is read first and the walk stops at it: entries appended while it runs are not judged
    against a head that predates them."""
    head = session.execute(select(AuditChain.__table__).where(AuditChain.id == HEAD_ID)).first()
    if head is None:
        return Verification(0, None, 0, [])
    problems = []
    expected_seq, previous = head.pruned_through_seq + 1, head.pruned_through_hash
    count, first_seq, after = 0, None, head.pruned_through_seq
    while True:
        rows = session.execute(select(AuditEntry.__table__).where(AuditEntry.seq > after,
                                                                  AuditEntry.seq <= head.last_seq)
                               .order_by(AuditEntry.seq).limit(batch)).mappings().all()
        for row in rows:
            first_seq = row["seq"] if first_seq is None else first_seq
            if row["seq"] != expected_seq:
                problems.append(Problem(expected_seq, "missing",
                                        f"entries {expected_seq}..{row['seq'] - 1} were deleted"))
            elif row["prev_hash"] != previous:
                problems.append(Problem(row["seq"], "broken_link",
                                        "does not follow the entry before it (that one was altered or replaced)"))
            if entry_hash(dict(row)) != row["hash"]:
                problems.append(Problem(row["seq"], "altered",
                                        f"{row['operation']} of {row['entity']} {row['entity_id'] or ''} "
                                        f"by {row['actor']} at {row['recorded_at'].isoformat()} no longer "
                                        "matches its hash".replace("  ", " ")))
            expected_seq, previous, count = row["seq"] + 1, row["hash"], count + 1
        if len(rows) < batch:
            break
        after = rows[-1]["seq"]
    if (expected_seq - 1, previous) != (head.last_seq, head.last_hash):
        problems.append(Problem(None, "head_mismatch",
                                f"the chain ends at entry {expected_seq - 1} but its head records entry "
                                f"{head.last_seq}: the newest entries were deleted or altered"))
    return Verification(count, first_seq, head.last_seq, problems)


def prune(session: Session, now: datetime, retention_days: int | None) -> int:
    """Delete entries older than the retention, oldest first, keeping the chain verifiable."""
    if not retention_days:
        return 0
    cutoff = now - timedelta(days=retention_days)
    last = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.recorded_at < cutoff)
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()
    if last is None:
        return 0
    _locked_head(session)
    removed = session.execute(delete(AuditEntry.__table__).where(AuditEntry.seq <= last.seq)).rowcount
    session.execute(update(AuditChain.__table__).where(AuditChain.id == HEAD_ID)
                    .values(pruned_through_seq=last.seq, pruned_through_hash=last.hash))
    return removed
