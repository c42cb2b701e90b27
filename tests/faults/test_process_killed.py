"""A notifications process SIGKILLed in the middle of an escalation: the event comes back and is handled once."""
import pytest

from tests.faults.cluster import SECURITY_ROLES, report_serious_incidents
from tests.integration.harness import wait_for


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("point, tasks_at_kill", [("before_commit", 0), ("after_commit", 3)])
def test_an_event_interrupted_by_sigkill_is_redelivered_and_handled_once(make_cluster, tmp_path, backend,
                                                                         point, tasks_at_kill):
    cluster = make_cluster(backend)
    coordinator = cluster.vern.client(roles=("pko", "isk"))
    marker = tmp_path / "reached"
    cluster.stop_service("notifications")
    cluster.start_service("notifications", module="tests.faults.paused_notifications:NotificationsService",
                          env={"VERN_FAULT_MARKER": str(marker), "VERN_FAULT_POINT": point})

    outcome = report_serious_incidents(coordinator, 1)
    [incident] = outcome.escalated
    assert wait_for(marker.exists, 30), "the handler reached the point where it is killed"
    event_id = marker.read_text()
    assert len(cluster.tasks_per_incident().get(incident, [])) == tasks_at_kill

    cluster.kill_service("notifications")
    cluster.start_service("notifications")
    tasks = cluster.wait_for_tasks([incident])
    assert sorted(tasks[incident]) == sorted(SECURITY_ROLES)

    def handled() -> int:
        return cluster.vern.sql("notifications", "SELECT count(*) FROM processed_events WHERE event_id = :id "
                                             "AND consumer = 'notifications.on_incident_escalated'", id=event_id)[0][0]
    # the tasks may stand before the redelivered escalation commits: other events of the incident
    # (its assessment) route to the same recipients, so wait for the escalation's own record
    assert wait_for(lambda: handled() >= 1, 30), "the redelivered escalation was handled"
    assert handled() == 1
