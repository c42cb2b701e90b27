"""Routing rules (who is told what): the agency's own rules beside the municipality's defaults, which
apply where the agency has none for an event; add, change (the old rule is kept as history) and
retire a rule, for those who may."""
from services.gateway.web import routing_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import submit
from shared.errors import NotFound

RULES = "/api/v1/routing-rules"


class RoutingPages(PageBase):
    def _rules(self):
        """The service that keeps the routing rules: the one place the pages name it."""
        return self.notifications

    @page("GET", "/routing-rules", action="routing.read", api=(f"GET {RULES}",))
    def web_routing_rules(self, request, view):
        return self._rules_page(view, {"channel": "contact"}, {})

    @page("POST", "/routing-rules", action="routing.manage", api=(f"POST {RULES}",))
    def web_create_routing_rule(self, request, view):
        return submit(view, routing_forms.rule_payload, self._rules().create_routing_rule,
                      "/routing-rules?saved=created",
                      lambda values, errors: self._rules_page(view, values, errors, status=400),
                      routing_forms.nested_errors)

    def _rules_page(self, view, values, errors, status=200):
        filters = routing_forms.rule_filters(view.query)
        rules = self._rules().list_routing_rules(filters)["items"]
        own = [rule for rule in rules if rule["agency"] != routing_forms.DEFAULT_AGENCY]
        defaults = [rule for rule in rules if rule["agency"] == routing_forms.DEFAULT_AGENCY]
        return view.render("routing_rules.html", status=status, own=own, defaults=defaults, filters=filters,
                           values=values, errors=errors, forms=routing_forms, saved=view.query.get("saved"))

    @page("GET", "/routing-rules/<int:rule_id>", action="routing.read", api=(f"GET {RULES}",))
    def web_routing_rule(self, request, view, rule_id):
        rule = self._rule(rule_id)
        return self._rule_page(view, rule, routing_forms.rule_values(rule), {})

    @page("POST", "/routing-rules/<int:rule_id>", action="routing.manage", api=(f"PUT {RULES}/{{rule_id}}",))
    def web_replace_routing_rule(self, request, view, rule_id):
        rule = self._rule(rule_id)
        return submit(view, routing_forms.rule_payload,
                      lambda payload: self._rules().replace_routing_rule(rule_id, payload),
                      "/routing-rules?saved=replaced",
                      lambda values, errors: self._rule_page(view, rule, values, errors, status=400),
                      routing_forms.nested_errors)

    @page("POST", "/routing-rules/<int:rule_id>/retire", action="routing.manage", api=(f"DELETE {RULES}/{{rule_id}}",))
    def web_retire_routing_rule(self, request, view, rule_id):
        return submit(view, lambda form: ({}, {}), lambda _: self._rules().retire_routing_rule(rule_id),
                      "/routing-rules?saved=retired",
                      lambda values, errors: self._retire_refused(view, rule_id, errors))

    def _retire_refused(self, view, rule_id, errors):
        rule = self._rule(rule_id)
        return self._rule_page(view, rule, routing_forms.rule_values(rule), errors, status=400)

    def _rule(self, rule_id: int) -> dict:
        found = [r for r in self._rules().list_routing_rules({"include_retired": True})["items"] if r["id"] == rule_id]
        if not found:
            raise NotFound("Not found / Finnes ikke")
        return found[0]

    def _rule_page(self, view, rule, values, errors, status=200):
        return view.render("routing_rule.html", status=status, rule=rule, values=values, errors=errors,
                           forms=routing_forms)
