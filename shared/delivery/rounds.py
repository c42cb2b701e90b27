"""One round of delivery: claim a batch in one unit of work, send each outside any transaction (several
at once), record each outcome in a unit of work of its own.

A slow receiver then holds no transaction open, and one outcome that fails to record loses only
itself: its lease runs out and it is sent again.
"""
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from eventlet import GreenPool

from shared.service_database import UnitOfWork

Claimed = TypeVar("Claimed")
Answer = TypeVar("Answer")
Recorded = TypeVar("Recorded")


def deliver_due(unit_of_work: Callable[[], AbstractContextManager[UnitOfWork]],
                claim: Callable[[UnitOfWork], Iterable[Claimed]],
                send: Callable[[Claimed], Answer],
                record: Callable[[UnitOfWork, Claimed, Answer], Recorded],
                report: Callable[[Claimed, Answer, Recorded], Any],
                parallel: int) -> int:
    """`claim` commits its leases before anything is sent; `report` (a log line) runs after each
    outcome is committed. Answers how many deliveries were claimed."""
    with unit_of_work() as uow:
        claimed = list(claim(uow))
    for item, answer in GreenPool(parallel).imap(lambda item: (item, send(item)), claimed):
        with unit_of_work() as uow:
            recorded = record(uow, item, answer)
        report(item, answer, recorded)
    return len(claimed)
