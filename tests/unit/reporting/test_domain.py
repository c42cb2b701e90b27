from datetime import datetime, timedelta, timezone

from services.reporting import domain
from services.reporting.domain import Rule

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


def test_message_names_what_the_recipient_needs():
    title, body = domain.incident_message("datatilsynet", facts(personal_data_involved=True),
                                          AWARE + timedelta(hours=72))
    assert "Serious incident" in title
    assert "art. 33" in body and "2026-11-23T08:30:00+00:00" in body
