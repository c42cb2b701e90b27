"""Reporting's event handlers for folded facts and audit checkpoints: written out one per event type,
each under the method name its queue has always had (evt-<source>-<event>--reporting.<method>)."""
from types import SimpleNamespace

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from services.reporting import facts
from services.reporting.service import ReportingService
from shared.config import SERVICE_NAMES
from shared.contracts.audit import AUDIT_CHECKPOINTED


def subscriptions(prefix: str) -> dict:
    """method name -> (source, event name) of ReportingService's event handlers named prefix*."""
    found = {}
    for name in dir(ReportingService):
        for entrypoint in getattr(getattr(ReportingService, name), ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if name.startswith(prefix) and hasattr(entrypoint, "event_type"):
                assert entrypoint.requeue_on_error, name
                found[name] = (entrypoint.source_service, entrypoint.event_type)
    return found


def handled(method_name: str):
    """(consumer, event type) the handler passes to handle_once."""
    calls = []
    worker = object.__new__(ReportingService)  # no container: only the database is needed, and faked
    worker.db = SimpleNamespace(handle_once=lambda consumer, body, event_type, fn: calls.append((consumer, event_type)))
    getattr(worker, method_name)({"any": "body"})
    (call,) = calls
    return call


def test_each_fold_has_its_handler_under_the_name_its_queue_had():
    expected = {f"record_{fold.event.source}_{fold.event.name}": (fold.event.source, fold.event.name)
                for fold in facts.FOLDS}
    assert subscriptions("record_") == expected
    for fold in facts.FOLDS:
        assert handled(f"record_{fold.event.source}_{fold.event.name}") == (
            f"reporting.facts.{fold.event.key}", fold.event)


def test_each_service_has_its_audit_checkpoint_keeper_under_the_name_its_queue_had():
    expected = {f"keep_{service}_audit_checkpoint": (service, "audit_checkpointed") for service in SERVICE_NAMES}
    assert subscriptions("keep_") == expected
    for service in SERVICE_NAMES:
        assert handled(f"keep_{service}_audit_checkpoint") == (
            f"reporting.audit_checkpoints.{service}", AUDIT_CHECKPOINTED[service])
