"""The record of processing activities (art. 30) and the DPIA screening.
"""
from services.gateway.web import lists, privacy_forms
from services.gateway.web.page_route import page
from services.privacy_register import screening
from shared.errors import BadInput


class PrivacyPages:
    @page("GET", "/processing", action="privacy.read", api=("GET /api/v1/processing-activities",))
    def web_processing(self, request, view):
        return self._processing_list(view, {"status": "draft"}, {})

    @page("POST", "/processing", action="privacy.edit", api=("POST /api/v1/processing-activities",))
    def web_register_processing(self, request, view):
        payload, errors = privacy_forms.processing_payload(view.form)
        if not errors:
            try:
                activity = self.privacy_register.register_processing(payload)
                return view.redirect(f"/processing/{activity['id']}?created=1")
            except BadInput as error:
                errors = privacy_forms.processing_errors(error.details)
        return self._processing_list(view, view.form, errors, status=400)

    def _processing_list(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, privacy_forms.PROCESSING_LIST)
        return view.render("processing.html", status=status, values=values, errors=errors, filters=filters,
                           activities=lists.listing(self.privacy_register.list_processing, filters,
                                                    privacy_forms.PROCESSING_LIST, "/processing"),
                           filter_choices=privacy_forms.PROCESSING_FILTER_CHOICES,
                           articles=privacy_forms.ARTICLE_6, statuses=privacy_forms.PROCESSING_STATUSES)

    @page("GET", "/processing/<string:processing_id>", action="privacy.read",
          api=("GET /api/v1/processing-activities/{processing_id}",))
    def web_processing_activity(self, request, view, processing_id):
        return self._processing_page(view, processing_id, {}, {})

    @page("POST", "/processing/<string:processing_id>/screening", action="privacy.edit",
          api=("POST /api/v1/processing-activities/{processing_id}/screening",))
    def web_screen_processing(self, request, view, processing_id):
        payload, errors = privacy_forms.screening_payload(view.form, screening.CRITERIA)
        if not errors:
            try:
                self.privacy_register.screen_processing(processing_id, payload)
                return view.redirect(f"/processing/{processing_id}?screened=1#screening")
            except BadInput as error:
                errors = privacy_forms.screening_errors(error.details, screening.CRITERIA)
        return self._processing_page(view, processing_id, view.form, errors, status=400)

    def _processing_page(self, view, processing_id, values, errors, status=200):
        activity = self.privacy_register.get_processing(processing_id)
        index = 1 if view.lang == "en" else 0
        criteria = [(key, screening.CRITERION_LABELS[key][index]) for key in screening.CRITERIA]
        order = [f"{prefix}-{key}" for key in screening.CRITERIA for prefix in ("criterion", "justification")]
        return view.render("processing_activity.html", status=status, activity=activity, criteria=criteria, order=order,
                           values=values, errors=errors, created=view.query.get("created") == "1",
                           screened=view.query.get("screened") == "1")
