"""What the audit trail records, seen from a service's sessions: every flushed insert, update and
delete of the service's own records, and every bulk UPDATE or DELETE that changed rows, appended
to the trail just before the transaction commits (so the trail and the change commit together).

Changes inside a savepoint that is rolled back are forgotten with it; messaging tables (outbox,
processed events, the trail itself) are housekeeping, not records, and are not recorded, nor is a
service's own bookkeeping table marked `info={"audited": False}` (webhooks' delivery attempts).
A column marked `info={"secret": True}` is recorded as its SHA-256 only: the trail shows that a
secret was set or rotated, never the secret.
"""
import enum
import hashlib
import math
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from shared import audit
from shared.audit import Actor, Change
from shared.database import MessagingBase

PENDING_KEY = "audit_pending"
ACTOR_KEY = "audit_actor"
CORRELATION_KEY = "audit_correlation_id"


def watch(sessions: sessionmaker, service_name: str) -> None:
    """Record the changes made through `sessions`; unattributed changes are the service's own."""
    system = Actor(f"system:{service_name}", ("system",))
    event.listen(sessions, "after_flush", _capture_flush)
    event.listen(sessions, "do_orm_execute", _capture_bulk)
    event.listen(sessions, "before_commit", lambda session: _append_pending(session, system))
    event.listen(sessions, "after_soft_rollback", _forget_rolled_back)


def attribute(session: Session, actor: "Actor | Callable[[], Actor] | None", correlation_id: str | None) -> None:
    """Whom this transaction's changes are attributed to; a callable is asked only if something changed."""
    session.info[ACTOR_KEY] = actor
    session.info[CORRELATION_KEY] = correlation_id


def _capture_flush(session: Session, _flush_context) -> None:
    # after_flush: primary keys are assigned, and attribute history still says what changed
    for operation, records in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for record in records:
            if isinstance(record, MessagingBase) or not _audited(record.__table__):
                continue
            change = _change_of(operation, record, session)
            if change is not None:
                _pending(session).append((session.get_nested_transaction(), change))


def _capture_bulk(state):
    if not (state.is_update or state.is_delete):
        return None
    table = getattr(state.statement, "table", None)
    if table is None or table.name in MessagingBase.metadata.tables or not _audited(table):
        return None
    result = state.invoke_statement()
    if result.rowcount:
        compiled = state.statement.compile()
        _pending(state.session).append((state.session.get_nested_transaction(), Change(
            "bulk_update" if state.is_update else "bulk_delete", table.name, None, None,
            {"statement": str(compiled)[:2000], "parameters": plain(dict(compiled.params)),
             "rows": result.rowcount})))
    return result


def _append_pending(session: Session, system: Actor) -> None:
    session.flush()  # the last changes of the transaction, so that they are captured too
    pending = session.info.pop(PENDING_KEY, None)
    if not pending:
        return
    actor = session.info.get(ACTOR_KEY) or system
    audit.append(session, actor() if callable(actor) else actor, session.info.get(CORRELATION_KEY),
                 [change for _savepoint, change in pending])


def _forget_rolled_back(session: Session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(PENDING_KEY, None)
        return
    session.info[PENDING_KEY] = [(savepoint, change) for savepoint, change in session.info.get(PENDING_KEY, [])
                                 if not _within(savepoint, previous_transaction)]


def _within(savepoint, rolled_back) -> bool:
    while savepoint is not None:
        if savepoint is rolled_back:
            return True
        savepoint = savepoint.parent
    return False


def _pending(session: Session) -> list:
    return session.info.setdefault(PENDING_KEY, [])


def _audited(table) -> bool:
    return table.info.get("audited", True)


def _change_of(operation: str, record, session: Session) -> Change | None:
    state = inspect(record)
    mapper = state.mapper
    if operation == "update":
        changes = {}
        for column in mapper.column_attrs:
            history = state.attrs[column.key].history
            if history.added or history.deleted:  # a real change, not just a touched attribute
                change = {"after": _recorded(column, history.added[0] if history.added else None)}
                if history.deleted:
                    change["before"] = _recorded(column, history.deleted[0])
                if change.get("before", object()) != change["after"]:
                    changes[column.key] = change
        if not changes:
            return None
    else:
        changes = {column.key: _recorded(column, state.dict.get(column.key)) for column in mapper.column_attrs
                   if state.dict.get(column.key) is not None}
    identity = mapper.primary_key_from_instance(record)
    return Change(operation, mapper.local_table.name, ",".join(str(part) for part in identity) or None,
                  _agency_of(state.dict) or _parent_agency(session, state), changes)


def _recorded(column, value):
    """A value as the trail keeps it: a secret as its fingerprint (telling which secret, revealing none)."""
    if value is not None and any(c.info.get("secret") for c in column.columns):
        return {"sha256": hashlib.sha256(str(value).encode()).hexdigest()}
    return plain(value)


def _agency_of(values: dict) -> str | None:
    for name in ("agency", "agency_code"):
        if isinstance(values.get(name), str):
            return values[name]
    return None


def _parent_agency(session: Session, state) -> str | None:
    """A record without an agency of its own (an incident's journal line, a risk's measure) belongs to
    its parent's: found through its foreign keys, so the parent agency's auditor sees the change."""
    for column in state.mapper.local_table.columns:
        for key in column.foreign_keys:
            parent = _mapper_of(state.mapper, key.column.table)
            value = state.dict.get(state.mapper.get_property_by_column(column).key)
            names = [name for name in ("agency", "agency_code") if parent is not None and name in parent.columns]
            if not names or value is None:
                continue
            found = session.identity_map.get(parent.identity_key_from_primary_key((value,)))
            if found is not None:
                agency = _agency_of(vars(found))
            else:  # not loaded in this transaction (rare: changes go through their parent)
                agency = session.execute(select(parent.columns[names[0]]).where(key.column == value)).scalar()
            if agency:
                return agency
    return None


def _mapper_of(mapper, table):
    return next((candidate for candidate in mapper.registry.mappers if candidate.local_table is table), None)


def plain(value):
    """A stored value as JSON that reads back equal (so the entry's hash can be recomputed)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):  # documents: their fingerprint, not their bytes
        content = bytes(value)
        return {"sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content)}
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(item) for item in value]
    return str(value)
