"""The reporting service's use cases on its real unit of work and a fresh SQLite database, no broker: an
event from the incidents service's outbox handed to reporting's consumer, the tasks it makes, who may
complete them, and who may change the routing rules. Both databases are migrated, so the default rules
are the ones `vern migrate` seeds."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from services.incidents import domain as incident_domain
from services.incidents import handlers as incident_handlers
from services.incidents.schemas import AssessIncidentSchema, ReportIncidentSchema
from services.notifications import handlers, routing_rules
from services.notifications.models import NotificationTask, RoutingRule
from services.notifications.schemas import RoutingRuleInputSchema
from shared.auth import Principal
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.errors import BadInput, Conflict, CrossAgencyWrite, Forbidden, NotFound
from shared.validation import load

PKO = Principal(sub="kari", roles=frozenset({"pko"}), agency="demo")
LEADER = Principal(sub="leder", roles=frozenset({"leader"}), agency="demo")
OTHER_LEADER = Principal(sub="annen", roles=frozenset({"leader"}), agency="byr")
CENTRAL = Principal(sub="sentral", roles=frozenset({"central", "pko"}), agency="fin")
ESCALATED = "incidents.incident_escalated"
CONSUMER = "notifications.on_incident_escalated"


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


@pytest.fixture
def reporting(use_case_database):
    return use_case_database("notifications")


def escalated_breach(incidents, severity="high", personal_data=True) -> dict:
    """A breach reported an hour after the coordinator learnt of it and assessed: the escalation event."""
    aware_at = datetime.now(timezone.utc) - timedelta(hours=1)
    incident = incidents.run(incident_handlers.report_incident, PKO, load(ReportIncidentSchema(), {
        "title": "Feilsendt vedtak", "description": "Elevliste sendt til feil foresatt.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (aware_at - timedelta(hours=1)).isoformat(), "aware_at": aware_at.isoformat()}),
        incident_domain.CATEGORIES)
    incidents.run(incident_handlers.assess_incident, PKO, incident.id, load(AssessIncidentSchema(), {
        "severity": severity, "personal_data_involved": personal_data}))
    [escalated] = incidents.events("incident_escalated", incident.id)
    return escalated


def deliver(reporting, escalated: dict) -> None:
    reporting.deliver(CONSUMER, escalated, INCIDENT_ESCALATED, handlers.create_tasks_for_escalated_incident)


def tasks(reporting, subject_id: str) -> dict[str, NotificationTask]:
    found = reporting.read(select(NotificationTask).where(NotificationTask.subject_id == subject_id))
    return {task.recipient_role: task for task in found}


def test_an_escalated_breach_gives_each_default_recipient_one_task_and_datatilsynet_the_notification(
        incidents, reporting):
    escalated = escalated_breach(incidents)
    deliver(reporting, escalated)
    deliver(reporting, escalated)  # the broker delivers it again: still one task each
    rows = reporting.read(select(NotificationTask))
    assert sorted(task.recipient_role for task in rows) == [
        "central", "datatilsynet", "leader", "ombud", "parent_department"]
    made = tasks(reporting, escalated["subject"])
    authority = made["datatilsynet"]
    assert authority.action == "notify_authority" and authority.status == "open"
    aware_at = datetime.fromisoformat(escalated["data"]["aware_at"])
    assert authority.due_at == aware_at + timedelta(hours=72)
    created = reporting.events("notification_task_created")
    assert sorted(e["data"]["recipient_role"] for e in created) == sorted(made)
    assert {e["data"]["source_event_id"] for e in created} == {escalated["id"]}


def test_datatilsynets_task_is_not_completed_by_acknowledgement_nor_the_heads_without_a_note(
        incidents, reporting):
    escalated = escalated_breach(incidents)
    deliver(reporting, escalated)
    made = tasks(reporting, escalated["subject"])
    with pytest.raises(Conflict) as refused:
        reporting.run(handlers.complete_task, PKO, made["datatilsynet"].id, "Bekreft")
    assert "Altinn" in str(refused.value)
    with pytest.raises(BadInput) as no_note:
        reporting.run(handlers.complete_task, PKO, made["leader"].id, None)
    assert "note" in no_note.value.details
    assert reporting.events("notification_task_completed") == []

    reporting.run(handlers.complete_task, PKO, made["leader"].id, "Orientert muntlig i ledermøtet.")
    done = tasks(reporting, escalated["subject"])
    assert done["datatilsynet"].status == "open"
    assert (done["leader"].status, done["leader"].acknowledged_via) == ("completed", "on_behalf")
    [completed] = reporting.events("notification_task_completed")
    assert completed["data"]["task_id"] == made["leader"].id and completed["data"]["completed_by"] == "kari"


def test_another_agencys_task_is_not_found_and_the_central_teams_attempt_is_audited(incidents, reporting):
    escalated = escalated_breach(incidents)
    deliver(reporting, escalated)
    leader_task = tasks(reporting, escalated["subject"])["leader"]
    with pytest.raises(NotFound):
        reporting.run(handlers.complete_task, OTHER_LEADER, leader_task.id, "x")
    with pytest.raises(CrossAgencyWrite):
        reporting.run(handlers.complete_task, CENTRAL, leader_task.id, "Orientert.")
    assert tasks(reporting, escalated["subject"])["leader"].status == "open"
    [attempt] = reporting.audit_entries("refused")
    assert (attempt.entity, attempt.entity_id, attempt.agency, attempt.actor_agency) == (
        "notification_tasks", leader_task.id, "demo", "fin")


def rule(**fields) -> dict:
    return load(RoutingRuleInputSchema(), {"event_type": ESCALATED, "recipient_role": "leader", **fields})


def test_an_agencys_own_rule_replaces_the_defaults_for_new_events(incidents, reporting):
    created = reporting.run(routing_rules.create_rule, PKO, rule(conditions={"severity": "critical"}))
    assert created["agency_code"] == "demo" and created["in_force"] is True
    high, critical = escalated_breach(incidents, "high"), escalated_breach(incidents, "critical")
    deliver(reporting, high)
    deliver(reporting, critical)
    assert tasks(reporting, high["subject"]) == {}
    assert list(tasks(reporting, critical["subject"])) == ["leader"]


def test_a_routing_rule_of_another_agency_is_refused_and_left_as_it_was(reporting):
    own = reporting.run(routing_rules.create_rule, PKO, rule(recipient_role="ombud"))
    outsiders = (Principal(sub="per", roles=frozenset({"pko", "isk"}), agency="byr"),
                 Principal(sub="adm", roles=frozenset({"admin"}), agency="byr"), CENTRAL)
    for outsider in outsiders:
        with pytest.raises(NotFound):
            reporting.run(routing_rules.retire_rule, outsider, own["id"])
        with pytest.raises(Forbidden):
            reporting.run(routing_rules.create_rule, outsider, rule(agency="demo", conditions={"kind": "near_miss"}))
    with pytest.raises(Forbidden):  # the defaults are the operator's alone
        reporting.run(routing_rules.create_rule, PKO, rule(agency="*"))
    [kept] = reporting.read(select(RoutingRule).where(RoutingRule.agency_code == "demo"))
    assert (kept.id, kept.active, kept.recipient_role) == (own["id"], True, "ombud")
