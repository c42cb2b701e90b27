"""The notifications service's event handlers: the events reporting made tasks of before the move, each
handled once under the consumer name `notifications.<method>` (migration 0002 renames reporting's
processed events to it); reporting's own `on_*` handlers are gone but the one that keeps agencies (it still
folds many of these events into report facts, under `record_*`)."""
from types import SimpleNamespace

from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR

from services.notifications.service import NotificationsService
from services.reporting.service import ReportingService

# (source, event) of every event that makes, updates or closes a task
FAN_OUT = {("incidents", "incident_reported"), ("incidents", "incident_assessed"), ("incidents", "incident_escalated"),
           ("incidents", "breach_assessed"), ("incidents", "breach_decided"), ("incidents", "authority_deadline_missed"),
           ("incidents", "authority_notification_submitted"), ("incidents", "measure_assigned"),
           ("incidents", "measure_closed"), ("reporting", "document_review_overdue"), ("risk", "measure_overdue"),
           ("risk", "measure_assigned"), ("risk", "measure_closed"), ("risk", "unacceptable_risk_identified"),
           ("risk", "risk_accepted"), ("risk", "treatment_decided"), ("risk", "unacceptable_risk_resolved"),
           ("privacy_register", "prior_consultation_required"), ("privacy_register", "prior_consultation_outcome"),
           ("training", "training_overdue")}


def handlers(service) -> dict:
    """method name -> (source, event name) of a service's event handlers."""
    found = {}
    for name in dir(service):
        for entrypoint in getattr(getattr(service, name), ENTRYPOINT_EXTENSIONS_ATTR, ()):
            if hasattr(entrypoint, "event_type"):
                assert entrypoint.requeue_on_error, name
                found[name] = (entrypoint.source_service, entrypoint.event_type)
    return found


def test_notifications_subscribes_to_every_event_that_makes_or_closes_a_task_and_reporting_no_more():
    assert set(handlers(NotificationsService).values()) == FAN_OUT
    assert {name: event for name, event in handlers(ReportingService).items() if name.startswith("on_")} == {
        "on_agency_listed": ("notifications", "agency_listed")}


def test_each_handler_handles_its_event_once_under_its_own_consumer_name():
    for method in handlers(NotificationsService):
        calls = []
        worker = object.__new__(NotificationsService)  # no container: only the database is needed, and faked
        worker.db = SimpleNamespace(handle_once=lambda consumer, body, event_type, fn: calls.append(consumer))
        getattr(worker, method)({"any": "body"})
        assert calls == [f"notifications.{method}"], method
