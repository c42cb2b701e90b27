"""A measure's owner (systemeier, systemforvalter, sikkerhetsleder): the directory's owner contacts, the
default rules (migration 0016), the due time and reminders, the progress link and the owner's message."""
from datetime import date, datetime, timezone

import pytest
from marshmallow import ValidationError

from services.notifications import domain, messages, progress
from services.notifications.schemas import AgencySchema, RoutingRuleInputSchema
from tests.unit.notifications.default_rules import default_rules

ASSIGNED = "risk.measure_assigned"
FACTS = {"measure_id": 12, "title": "Innfør rollebasert tilgang", "owner": "Systemeier", "owner_role": "system_owner",
         "owner_system": "elevsystem", "due_date": "2027-03-31", "status": "decided",
         "risk_id": "0b9e6a1c", "risk_title": "Uautorisert tilgang til elevmapper", "assessment_id": "5a2c9e10",
         "agency": "demo", "agency_name": "Demoetaten"}


def migration_rules() -> list[dict]:
    return default_rules("risk.measure_assigned", "incidents.measure_assigned")


def as_rule(row: dict) -> domain.Rule:
    return domain.Rule(row["recipient_role"], row["conditions"], row["channel"], row["due_field"], row["due_hours"],
                       None, tuple(row["reminder_hours"]), tuple(row["overdue_roles"]), row["action"])


def test_a_measure_is_due_at_the_end_of_its_day_in_oslo():
    due = domain.measure_due(date(2027, 3, 31))  # summer time from 28 March: UTC+2
    assert due["due_at"] == datetime(2027, 3, 31, 22, 0, tzinfo=timezone.utc)
    assert due["week_before_due_at"] == datetime(2027, 3, 24, 22, 0, tzinfo=timezone.utc)
    assert domain.measure_due(date(2027, 1, 15))["due_at"] == datetime(2027, 1, 15, 23, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("role", ["system_owner", "system_administrator", "security_manager"])
def test_the_owner_is_reminded_a_week_and_a_day_before_and_the_isk_is_told_after(role):
    facts = {**FACTS, "owner_role": role, **domain.measure_due(date(2027, 3, 31))}
    rules = [as_rule(row) for row in migration_rules() if row["event_type"] == ASSIGNED]
    (rule,) = domain.recipients(rules, facts)
    assert rule.recipient_role == role and rule.action == "carry_out" and rule.overdue_roles == ("isk",)
    assert domain.due_time(rule, facts) == facts["due_at"]
    long_before = datetime(2027, 1, 1, tzinfo=timezone.utc)
    assert [at for _, at in domain.reminder_times(rule, facts, long_before)] == [
        datetime(2027, 3, 24, 22, 0, tzinfo=timezone.utc), datetime(2027, 3, 30, 22, 0, tzinfo=timezone.utc)]
    # a measure given three days before its due date gets only the last reminder
    assert len(domain.reminder_times(rule, facts, datetime(2027, 3, 28, 12, tzinfo=timezone.utc))) == 1


@pytest.mark.parametrize("coordinator", ["pko", "isk"])
def test_an_incident_measure_past_due_goes_to_the_cases_coordinator(coordinator):
    facts = {**FACTS, "owner_role": "security_manager", "coordinator": coordinator}
    rules = [as_rule(row) for row in migration_rules() if row["event_type"] == "incidents.measure_assigned"]
    (rule,) = domain.recipients(rules, facts)
    assert rule.recipient_role == "security_manager" and rule.overdue_roles == (coordinator,)


def test_the_default_rules_are_rules_an_admin_could_have_written():
    for row in migration_rules():
        body = {key: row[key] for key in ("event_type", "conditions", "recipient_role", "channel", "due_field",
                                          "due_hours", "reminder_hours", "overdue_roles", "action")}
        assert RoutingRuleInputSchema().load(body)["recipient_role"] == row["recipient_role"]


def test_a_rule_on_a_fact_the_assignment_does_not_have_is_refused():
    with pytest.raises(ValidationError) as refused:
        RoutingRuleInputSchema().load({"event_type": ASSIGNED, "recipient_role": "system_owner",
                                       "conditions": {"severity": "high"}})
    assert "conditions" in refused.value.messages


def test_an_agency_names_its_systems_owners():
    agency = AgencySchema().load({"code": "demo", "name": "Demoetaten", "systems": [
        {"key": "elevsystem", "name": "Elevadministrativt system", "contacts": {
            "system_owner": {"name": "Systemeier Elev", "address": "systemeier.elev@demo.example"},
            "system_administrator": {"name": "Forvalter Elev", "address": "forvalter.elev@demo.example"}}}],
        "contacts": {"security_manager": {"name": "Sikkerhetsleder", "address": "sikkerhet@demo.example"}}})
    assert agency["systems"][0]["contacts"]["system_owner"]["name"] == "Systemeier Elev"
    assert agency["contacts"]["security_manager"]["address"] == "sikkerhet@demo.example"


@pytest.mark.parametrize("systems, field", [
    ([{"key": "Elev System", "name": "Elev", "contacts": {"system_owner": {"name": "S"}}}], "key"),
    ([{"key": "elev", "name": "Elev", "contacts": {"leader": {"name": "S"}}}], "contacts"),
    ([{"key": "elev", "name": "Elev", "contacts": {}}], "contacts"),
])
def test_a_wrong_system_is_refused_naming_the_field(systems, field):
    with pytest.raises(ValidationError) as refused:
        AgencySchema().load({"code": "demo", "name": "Demoetaten", "systems": systems})
    assert field in refused.value.messages["systems"][0]


def test_a_system_named_twice_is_refused():
    system = {"key": "elev", "name": "Elev", "contacts": {"system_owner": {"name": "S"}}}
    with pytest.raises(ValidationError) as refused:
        AgencySchema().load({"code": "demo", "name": "Demoetaten", "systems": [system, system]})
    assert "systems" in refused.value.messages


def test_a_progress_link_names_its_own_task_only():
    token = progress.token_for("hemmelig", "2f3e4d5c-6b7a-4890-a1b2-c3d4e5f60718")
    assert progress.task_of("hemmelig", token) == "2f3e4d5c-6b7a-4890-a1b2-c3d4e5f60718"
    assert progress.task_of("en annen nøkkel", token) is None
    forged = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f." + token.split(".", 1)[1]
    assert progress.task_of("hemmelig", forged) is None
    assert progress.task_of("hemmelig", "no-signature") is None


@pytest.mark.parametrize("language, words", [
    ("nb", ("systemeier", "Meld framdrift", "31.03.2027", "https://vern.example/api/v1/progress/T.x")),
    ("en", ("system owner", "Report progress", "31 Mar 2027", "https://vern.example/api/v1/progress/T.x"))])
def test_the_owners_message_gives_the_due_date_and_the_progress_link(language, words):
    context = {"language": language, "recipient_role": "system_owner", "recipient_name": "Systemeier Elev",
               "due_at": "2027-03-31T22:00:00+00:00", "ack_url": "https://vern.example/api/v1/ack/abc",
               "task_id": "T-1", "title": FACTS["title"], "facts": FACTS,
               "progress_url": "https://vern.example/api/v1/progress/T.x"}
    shown = messages.render("measure_assigned_default", language, context)
    for word in words:
        assert word in shown.text, word
    assert "https://vern.example/api/v1/progress/T.x" in shown.html
    assert FACTS["risk_title"] in shown.text


@pytest.mark.parametrize("language", messages.LANGUAGES)
@pytest.mark.parametrize("template", ["measure_assigned_default", "reminder", "overdue"])
def test_an_incident_measure_without_a_due_date_names_the_incident(language, template):
    facts = {"measure_id": 7, "title": "Segmenter filserveren", "owner": "Sikkerhetsleder",
             "owner_role": "security_manager", "owner_system": None, "due_date": None, "status": "planned",
             "incident_id": "7d1f3c2e", "incident_title": "Løsepengevirus på filserver", "kind": "security_incident",
             "personal_data_involved": False, "coordinator": "isk", "agency": "demo", "agency_name": "Demoetaten"}
    context = {"language": language, "recipient_role": "security_manager", "recipient_name": None, "due_at": None,
               "ack_url": None, "task_id": "T-2", "title": facts["title"], "facts": facts, "progress_url": None,
               "reminder_number": 1, "hours_left": None, "overdue_role": "security_manager"}
    shown = messages.render(template, language, context)
    assert "Løsepengevirus på filserver" in shown.text and "Løsepengevirus på filserver" in shown.html
    assert ("ikke satt" if language == "nb" else "not set") in shown.text
