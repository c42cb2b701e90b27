"""Who acts when Datatilsynet must be consulted (the default rules of migration 0006), which rules an agency
may write for the event, how DPIA tasks are listed and chased, and the note that closes them."""
from datetime import datetime, timedelta, timezone

import pytest
from marshmallow import ValidationError

from services.notifications import domain, messages
from services.notifications.schemas import RoutingRuleInputSchema, TaskListQuerySchema
from shared.contracts.privacy_register import CONSULTATION_OUTCOMES
from tests.unit.notifications.default_rules import default_rules

REQUIRED = "privacy_register.prior_consultation_required"
UNACCEPTABLE = "risk.unacceptable_risk_identified"
REQUIRED_AT = datetime(2026, 11, 23, 13, 10, tzinfo=timezone.utc)


def migration_rules() -> list[dict]:
    return default_rules(REQUIRED)


def as_rule(row: dict) -> domain.Rule:
    return domain.Rule(row["recipient_role"], row["conditions"], row["channel"], row["due_field"], row["due_hours"],
                       None, tuple(row["reminder_hours"]), tuple(row["overdue_roles"]))


DEFAULTS = [as_rule(row) for row in migration_rules()]


def facts(**overrides):
    return {"dpia_id": "DPIA-1", "processing_id": "P-1", "processing_name": "Elevregister",
            "title": "DPIA elevregister", "residual_risk": "high", "high_risks": ["Profilering"], "dpo_contact_needed": True,
            "approved_at": REQUIRED_AT - timedelta(minutes=5), "required_at": REQUIRED_AT, **overrides}


def by_role() -> dict:
    return {rule.recipient_role: rule for rule in domain.recipients(DEFAULTS, facts())}


def test_a_required_consultation_goes_to_datatilsynet_by_hand_and_to_the_dpo():
    assert sorted(by_role()) == ["datatilsynet", "ombud"]
    assert [rule.recipient_role for rule in domain.recipients(DEFAULTS, facts(residual_risk=None))] == \
        ["datatilsynet", "ombud"], "the defaults apply whatever the facts"


def test_the_pko_submits_within_14_days_is_reminded_after_7_and_12_and_then_the_pko_and_head_are_told():
    datatilsynet = by_role()["datatilsynet"]
    assert datatilsynet.channel == "manual", "sent with the DPIA through Datatilsynet's form"
    assert domain.due_time(datatilsynet, facts()) == REQUIRED_AT + timedelta(days=14)
    assert domain.reminder_times(datatilsynet, facts(), REQUIRED_AT) == [
        (1, REQUIRED_AT + timedelta(days=7)), (2, REQUIRED_AT + timedelta(days=12))]
    assert datatilsynet.overdue_roles == ("pko", "leader")


def test_the_dpo_is_told_by_contact_within_7_days_without_reminders():
    ombud = by_role()["ombud"]
    assert ombud.channel == "contact" and domain.due_time(ombud, facts()) == REQUIRED_AT + timedelta(days=7)
    assert domain.reminder_times(ombud, facts(), REQUIRED_AT) == [] and ombud.overdue_roles == ()


def test_the_reminders_of_the_manual_task_go_to_the_privacy_coordinator():
    assert domain.coordinator_for(facts()) == "pko"
    assert domain.coordinator_for({"incident_id": "I-1", "personal_data_involved": False}) == "isk"


def test_the_default_rules_are_rules_an_admin_could_have_written():
    for row in migration_rules():
        fields = ("event_type", "conditions", "recipient_role", "channel", "due_field", "due_hours", "reminder_hours",
                  "overdue_roles")
        RoutingRuleInputSchema().load({field: row[field] for field in fields})


def rule(**fields):
    return RoutingRuleInputSchema().load({"event_type": REQUIRED, "recipient_role": "leader", **fields})


def refusal(**fields) -> dict:
    with pytest.raises(ValidationError) as refused:
        rule(**fields)
    return refused.value.messages


def test_an_agency_may_route_consultations_on_the_facts_of_the_event():
    loaded = rule(due_field="required_at", due_hours=24 * 10, reminder_hours=[24 * 5],
                  conditions={"residual_risk": "high", "dpo_contact_needed": False})
    assert loaded["due_hours"] == 240 and loaded["conditions"] == {"residual_risk": "high",
                                                                   "dpo_contact_needed": False}
    assert rule(conditions={"residual_risk": None})["conditions"] == {"residual_risk": None}


def test_a_consultation_rule_naming_facts_or_times_of_other_events_is_refused():
    assert set(refusal(conditions={"severity": "high", "level": "high"})["conditions"]) == {"severity", "level"}
    assert "due_field" in refusal(due_field="identified_at", due_hours=24)
    assert "due_field" in refusal(due_field="aware_at", due_hours=72)
    assert "residual_risk" in refusal(conditions={"residual_risk": "extreme"})["conditions"]


def test_other_events_may_not_name_the_facts_or_times_of_a_consultation():
    refused = refusal(event_type=UNACCEPTABLE, conditions={"residual_risk": "high"})["conditions"]
    assert "residual_risk" in refused
    assert "due_field" in refusal(event_type=UNACCEPTABLE, due_field="required_at", due_hours=1)


def test_tasks_are_listed_by_dpia_or_by_what_they_are_about():
    loaded = TaskListQuerySchema().load({"dpia_id": "DPIA-1", "subject_type": "dpia"})
    assert (loaded["dpia_id"], loaded["subject_type"]) == ("DPIA-1", "dpia")
    with pytest.raises(ValidationError) as refused:
        TaskListQuerySchema().load({"dpia_id": "", "subject_type": "processing"})
    assert set(refused.value.messages) == {"dpia_id", "subject_type"}


@pytest.mark.parametrize("outcome", CONSULTATION_OUTCOMES)
def test_the_note_that_closes_the_tasks_names_the_outcome_in_both_languages(outcome):
    note = domain.consultation_note(outcome, None)
    nb, en = (messages.label(outcome, "consultation_outcome", language) for language in messages.LANGUAGES)
    assert note == f"Forhåndsdrøftelse avsluttet: {nb} / Prior consultation concluded: {en}"
    assert outcome not in (nb, en), "in words, not the code"


def test_the_note_gives_datatilsynets_case_number_when_known():
    assert domain.consultation_note("no_objection", "26/01234") == (
        "Forhåndsdrøftelse avsluttet: Datatilsynet har ingen innvendinger / "
        "Prior consultation concluded: Datatilsynet has no objection (26/01234)")
