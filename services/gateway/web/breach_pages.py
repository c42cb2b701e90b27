"""A personal data breach's own page: the ENISA assessment and its recommendation, the decision on
notifying (art. 33 and 34), what was sent to Datatilsynet, and how the data subjects were told.

The 72-hour clock runs at the top until the notification is recorded. The facts the art. 33(3) draft
still lacks are filled in on the page itself (breach_facts), through the API's PATCH of the incident.
"""
from services.gateway.web import breach_facts, incident_forms
from services.gateway.web.base import IncidentCaseBase
from services.gateway.web.page_route import page

INCIDENT = "/api/v1/incidents/{incident_id}"


class BreachPages(IncidentCaseBase):
    @page("GET", "/incidents/<string:incident_id>/breach", action="incident.read", api=(f"GET {INCIDENT}",))
    def web_breach(self, request, view, incident_id):
        return self.breach_page(view, incident_id, values={}, errors={})

    @page("POST", "/incidents/<string:incident_id>/breach/facts", action="incident.handle",
          api=(f"PATCH {INCIDENT}",))
    def web_breach_facts(self, request, view, incident_id):
        """The facts for the notification: only what changed is sent, as the API's PATCH takes it."""
        incident = self.incidents.get_incident(incident_id)
        return self.case_action(view, incident_id, lambda form: breach_facts.facts_payload(form, incident),
                                lambda payload: self.incidents.update_incident(incident_id, payload),
                                "facts", "facts", breach_page=True)

    @page("POST", "/incidents/<string:incident_id>/breach/assessment", action="incident.assess",
          api=(f"POST {INCIDENT}/breach-assessment",))
    def web_assess_breach(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.breach_assessment_payload,
                                lambda payload: self.incidents.assess_breach(incident_id, payload),
                                "breach", "assessed", breach_page=True)

    @page("POST", "/incidents/<string:incident_id>/breach/decision", action="incident.assess",
          api=(f"POST {INCIDENT}/breach-decision",))
    def web_decide_breach(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.breach_decision_payload,
                                lambda payload: self.incidents.decide_breach_notification(incident_id, payload),
                                "decision", "decided", breach_page=True)

    @page("POST", "/incidents/<string:incident_id>/breach/notifications", action="incident.handle",
          api=(f"POST {INCIDENT}/authority-notifications",))
    def web_record_authority_notification(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.authority_notification_payload,
                                lambda payload: self.incidents.submit_authority_notification(incident_id, payload),
                                "notification", "notified", breach_page=True)

    @page("POST", "/incidents/<string:incident_id>/breach/communications", action="incident.handle",
          api=(f"POST {INCIDENT}/subject-communications",))
    def web_record_subject_communication(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.subject_communication_payload,
                                lambda payload: self.incidents.record_subject_communication(incident_id, payload),
                                "communication", "communicated", breach_page=True)
