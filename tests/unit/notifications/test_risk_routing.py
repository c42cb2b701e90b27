"""Who is told of an unacceptable risk (the default rules of migration 0005), which rules an agency may
write for it, how risk tasks are listed, and the notes that close a risk's decision task."""
from datetime import datetime, timedelta, timezone

import pytest
from marshmallow import ValidationError

from services.notifications import domain, messages
from services.notifications.schemas import RoutingRuleInputSchema, TaskListQuerySchema
from shared.contracts.risk import RESOLUTIONS
from tests.unit.notifications.default_rules import default_rules

UNACCEPTABLE = "risk.unacceptable_risk_identified"
ESCALATED = "incidents.incident_escalated"
IDENTIFIED = datetime(2026, 11, 23, 13, 5, tzinfo=timezone.utc)


def migration_rules() -> list[dict]:
    return default_rules(UNACCEPTABLE)


def as_rule(row: dict) -> domain.Rule:
    return domain.Rule(row["recipient_role"], row["conditions"], row["channel"], row["due_field"], row["due_hours"],
                       None, tuple(row["reminder_hours"]), tuple(row["overdue_roles"]))


DEFAULTS = [as_rule(row) for row in migration_rules()]


def facts(**overrides):
    return {"risk_id": "RSK-1", "assessment_scope": "overall", "level": "high", "residual_level": "high",
            "treatment": None, "reason": "evaluated", "identified_at": IDENTIFIED, **overrides}


def test_an_unacceptable_risk_in_the_overall_assessment_goes_to_the_leader_and_the_central_team():
    chosen = domain.recipients(DEFAULTS, facts())
    assert sorted(rule.recipient_role for rule in chosen) == ["central", "leader"]
    central = next(rule for rule in chosen if rule.recipient_role == "central")
    assert domain.due_time(central, facts()) is None


@pytest.mark.parametrize("scope", ["system", "process", "project", "procurement"])
def test_an_unacceptable_risk_elsewhere_goes_to_the_leader_only(scope):
    assert [rule.recipient_role for rule in domain.recipients(DEFAULTS, facts(assessment_scope=scope))] == ["leader"]


def test_the_leader_decides_within_30_days_is_reminded_after_21_and_28_and_the_isk_gets_it_after():
    leader = next(rule for rule in DEFAULTS if rule.recipient_role == "leader")
    assert domain.due_time(leader, facts()) == IDENTIFIED + timedelta(days=30)
    assert domain.reminder_times(leader, facts(), IDENTIFIED) == [
        (1, IDENTIFIED + timedelta(days=21)), (2, IDENTIFIED + timedelta(days=28))]
    assert leader.overdue_roles == ("isk",) and leader.channel == "contact"


def test_the_default_rules_are_rules_an_admin_could_have_written():
    for row in migration_rules():
        fields = ("event_type", "conditions", "recipient_role", "channel", "due_field", "due_hours", "reminder_hours",
                  "overdue_roles")
        RoutingRuleInputSchema().load({field: row[field] for field in fields})


def rule(**fields):
    return RoutingRuleInputSchema().load({"event_type": UNACCEPTABLE, "recipient_role": "leader", **fields})


def refusal(**fields) -> dict:
    with pytest.raises(ValidationError) as refused:
        rule(**fields)
    return refused.value.messages


def test_an_agency_may_route_unacceptable_risks_on_the_facts_of_the_event():
    loaded = rule(due_field="identified_at", due_hours=24 * 14, reminder_hours=[24 * 7],
                  conditions={"assessment_scope": "system", "level": "high", "residual_level": "medium",
                              "treatment": None, "reason": "acceptance_expired"})
    assert loaded["due_hours"] == 336 and loaded["conditions"]["treatment"] is None


def test_a_risk_rule_naming_facts_of_incidents_is_refused():
    assert set(refusal(conditions={"severity": "high"})["conditions"]) == {"severity"}
    assert "reason" in refusal(conditions={"reason": "marked_serious"})["conditions"]
    assert "due_field" in refusal(due_field="aware_at", due_hours=72)


def test_an_incident_rule_naming_facts_of_risks_is_refused():
    assert "reason" in refusal(event_type=ESCALATED, conditions={"reason": "evaluated"})["conditions"]
    assert "assessment_scope" in refusal(event_type=ESCALATED, conditions={"assessment_scope": "overall"})["conditions"]
    assert "due_field" in refusal(event_type=ESCALATED, due_field="identified_at", due_hours=1)


def test_risk_conditions_use_the_vocabularies_of_the_contract():
    errors = refusal(conditions={"assessment_scope": "galaxy", "level": "extreme", "treatment": "ignore"})["conditions"]
    assert set(errors) == {"assessment_scope", "level", "treatment"}


def test_tasks_are_listed_by_risk_or_by_what_they_are_about():
    assert TaskListQuerySchema().load({"risk_id": "RSK-1", "subject_type": "risk"})["risk_id"] == "RSK-1"
    assert TaskListQuerySchema().load({"incident_id": "INC-1"})["incident_id"] == "INC-1"
    with pytest.raises(ValidationError) as refused:
        TaskListQuerySchema().load({"subject_type": "asset", "risk_id": ""})
    assert set(refused.value.messages) == {"subject_type", "risk_id"}


def test_the_notes_that_close_a_decision_say_why_in_both_languages():
    assert domain.acceptance_note("Kostnad står ikke i forhold") == \
        "Akseptert av virksomhetsleder / Accepted by the agency head: Kostnad står ikke i forhold"
    assert domain.treatment_note("Finansiert i budsjett 2027") == \
        "Tiltak besluttet / Treatment decided: Finansiert i budsjett 2027"
    assert domain.resolution_note("residual_acceptable") == \
        "Risikoen er innenfor akseptkriteriene / The risk is within the acceptance criteria"
    assert domain.resolution_note("risk_closed") == "Risikoen er lukket / The risk was closed"
    assert domain.resolution_note("merged") == "merged"
    assert set(domain.RESOLUTION_NOTES) == set(RESOLUTIONS)
