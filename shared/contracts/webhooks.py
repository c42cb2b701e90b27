"""Events published by the webhooks service: a subscription that kept failing was switched off.

Published so that it is reported: the agency's other subscriptions (and any AMQP subscriber) hear
that one of its integrations no longer receives events, and since when."""
from marshmallow import fields

from shared.events import ContractSchema, EventType


class SubscriptionDisabledV1(ContractSchema):
    subscription_id = fields.String(required=True)
    url = fields.String(required=True, metadata={"description": "the endpoint (without secret)"})
    consecutive_failures = fields.Integer(required=True, metadata={"description": "failed deliveries in a row"})
    reason = fields.String(required=True, metadata={
        "description": "why the last delivery failed: HTTP and the status (HTTP 410), or without an answer one of "
                       "blocked, unresolved, refused, timeout, TLS, no answer, error"})
    disabled_at = fields.AwareDateTime(required=True)


SUBSCRIPTION_DISABLED = EventType(
    "webhooks", "subscription_disabled", 1, SubscriptionDisabledV1,
    "A webhook subscription was disabled after too many failed deliveries in a row; an admin must fix "
    "the endpoint and enable it again.")

EVENTS = (SUBSCRIPTION_DISABLED,)

EXAMPLES = {
    "subscription_disabled": {
        "subscription_id": "7", "url": "https://arkiv.example.kommune.no/vern/hendelser",
        "consecutive_failures": 10, "reason": "HTTP 410", "disabled_at": "2026-11-20T08:15:00Z"},
}
