"""Webhook subscriptions: other systems receive Vern's events over HTTPS. The list; a new subscription
(its secret shown once, on the page the form answers with); pause, resume and delete; a new secret (shown
once, the old one signing beside it for the configured overlap); a subscription's recent deliveries with
their attempts and last answer, each sent again on request."""
from services.gateway.web import forms, lists, webhook_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import submit
from shared.errors import BadInput

SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions"
ONE = SUBSCRIPTIONS + "/{subscription_id}"


class WebhookPages(PageBase):
    @page("GET", "/webhooks", action="webhooks.read", api=(f"GET {SUBSCRIPTIONS}",))
    def web_webhooks(self, request, view):
        return self._webhooks_page(view, {"event_types": "incidents.*"}, {})

    @page("POST", "/webhooks", action="webhooks.manage", api=(f"POST {SUBSCRIPTIONS}",))
    def web_create_webhook(self, request, view):
        payload, errors = webhook_forms.subscription_payload(view.form, "central" in view.principal.roles)
        if not errors:
            try:
                created = self.webhooks.create_subscription(payload)
                # the secret is shown once: on this answer, not after a redirect
                return self._subscription_page(view, created["id"], secret=created.get("secret"))
            except BadInput as error:
                errors = forms.service_errors(error.details, webhook_forms.FIELDS)
        return self._webhooks_page(view, view.form, errors, status=400)

    def _webhooks_page(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, webhook_forms.SUBSCRIPTION_LIST)
        return view.render("webhooks.html", status=status, values=values, errors=errors, filters=filters,
                           subscriptions=lists.listing(self.webhooks.list_subscriptions, filters,
                                                       webhook_forms.SUBSCRIPTION_LIST, "/webhooks"),
                           saved=view.query.get("saved"))

    @page("GET", "/webhooks/<string:subscription_id>", action="webhooks.read",
          api=(f"GET {ONE}", f"GET {ONE}/deliveries"))
    def web_webhook(self, request, view, subscription_id):
        return self._subscription_page(view, subscription_id)

    def _subscription_page(self, view, subscription_id, secret=None, errors=None, status=200, secret_notice="created"):
        subscription = self.webhooks.get_subscription(subscription_id)
        filters = lists.kept_filters(view.query, webhook_forms.DELIVERY_LIST)
        path = f"/webhooks/{subscription_id}"
        deliveries = lists.listing(lambda query: self.webhooks.list_deliveries(subscription_id, query), filters,
                                   webhook_forms.DELIVERY_LIST, path)
        return view.render("webhook.html", status=status, subscription=subscription, secret=secret,
                           secret_notice=secret_notice,
                           deliveries=deliveries, filters=filters, errors=errors or {},
                           statuses=webhook_forms.DELIVERY_STATUSES, saved=view.query.get("saved"))

    @page("POST", "/webhooks/<string:subscription_id>/active", action="webhooks.manage", api=(f"PATCH {ONE}",))
    def web_webhook_active(self, request, view, subscription_id):
        """Pause (active false) or resume a subscription: the same PATCH, only `active`."""
        return submit(view, lambda form: forms.one_of(form, "active", ("true", "false")),
                      lambda payload: self.webhooks.update_subscription(
                          subscription_id, {"active": payload["active"] == "true"}),
                      f"/webhooks/{subscription_id}?saved=" + ("resumed" if view.form.get("active") == "true"
                                                               else "paused"),
                      lambda values, errors: self._subscription_page(view, subscription_id, errors=errors,
                                                                     status=400))

    @page("POST", "/webhooks/<string:subscription_id>/rotate-secret", action="webhooks.manage",
          api=(f"POST {ONE}/rotate-secret",))
    def web_rotate_webhook_secret(self, request, view, subscription_id):
        # the new secret is shown once: on this answer, not after a redirect
        rotated = self.webhooks.rotate_secret(subscription_id)
        return self._subscription_page(view, subscription_id, secret=rotated.get("secret"), secret_notice="rotated")

    @page("POST", "/webhooks/<string:subscription_id>/deliveries/<string:delivery_id>/redeliver",
          action="webhooks.manage", api=(f"POST {ONE}/deliveries/{{delivery_id}}/redeliver",))
    def web_redeliver_webhook(self, request, view, subscription_id, delivery_id):
        return submit(view, lambda form: ({}, {}), lambda _: self.webhooks.redeliver(subscription_id, delivery_id),
                      f"/webhooks/{subscription_id}?saved=redelivered#deliveries",
                      lambda values, errors: self._subscription_page(view, subscription_id, errors=errors,
                                                                     status=400))

    @page("POST", "/webhooks/<string:subscription_id>/delete", action="webhooks.manage", api=(f"DELETE {ONE}",))
    def web_delete_webhook(self, request, view, subscription_id):
        return submit(view, lambda form: ({}, {}), lambda _: self.webhooks.delete_subscription(subscription_id),
                      "/webhooks?saved=deleted",
                      lambda values, errors: self._subscription_page(view, subscription_id, errors=errors,
                                                                     status=400))
