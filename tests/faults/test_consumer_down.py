"""Reporting stopped while serious incidents keep coming: the events wait in its durable queue."""
import pytest

from tests.faults.cluster import SECURITY_ROLES, duplicates, report_serious_incidents


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_notification_task_exists_once_after_notifications_comes_back(make_cluster, backend):
    cluster = make_cluster(backend)
    coordinator = cluster.vern.client(roles=("pko", "isk"))
    cluster.stop_service("notifications")

    outcome = report_serious_incidents(coordinator, 200)
    assert outcome.unexpected() == [] and len(outcome.escalated) == 200, outcome.statuses
    assert cluster.tasks_per_incident() == {}, "notifications is down: nobody made tasks"

    cluster.start_service("notifications")
    tasks = cluster.wait_for_tasks(outcome.escalated)
    assert set(tasks) == set(outcome.escalated)
    assert duplicates(tasks) == {}
    assert all(set(roles) == SECURITY_ROLES for roles in tasks.values())
    assert sum(len(roles) for roles in tasks.values()) == 200 * len(SECURITY_ROLES)
