"""The risk service's use cases on its real unit of work and a fresh SQLite database, no broker: an
assessment carried out, the risks held against the acceptance level, and the events that follow."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.risk import assessments, risks
from services.risk.models import Risk
from services.risk.schemas import (AddRiskSchema, CreateRiskAssessmentSchema, RiskAssessmentTransitionSchema,
                                   UpdateRiskSchema)
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, CrossAgencyWrite, NotFound
from shared.validation import load

ISK = Principal(sub="ida", roles=frozenset({"isk"}), agency="demo")
LEADER = Principal(sub="leder", roles=frozenset({"leader"}), agency="demo")
CENTRAL = Principal(sub="sentral", roles=frozenset({"central", "isk"}), agency="fin")
OTHER_ISK = Principal(sub="per", roles=frozenset({"isk"}), agency="byr")


@pytest.fixture
def risk(use_case_database):
    return use_case_database("risk")


def started_assessment(risk, scope="overall"):
    assessment = risk.run(assessments.create_assessment, ISK, load(CreateRiskAssessmentSchema(), {
        "scope": scope, "title": "Helhetlig risikovurdering", "assessed": "Fagsystemet og integrasjonene",
        "asset_ids": ["sys-42"], "participants": ["isk", "systemeier"], "owner": "systemeier",
        "assessment_date": today().isoformat(), "next_review_date": (today() + timedelta(days=365)).isoformat()}))
    risk.run(assessments.change_status, ISK, assessment.id, load(RiskAssessmentTransitionSchema(),
                                                                  {"status": "in_progress"}))
    return assessment


def add_risk(risk, assessment_id, likelihood, consequence, **extra):
    return risk.run(risks.add_risk, ISK, assessment_id, load(AddRiskSchema(), {
        "title": extra.pop("title", "Uautorisert tilgang via delt konto"), "likelihood": likelihood,
        "consequence": consequence, "threat": "Tidligere ansatt", "vulnerability": "Delte kontoer",
        "asset": "Fagsystemet", "affects": ["confidentiality"], "owner": "systemeier", **extra}))


def complete(risk, assessment_id):
    return risk.run(assessments.change_status, ISK, assessment_id,
                    load(RiskAssessmentTransitionSchema(), {"status": "completed"}))


def test_a_risk_above_the_acceptance_level_is_announced_once_the_assessment_is_completed(risk):
    assessment = started_assessment(risk)
    high = add_risk(risk, assessment.id, 5, 4)
    treated = add_risk(risk, assessment.id, 4, 4, title="Løsepengevirus", treatment="reduce",
                       residual_likelihood=2, residual_consequence=3)
    assert (high.reference, high.residual_level, high.acceptable) == ("R1", "high", False)
    assert (treated.residual_level, treated.acceptable) == ("medium", True)
    assert risk.events("unacceptable_risk_identified") == [], "not announced before evaluation"

    complete(risk, assessment.id)
    [identified] = risk.events("unacceptable_risk_identified")
    assert identified["subject"] == high.id and identified["agency"] == "demo"
    assert identified["data"]["reason"] == "evaluated" and identified["data"]["residual_level"] == "high"
    assert identified["data"]["assessment_id"] == assessment.id and identified["data"]["reference"] == "R1"
    [completed] = risk.events("assessment_completed")
    assert completed["data"]["unacceptable_count"] == 1 and completed["data"]["risk_count"] == 2


def test_a_risk_rated_acceptable_in_a_revision_is_resolved_when_completed_again(risk):
    assessment = started_assessment(risk, scope="system")
    high = add_risk(risk, assessment.id, 5, 5)
    complete(risk, assessment.id)
    risk.run(assessments.change_status, ISK, assessment.id, load(RiskAssessmentTransitionSchema(),
                                                                  {"status": "in_progress", "note": "Revisjon"}))
    rerated = risk.run(risks.update_risk, ISK, high.id, load(UpdateRiskSchema(), {
        "residual_likelihood": 2, "residual_consequence": 3}))
    assert (rerated.residual_level, rerated.acceptable) == ("medium", True)
    assert risk.events("unacceptable_risk_resolved") == [], "not before the revision is completed"
    complete(risk, assessment.id)
    [resolved] = risk.events("unacceptable_risk_resolved")
    assert resolved["subject"] == high.id and resolved["data"]["resolution"] == "residual_acceptable"
    assert len(risk.events("unacceptable_risk_identified")) == 1


def test_an_approved_assessment_is_locked_until_revised(risk):
    assessment = started_assessment(risk)
    high = add_risk(risk, assessment.id, 5, 4)
    complete(risk, assessment.id)
    risk.run(assessments.approve, LEADER, assessment.id, "Godkjent")
    [approved] = risk.events("assessment_approved")
    assert approved["data"]["approved_by"] == "leder" and approved["data"]["note"] == "Godkjent"
    with pytest.raises(Conflict):
        risk.run(risks.update_risk, ISK, high.id, load(UpdateRiskSchema(), {"likelihood": 4}))
    assert risk.read(select(Risk))[0].likelihood == 5


def test_another_agencys_risk_is_not_found_and_the_central_teams_attempt_is_audited(risk):
    assessment = started_assessment(risk)
    high = add_risk(risk, assessment.id, 5, 4)
    with pytest.raises(NotFound):
        risk.run(risks.update_risk, OTHER_ISK, high.id, load(UpdateRiskSchema(), {"likelihood": 1}))
    with pytest.raises(CrossAgencyWrite):
        risk.run(risks.update_risk, CENTRAL, high.id, load(UpdateRiskSchema(), {"likelihood": 1}))
    assert risk.read(select(Risk))[0].likelihood == 5
    [attempt] = risk.audit_entries("refused")
    assert (attempt.entity, attempt.entity_id, attempt.agency, attempt.actor_agency) == ("risks", high.id, "demo",
                                                                                        "fin")
