"""The audit trail of a service: who changed what, when, under which correlation id.

Append-only and hash-chained: every entry carries the hash of the one before it and its own hash
over both, so an entry altered or deleted in the database (by anyone who bypasses Vern) breaks
the chain where it happened, and `vern audit verify` names it. The chain's head (last sequence
number and hash) is a row of its own, so removing the newest entries is detected too; the head
row is locked while a transaction appends, which also keeps the sequence gapless with any number
of instances of a service.

What a database writer alone could still do, rewrite the head or cut the chain's front and move
the pruned-through marker, is caught with a key the database does not hold (AUDIT_CHECKPOINT_KEY,
or one derived from the JWT secret): a prune is only possible under AUDIT_RETENTION_DAYS and is
itself a hash-linked entry carrying an HMAC-SHA256 of where it cut (RFC 2104), and the service
publishes signed checkpoints of its head that reporting keeps in its own database; `verify` checks
the marker against the signed prune entry and the chain against every checkpoint.
"""
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import JSON, Integer, String, delete, func, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime

GENESIS = "0" * 64
HEAD_ID = 1
PRUNE = "prune"  # the operation of the entry a prune appends
CHECKPOINT = "checkpoint"


class PruneRefused(Exception):
    """Pruning asked for without a configured retention: the trail is kept forever then."""


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


def seal(key: bytes, kind: str, service: str, seq: int, entry_hash_: str) -> str:
    """HMAC-SHA256 of (what, service, entry, hash): `kind` keeps a checkpoint's signature from
    passing for a prune's, `service` one service's from passing for another's."""
    message = json.dumps([kind, service, seq, entry_hash_], separators=(",", ":"))
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def sealed(key: bytes, signature, kind: str, service: str, seq: int, entry_hash_: str) -> bool:
    return isinstance(signature, str) and hmac.compare_digest(seal(key, kind, service, seq, entry_hash_), signature)


@dataclass(frozen=True)
class Checkpoint:
    """A service's chain head as it was signed: kept outside the service's database (by reporting)."""
    service: str
    seq: int
    hash: str
    signed_at: datetime
    signature: str

    def authentic(self, key: bytes) -> bool:
        return sealed(key, self.signature, CHECKPOINT, self.service, self.seq, self.hash)


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
    kind: str  # altered, missing, broken_link, head_mismatch, head_missing, truncated, behind_checkpoint,
    #            checkpoint_mismatch, forged_checkpoint
    detail: str

    def __str__(self):
        return f"entry {self.seq}: {self.kind}: {self.detail}" if self.seq is not None else f"{self.kind}: {self.detail}"


@dataclass(frozen=True)
class Verification:
    entries: int
    first_seq: int | None
    last_seq: int
    problems: list
    checkpoint: Checkpoint | None = None  # the newest authentic checkpoint the chain was checked against

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(session: Session, service: str, key: bytes, checkpoints: Iterable[Checkpoint] = (),
           batch: int = 2000) -> Verification:
    """Walk the chain from where pruning left it to the head; every break is named, not only the first.

    The head is read first and the walk stops at it: entries appended while it runs are not judged
    against a head that predates them. `checkpoints`: the service's signed checkpoints, from outside
    its database; the chain must reach the newest and agree with each one it has not pruned."""
    head = session.execute(select(AuditChain.__table__).where(AuditChain.id == HEAD_ID)).first()
    problems = []
    if head is None:
        if session.scalar(select(func.count()).select_from(AuditEntry)):
            problems.append(Problem(None, "head_missing", "the chain's head row (audit_chain) was deleted"))
        last_seq, last_hash, pruned_seq, pruned_hash = 0, GENESIS, 0, GENESIS
    else:
        last_seq, last_hash = head.last_seq, head.last_hash
        pruned_seq, pruned_hash = head.pruned_through_seq, head.pruned_through_hash
    checkpoints = [checkpoint for checkpoint in checkpoints if checkpoint.service == service]
    authentic = [checkpoint for checkpoint in checkpoints if checkpoint.authentic(key)]
    problems += [Problem(checkpoint.seq, "forged_checkpoint",
                         f"the checkpoint dated {checkpoint.signed_at.isoformat()} does not carry Vern's signature: "
                         "it was written into reporting's database, not received from the service")
                 for checkpoint in checkpoints if checkpoint not in authentic]
    wanted = {checkpoint.seq for checkpoint in authentic if pruned_seq < checkpoint.seq <= last_seq}
    hashes_at = {}
    justified = pruned_seq == 0  # nothing pruned, nothing to justify
    expected_seq, previous = pruned_seq + 1, pruned_hash
    count, first_seq, after = 0, None, pruned_seq
    while True:
        rows = session.execute(select(AuditEntry.__table__).where(AuditEntry.seq > after,
                                                                  AuditEntry.seq <= last_seq)
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
            if row["seq"] in wanted:
                hashes_at[row["seq"]] = row["hash"]
            justified = justified or _justifies(row, service, key, pruned_seq, pruned_hash)
            expected_seq, previous, count = row["seq"] + 1, row["hash"], count + 1
        if len(rows) < batch:
            break
        after = rows[-1]["seq"]
    if (expected_seq - 1, previous) != (last_seq, last_hash):
        problems.append(Problem(None, "head_mismatch",
                                f"the chain ends at entry {expected_seq - 1} but its head records entry "
                                f"{last_seq}: the newest entries were deleted or altered"))
    if not justified:
        problems.append(Problem(pruned_seq, "truncated",
                                f"entries 1..{pruned_seq} are gone and marked as pruned, but no signed prune entry "
                                "in the chain records that pruning: they were deleted behind Vern's back"))
    newest = max(authentic, key=lambda checkpoint: checkpoint.seq, default=None)
    if newest is not None and newest.seq > last_seq:
        problems.append(Problem(None, "behind_checkpoint",
                                f"the chain ends at entry {last_seq} but the checkpoint signed at "
                                f"{newest.signed_at.isoformat()} records entry {newest.seq}: entries "
                                f"{last_seq + 1}..{newest.seq} were deleted and the head rewound"))
    differing = sorted((checkpoint for checkpoint in authentic if checkpoint.seq in wanted
                        and hashes_at.get(checkpoint.seq) != checkpoint.hash), key=lambda checkpoint: checkpoint.seq)
    if differing:  # a rewrite differs from every later checkpoint too: the first names where it starts
        first = differing[0]
        problems.append(Problem(first.seq, "checkpoint_mismatch",
                                f"is not the entry the checkpoint signed at {first.signed_at.isoformat()} recorded "
                                f"(nor are {len(differing) - 1} later checkpointed ones): the chain was rewritten"))
    return Verification(count, first_seq, last_seq, problems, newest)


def _justifies(row, service: str, key: bytes, pruned_seq: int, pruned_hash: str) -> bool:
    """A prune entry, signed with the key, that cut the chain exactly where the head says it was cut."""
    if row["operation"] != PRUNE or not isinstance(row["changes"], dict):
        return False
    changes = row["changes"]
    return ((changes.get("through_seq"), changes.get("through_hash")) == (pruned_seq, pruned_hash)
            and sealed(key, changes.get("signature"), PRUNE, service, pruned_seq, pruned_hash))


def prune(session: Session, now: datetime, retention_days: int | None, service: str, key: bytes) -> int:
    """Delete entries older than the retention, oldest first, and append a signed, hash-linked entry
    saying so: the only pruning `verify` accepts. Without a retention nothing may be pruned."""
    if not retention_days:
        raise PruneRefused("audit entries are pruned only under a configured AUDIT_RETENTION_DAYS")
    cutoff = now - timedelta(days=retention_days)
    _locked_head(session)
    last = session.execute(select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.recorded_at < cutoff)
                           .order_by(AuditEntry.seq.desc()).limit(1)).first()
    if last is None:
        return 0
    removed = session.execute(delete(AuditEntry.__table__).where(AuditEntry.seq <= last.seq)).rowcount
    session.execute(update(AuditChain.__table__).where(AuditChain.id == HEAD_ID)
                    .values(pruned_through_seq=last.seq, pruned_through_hash=last.hash))
    append(session, Actor(f"system:{service}", ("system",)), None, [Change(
        PRUNE, AuditEntry.__tablename__, None, None,
        {"through_seq": last.seq, "through_hash": last.hash, "removed": removed, "retention_days": retention_days,
         "cutoff": cutoff.isoformat(), "signature": seal(key, PRUNE, service, last.seq, last.hash)})])
    return removed


def head_checkpoint(session: Session, service: str, key: bytes, now: datetime) -> Checkpoint | None:
    """The chain's head, signed; None while the chain is empty."""
    head = session.execute(select(AuditChain.__table__).where(AuditChain.id == HEAD_ID)).first()
    if head is None or head.last_seq == 0:
        return None
    return Checkpoint(service, head.last_seq, head.last_hash, now,
                      seal(key, CHECKPOINT, service, head.last_seq, head.last_hash))
