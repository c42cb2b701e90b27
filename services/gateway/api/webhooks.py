"""Webhook subscriptions: other systems receive Vern's events over HTTPS (the webhooks service)."""
from services.gateway.api.base import API, ApiBase
from services.gateway.http import route
from services.webhooks.schemas import (CreateSubscriptionSchema, SubscriptionPageSchema, SubscriptionQuerySchema,
                                       SubscriptionSchema, SubscriptionWithSecretSchema, UpdateSubscriptionSchema,
                                       WebhookDeliveryPageSchema, WebhookDeliveryQuerySchema, WebhookDeliverySchema)


class WebhookRoutes(ApiBase):
    @route("POST", f"{API}/webhooks/subscriptions", action="webhooks.manage", body=CreateSubscriptionSchema,
           response=SubscriptionWithSecretSchema, status=201, tag="webhooks",
           summary="Register an endpoint for event types; the secret is shown once / Nytt webhook-abonnement")
    def create_webhook_subscription(self, request, body):
        return self.webhooks.create_subscription(body)

    @route("GET", f"{API}/webhooks/subscriptions", action="webhooks.read", query=SubscriptionQuerySchema,
           response=SubscriptionPageSchema, tag="webhooks", summary="Webhook subscriptions / Webhook-abonnementer")
    def list_webhook_subscriptions(self, request, query):
        return self.webhooks.list_subscriptions(query)

    @route("GET", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.read",
           response=SubscriptionSchema, tag="webhooks", summary="One subscription / Ett abonnement")
    def get_webhook_subscription(self, request, subscription_id):
        return self.webhooks.get_subscription(subscription_id)

    @route("PATCH", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.manage",
           body=UpdateSubscriptionSchema, response=SubscriptionSchema, tag="webhooks",
           summary="Change URL, event types, or enable and disable / Endre abonnement")
    def update_webhook_subscription(self, request, subscription_id, body):
        return self.webhooks.update_subscription(subscription_id, body)

    @route("DELETE", f"{API}/webhooks/subscriptions/<string:subscription_id>", action="webhooks.manage",
           response=SubscriptionSchema, tag="webhooks",
           summary="Delete a subscription and its deliveries / Slett abonnement")
    def delete_webhook_subscription(self, request, subscription_id):
        return self.webhooks.delete_subscription(subscription_id)

    @route("POST", f"{API}/webhooks/subscriptions/<string:subscription_id>/rotate-secret",
           action="webhooks.manage", response=SubscriptionWithSecretSchema, tag="webhooks",
           summary="A new secret, shown once; the old one signs too for an overlap / Ny hemmelighet")
    def rotate_webhook_secret(self, request, subscription_id):
        return self.webhooks.rotate_secret(subscription_id)

    @route("GET", f"{API}/webhooks/subscriptions/<string:subscription_id>/deliveries", action="webhooks.read",
           query=WebhookDeliveryQuerySchema, response=WebhookDeliveryPageSchema, tag="webhooks",
           summary="Deliveries with status, attempts and last answer / Leveranser med status og forsøk")
    def list_webhook_deliveries(self, request, subscription_id, query):
        return self.webhooks.list_deliveries(subscription_id, query)

    @route("POST", f"{API}/webhooks/subscriptions/<string:subscription_id>/deliveries/<string:delivery_id>/redeliver",
           action="webhooks.manage", response=WebhookDeliverySchema, tag="webhooks",
           summary="Send a delivery again now / Send en leveranse på nytt")
    def redeliver_webhook(self, request, subscription_id, delivery_id):
        return self.webhooks.redeliver(subscription_id, delivery_id)
