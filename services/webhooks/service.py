"""nameko entrypoints of the webhooks service: parse, call a handler, dump.

Consumes the events active subscriptions want from every Vern exchange (one durable queue per exchange,
bound to just those event types: bindings.py) and delivers each to the HTTPS endpoints agencies
registered, signed (Standard Webhooks)."""
from nameko.extensions import DependencyProvider
from nameko.timer import timer

from services.webhooks import bindings, deliveries, fan_out, sending, subscriptions
from services.webhooks.domain import STATUSES as DELIVERY_STATES
from services.webhooks.models import Delivery
from services.webhooks.schemas import (CreateSubscriptionSchema, SubscriptionPageSchema, SubscriptionQuerySchema,
                                       SubscriptionSchema, SubscriptionWithSecretSchema, UpdateSubscriptionSchema,
                                       WebhookDeliveryPageSchema, WebhookDeliveryQuerySchema, WebhookDeliverySchema)
from shared import audit_rpc, event_log  # not the class itself: `nameko run` would take a module-level mixin for a service
from shared.auth import CallerProvider
from shared.clock import utcnow
from shared.config import settings
from shared.event_handler import routed_event_handler
from shared.errors import EXPECTED_ERRORS
from shared.health import healthy
from shared.metrics import Metrics
from shared.rpc_server import rpc
from shared.service_database import Database
from shared.timer import every
from shared.validation import load

CONSUMER = "webhooks.fan_out"  # one consumer for every exchange: CloudEvents ids are unique across them


class SendingPolicyProvider(DependencyProvider):
    def setup(self):
        self.value = sending.SendingPolicy.of(settings(self.container.config))

    def get_dependency(self, worker_ctx):
        return self.value


def with_secret(created: subscriptions.Created) -> dict:
    return {**SubscriptionWithSecretSchema().dump(created.subscription), "secret": created.secret}


class WebhooksService(event_log.EventLogRpc, audit_rpc.AuditTrailRpc):
    name = "webhooks"

    db = Database()
    caller = CallerProvider()
    metrics = Metrics(deliveries=Delivery.status, delivery_states=DELIVERY_STATES)
    policy = SendingPolicyProvider()
    routes = bindings.EventRoutes()

    @rpc
    def health(self):
        return healthy(self.name)

    # One handler per exchange, its queue bound by the service to the event types subscriptions want
    # (bindings.py): an event nobody subscribed to never reaches it.
    # requeue_on_error: nameko would otherwise ack and drop an event whose handler raised.
    @routed_event_handler("incidents", "#", requeue_on_error=True)
    def on_incidents_event(self, body):
        self._fan_out(body)

    @routed_event_handler("risk", "#", requeue_on_error=True)
    def on_risk_event(self, body):
        self._fan_out(body)

    @routed_event_handler("privacy_register", "#", requeue_on_error=True)
    def on_privacy_register_event(self, body):
        self._fan_out(body)

    @routed_event_handler("training", "#", requeue_on_error=True)
    def on_training_event(self, body):
        self._fan_out(body)

    @routed_event_handler("reporting", "#", requeue_on_error=True)
    def on_reporting_event(self, body):
        self._fan_out(body)

    @routed_event_handler("notifications", "#", requeue_on_error=True)
    def on_notifications_event(self, body):
        self._fan_out(body)

    @routed_event_handler("webhooks", "#", requeue_on_error=True)
    def on_webhooks_event(self, body):
        self._fan_out(body)

    def _fan_out(self, body):
        self.db.handle_once(CONSUMER, body, None,
                            lambda uow, event: fan_out.fan_out(uow, event, body, utcnow()))

    @timer(interval=bindings.RECONCILE_SECONDS, eager=True)
    def route_subscribed_events(self):
        """At start and then regularly: the broker routes to the queues just what subscriptions want."""
        self.routes.reconcile(self._wanted_events)

    def _wanted_events(self) -> set[str]:
        with self.db.unit_of_work() as uow:
            return bindings.wanted_keys(subscriptions.active_patterns(uow))

    @every("webhook_poll_seconds")
    def send_due_deliveries(self):
        """Claim due deliveries, send them in parallel outside any transaction, record each outcome."""
        sending.deliver_due(self.db.unit_of_work, self.policy)

    # --- subscriptions ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def create_subscription(self, payload):
        principal = self.caller.require("webhooks.manage")
        command = load(CreateSubscriptionSchema(), payload)
        with self.db.unit_of_work() as uow:
            created = with_secret(subscriptions.create_subscription(uow, principal, command, self.policy, utcnow()))
        self.routes.follow(self._wanted_events)  # committed: its events are routed before the caller hears back
        return created

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_subscriptions(self, query=None):
        principal = self.caller.require("webhooks.read")
        filters = load(SubscriptionQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return SubscriptionPageSchema().dump(subscriptions.list_subscriptions(uow, principal, **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def get_subscription(self, subscription_id):
        principal = self.caller.require("webhooks.read")
        with self.db.unit_of_work() as uow:
            return SubscriptionSchema().dump(subscriptions.get_subscription(uow, principal, str(subscription_id)))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def update_subscription(self, subscription_id, payload):
        principal = self.caller.require("webhooks.manage")
        command = load(UpdateSubscriptionSchema(), payload)
        with self.db.unit_of_work() as uow:
            updated = SubscriptionSchema().dump(subscriptions.update_subscription(
                uow, principal, str(subscription_id), command, self.policy, utcnow()))
        self.routes.follow(self._wanted_events)
        return updated

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def delete_subscription(self, subscription_id):
        principal = self.caller.require("webhooks.manage")
        with self.db.unit_of_work() as uow:
            deleted = SubscriptionSchema().dump(subscriptions.delete_subscription(uow, principal, str(subscription_id)))
        self.routes.follow(self._wanted_events)
        return deleted

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def rotate_secret(self, subscription_id):
        principal = self.caller.require("webhooks.manage")
        with self.db.unit_of_work() as uow:
            return with_secret(subscriptions.rotate_secret(uow, principal, str(subscription_id),
                                                           self.policy.secret_overlap, utcnow()))

    # --- deliveries ---

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def list_deliveries(self, subscription_id, query=None):
        principal = self.caller.require("webhooks.read")
        filters = load(WebhookDeliveryQuerySchema(), query or {})
        with self.db.unit_of_work() as uow:
            return WebhookDeliveryPageSchema().dump(deliveries.list_deliveries(uow, principal, str(subscription_id),
                                                                        **filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def redeliver(self, subscription_id, delivery_id):
        principal = self.caller.require("webhooks.manage")
        with self.db.unit_of_work() as uow:
            return WebhookDeliverySchema().dump(deliveries.redeliver(uow, principal, str(subscription_id),
                                                              str(delivery_id), utcnow()))
