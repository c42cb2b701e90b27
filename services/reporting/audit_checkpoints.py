"""Keeping the services' audit checkpoints (reporting's own included), and reading them back for
`vern audit verify`. Every checkpoint is kept, not only the newest: a chain rewritten and grown
again would agree with its next checkpoint, never with the earlier ones."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.reporting.models import AuditCheckpoint
from shared.audit import Checkpoint
from shared.clock import utcnow
from shared.events import Event
from shared.service_database import UnitOfWork


def keep(uow: UnitOfWork, event: Event) -> None:
    """Kept as received: whether it is authentic is `verify`'s to judge (a forged one is named there)."""
    data = event.data
    known = uow.session.scalar(select(AuditCheckpoint.id).where(
        AuditCheckpoint.service == data["service"], AuditCheckpoint.seq == data["seq"],
        AuditCheckpoint.signature == data["signature"]))
    if known is None:  # several instances of a service may sign the same head
        uow.session.add(AuditCheckpoint(service=data["service"], seq=data["seq"], hash=data["hash"],
                                        signed_at=data["signed_at"], signature=data["signature"],
                                        received_at=utcnow()))


def kept(session: Session, service: str) -> list[Checkpoint]:
    rows = session.scalars(select(AuditCheckpoint).where(AuditCheckpoint.service == service)
                           .order_by(AuditCheckpoint.seq, AuditCheckpoint.id))
    return [Checkpoint(row.service, row.seq, row.hash, row.signed_at, row.signature) for row in rows]
