"""Every mistake in one answer: a cross-field check (marshmallow's `@validates_schema`) is not hidden by a
field's error, so a user (or `vern`) fixing the input is told everything at once."""
import pytest

from services.incidents.schemas import BreachDecisionInputSchema, ReportIncidentSchema
from shared.errors import BadInput
from shared.validation import load

REPORT = {"title": "Elevliste på avveie", "kind": "personal_data_breach", "category": "phishing",
          "occurred_at": "2026-01-05T10:00:00+01:00", "aware_at": "2026-01-05T11:00:00+01:00", "description": "x"}


def errors_of(schema, data) -> dict:
    with pytest.raises(BadInput) as refused:
        load(schema, data)
    return refused.value.details


def test_a_field_error_and_a_cross_field_error_come_together():
    errors = errors_of(ReportIncidentSchema(), {**REPORT, "kind": "volcano", "title": "ab",
                                                "aware_at": "2026-01-05T09:00:00+01:00"})
    assert set(errors) == {"kind", "title", "aware_at"}


def test_a_cross_field_check_needing_a_failed_field_adds_nothing():
    errors = errors_of(ReportIncidentSchema(), {**REPORT, "occurred_at": "not a time"})
    assert list(errors) == ["occurred_at"]


def test_the_check_of_an_exemption_is_reported_beside_the_field_error():
    errors = errors_of(BreachDecisionInputSchema(), {"notify_authority": "maybe", "notify_data_subjects": "exempt"})
    assert set(errors) == {"notify_authority", "subject_exemption"}


def test_valid_input_is_loaded_as_before():
    assert load(ReportIncidentSchema(), REPORT)["kind"] == "personal_data_breach"


def test_a_check_of_the_whole_input_says_nothing_when_a_field_failed():
    from services.webhooks.schemas import UpdateSubscriptionSchema

    assert list(errors_of(UpdateSubscriptionSchema(), {"url": "not a url"})) == ["url"]
