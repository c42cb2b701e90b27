"""The coordinator's case work on an incident: status, handler, journal notes, measures, close and reopen.

Each form posts to its own page route (named after the API route it stands for) and comes back to
the incident's page: on success with a notice, on an error with the form's input kept and the
service's message beside the field it names.
"""
from services.gateway.web import attachment_forms, incident_forms
from services.gateway.web.base import IncidentCaseBase
from services.gateway.web.page_route import page

INCIDENT = "/api/v1/incidents/{incident_id}"


class CaseWorkPages(IncidentCaseBase):
    @page("POST", "/incidents/<string:incident_id>/status", action="incident.handle",
          api=(f"POST {INCIDENT}/status",))
    def web_change_status(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.transition_payload,
                                lambda payload: self.incidents.change_status(incident_id, payload),
                                "transition", "status")

    @page("POST", "/incidents/<string:incident_id>/handler", action="incident.handle",
          api=(f"PUT {INCIDENT}/handler",))
    def web_assign_handler(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.handler_payload,
                                lambda payload: self.incidents.assign_handler(incident_id, payload),
                                "handler", "handler")

    @page("POST", "/incidents/<string:incident_id>/notes", action="incident.handle",
          api=(f"POST {INCIDENT}/notes",))
    def web_add_note(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.note_payload,
                                lambda payload: self.incidents.add_note(incident_id, payload), "note", "note")

    @page("POST", "/incidents/<string:incident_id>/measures", action="incident.handle",
          api=(f"POST {INCIDENT}/measures",))
    def web_add_incident_measure(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.measure_payload,
                                lambda payload: self.incidents.add_measure(incident_id, payload),
                                "measure", "measure")

    @page("POST", "/incidents/<string:incident_id>/measures/<int:measure_id>", action="incident.handle",
          api=(f"PATCH {INCIDENT}/measures/{{measure_id}}",))
    def web_update_incident_measure(self, request, view, incident_id, measure_id):
        return self.case_action(view, incident_id, incident_forms.measure_status_payload,
                                lambda payload: self.incidents.update_measure(incident_id, measure_id, payload),
                                "measures", "measure_updated")

    @page("POST", "/incidents/<string:incident_id>/close", action="incident.handle",
          api=(f"POST {INCIDENT}/close",))
    def web_close_incident(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.close_payload,
                                lambda payload: self.incidents.close_incident(incident_id, payload), "close", "closed")

    @page("POST", "/incidents/<string:incident_id>/reopen", action="incident.handle",
          api=(f"POST {INCIDENT}/reopen",))
    def web_reopen_incident(self, request, view, incident_id):
        return self.case_action(view, incident_id, incident_forms.reopen_payload,
                                lambda payload: self.incidents.reopen_incident(incident_id, payload),
                                "reopen", "reopened")

    # Evidence attachments of the incident (shared/attachments): the list on the page, upload and removal
    # for those who handle it, download for those who read it.
    @page("POST", "/incidents/<string:incident_id>/attachments", action="incident.handle", upload=True,
          api=(f"POST {INCIDENT}/attachments",))
    def web_upload_incident_attachment(self, request, view, incident_id):
        return attachment_forms.upload_then(
            view, request, self.attachment_max_bytes,
            lambda body: self.incidents.upload_attachment({"record_id": incident_id}, body),
            f"/incidents/{incident_id}?done=attached#attachments", self._incident_with_errors(view, incident_id))

    @page("GET", "/incidents/<string:incident_id>/attachments/<string:attachment_id>", action="incident.read",
          api=(f"GET {INCIDENT}/attachments/{{attachment_id}}",))
    def web_download_incident_attachment(self, request, view, incident_id, attachment_id):
        return attachment_forms.download(self.incidents.attachment_content({"record_id": incident_id}, attachment_id),
                                         self.attachment_max_bytes)

    @page("POST", "/incidents/<string:incident_id>/attachments/<string:attachment_id>/removal",
          action="incident.handle", api=(f"POST {INCIDENT}/attachments/{{attachment_id}}/removal",))
    def web_remove_incident_attachment(self, request, view, incident_id, attachment_id):
        return attachment_forms.remove_then(
            view, lambda body: self.incidents.remove_attachment({"record_id": incident_id}, attachment_id, body),
            f"/incidents/{incident_id}?done=attachment_removed#attachments",
            self._incident_with_errors(view, incident_id))

    def _incident_with_errors(self, view, incident_id):
        return lambda errors: self.incident_page(view, incident_id, values=view.form, errors=errors, status=400)
