"""Catching up: reporting's facts rebuilt from the events the services still hold (their event logs,
read over RPC), for a new reporting instance or facts that were lost. Folding sets fields, so
replaying an event that was already folded changes nothing."""
from collections.abc import Callable
from contextlib import AbstractContextManager

from services.reporting import annual_plan, facts
from shared.errors import ServiceUnavailable
from shared.events import InvalidEvent, parse_envelope

PAGE_SIZE = 500
FOLDS_BY_TYPE = {fold.event.type: fold for fold in facts.FOLDS}


def event_names_by_source() -> dict[str, list[str]]:
    """What reporting needs of each service: the names of the events it folds."""
    names: dict[str, list[str]] = {}
    for fold in facts.FOLDS:
        names.setdefault(fold.event.source, []).append(fold.event.name)
    return names


def rebuild_facts(fetch_page: Callable[[str, dict], dict], unit_of_work: Callable[[], AbstractContextManager],
                  deployed: set) -> list[dict]:
    """Replay each deployed source's events, page by page, into the facts; one line per source.

    `fetch_page(service, query)` returns a page of `published_events` or raises ServiceUnavailable;
    each page is folded in its own transaction, so an interrupted rebuild keeps what it did."""
    outcome = []
    for service, names in event_names_by_source().items():
        if service not in deployed:
            outcome.append({"service": service, "status": "not_deployed", "replayed": 0, "skipped": 0})
            continue
        replayed = skipped = after = 0
        try:
            while after is not None:
                page = fetch_page(service, {"types": names, "after": after, "limit": PAGE_SIZE})
                with unit_of_work() as uow:
                    for envelope in page["events"]:
                        if replay(uow, envelope):
                            replayed += 1
                        else:
                            skipped += 1
                after = page["next_after"]
            status = "rebuilt"
        except ServiceUnavailable:
            status = "not_answering"
        outcome.append({"service": service, "status": status, "replayed": replayed, "skipped": skipped})
    return outcome


def replay(uow, envelope: dict) -> bool:
    """Fold one logged event as its live handler would; False for a version or payload reporting
    cannot read (counted, never fatal: the rest of the log still counts)."""
    fold = FOLDS_BY_TYPE.get(envelope.get("type")) if isinstance(envelope, dict) else None
    if fold is None:
        return False
    try:
        event = parse_envelope(envelope, fold.event)
    except InvalidEvent:
        return False
    annual_plan.record_fact(fold, uow, event)  # what the live fact handlers do, plan ticks included
    return True
