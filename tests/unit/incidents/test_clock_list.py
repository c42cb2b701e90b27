"""The incident list behind the dashboard's 72-hour clocks: only the running clocks (notification pending),
the nearest deadline first; and the statistics' months by kind behind the dashboard's picture."""
from datetime import datetime, timedelta, timezone

import pytest

from services.incidents import handlers, overview
from services.incidents.schemas import AssessIncidentSchema, IncidentListQuerySchema
from shared.clock import OSLO
from shared.errors import BadInput
from shared.validation import load
from tests.unit.incidents.test_use_cases import PKO, report


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


def listed(incidents, **query) -> list[str]:
    filters = load(IncidentListQuerySchema(), query)
    page, page_size = filters.pop("page", 1), filters.pop("page_size", 25)
    with incidents.unit_of_work(PKO) as uow:
        return [i.id for i in overview.list_incidents(uow, PKO, page, page_size, **filters)["items"]]


def breach(incidents, aware_hours_ago: int):
    now = datetime.now(timezone.utc)
    incident = report(incidents, kind="personal_data_breach", occurred_at=(now - timedelta(hours=80)).isoformat(),
                      aware_at=(now - timedelta(hours=aware_hours_ago)).isoformat())
    incidents.run(handlers.assess_incident, PKO, incident.id,
                  load(AssessIncidentSchema(), {"severity": "high", "personal_data_involved": True}))
    return incident


def test_the_running_clocks_come_nearest_deadline_first(incidents):
    later, sooner, latest = breach(incidents, 2), breach(incidents, 60), breach(incidents, 1)
    plain = report(incidents)  # no personal data: no clock
    assert listed(incidents, notification="pending", sort="deadline") == [sooner.id, later.id, latest.id]
    assert plain.id not in listed(incidents, notification="pending")
    assert listed(incidents, sort="deadline")[0] == sooner.id
    assert listed(incidents)[0] == plain.id  # the default stays the latest reported first


def test_an_unknown_order_or_notification_state_is_refused_naming_the_field():
    with pytest.raises(BadInput) as refused:
        load(IncidentListQuerySchema(), {"sort": "oldest", "notification": "soon"})
    assert set(refused.value.details) == {"sort", "notification"}


def test_the_statistics_count_each_month_by_kind(incidents):
    now = datetime.now(timezone.utc)
    report(incidents)
    report(incidents)
    report(incidents, kind="deviation", category="data_loss")
    with incidents.unit_of_work(PKO) as uow:
        figures = overview.statistics(uow, PKO)
    month = now.astimezone(OSLO).strftime("%Y-%m")  # the month in Oslo, as the service counts
    assert figures["per_month_by_kind"] == {month: {"security_incident": 2, "deviation": 1}}


def test_open_keeps_what_is_not_closed_or_rejected_in_the_list_and_the_statistics(incidents):
    from services.incidents import casework
    from services.incidents.schemas import TransitionSchema
    still_open = report(incidents)
    rejected = report(incidents)
    incidents.run(casework.change_status, PKO, rejected.id, load(TransitionSchema(), {
        "status": "rejected", "note": "Ikke en hendelse."}))
    assert listed(incidents, open="true") == [still_open.id]
    assert listed(incidents, open="false") == [rejected.id]
    with incidents.unit_of_work(PKO) as uow:
        assert overview.statistics(uow, PKO, open=True)["total"] == 1
