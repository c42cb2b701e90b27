"""The incidents service's use cases on its real unit of work and a fresh SQLite database, no broker:
what a reporter and a coordinator notice, and the events the outbox then holds."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from services.incidents import casework, domain, handlers
from services.incidents.models import Incident
from services.incidents.schemas import (AddMeasureSchema, AssessIncidentSchema, CloseIncidentSchema,
                                        ReportIncidentSchema, TransitionSchema, UpdateMeasureSchema)
from shared.auth import Principal
from shared.errors import BadInput, Conflict, CrossAgencyWrite, NotFound
from shared.validation import load

PKO = Principal(sub="kari", roles=frozenset({"pko"}), agency="demo")
EMPLOYEE = Principal(sub="ola", roles=frozenset({"employee"}), agency="demo")
OTHER_PKO = Principal(sub="per", roles=frozenset({"pko"}), agency="byr")
CENTRAL = Principal(sub="sentral", roles=frozenset({"central", "pko"}), agency="fin")


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


def report(incidents, caller=PKO, **overrides):
    now = datetime.now(timezone.utc)
    command = load(ReportIncidentSchema(), {
        "title": "Phishing mot lønnsavdelingen", "description": "Flere ansatte fikk falsk e-post.",
        "kind": "security_incident", "category": "phishing",
        "occurred_at": (now - timedelta(hours=5)).isoformat(), "aware_at": (now - timedelta(hours=2)).isoformat(),
        **overrides})
    return incidents.run(handlers.report_incident, caller, command, domain.CATEGORIES)


def resolved(incidents):
    incident = report(incidents)
    for status in ("triage", "investigating", "contained", "resolved"):
        incidents.run(casework.change_status, PKO, incident.id, load(TransitionSchema(), {"status": status}))
    return incident


CLOSING = {"root_cause": "Feil mottaker valgt fra adresseboken.",
           "lessons_learned": "Slå av autofullføring for eksterne adresser."}


def test_a_reported_incident_is_stored_and_incident_reported_is_in_the_outbox(incidents):
    incident = report(incidents, EMPLOYEE)
    [stored] = incidents.read(select(Incident))
    assert (stored.id, stored.agency, stored.reported_by, stored.status) == (incident.id, "demo", "ola", "reported")
    [reported] = incidents.events("incident_reported")
    assert reported["type"] == "no.vern.incidents.incident_reported.v1"
    assert (reported["subject"], reported["agency"]) == (incident.id, "demo")
    assert {key: reported["data"][key] for key in ("incident_id", "kind", "category", "reported_by")} == {
        "incident_id": incident.id, "kind": "security_incident", "category": "phishing", "reported_by": "ola"}


def test_an_unknown_category_stores_nothing_and_announces_nothing(incidents):
    with pytest.raises(BadInput) as refused:
        report(incidents, category="ukjent")
    assert "category" in refused.value.details
    assert incidents.read(select(Incident)) == [] and incidents.events() == []


def test_a_high_severity_escalates_the_incident(incidents):
    incident = report(incidents)
    incidents.run(handlers.assess_incident, PKO, incident.id,
                  load(AssessIncidentSchema(), {"severity": "high", "personal_data_involved": False}))
    [assessed] = incidents.events("incident_assessed")
    [escalated] = incidents.events("incident_escalated")
    assert assessed["data"]["severity"] == "high" and assessed["data"]["serious"] is True
    assert escalated["subject"] == incident.id and escalated["data"]["severity"] == "high"


def test_the_central_team_cannot_change_another_agencys_incident_and_the_attempt_is_audited(incidents):
    incident = report(incidents)
    with pytest.raises(CrossAgencyWrite) as refused:
        incidents.run(handlers.assess_incident, CENTRAL, incident.id,
                      load(AssessIncidentSchema(), {"severity": "critical", "personal_data_involved": False}))
    assert isinstance(refused.value, NotFound) and "not found" in str(refused.value)
    [unchanged] = incidents.read(select(Incident))
    assert unchanged.severity is None and incidents.events("incident_assessed") == []
    [attempt] = incidents.audit_entries("refused")
    assert (attempt.agency, attempt.actor, attempt.actor_agency) == ("demo", "sentral", "fin")
    assert (attempt.entity, attempt.entity_id, attempt.changes) == (
        "incidents", incident.id, {"reason": "cross_agency_write"})


def test_another_agencys_coordinator_does_not_find_the_incident(incidents):
    incident = report(incidents)
    with pytest.raises(NotFound):
        incidents.run(casework.change_status, OTHER_PKO, incident.id, load(TransitionSchema(), {"status": "triage"}))
    assert incidents.read(select(Incident))[0].status == "reported"
    assert incidents.events("incident_status_changed") == []


def test_an_open_measure_keeps_the_incident_open_and_is_named(incidents):
    incident = resolved(incidents)
    measure = incidents.run(casework.add_measure, PKO, incident.id,
                            load(AddMeasureSchema(), {"title": "Opplæring", "owner": "pko"}))
    with pytest.raises(Conflict) as refused:
        incidents.run(casework.close_incident, PKO, incident.id, load(CloseIncidentSchema(), CLOSING))
    assert list(refused.value.details) == ["measures"] and str(measure.id) in refused.value.details["measures"][0]
    assert incidents.read(select(Incident))[0].status == "resolved" and incidents.events("incident_closed") == []

    incidents.run(casework.update_measure, PKO, incident.id, measure.id,
                  load(UpdateMeasureSchema(), {"status": "done"}))
    closed = incidents.run(casework.close_incident, PKO, incident.id, load(CloseIncidentSchema(), CLOSING))
    assert closed.status == "closed" and closed.closed_by == "kari"
    [announced] = incidents.events("incident_closed")
    assert announced["data"]["measures"] == [{"title": "Opplæring", "kind": "corrective", "status": "done"}]
    assert [e["data"]["to_status"] for e in incidents.events("incident_status_changed")][-1] == "closed"
