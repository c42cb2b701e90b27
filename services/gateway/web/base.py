"""The bases the web mixins inherit: what a page reaches through `self` is declared here, never on
another mixin.

PageBase gives every mixin the services' RPC proxies. IncidentCaseBase is the incident's two pages
(the case page and the breach page) and the form handling that returns to them, shared by the
incident, case-work and breach mixins.
"""
from services.gateway.dependencies import GatewayDependencies
from services.gateway.web import attachment_forms, breach_facts, breach_reasons, incident_forms
from services.gateway.web.inbox_count import InboxCount
from services.gateway.web.page_tools import clock, panel, submit


class PageBase(GatewayDependencies):
    """The RPC proxies (`self.incidents`, `self.reporting`, ...) every page calls, and the menu's count."""
    inbox_count = InboxCount()


class IncidentCaseBase(PageBase):
    def incident_page(self, view, incident_id, values, errors, status=200):
        incident = self.incidents.get_incident(incident_id)
        tasks = view.may("task.read") and panel(
            lambda: self.notifications.list_tasks({"incident_id": incident_id, "page_size": 50}))
        running = clock(incident, view.lang) if incident.get("authority_notification") == "pending" else None
        attachments = attachment_forms.listing(lambda: self.incidents.list_attachments({"record_id": incident_id}))
        return view.render("incident.html", status=status, incident=incident, tasks=tasks, clock=running,
                           attachments=attachments,
                           values=values, errors=errors, assessed=view.query.get("assessed") == "1",
                           done=view.query.get("done"), choices=incident_forms)

    def breach_page(self, view, incident_id, values, errors, status=200, failed=None):
        incident = self.incidents.get_incident(incident_id)
        running = clock(incident, view.lang) if incident.get("authority_notification") == "pending" else None
        # the art. 33(3) draft needs incident.overview; without it the page shows the rest
        draft = view.may("incident.overview") and incident["breach_decisions"] and panel(
            lambda: self.incidents.authority_notification_draft(incident_id))
        latest = incident["breach_assessments"][-1] if incident["breach_assessments"] else None
        return view.render("breach.html", status=status, incident=incident, clock=running, draft=draft,
                           missing=breach_facts.missing_items(draft, view.lang, incident_id) if draft else [],
                           reasons=breach_reasons.all_reasons(latest, view.lang),
                           facts=values if failed == "facts" else breach_facts.form_values(incident),
                           facts_choices=breach_facts,
                           error_order=[*incident_forms.BREACH_FIELDS, *breach_facts.FIELDS],
                           values=values, errors=errors, done=view.query.get("done"), choices=incident_forms,
                           failed=failed)

    def case_action(self, view, incident_id, parse, call, prefix, done, breach_page=False):
        """Back to the incident's page (or its breach page) with a notice, or with the form's errors."""
        back = f"/incidents/{incident_id}" + ("/breach" if breach_page else "")
        known = incident_forms.CASE_FIELDS + incident_forms.BREACH_FIELDS + breach_facts.FIELDS

        def again(values, errors):
            if breach_page:  # `failed` unfolds the form that failed, should it be folded away
                return self.breach_page(view, incident_id, values=values, errors=errors, status=400, failed=prefix)
            return self.incident_page(view, incident_id, values=values, errors=errors, status=400)

        return submit(view, parse, call, f"{back}?done={done}#{prefix}", again,
                      lambda details: incident_forms.prefixed_service_errors(details, prefix, known))
