from datetime import datetime, timedelta, timezone

from services.notifications import domain
from services.notifications.domain import Rule

DEFAULTS = [
    Rule("leader", {}), Rule("ombud", {}), Rule("central", {}), Rule("parent_department", {}),
    Rule("datatilsynet", {"personal_data_involved": True}, due_field="aware_at", due_hours=72),
]
AWARE = datetime(2026, 11, 20, 8, 30, tzinfo=timezone.utc)


def facts(**overrides):
    return {"agency": "demo", "kind": "security_incident", "severity": "high", "personal_data_involved": False,
            "aware_at": AWARE, "title": "t", "category": "phishing", **overrides}


def roles(rules):
    return sorted(rule.recipient_role for rule in rules)


def test_a_serious_security_incident_goes_to_four_recipients():
    assert roles(domain.recipients(DEFAULTS, facts())) == ["central", "leader", "ombud", "parent_department"]


def test_a_breach_with_personal_data_also_goes_to_datatilsynet_due_72_hours_after_awareness():
    chosen = domain.recipients(DEFAULTS, facts(personal_data_involved=True))
    assert "datatilsynet" in roles(chosen) and len(chosen) == 5
    datatilsynet = next(rule for rule in chosen if rule.recipient_role == "datatilsynet")
    assert domain.due_time(datatilsynet, facts(personal_data_involved=True)) == AWARE + timedelta(hours=72)


def test_no_due_time_without_a_due_rule_or_field():
    assert domain.due_time(Rule("leader", {}), facts()) is None
    assert domain.due_time(Rule("x", {}, due_field="missing", due_hours=1), facts()) is None


def test_one_task_per_role_even_if_two_rules_match():
    rules = [Rule("leader", {}), Rule("leader", {"severity": "high"}, due_field="aware_at", due_hours=1)]
    assert len(domain.recipients(rules, facts())) == 1


def test_an_agencys_own_rules_replace_the_defaults():
    own = [Rule("leader", {"severity": "critical"})]
    assert domain.rules_in_force(own, DEFAULTS) == own
    assert domain.rules_in_force([], DEFAULTS) == DEFAULTS
    assert domain.recipients(own, facts(severity="high")) == []


DATATILSYNET = Rule("datatilsynet", {}, due_field="aware_at", due_hours=72, reminder_hours=(24, 48, 66),
                    overdue_roles=("isk", "leader"))


def test_the_72_hour_duty_is_reminded_24_48_and_66_hours_after_awareness():
    assert domain.reminder_times(DATATILSYNET, facts(), AWARE) == [
        (1, AWARE + timedelta(hours=24)), (2, AWARE + timedelta(hours=48)), (3, AWARE + timedelta(hours=66))]


def test_reminders_already_past_when_the_task_is_made_are_left_out_but_keep_their_numbers():
    later = AWARE + timedelta(hours=50)
    assert domain.reminder_times(DATATILSYNET, facts(), later) == [(3, AWARE + timedelta(hours=66))]


def test_no_reminders_without_a_field_to_count_from():
    assert domain.reminder_times(Rule("leader", {}, reminder_hours=(1,)), facts(), AWARE) == []


def test_a_task_is_overdue_only_while_open_and_past_due():
    due = AWARE + timedelta(hours=72)
    assert domain.is_overdue("open", due, due + timedelta(seconds=1))
    assert not domain.is_overdue("open", due, due)
    assert not domain.is_overdue("completed", due, due + timedelta(days=1))
    assert not domain.is_overdue("open", None, due)


def test_hours_left_never_goes_below_zero():
    due = AWARE + timedelta(hours=72)
    assert domain.hours_left(due, AWARE + timedelta(hours=66)) == 6
    assert domain.hours_left(due, due + timedelta(hours=1)) == 0
    assert domain.hours_left(None, AWARE) is None


def test_the_case_coordinator_is_the_pko_for_personal_data_and_the_isk_otherwise():
    assert domain.coordinator_for(facts(personal_data_involved=True)) == "pko"
    assert domain.coordinator_for(facts()) == "isk"


def test_coordinators_see_every_task_of_their_agency_and_others_their_own_inbox():
    assert domain.sees_every_task({"pko"}) and domain.sees_every_task({"isk", "employee"})
    assert not domain.sees_every_task({"leader"}) and not domain.sees_every_task({"ombud"})


def test_facts_are_stored_with_times_as_iso_text():
    assert domain.as_json_facts({"aware_at": AWARE, "n": 3}) == {"aware_at": "2026-11-20T08:30:00+00:00", "n": 3}
