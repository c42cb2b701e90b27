"""A campaign's page (its audience, target, reminders and figures; launch and complete) and an exercise's
page (its findings while it is open; completing it announces them, and the risk service makes each a
draft risk; then its follow-up)."""
from services.gateway.web import attachment_forms, forms, training_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, submit

CAMPAIGN = "/api/v1/training/campaigns/{campaign_id}"
EXERCISE = "/api/v1/training/exercises/{exercise_id}"


def _prefixed(prefix: str, fields: tuple[str, ...]):
    return lambda details: forms.prefixed_errors(details, prefix, tuple(f.split("-", 1)[1] for f in fields))


class TrainingDetailPages(PageBase):
    @page("GET", "/training/campaigns/<string:campaign_id>", action="training.read", api=(f"GET {CAMPAIGN}",))
    def web_campaign(self, request, view, campaign_id):
        return self._campaign_page(view, campaign_id, {}, {})

    def _campaign_page(self, view, campaign_id, values, errors, status=200):
        # who is enrolled is personal data (pseudonymous ids, unit, role): for those who may see people
        enrolments = (panel(lambda: self.training.list_enrolments(campaign_id)["items"])
                      if view.may("training.people") else None)
        return view.render("campaign.html", status=status, campaign=self.training.get_campaign(campaign_id),
                           enrolments=enrolments, values=values, errors=errors, done=view.query.get("done"))

    def _campaign_action(self, view, campaign_id, parse, call, done, errors_of=None):
        return submit(view, parse, call, f"/training/campaigns/{campaign_id}?done={done}", lambda values, errors:
                      self._campaign_page(view, campaign_id, values, errors, status=400), errors_of)

    @page("POST", "/training/campaigns/<string:campaign_id>/targeting", action="training.edit",
          api=(f"PATCH {CAMPAIGN}",))
    def web_target_campaign(self, request, view, campaign_id):
        # reminders nest in the API: their errors land on the form's count and spacing fields
        def errors_of(details):
            if isinstance(details, dict) and isinstance(details.get("reminders"), dict):
                details = {**{k: v for k, v in details.items() if k != "reminders"}, **details["reminders"]}
            return _prefixed("target", training_forms.TARGETING_FIELDS)(details)

        return self._campaign_action(view, campaign_id, training_forms.targeting_payload,
                                     lambda payload: self.training.update_campaign(campaign_id, payload),
                                     "targeted", errors_of)

    @page("POST", "/training/campaigns/<string:campaign_id>/enrolments", action="training.edit",
          api=(f"POST {CAMPAIGN}/enrolments",))
    def web_enrol_in_campaign(self, request, view, campaign_id):
        return self._campaign_action(view, campaign_id, training_forms.enrolment_payload,
                                     lambda payload: self.training.enrol_in_campaign(campaign_id, payload),
                                     "enrolled", _prefixed("enrol", training_forms.ENROL_FIELDS))

    @page("POST", "/training/campaigns/<string:campaign_id>/participation", action="training.edit",
          api=(f"POST {CAMPAIGN}/participation",))
    def web_record_participation(self, request, view, campaign_id):
        return self._campaign_action(view, campaign_id, training_forms.participation_payload,
                                     lambda payload: self.training.record_participation(campaign_id, payload),
                                     "participation", _prefixed("participation", training_forms.PARTICIPATION_FIELDS))

    @page("POST", "/training/campaigns/<string:campaign_id>/launch", action="training.edit",
          api=(f"POST {CAMPAIGN}/launch",))
    def web_launch_campaign(self, request, view, campaign_id):
        return self._campaign_action(view, campaign_id, lambda form: ({}, {}),
                                     lambda _: self.training.launch_campaign(campaign_id), "launched")

    @page("POST", "/training/campaigns/<string:campaign_id>/complete", action="training.edit",
          api=(f"POST {CAMPAIGN}/complete",))
    def web_complete_campaign(self, request, view, campaign_id):
        return self._campaign_action(view, campaign_id, lambda form: ({}, {}),
                                     lambda _: self.training.complete_campaign(campaign_id), "completed")

    @page("GET", "/training/exercises/<string:exercise_id>", action="training.read", api=(f"GET {EXERCISE}",))
    def web_exercise(self, request, view, exercise_id):
        return self._exercise_page(view, exercise_id, {}, {})

    def _exercise_page(self, view, exercise_id, values, errors, status=200):
        attachments = attachment_forms.listing(lambda: self.training.list_attachments({"record_id": exercise_id}))
        return view.render("exercise.html", status=status, exercise=self.training.get_exercise(exercise_id),
                           values=values, errors=errors, done=view.query.get("done"), attachments=attachments,
                           severities=training_forms.FINDING_SEVERITIES,
                           follow_up_statuses=training_forms.FOLLOW_UP_STATUSES)

    # Evidence attachments of the exercise (shared/attachments): its plan, log and evaluation report.
    @page("POST", "/training/exercises/<string:exercise_id>/attachments", action="training.edit", upload=True,
          api=(f"POST {EXERCISE}/attachments",))
    def web_upload_exercise_attachment(self, request, view, exercise_id):
        return attachment_forms.upload_then(
            view, request, self.attachment_max_bytes,
            lambda body: self.training.upload_attachment({"record_id": exercise_id}, body),
            f"/training/exercises/{exercise_id}?done=attached#attachments", self._exercise_with_errors(view, exercise_id))

    @page("GET", "/training/exercises/<string:exercise_id>/attachments/<string:attachment_id>",
          action="training.read", api=(f"GET {EXERCISE}/attachments/{{attachment_id}}",))
    def web_download_exercise_attachment(self, request, view, exercise_id, attachment_id):
        return attachment_forms.download(
            self.training.attachment_content({"record_id": exercise_id}, attachment_id), self.attachment_max_bytes)

    @page("POST", "/training/exercises/<string:exercise_id>/attachments/<string:attachment_id>/removal",
          action="training.edit", api=(f"POST {EXERCISE}/attachments/{{attachment_id}}/removal",))
    def web_remove_exercise_attachment(self, request, view, exercise_id, attachment_id):
        return attachment_forms.remove_then(
            view, lambda body: self.training.remove_attachment({"record_id": exercise_id}, attachment_id, body),
            f"/training/exercises/{exercise_id}?done=attachment_removed#attachments",
            self._exercise_with_errors(view, exercise_id))

    def _exercise_with_errors(self, view, exercise_id):
        return lambda errors: self._exercise_page(view, exercise_id, view.form, errors, status=400)

    def _exercise_action(self, view, exercise_id, parse, call, done, errors_of=None):
        return submit(view, parse, call, f"/training/exercises/{exercise_id}?done={done}", lambda values, errors:
                      self._exercise_page(view, exercise_id, values, errors, status=400), errors_of)

    @page("POST", "/training/exercises/<string:exercise_id>/findings", action="training.edit",
          api=(f"PATCH {EXERCISE}",))
    def web_add_finding(self, request, view, exercise_id):
        def add(finding):
            findings = self.training.get_exercise(exercise_id)["findings"]
            self.training.update_exercise(exercise_id, {"findings": training_forms.with_finding(findings, finding)})

        return self._exercise_action(view, exercise_id, training_forms.finding_payload, add, "finding",
                                     _prefixed("finding", training_forms.FINDING_FIELDS))

    @page("POST", "/training/exercises/<string:exercise_id>/complete", action="training.edit",
          api=(f"POST {EXERCISE}/complete",))
    def web_complete_exercise(self, request, view, exercise_id):
        return self._exercise_action(view, exercise_id, training_forms.completion_payload,
                                     lambda payload: self.training.complete_exercise(exercise_id, payload),
                                     "completed", lambda details: forms.prefixed_errors(details, "complete",
                                                                                        ("evaluation",)))

    @page("POST", "/training/exercises/<string:exercise_id>/follow-up", action="training.edit",
          api=(f"PATCH {EXERCISE}",))
    def web_exercise_follow_up(self, request, view, exercise_id):
        return self._exercise_action(view, exercise_id, training_forms.follow_up_payload,
                                     lambda payload: self.training.update_exercise(exercise_id, payload),
                                     "follow_up")
