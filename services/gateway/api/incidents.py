"""Incidents and deviations: reporting, case work, measures, and a personal data breach's assessment,
decision and notifications (the incidents service)."""
from services.gateway.api.base import API, ATTACHMENT_TYPES, ApiBase, attachment_download
from services.gateway.http import route
from services.incidents.schemas import (AddMeasureSchema, AssessBreachSchema, AssessIncidentSchema, AssignHandlerSchema,
                                        AuthorityNotificationDraftSchema, AuthorityNotificationSchema,
                                        BreachAssessmentSchema, BreachDecisionInputSchema, BreachDecisionSchema,
                                        CategoriesSchema, CloseIncidentSchema, IncidentListQuerySchema,
                                        IncidentPageSchema, IncidentSchema, MeasureSchema, NoteSchema,
                                        RecordSubjectCommunicationSchema, ReopenSchema, ReportIncidentSchema,
                                        StatisticsQuerySchema, StatisticsSchema, SubjectCommunicationSchema,
                                        SubmitAuthorityNotificationSchema, TransitionSchema, UpdateIncidentSchema,
                                        UpdateMeasureSchema)
from shared.attachments.schemas import AttachmentListSchema, AttachmentSchema, RemoveAttachmentSchema


class IncidentRoutes(ApiBase):
    @route("POST", f"{API}/incidents", action="incident.report", body=ReportIncidentSchema,
           response=IncidentSchema, status=201, tag="incidents",
           summary="Report an incident or deviation / Meld en hendelse eller et avvik")
    def report_incident(self, request, body):
        return self.incidents.report_incident(body)

    @route("GET", f"{API}/incidents", action="incident.read", query=IncidentListQuerySchema,
           response=IncidentPageSchema, tag="incidents", summary="List incidents / Hendelser")
    def list_incidents(self, request, query):
        return self.incidents.list_incidents(query)

    @route("GET", f"{API}/incident-categories", action="incident.report", response=CategoriesSchema,
           tag="incidents", summary="Categories a reporter may choose / Kategorier")
    def list_incident_categories(self, request):
        return self.incidents.list_categories()

    @route("GET", f"{API}/incidents/statistics", action="incident.overview", query=StatisticsQuerySchema,
           response=StatisticsSchema, tag="incidents",
           summary="Counts per month, kind, category, severity; the 72-hour record / Statistikk")
    def incident_statistics(self, request, query):
        return self.incidents.incident_statistics(query)

    @route("GET", f"{API}/incidents/<string:incident_id>", action="incident.read", response=IncidentSchema,
           tag="incidents", summary="One incident with its journal / Én hendelse med logg")
    def get_incident(self, request, incident_id):
        return self.incidents.get_incident(incident_id)

    @route("PATCH", f"{API}/incidents/<string:incident_id>", action="incident.handle", body=UpdateIncidentSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Correct or add facts (journalled) / Korriger eller utfyll")
    def update_incident(self, request, incident_id, body):
        return self.incidents.update_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/status", action="incident.handle", body=TransitionSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Move the incident in its life cycle / Endre status")
    def change_status(self, request, incident_id, body):
        return self.incidents.change_status(incident_id, body)

    @route("PUT", f"{API}/incidents/<string:incident_id>/handler", action="incident.handle",
           body=AssignHandlerSchema, response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Assign the handling coordinator / Tildel saksbehandler")
    def assign_handler(self, request, incident_id, body):
        return self.incidents.assign_handler(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/notes", action="incident.handle", body=NoteSchema,
           response=IncidentSchema, status=201, tag="incidents", may_conflict=True,
           summary="Add a note to the journal / Skriv i loggen")
    def add_note(self, request, incident_id, body):
        return self.incidents.add_note(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/measures", action="incident.handle",
           body=AddMeasureSchema, response=MeasureSchema, status=201, tag="incidents", may_conflict=True,
           summary="Add a measure / Legg til tiltak")
    def add_measure(self, request, incident_id, body):
        return self.incidents.add_measure(incident_id, body)

    @route("PATCH", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>", action="incident.handle",
           body=UpdateMeasureSchema, response=MeasureSchema, tag="incidents", may_conflict=True,
           summary="Update a measure / Oppdater tiltak")
    def update_measure(self, request, incident_id, measure_id, body):
        return self.incidents.update_measure(incident_id, measure_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/close", action="incident.handle",
           body=CloseIncidentSchema, response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Close with root cause and lessons learned / Lukk hendelsen")
    def close_incident(self, request, incident_id, body):
        return self.incidents.close_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/reopen", action="incident.handle", body=ReopenSchema,
           response=IncidentSchema, tag="incidents", may_conflict=True,
           summary="Reopen a closed or rejected incident / Gjenåpne")
    def reopen_incident(self, request, incident_id, body):
        return self.incidents.reopen_incident(incident_id, body)

    @route("GET", f"{API}/incidents/<string:incident_id>/authority-notification", action="incident.overview",
           response=AuthorityNotificationDraftSchema, tag="incidents", may_conflict=True,
           summary="Draft notification to Datatilsynet (art. 33(3)) / Utkast til melding til Datatilsynet")
    def authority_notification_draft(self, request, incident_id):
        return self.incidents.authority_notification_draft(incident_id)

    @route("POST", f"{API}/incidents/<string:incident_id>/authority-notifications", action="incident.handle",
           body=SubmitAuthorityNotificationSchema, response=AuthorityNotificationSchema, status=201,
           tag="incidents", may_conflict=True,
           summary="Record a submission to Datatilsynet / Registrer melding til Datatilsynet")
    def submit_authority_notification(self, request, incident_id, body):
        return self.incidents.submit_authority_notification(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/subject-communications", action="incident.handle",
           body=RecordSubjectCommunicationSchema, response=SubjectCommunicationSchema, status=201,
           tag="incidents", may_conflict=True,
           summary="Record the communication to data subjects (art. 34) / Registrer informasjon til de berørte")
    def record_subject_communication(self, request, incident_id, body):
        return self.incidents.record_subject_communication(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/assessment", action="incident.assess",
           body=AssessIncidentSchema, response=IncidentSchema, tag="incidents",
           summary="Assess severity and personal-data involvement / Vurder alvorlighet")
    def assess_incident(self, request, incident_id, body):
        return self.incidents.assess_incident(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/breach-assessment", action="incident.assess",
           body=AssessBreachSchema, response=BreachAssessmentSchema, status=201, tag="incidents", may_conflict=True,
           summary="ENISA breach assessment and notification recommendations / Vurdering av personvernbrudd")
    def assess_breach(self, request, incident_id, body):
        return self.incidents.assess_breach(incident_id, body)

    @route("POST", f"{API}/incidents/<string:incident_id>/breach-decision", action="incident.assess",
           body=BreachDecisionInputSchema, response=BreachDecisionSchema, status=201, tag="incidents",
           may_conflict=True, summary="Decide on notifying Datatilsynet and the data subjects / Beslutt varsling")
    def decide_breach_notification(self, request, incident_id, body):
        return self.incidents.decide_breach_notification(incident_id, body)

    # Evidence attachments of an incident and of its measures (shared/attachments); read with the incident
    # (an employee: their own report's), added and removed by those who handle it.
    @route("GET", f"{API}/incidents/<string:incident_id>/attachments", action="incident.read",
           response=AttachmentListSchema, tag="incidents", summary="The incident's attachments / Vedlegg")
    def list_incident_attachments(self, request, incident_id):
        return self.incidents.list_attachments({"record_id": incident_id})

    @route("POST", f"{API}/incidents/<string:incident_id>/attachments", action="incident.handle", attachment=True,
           response=AttachmentSchema, status=201, tag="incidents", may_conflict=True,
           summary="Attach a file (multipart, field `file`) / Legg ved en fil")
    def upload_incident_attachment(self, request, incident_id, body):
        return self.incidents.upload_attachment({"record_id": incident_id}, body)

    @route("GET", f"{API}/incidents/<string:incident_id>/attachments/<string:attachment_id>",
           action="incident.read", produces=ATTACHMENT_TYPES, tag="incidents", errors=(410,),
           summary="Download an attachment / Last ned vedlegg")
    def download_incident_attachment(self, request, incident_id, attachment_id):
        answer = self.incidents.attachment_content({"record_id": incident_id}, attachment_id)
        return attachment_download(answer, self.attachment_max_bytes)

    @route("POST", f"{API}/incidents/<string:incident_id>/attachments/<string:attachment_id>/removal",
           action="incident.handle", body=RemoveAttachmentSchema, response=AttachmentSchema, tag="incidents",
           may_conflict=True, summary="Remove an attachment, with the reason (recorded) / Fjern vedlegg")
    def remove_incident_attachment(self, request, incident_id, attachment_id, body):
        return self.incidents.remove_attachment({"record_id": incident_id}, attachment_id, body)

    @route("GET", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>/attachments",
           action="incident.read", response=AttachmentListSchema, tag="incidents",
           summary="A measure's attachments / Tiltakets vedlegg")
    def list_incident_measure_attachments(self, request, incident_id, measure_id):
        return self.incidents.list_attachments({"record_id": incident_id, "measure_id": measure_id})

    @route("POST", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>/attachments",
           action="incident.handle", attachment=True, response=AttachmentSchema, status=201, tag="incidents",
           may_conflict=True, summary="Attach a file to a measure (multipart) / Legg ved en fil til tiltaket")
    def upload_incident_measure_attachment(self, request, incident_id, measure_id, body):
        return self.incidents.upload_attachment({"record_id": incident_id, "measure_id": measure_id}, body)

    @route("GET", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>/attachments/"
                  "<string:attachment_id>", action="incident.read", produces=ATTACHMENT_TYPES, tag="incidents",
           errors=(410,), summary="Download a measure's attachment / Last ned tiltakets vedlegg")
    def download_incident_measure_attachment(self, request, incident_id, measure_id, attachment_id):
        answer = self.incidents.attachment_content({"record_id": incident_id, "measure_id": measure_id},
                                                   attachment_id)
        return attachment_download(answer, self.attachment_max_bytes)

    @route("POST", f"{API}/incidents/<string:incident_id>/measures/<int:measure_id>/attachments/"
                   "<string:attachment_id>/removal", action="incident.handle", body=RemoveAttachmentSchema,
           response=AttachmentSchema, tag="incidents", may_conflict=True,
           summary="Remove a measure's attachment, with the reason / Fjern tiltakets vedlegg")
    def remove_incident_measure_attachment(self, request, incident_id, measure_id, attachment_id, body):
        return self.incidents.remove_attachment({"record_id": incident_id, "measure_id": measure_id},
                                                attachment_id, body)
