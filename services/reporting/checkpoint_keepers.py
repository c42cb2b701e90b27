"""Reporting's subscriptions to every service's audit checkpoints (shared.contracts.audit): one event
handler, so one queue, per publishing service, reporting's own included.

The method names are part of the queue names (evt-<service>-audit_checkpointed--reporting.<method>):
renaming one would leave its queue, and the checkpoints waiting in it, behind. A unit test checks that
each service of SERVICE_NAMES has exactly its handler here, under the name keep_<service>_audit_checkpoint.
"""
from services.reporting import audit_checkpoints
from shared.contracts.audit import AUDIT_CHECKPOINTED
from shared.event_handler import event_handler
from shared.events import EventType


def _subscribe(event_type: EventType):
    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised
    return event_handler(event_type.source, event_type.name, requeue_on_error=True)


class AuditCheckpointKeepers:
    """ReportingService's handlers that keep each service's signed audit checkpoints, where a writer of
    that service's database cannot rewrite them."""

    def _keep(self, event_type: EventType, body):
        self.db.handle_once(f"reporting.audit_checkpoints.{event_type.source}", body, event_type,
                            audit_checkpoints.keep)

    @_subscribe(AUDIT_CHECKPOINTED["incidents"])
    def keep_incidents_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["incidents"], body)

    @_subscribe(AUDIT_CHECKPOINTED["risk"])
    def keep_risk_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["risk"], body)

    @_subscribe(AUDIT_CHECKPOINTED["privacy_register"])
    def keep_privacy_register_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["privacy_register"], body)

    @_subscribe(AUDIT_CHECKPOINTED["training"])
    def keep_training_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["training"], body)

    @_subscribe(AUDIT_CHECKPOINTED["reporting"])
    def keep_reporting_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["reporting"], body)

    @_subscribe(AUDIT_CHECKPOINTED["webhooks"])
    def keep_webhooks_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["webhooks"], body)

    @_subscribe(AUDIT_CHECKPOINTED["notifications"])
    def keep_notifications_audit_checkpoint(self, body):
        self._keep(AUDIT_CHECKPOINTED["notifications"], body)
