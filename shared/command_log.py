"""Which RPC commands a service has committed, so that a request redelivered after a lost
connection is not carried out twice (see `shared.rpc_server`).

The request id is nameko's correlation id of the call: the same on every delivery of one request,
new for every call, so a caller who retries on purpose is a new command. A redelivery comes within
seconds of the lost connection, so the record is kept for a day, then pruned.
"""
from datetime import datetime, timedelta

from sqlalchemy import String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from shared.clock import utcnow
from shared.database import MessagingBase, UTCDateTime


class ProcessedCommand(MessagingBase):
    __tablename__ = "processed_commands"

    request_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def record_command(session: Session, request_id: str) -> None:
    """In the transaction of the command's writes (one INSERT; the caller records a call once)."""
    session.add(ProcessedCommand(request_id=request_id[:64], processed_at=utcnow()))


def command_done(session: Session, request_id: str) -> bool:
    return session.scalar(select(ProcessedCommand.request_id)
                          .where(ProcessedCommand.request_id == request_id[:64])) is not None


KEPT_FOR = timedelta(days=1)


def prune_commands(session: Session, now: datetime) -> int:
    return session.execute(delete(ProcessedCommand).where(ProcessedCommand.processed_at < now - KEPT_FOR)).rowcount
