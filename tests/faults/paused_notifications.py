"""The notifications service that stops dead in the middle of handling an escalation, for a test to SIGKILL it there.

`nameko run tests.faults.paused_notifications:NotificationsService` with VERN_FAULT_MARKER (a file the
process writes when it reaches the point) and VERN_FAULT_POINT:
- `before_commit`: the tasks are written but the transaction is still open;
- `after_commit`: the transaction committed, the broker has not yet been told (no ack).
"""
import os
from pathlib import Path

import eventlet

from services.notifications.service import NotificationsService  # noqa: F401  (the service nameko runs)
from shared.service_database import ServiceDatabase

CONSUMER = "notifications.on_incident_escalated"
MARKER = Path(os.environ["VERN_FAULT_MARKER"])
POINT = os.environ["VERN_FAULT_POINT"]
_handle_once = ServiceDatabase.handle_once


def _stop_dead(event_id: str):
    MARKER.write_text(event_id)
    eventlet.sleep(300)  # the test kills the process long before this ends


def handle_once(self, consumer, body, event_type, use_case, queue=None):
    if consumer != CONSUMER:
        return _handle_once(self, consumer, body, event_type, use_case, queue)
    if POINT == "before_commit":
        def use_case_then_stop(uow, event):
            result = use_case(uow, event)
            uow.session.flush()
            _stop_dead(event.id)
            return result
        return _handle_once(self, consumer, body, event_type, use_case_then_stop, queue)
    result = _handle_once(self, consumer, body, event_type, use_case, queue)
    _stop_dead(body["id"])
    return result


ServiceDatabase.handle_once = handle_once
