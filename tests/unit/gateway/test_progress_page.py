"""The page behind a measure owner's progress link: the measure, what was reported, and the form while open."""
import pytest
from marshmallow import ValidationError

from services.gateway import progress_page

MEASURE = {"task_id": "T-1", "open": True, "recipient_role": "system_owner", "recipient_name": "Systemeier",
           "subject_type": "measure", "measure_id": 12, "title": "Rollebasert <tilgang>",
           "owner_title": "Uautorisert tilgang", "due_date": "2027-03-31", "status": "in_progress",
           "progress": [{"at": "2027-03-01T10:00:00+00:00", "progress": "in_progress", "comment": "Bestilt"}]}


def test_an_open_measure_shows_what_was_reported_and_the_form_in_both_languages():
    page = progress_page.view(MEASURE, "/api/v1/progress/T-1.x").get_data(as_text=True)
    assert "Rollebasert &lt;tilgang&gt;" in page and "<tilgang>" not in page
    assert "2027-03-31" in page and "under arbeid" in page and "Bestilt" in page
    assert '<form method="post" action="/api/v1/progress/T-1.x">' in page
    assert 'value="in_progress"' in page and 'value="done"' in page
    assert "Meld framdrift" in page and "Report progress" in page


def test_a_closed_measure_shows_no_form():
    page = progress_page.view({**MEASURE, "open": False, "status": "done", "due_date": None},
                              "/api/v1/progress/T-1.x").get_data(as_text=True)
    assert "<form" not in page and "avsluttet" in page and "closed" in page


def test_a_recorded_report_thanks_the_owner():
    page = progress_page.recorded(MEASURE, "/p").get_data(as_text=True)
    assert "framdriften er registrert" in page and "progress has been recorded" in page


@pytest.mark.parametrize("body, field", [({"progress": "started"}, "progress"), ({}, "progress"),
                                         ({"progress": "done", "comment": "x" * 2001}, "comment")])
def test_a_wrong_report_is_refused_naming_the_field(body, field):
    with pytest.raises(ValidationError) as refused:
        progress_page.ProgressBodySchema().load(body)
    assert field in refused.value.messages
