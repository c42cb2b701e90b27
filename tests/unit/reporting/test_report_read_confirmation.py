"""The approval's reading step: the schema asks for `read_confirmed: true`, naming the field, and a
sealed report says on paper who confirmed reading it and when."""
import pytest
from marshmallow import ValidationError

from services.reporting.report_layout import layout
from services.reporting.schemas import ApproveReportSchema


@pytest.mark.parametrize("body", [{}, {"read_confirmed": False}, {"read_confirmed": "true"},
                                  {"read_confirmed": None}, {"read_confirmed": 1.5}])
def test_an_approval_without_the_read_confirmation_names_the_field(body):
    with pytest.raises(ValidationError) as refused:
        ApproveReportSchema().load(body)
    assert list(refused.value.normalized_messages()) == ["read_confirmed"]


def test_a_missing_confirmation_says_what_to_do_in_both_languages():
    with pytest.raises(ValidationError) as refused:
        ApproveReportSchema().load({})
    message = refused.value.normalized_messages()["read_confirmed"][0]
    assert "Confirm that you have read the report" in message and "Bekreft at du har lest rapporten" in message


def test_a_confirmed_approval_loads():
    assert ApproveReportSchema().load({"read_confirmed": True}) == {"read_confirmed": True}


def sealed(**extra):
    return {"id": "r-1", "agency": "demo", "kind": "incident_summary", "title_nb": "Oppsummering",
            "title_en": "Summary", "period_start": "2026-01-01", "period_end": "2026-12-31", "version": 1,
            "status": "approved", "inputs": {}, "content": {"sections": []}, "content_sha256": "0f" * 32,
            "seal_valid": True, "approved_by": "leder", "approved_at": "2026-12-31T13:30:00+00:00", **extra}


def test_the_printed_facts_say_who_confirmed_reading_and_when():
    facts = dict(layout(sealed(read_confirmed_by="leder", read_confirmed_at="2026-12-31T13:30:00+00:00"),
                        "nb")[1].rows)
    assert facts["Lest og bekreftet av"] == "leder, 31.12.2026 kl. 14:30"  # Oslo time
    english = dict(layout(sealed(read_confirmed_by="leder", read_confirmed_at="2026-12-31T13:30:00+00:00"),
                          "en")[1].rows)
    assert english["Read and confirmed by"] == "leder, 2026-12-31 14:30"


def test_a_report_sealed_before_the_reading_step_prints_no_confirmation():
    facts = dict(layout(sealed(read_confirmed_by=None, read_confirmed_at=None), "nb")[1].rows)
    assert "Lest og bekreftet av" not in facts and facts["Godkjent av"] == "leder"
