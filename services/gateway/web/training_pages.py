"""Training: awareness campaigns and preparedness exercises.
"""
from services.gateway.web import charts, forms, lists, training_forms
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, today
from shared.errors import BadInput


class TrainingPages(PageBase):
    @page("GET", "/training", action="training.read", api=("GET /api/v1/training/campaigns",
                                                           "GET /api/v1/training/exercises",
                                                           "GET /api/v1/training/coordinator-courses"))
    def web_training(self, request, view):
        return self._training_page(view, {}, {})

    @page("POST", "/training/campaigns", action="training.edit", api=("POST /api/v1/training/campaigns",))
    def web_create_campaign(self, request, view):
        payload, errors = training_forms.campaign_payload(view.form)
        if not errors:
            try:
                self.training.create_campaign(payload)
                return view.redirect("/training?saved=campaign#campaigns")
            except BadInput as error:
                errors = forms.prefixed_errors(error.details, "campaign", training_forms.CAMPAIGN_FIELDS)
        return self._training_page(view, view.form, errors, status=400)

    @page("POST", "/training/exercises", action="training.edit", api=("POST /api/v1/training/exercises",))
    def web_record_exercise(self, request, view):
        payload, errors = training_forms.exercise_payload(view.form)
        if not errors:
            try:
                self.training.create_exercise(payload)
                return view.redirect("/training?saved=exercise#exercises")
            except BadInput as error:
                errors = forms.prefixed_errors(error.details, "exercise", training_forms.EXERCISE_FIELDS)
        return self._training_page(view, view.form, errors, status=400)

    def _training_page(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, training_forms.CAMPAIGN_LIST, training_forms.EXERCISE_LIST)
        campaigns = lists.listing(self.training.list_campaigns, filters, training_forms.CAMPAIGN_LIST, "/training")
        return view.render("training.html", status=status, values=values, errors=errors, filters=filters,
                           campaigns=campaigns, completion=completion_chart(campaigns["items"]),
                           exercises=lists.listing(self.training.list_exercises, filters, training_forms.EXERCISE_LIST,
                                                   "/training"),
                           # the central team's courses for the coordinators this year; the rest shows without them
                           coordinator_courses=panel(lambda: self.training.list_coordinator_courses(
                               {"year": today().year, "page_size": 100})),
                           campaign_choices=training_forms.CAMPAIGN_FILTER_CHOICES,
                           exercise_choices=training_forms.EXERCISE_FILTER_CHOICES,
                           saved=view.query.get("saved"), topics=training_forms.TOPICS, types=training_forms.EXERCISE_TYPES)


def completion_chart(campaigns: list[dict]) -> dict | None:
    """The campaigns of the page as bars: completion in per cent, each with its target as a mark."""
    if not campaigns:
        return None
    return charts.bars([(c["title"], (c.get("figures") or {}).get("completion_rate", 0)) for c in campaigns],
                       maximum=100, marks=[c.get("target_rate") for c in campaigns])
