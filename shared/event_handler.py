"""nameko's `@event_handler`, made to read Vern's events and to park what it cannot read.

nameko's consumer decodes a message by its content type before any handler sees it; a body that is
not JSON, not UTF-8, or of a content type it does not accept raises inside the consumer loop, and the
message is never acknowledged nor parked. Here such a message reaches the handler as an
`Undecodable` in place of the body: `handle_once` parks it as a dead letter with the reason and the
broker forgets it, like any other invalid event. The consumer accepts the CloudEvents structured
content type beside the legacy `application/json` (`shared.event_wire`).
"""
import logging
from functools import partial

from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu import Queue
from kombu.exceptions import OperationalError
from nameko.events import EventHandler
from nameko.messaging import QueueConsumer

from shared.event_wire import CONTENT_TYPES, SERIALIZER, undecodable

log = logging.getLogger(__name__)


class EventQueueConsumer(QueueConsumer):
    """The consumer of every Vern event queue in a service container (one connection, its own)."""

    @property
    def accept(self):
        # never wider than the content types of events: kombu refuses the rest (pickle among them)
        return list(dict.fromkeys([*self.container.accept, SERIALIZER, *CONTENT_TYPES]))

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            consumer.on_decode_error = partial(self._undecodable, provider)
        return consumers

    def handle_message(self, provider, body, message):
        # kombu passes "application/data" bodies (and those without a content type) through undecoded
        if message.content_type not in CONTENT_TYPES:
            body = undecodable(message.body, message.content_type)
        super().handle_message(provider, body, message)

    def _undecodable(self, provider, message, _error):
        super().handle_message(provider, undecodable(message.body, message.content_type), message)


class VernEventHandler(EventHandler):
    queue_consumer = EventQueueConsumer()

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        try:
            return super().handle_result(message, worker_ctx, result, exc_info)
        except (OperationalError, AmqpConnectionError, ConnectionError, OSError) as error:
            # nameko forgives only amqp's ConnectionError on the ack; a socket error (the broker restarted
            # while the handler ran) would kill the whole container. The broker requeues the unacknowledged
            # event with the connection, and handle_once finds it done when it comes back.
            log.warning("could not acknowledge event %s: %s", message.delivery_info.get("routing_key"), error)
            return result, exc_info


event_handler = VernEventHandler.decorator


class RoutedEventHandler(VernEventHandler):
    """A handler of every event of a source (`"#"`) whose queue the service binds itself, to the event
    types it wants at the time (the webhooks service: services/webhooks/bindings.py). Declared without a
    binding, here and at deployment, so a start or a reconnect never binds it to everything again."""
    binds_itself = True

    def setup(self):
        super().setup()
        self.queue = Queue(self.queue.name, durable=True, auto_delete=False, exclusive=False)


routed_event_handler = RoutedEventHandler.decorator
