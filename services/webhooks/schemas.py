"""Marshmallow schemas of the webhooks service: RPC (and HTTP) inputs and outputs."""
from marshmallow import Schema, ValidationError, fields, validate, validates

from services.webhooks import domain
from shared.contracts import CATALOGUE
from shared.pagination import PageQuerySchema, page_of
from shared.validation import ChangeSchema, WholeNumber

PATTERN = validate.Regexp(r"^(\*|[a-z_*]+\.[a-z_*]+)$",
                          error="An event type such as incidents.incident_escalated, incidents.* or * / "
                                "En hendelsestype som incidents.incident_escalated, incidents.* eller *")


def event_type_patterns(**kwargs) -> fields.List:
    return fields.List(fields.String(validate=PATTERN), validate=validate.Length(min=1, max=50), metadata={
        "description": "event types by catalogue key, with * as a wildcard: incidents.incident_escalated, "
                       "incidents.*, *.incident_escalated, *"}, **kwargs)


class ErrorCategory(fields.String):
    """A recorded error as the delivery log shows it: a category, never the socket's or TLS library's text."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(domain.shown_error(value), attr, obj, **kwargs)


ERROR_DESCRIPTION = f"HTTP and the status (HTTP 503), else one of: {', '.join(domain.CATEGORIES)}"


def url_field(**kwargs) -> fields.Url:
    # the scheme and host rules that depend on the deployment (https only in production) are the service's
    return fields.Url(schemes={"http", "https"}, require_tld=False, validate=validate.Length(max=2000),
                      metadata={"description": "the endpoint: https:// (http://127.0.0.1 only in demo mode); its "
                                               "host must resolve to public addresses, unless the operator "
                                               "allows it (WEBHOOK_ALLOWED_TARGETS)"},
                      **kwargs)


class _KnownEventTypes:
    @validates("event_types")
    def known(self, value, **kwargs):
        unknown = domain.unknown_patterns(value, CATALOGUE)
        if unknown:
            raise ValidationError(f"Unknown event type: {', '.join(unknown)} (see the event catalogue) / "
                                  f"Ukjent hendelsestype: {', '.join(unknown)}")


class CreateSubscriptionSchema(_KnownEventTypes, Schema):
    example = {"url": "https://sak.oslo.kommune.no/vern/hendelser",
               "event_types": ["incidents.*"],
               "description": "Sak/arkiv oppretter sak for hver hendelse",
               "active": True}
    url = url_field(required=True)
    event_types = event_type_patterns(required=True)
    description = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=500))
    active = fields.Boolean(load_default=True)
    all_agencies = fields.Boolean(load_default=False, metadata={
        "description": "every agency's events, not only the caller's: the central team only"})


class UpdateSubscriptionSchema(_KnownEventTypes, ChangeSchema):
    example = {"active": False}
    url = url_field()
    event_types = event_type_patterns()
    description = fields.String(allow_none=True, validate=validate.Length(max=500))
    active = fields.Boolean(metadata={"description": "true enables a disabled subscription again"})
    all_agencies = fields.Boolean()


class SubscriptionQuerySchema(PageQuerySchema):
    active = fields.Boolean()


class SubscriptionSchema(Schema):
    id = fields.String(required=True)
    agency = fields.String(required=True)
    all_agencies = fields.Boolean(required=True)
    url = fields.String(required=True)
    event_types = fields.List(fields.String(), required=True)
    description = fields.String(allow_none=True)
    active = fields.Boolean(required=True)
    consecutive_failures = WholeNumber(required=True, metadata={"description": "failed deliveries in a row"})
    disabled_at = fields.AwareDateTime(allow_none=True, metadata={"description": "when failures switched it off"})
    disabled_reason = ErrorCategory(allow_none=True, metadata={"description": "the last failure's category"})
    secret_rotated_at = fields.AwareDateTime(allow_none=True)
    previous_secret_until = fields.AwareDateTime(allow_none=True, metadata={
        "description": "until then deliveries are signed with the previous secret too"})
    created_at = fields.AwareDateTime(required=True)
    created_by = fields.String(required=True)
    updated_at = fields.AwareDateTime(required=True)
    updated_by = fields.String(required=True)


class SubscriptionWithSecretSchema(SubscriptionSchema):
    """Answered once, on creation and on rotation: the secret is never shown again."""
    secret = fields.String(required=True, metadata={"description": "whsec_...: verifies webhook-signature; "
                                                                  "store it now, it is not shown again"})


SubscriptionPageSchema = page_of(SubscriptionSchema)


class WebhookDeliveryQuerySchema(PageQuerySchema):
    status = fields.String(validate=validate.OneOf(domain.STATUSES))


class WebhookAttemptSchema(Schema):
    at = fields.String(required=True)
    status_code = WholeNumber(allow_none=True)
    error = ErrorCategory(allow_none=True, metadata={"description": ERROR_DESCRIPTION})


class WebhookDeliverySchema(Schema):
    id = fields.String(required=True, metadata={"description": "the webhook-id header"})
    subscription_id = fields.String(required=True)
    agency = fields.String(required=True)
    event_id = fields.String(required=True, metadata={"description": "the CloudEvents id"})
    event_type = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": ", ".join(domain.STATUSES)})
    attempts = WholeNumber(required=True)
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    last_attempt_at = fields.AwareDateTime(allow_none=True)
    last_status_code = WholeNumber(allow_none=True)
    last_error = ErrorCategory(allow_none=True, metadata={"description": ERROR_DESCRIPTION})
    recent_attempts = fields.List(fields.Nested(WebhookAttemptSchema), required=True,
                                  metadata={"description": f"the last {domain.RECENT_ATTEMPTS}, oldest first"})
    delivered_at = fields.AwareDateTime(allow_none=True)
    redelivered_at = fields.AwareDateTime(allow_none=True)
    redelivered_by = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)


WebhookDeliveryPageSchema = page_of(WebhookDeliverySchema)
