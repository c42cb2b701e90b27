"""Who is told what, as plain rules: conditions beyond equality, what a task asks, what changed."""
import pytest

from services.notifications import domain
from services.notifications.domain import Rule


@pytest.mark.parametrize("severity, breach_severity, at_least, expected", [
    ("high", None, "high", True),
    ("medium", None, "high", False),
    ("critical", None, "high", True),
    ("medium", "very_high", "critical", True),  # ENISA's very high ranks with critical
    (None, "medium", "high", False),
    (None, None, "low", False),  # nothing assessed is below every level
])
def test_severity_at_least_takes_the_higher_of_the_two_scales(severity, breach_severity, at_least, expected):
    facts = {"severity": severity, "breach_severity": breach_severity}
    assert domain.matches({"severity_at_least": at_least}, facts) is expected


def test_conditions_combine_comparisons_and_exact_matches():
    conditions = {"severity_at_least": "high", "personal_data_involved": False, "kind": "security_incident"}
    outage = {"severity": "critical", "personal_data_involved": False, "kind": "security_incident"}
    assert domain.matches(conditions, outage)
    assert not domain.matches(conditions, {**outage, "personal_data_involved": True})
    assert not domain.matches(conditions, {**outage, "severity": "medium"})


def test_a_null_condition_matches_a_missing_assessment():
    # the triage rule: personal data involved, no breach assessment (ENISA) yet
    conditions = {"personal_data_involved": True, "breach_severity": None}
    assert domain.matches(conditions, {"personal_data_involved": True, "breach_severity": None})
    assert not domain.matches(conditions, {"personal_data_involved": True, "breach_severity": "low"})


def test_one_task_per_role_the_first_matching_rule_wins():
    rules = [Rule("leader", {"personal_data_involved": True}, overdue_roles=("pko",)),
             Rule("leader", {"personal_data_involved": False}, overdue_roles=("isk",)),
             Rule("ombud", {"personal_data_involved": True})]
    outage = domain.recipients(rules, {"personal_data_involved": False})
    assert [(rule.recipient_role, rule.overdue_roles) for rule in outage] == [("leader", ("isk",))]
    breach = domain.recipients(rules, {"personal_data_involved": True})
    assert [(rule.recipient_role, rule.overdue_roles) for rule in breach] == [("leader", ("pko",)), ("ombud", ())]


@pytest.mark.parametrize("role, subject, action", [
    ("datatilsynet", "incident", "notify_authority"),
    ("leader", "risk", "decide"),
    ("leader", "incident", "acknowledge"),
    ("datatilsynet", "dpia", "acknowledge"),
])
def test_what_a_task_asks_by_default(role, subject, action):
    assert domain.default_action(role, subject) == action


def test_datatilsynets_task_is_done_only_by_recording_the_notification():
    kind, message = domain.completion_problem("notify_authority", "datatilsynet", {"pko"}, "Meldt")
    assert kind == "conflict" and "Altinn" in message


def test_the_addressee_acknowledges_without_a_note():
    assert domain.completion_problem("acknowledge", "leader", {"leader"}, None) is None


def test_a_coordinator_acknowledges_for_someone_else_only_with_a_note():
    kind, _ = domain.completion_problem("acknowledge", "leader", {"pko"}, "  ")
    assert kind == "note"
    assert domain.completion_problem("acknowledge", "leader", {"pko"}, "Orientert i møte 3. des.") is None


def test_someone_else_without_a_coordinating_role_cannot_acknowledge():
    kind, _ = domain.completion_problem("acknowledge", "leader", {"ombud"}, "Sett")
    assert kind == "conflict"


def test_what_changed_from_to_and_nothing_else():
    before = {"severity": "high", "personal_data_involved": True, "title": "A", "approx_data_subjects": None}
    after = {"severity": "critical", "personal_data_involved": True, "title": "B", "approx_data_subjects": 24}
    assert domain.changes(before, after) == [
        {"field": "severity", "before": "high", "after": "critical"},
        {"field": "approx_data_subjects", "before": None, "after": 24}]


def test_a_fact_the_new_event_does_not_carry_is_not_a_change():
    assert domain.changes({"notify_authority": "required"}, {"severity": "high"}) == [
        {"field": "severity", "before": None, "after": "high"}]


def test_the_not_required_note_carries_the_justification():
    note = domain.not_required_note("Kryptert, nøkkelen ikke på avveie")
    assert "art. 33 nr. 5" in note and "Kryptert, nøkkelen ikke på avveie" in note


def test_only_a_task_closed_as_not_notifiable_reopens_and_only_when_the_duty_is_back():
    assert domain.reopens("completed", domain.NOT_REQUIRED, {"notify_authority": "required"})
    assert not domain.reopens("completed", domain.NOT_REQUIRED, {"notify_authority": "not_required"})
    assert not domain.reopens("completed", None, {"notify_authority": "required"}), "done by its recipient"
    assert not domain.reopens("open", None, {"notify_authority": "required"})
