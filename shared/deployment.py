"""Which services make up a deployment, and the durable queues their event handlers need.

nameko drops an event published before its subscriber's queue exists. Declaring
every deployed subscriber's queue up front (the run command, and each service's
start) lets events wait for a subscriber that is down or not started yet.
"""
import importlib
import inspect

from kombu import Connection, Queue
from nameko.events import SERVICE_POOL, EventHandler

from shared.config import SERVICE_NAMES, settings
from shared.outbox import event_exchange

ALL_SERVICES = SERVICE_NAMES + ("gateway",)


def service_module(name: str) -> str:
    return f"services.{name}.service"


def service_class(name: str):
    module = importlib.import_module(service_module(name))
    return next(obj for obj in vars(module).values()
                if inspect.isclass(obj) and getattr(obj, "name", None) == name and obj.__module__ == module.__name__)


def subscriptions(service_names):
    """(subscribing service, handler method, source service, event name) for every SERVICE_POOL
    @event_handler: what the subscriber queues are declared from, and what the event catalogue lists."""
    for name in service_names:
        cls = service_class(name)
        for method_name, method in inspect.getmembers(cls, inspect.isfunction):
            for entrypoint in getattr(method, "nameko_entrypoints", ()):
                if isinstance(entrypoint, EventHandler) and entrypoint.handler_type == SERVICE_POOL:
                    yield name, method_name, entrypoint.source_service, entrypoint.event_type


def subscriber_queue_name(name: str, method_name: str, source: str, event: str) -> str:
    """nameko's name for a SERVICE_POOL handler's queue."""
    return f"evt-{source}-{event}--{name}.{method_name}"


def subscriber_queues(service_names) -> list[Queue]:
    """The queues nameko's @event_handler (SERVICE_POOL) will consume, declared the same way; a queue
    whose service binds it itself (shared.event_handler.RoutedEventHandler) without a binding."""
    queues = []
    for name, method_name, source, event in subscriptions(service_names):
        queue_name = subscriber_queue_name(name, method_name, source, event)
        if binds_itself(name, method_name):
            queues.append(Queue(queue_name, durable=True, auto_delete=False, exclusive=False))
        else:
            queues.append(Queue(queue_name, exchange=event_exchange(source), routing_key=event, durable=True,
                                auto_delete=False, exclusive=False))
    return queues


def binds_itself(name: str, method_name: str) -> bool:
    method = getattr(service_class(name), method_name)
    return any(getattr(entrypoint, "binds_itself", False) for entrypoint in getattr(method, "nameko_entrypoints", ()))


def declare_topology(config: dict, service_names=SERVICE_NAMES) -> list[str]:
    """Declare every service's event exchange and the subscriber queues; returns the queue names."""
    queues = subscriber_queues(service_names)
    with Connection(settings(config).amqp_uri) as connection:
        channel = connection.default_channel
        for name in service_names:
            event_exchange(name)(channel).declare()
        for queue in queues:
            queue(channel).declare()
    return [queue.name for queue in queues]
