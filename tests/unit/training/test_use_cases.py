"""The training service's use cases on its real unit of work and a fresh SQLite database, no broker: a
campaign launched to its audience and completed with its figures, and the events written."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.training import campaigns, completions, courses, participants
from services.training.models import Campaign
from services.training.schemas import (CompletionInputSchema, CreateCampaignSchema, CreateCourseSchema,
                                       ParticipantsInputSchema, UpdateCampaignSchema)
from shared.auth import Principal
from shared.clock import today
from shared.errors import Conflict, CrossAgencyWrite, NotFound
from shared.validation import load

PKO = Principal(sub="kari", roles=frozenset({"pko"}), agency="demo")
CENTRAL = Principal(sub="sentral", roles=frozenset({"central", "pko"}), agency="fin")
OTHER_PKO = Principal(sub="per", roles=frozenset({"pko"}), agency="byr")
UNITS = ("Skole A", "Skole B", "Bydelskontor", "Etatsledelsen")
ROLES = ("lærer", "saksbehandler", "leder")


@pytest.fixture
def training(use_case_database):
    return use_case_database("training")


def planned_campaign(training):
    """Twelve people in four units, a privacy course, and a campaign for the two schools."""
    training.run(participants.load_directory, PKO, load(ParticipantsInputSchema(), {"participants": [
        {"participant_id": f"u-{n:04d}", "unit": UNITS[n % len(UNITS)], "role": ROLES[n % len(ROLES)],
         "since": "2020-01-01"} for n in range(1, 13)]}))
    course = training.run(courses.create_course, PKO, load(CreateCourseSchema(), {
        "code": "PV-101", "title": "Personvern for alle ansatte", "topic": "privacy", "duration_minutes": 30,
        "material_url": "https://laring.oslo.kommune.no/personvern", "pass_mark": 80}))
    campaign = training.run(campaigns.create_campaign, PKO, load(CreateCampaignSchema(), {
        "title": "Personvernuka for skolene", "topic": "privacy", "course_id": course.id,
        "starts_on": (today() + timedelta(days=1)).isoformat(), "ends_on": (today() + timedelta(days=15)).isoformat(),
        "target_units": ["Skole A", "Skole B"], "target_rate": 80, "reminders": {"count": 2, "spacing_days": 7}}))
    return course, campaign


def test_a_launched_campaign_enrols_its_audience_and_a_completed_one_announces_its_figures(training):
    course, campaign = planned_campaign(training)
    assert campaign.status == "planned" and training.events() == []
    launched = training.run(campaigns.launch, PKO, campaign.id)
    assert launched.status == "running" and launched.starts_on == today(), "launched early: it starts today"
    [announced] = training.events("campaign_launched", campaign.id)
    assert announced["type"] == "no.vern.training.campaign_launched.v1" and announced["data"]["enrolled"] == 6

    with training.unit_of_work(PKO) as uow:
        enrolled = [e.participant_id for e in campaigns.enrolments_of(uow, PKO, campaign.id)]
    for person, score in zip(enrolled[:4], (95, 81, 80, 55)):  # the last fails the quiz
        training.run(completions.record_completion, PKO, load(CompletionInputSchema(), {
            "course_id": course.id, "participant_id": person, "completed_on": today().isoformat(), "score": score}))
    finished = training.run(campaigns.complete, PKO, campaign.id)
    assert finished.status == "completed" and finished.figures["completion_rate"] == 50.0
    [done] = training.events("campaign_completed", campaign.id)
    assert (done["data"]["enrolled"], done["data"]["completed"], done["data"]["target_met"]) == (6, 3, False)
    assert {unit["unit"] for unit in done["data"]["by_unit"]} == {"Skole A", "Skole B"}


def test_a_campaign_is_launched_once_and_a_completed_one_no_longer_changes(training):
    _, campaign = planned_campaign(training)
    training.run(campaigns.launch, PKO, campaign.id)
    with pytest.raises(Conflict):
        training.run(campaigns.launch, PKO, campaign.id)
    training.run(campaigns.complete, PKO, campaign.id)
    with pytest.raises(Conflict):
        training.run(campaigns.update_campaign, PKO, campaign.id, load(UpdateCampaignSchema(), {"title": "Ny tittel"}))
    assert training.read(select(Campaign))[0].title == "Personvernuka for skolene"
    assert len(training.events("campaign_launched")) == 1 and len(training.events("campaign_completed")) == 1


def test_a_course_code_is_used_once_per_agency(training):
    course, _ = planned_campaign(training)
    again = load(CreateCourseSchema(), {"code": "pv-101", "title": "Personvern igjen", "topic": "privacy"})
    with pytest.raises(Conflict) as refused:
        training.run(courses.create_course, PKO, again)
    assert refused.value.details == {"code": ["pv-101"]}
    assert training.run(courses.create_course, OTHER_PKO, again).agency == "byr"


def test_another_agencys_campaign_is_not_launched_and_the_central_teams_attempt_is_audited(training):
    _, campaign = planned_campaign(training)
    with pytest.raises(NotFound):
        training.run(campaigns.launch, OTHER_PKO, campaign.id)
    with pytest.raises(CrossAgencyWrite):
        training.run(campaigns.launch, CENTRAL, campaign.id)
    assert training.read(select(Campaign))[0].status == "planned" and training.events("campaign_launched") == []
    [attempt] = training.audit_entries("refused")
    assert (attempt.entity, attempt.entity_id, attempt.agency, attempt.actor_agency) == (
        "campaigns", campaign.id, "demo", "fin")
