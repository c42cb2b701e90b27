"""Notifications: the tasks events create, their routing rules, and the links a message carries
(acknowledgement, a measure owner's progress) that answer without a login (the notifications service)."""
from services.gateway import ack_page, progress_page
from services.gateway.api.base import API, ApiBase
from services.gateway.http import route
from services.gateway.schemas import AcknowledgeBodySchema
from services.notifications.schemas import (AcknowledgedSchema, CompleteTaskSchema, NotificationTaskPageSchema,
                                            NotificationTaskSchema, RoutingRuleInputSchema, RoutingRuleListSchema,
                                            RoutingRuleQuerySchema, RoutingRuleSchema, TaskListQuerySchema)
from shared.errors import BadInput, VernError


class NotificationRoutes(ApiBase):
    @route("GET", f"{API}/notification-tasks", action="task.read", query=TaskListQuerySchema,
           response=NotificationTaskPageSchema, tag="notifications",
           summary="Notification tasks / Varslingsoppgaver")
    def list_tasks(self, request, query):
        return self.notifications.list_tasks(query)

    @route("GET", f"{API}/ack/<string:token>", tag="notifications", limited=True,
           summary="Acknowledgement page of a message's link (no login) / Bekreft mottak")
    def acknowledgement_page(self, request, token):
        return ack_page.confirm_form(request.path)

    @route("POST", f"{API}/ack/<string:token>", body=AcknowledgeBodySchema, form=True, response=AcknowledgedSchema,
           tag="notifications", limited=True, may_conflict=True,
           summary="Confirm receipt with a message's link (no login), with an optional comment for the "
                   "coordinator / Bekreft mottak, eventuelt med en kommentar til koordinator")
    def acknowledge(self, request, token, body):
        if not ack_page.wants_html(request):
            return self.notifications.acknowledge(ack_page.acknowledgement(token, body))
        try:
            payload = ack_page.acknowledgement(token, body)
        except BadInput:
            return ack_page.refused_comment(request.path, body)
        try:
            return ack_page.confirmed(self.notifications.acknowledge(payload), commented="comment" in payload)
        except VernError as error:
            return ack_page.refused(error.message, error.http_status)

    # A measure owner's progress link (no login): the page, and the report, which the owning service records.
    @route("GET", f"{API}/progress/<string:token>", tag="notifications", limited=True,
           response=progress_page.MeasureProgressViewSchema,
           summary="A measure owner's progress page (no login) / Framdrift på tiltak")
    def measure_progress_page(self, request, token):
        try:
            measure = self.notifications.measure_progress({"token": token})
        except VernError as error:
            if not ack_page.wants_html(request):
                raise
            return progress_page.refused(error.message, error.http_status)
        return progress_page.view(measure, request.path) if ack_page.wants_html(request) else measure

    @route("POST", f"{API}/progress/<string:token>", body=progress_page.ProgressBodySchema, form=True,
           response=progress_page.MeasureProgressViewSchema, tag="notifications", limited=True, may_conflict=True,
           summary="Report progress on a measure with the owner's link (no login) / Meld framdrift på tiltak")
    def report_measure_progress(self, request, token, body):
        if not ack_page.wants_html(request):
            return self.notifications.report_measure_progress({"token": token, **body})
        try:
            return progress_page.recorded(self.notifications.report_measure_progress({"token": token, **body}),
                                          request.path)
        except VernError as error:
            return progress_page.refused(error.message, error.http_status)

    @route("GET", f"{API}/routing-rules", action="routing.read", query=RoutingRuleQuerySchema,
           response=RoutingRuleListSchema, tag="notifications",
           summary="Routing rules for the caller's agency and the defaults / Varslingsregler")
    def list_routing_rules(self, request, query):
        return self.notifications.list_routing_rules(query)

    @route("POST", f"{API}/routing-rules", action="routing.manage", body=RoutingRuleInputSchema,
           response=RoutingRuleSchema, status=201, tag="notifications",
           summary="Add a routing rule (applies to new events) / Ny varslingsregel")
    def create_routing_rule(self, request, body):
        return self.notifications.create_routing_rule(body)

    @route("PUT", f"{API}/routing-rules/<int:rule_id>", action="routing.manage", body=RoutingRuleInputSchema,
           response=RoutingRuleSchema, tag="notifications",
           summary="Replace a routing rule (the old one is kept as history) / Endre varslingsregel")
    def replace_routing_rule(self, request, rule_id, body):
        return self.notifications.replace_routing_rule(rule_id, body)

    @route("DELETE", f"{API}/routing-rules/<int:rule_id>", action="routing.manage", response=RoutingRuleSchema,
           tag="notifications", summary="Retire a routing rule / Avslutt varslingsregel")
    def retire_routing_rule(self, request, rule_id):
        return self.notifications.retire_routing_rule(rule_id)

    @route("POST", f"{API}/notification-tasks/<string:task_id>/complete", action="task.complete",
           body=CompleteTaskSchema, response=NotificationTaskSchema, tag="notifications", may_conflict=True,
           summary="Mark a notification task done / Marker varslingsoppgave som utført")
    def complete_task(self, request, task_id, body):
        return self.notifications.complete_task(task_id, body)
