"""Issue 25 item 6: the central team's courses and events for the coordinators, and each agency's
record of who of its coordinators took part, on a real SQLite file."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from services.training import coordinators
from services.training.schemas import PublishCoordinatorCourseSchema, RecordCoordinatorParticipationSchema
from shared.audit import AuditEntry
from shared.clock import today
from shared.errors import BadInput, CrossAgencyWrite, NotFound
from shared.outbox import OutboxEvent
from tests.unit.training.conftest import principal

CENTRAL = principal("fin", "central", sub="sentral")
BYR_PKO = principal("byr", "pko", sub="kari")
UKE_ADMIN = principal("uke", "admin", sub="ola")


def publish(database, **fields):
    command = PublishCoordinatorCourseSchema().load({
        "title": "Koordinatorsamling", "kind": "event", "roles": ["pko", "isk"],
        "starts_on": (today() - timedelta(days=3)).isoformat(), **fields})
    with database.unit_of_work() as uow:
        return coordinators.publish_course(uow, CENTRAL, command).id


def record(database, caller, **fields):
    command = RecordCoordinatorParticipationSchema().load({"person": "Kari Nordmann", "role": "pko", **fields})
    with database.unit_of_work() as uow:
        return coordinators.record_participation(uow, caller, command, today())


def events(database, name):
    with database.unit_of_work() as uow:
        return [row.envelope for row in uow.session.scalars(select(OutboxEvent)) if row.routing_key == name]


def test_the_central_team_publishes_and_every_agency_reads(database):
    course_id = publish(database)
    with database.unit_of_work() as uow:
        found = coordinators.list_courses(uow, page=1, page_size=25, year=(today() - timedelta(days=3)).year)
        assert [c.id for c in found["items"]] == [course_id]
        assert coordinators.get_course(uow, course_id).agency == "fin"
        assert coordinators.list_courses(uow, page=1, page_size=25, role="isk")["total"] == 1
        assert coordinators.list_courses(uow, page=1, page_size=25, kind="course")["total"] == 0
    [published] = events(database, "coordinator_course_published")
    assert published["agency"] == "fin" and published["data"]["roles"] == ["pko", "isk"]


def test_a_coordinator_records_their_own_participation_and_a_correction_replaces_it(database):
    course_id = publish(database)
    first = record(database, BYR_PKO, course_id=course_id, person="Kari Ødegård")
    assert (first["agency"], first["attended"], first["attended_on"]) == ("byr", True, today() - timedelta(days=3))
    again = record(database, BYR_PKO, course_id=course_id, person="kari  ødegård", attended=False)
    assert again["id"] == first["id"] and again["attended"] is False
    with database.unit_of_work() as uow:
        listed = coordinators.list_participations(uow, BYR_PKO, page=1, page_size=25)
    assert listed["total"] == 1 and listed["items"][0]["course_title"] == "Koordinatorsamling"
    assert [e["data"]["attended"] for e in events(database, "coordinator_participation_recorded")] == [True, False]
    assert "person" not in events(database, "coordinator_participation_recorded")[0]["data"]


def test_an_agency_admin_records_for_its_own_coordinators(database):
    course_id = publish(database)
    recorded = record(database, UKE_ADMIN, course_id=course_id, person="isk@uke.oslo.kommune.no", role="isk",
                      agency="uke")
    assert recorded["agency"] == "uke" and recorded["recorded_by"] == "ola"


def test_another_agencys_coordinators_are_not_found_and_the_attempt_is_audited(database):
    course_id = publish(database)
    with pytest.raises(CrossAgencyWrite) as refused:
        record(database, BYR_PKO, course_id=course_id, agency="uke")
    assert "not found" in str(refused.value)
    with pytest.raises(CrossAgencyWrite):  # the central team reads every agency but writes none of theirs
        record(database, principal("fin", "central", "pko"), course_id=course_id, agency="byr")
    assert events(database, "coordinator_participation_recorded") == []
    with database.unit_of_work() as uow:
        refusals = [e for e in uow.session.scalars(select(AuditEntry)) if e.operation == "refused"]
    assert {e.agency for e in refusals} == {"uke", "byr"}


def test_others_do_not_see_an_agencys_participation_but_the_central_team_does(database):
    course_id = publish(database)
    record(database, BYR_PKO, course_id=course_id)
    with database.unit_of_work() as uow:
        assert coordinators.list_participations(uow, UKE_ADMIN, page=1, page_size=25)["total"] == 0
        assert coordinators.list_participations(uow, CENTRAL, page=1, page_size=25)["total"] == 1


def test_bad_participation_names_the_field(database):
    isk_only = publish(database, roles=["isk"])
    with pytest.raises(BadInput) as wrong_role:
        record(database, BYR_PKO, course_id=isk_only, role="pko")
    assert "role" in wrong_role.value.details
    coming = publish(database, starts_on=(today() + timedelta(days=10)).isoformat())
    with pytest.raises(BadInput) as not_yet:
        record(database, BYR_PKO, course_id=coming)
    assert "attended" in not_yet.value.details
    record(database, BYR_PKO, course_id=coming, attended=False)  # "will not come" may be said beforehand
    with pytest.raises(BadInput) as early:
        record(database, BYR_PKO, course_id=isk_only, role="isk",
               attended_on=(today() - timedelta(days=5)).isoformat())
    assert "attended_on" in early.value.details
    with pytest.raises(NotFound):
        record(database, BYR_PKO, course_id="no-such-course")


@pytest.mark.parametrize("given, field", [
    ({"roles": []}, "roles"), ({"roles": ["pko", "pko"]}, "roles"), ({"roles": ["leader"]}, "roles"),
    ({"kind": "webinar"}, "kind"), ({"link": "not a link"}, "link"), ({"title": "x"}, "title"),
    ({"starts_on": "2026-10-20", "ends_on": "2026-10-19"}, "ends_on"),
])
def test_a_bad_course_names_the_field(given, field):
    errors = PublishCoordinatorCourseSchema().validate({"title": "Samling", "kind": "event", "roles": ["pko"],
                                                        "starts_on": "2026-10-20", **given})
    assert field in errors


@pytest.mark.parametrize("given, field", [
    ({"role": "leader"}, "role"), ({"person": "  "}, "person"), ({"attended": "kanskje"}, "attended"),
    ({"attended_on": "tomorrow"}, "attended_on"), ({"course_id": ""}, "course_id"),
])
def test_a_bad_participation_names_the_field(given, field):
    # tomorrow as of when the test runs, not when it was collected: a run may pass midnight in Oslo
    given = {name: (today() + timedelta(days=1)).isoformat() if value == "tomorrow" else value
             for name, value in given.items()}
    errors = RecordCoordinatorParticipationSchema().validate({"course_id": "c-1", "person": "Kari", "role": "pko",
                                                              **given})
    assert field in errors
