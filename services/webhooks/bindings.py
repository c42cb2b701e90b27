"""Which events reach the webhooks service at all: the broker routes to its queues only the event types
an active subscription wants, so an event nobody subscribed to costs the service nothing.

Each exchange has one durable queue for the service (as before, when it was bound with `#`); its
bindings follow the subscriptions. They are set again after each change of a subscription and at
start, then every `RECONCILE_SECONDS`, by whichever instance runs: the queues are shared, so the
outcome is the same whoever does it. An event is delivered when it was published after its
subscription was saved (the binding is in place before the API answers).
"""
import logging
from fnmatch import fnmatchcase

from kombu import Connection, Queue
from nameko.extensions import DependencyProvider

from shared.config import settings
from shared.contracts import CATALOGUE
from shared.deployment import subscriber_queue_name
from shared.outbox import event_exchange

log = logging.getLogger(__name__)

RECONCILE_SECONDS = 60  # a binding lost between a commit and the broker comes back within this
CATCH_ALL = "#"  # the binding of the queues before routing followed the subscriptions; removed


def wanted_keys(pattern_lists, catalogue_keys=tuple(CATALOGUE)) -> set[str]:
    """The catalogue's event keys (`incidents.incident_escalated`) that any of the pattern lists match."""
    patterns = {pattern for patterns in pattern_lists for pattern in patterns}
    return {key for key in catalogue_keys if any(fnmatchcase(key, pattern) for pattern in patterns)}


def routes(queues: dict[str, str], wanted: set[str], catalogue_keys=tuple(CATALOGUE)):
    """(queue, source, routing key, bind?) for every event type of the sources the queues serve."""
    for source, queue in sorted(queues.items()):
        for key in sorted(key for key in catalogue_keys if key.split(".", 1)[0] == source):
            yield queue, source, key.split(".", 1)[1], key in wanted


def apply(amqp_uri: str, queues: dict[str, str], wanted: set[str], unbind: bool = True) -> int:
    """Bind each source's queue to the wanted event types and (with `unbind`) unbind the rest; returns how
    many are bound. Binding and unbinding are idempotent in AMQP: nothing is read from the broker first."""
    bound = 0
    with Connection(amqp_uri) as connection:
        channel = connection.default_channel
        for source, queue in sorted(queues.items()):
            exchange = event_exchange(source)
            exchange(channel).declare()
            Queue(queue, durable=True, auto_delete=False, exclusive=False)(channel).declare()
            if unbind:
                channel.queue_unbind(queue, exchange.name, CATCH_ALL)
        for queue, source, event, bind in routes(queues, wanted):
            if bind:
                channel.queue_bind(queue, event_exchange(source).name, event)
                bound += 1
            elif unbind:
                channel.queue_unbind(queue, event_exchange(source).name, event)
    return bound


class EventRoutes(DependencyProvider):
    """The service's routed queues (one per source, from its RoutedEventHandler entrypoints) and the
    broker: `reconcile(read_wanted)` sets their bindings to what the subscriptions want.

    It unbinds what is not wanted, then reads the subscriptions again and binds what is: a subscription
    saved while another instance reconciles is bound whichever finishes last. A binding left over from
    a deleted subscription costs a little work (fan_out matches each event against the subscriptions)
    until the next reconcile."""

    def setup(self):
        self.amqp_uri = settings(self.container.config).amqp_uri
        self.queues = {entrypoint.source_service: subscriber_queue_name(
            self.container.service_name, entrypoint.method_name, entrypoint.source_service, entrypoint.event_type)
            for entrypoint in self.container.entrypoints if getattr(entrypoint, "binds_itself", False)}

    def get_dependency(self, worker_ctx):
        return self

    def reconcile(self, read_wanted) -> int:
        apply(self.amqp_uri, self.queues, read_wanted())
        return apply(self.amqp_uri, self.queues, read_wanted(), unbind=False)

    def follow(self, read_wanted) -> None:
        """After a subscription changed (committed): a broker that fails now is caught up by the timer."""
        try:
            self.reconcile(read_wanted)
        except Exception as error:
            log.warning("could not set the webhooks queues' bindings now (%s); retried within %d s",
                        error, RECONCILE_SECONDS)
