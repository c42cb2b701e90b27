"""Webhook subscriptions: a subscription's form (its URL is vetted by the webhooks service, as for the
API) and the delivery list's filter."""
from services.gateway.web.forms import lines
from services.gateway.web.i18n import N_
from services.gateway.web.lists import ListSpec, choices
from services.webhooks.schemas import WebhookDeliveryQuerySchema

FIELDS = ("url", "event_types", "description", "all_agencies")
SUBSCRIPTION_LIST = ListSpec({"active": "active"}, anchor="#subscriptions")
DELIVERY_LIST = ListSpec({"status": "status"}, anchor="#deliveries")
DELIVERY_STATUSES = choices(WebhookDeliveryQuerySchema, "status")


def subscription_payload(form: dict, central: bool) -> tuple[dict, dict]:
    """(payload for POST /webhooks/subscriptions, errors by the form's fields)."""
    errors: dict[str, list[str]] = {}
    url = form.get("url", "").strip()
    event_types = lines(form.get("event_types", ""))
    payload = {"url": url, "event_types": event_types, "description": form.get("description", "").strip() or None}
    if central:
        payload["all_agencies"] = form.get("all_agencies") == "1"
    if not url:
        errors["url"] = [N_("err.url_required")]
    if not event_types:
        errors["event_types"] = [N_("err.event_types_required")]
    return payload, errors
