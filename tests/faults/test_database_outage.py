"""PostgreSQL out of reach for a few seconds while incidents are reported: callers hear 503, the
outbox keeps the events, and every escalation that committed reaches reporting once it is back."""
import threading
import time

from tests.faults.cluster import SECURITY_ROLES, duplicates, report_serious_incidents
from tests.integration.harness import wait_for

OUTAGE_SECONDS = 4


def test_a_database_outage_delays_but_loses_and_doubles_nothing(make_cluster):
    cluster = make_cluster("postgresql", database_proxy=True)
    coordinator = cluster.vern.client(roles=("pko", "isk"))
    results = {}
    reporting = threading.Thread(target=lambda: results.update(
        outcome=report_serious_incidents(coordinator, 100, threads=3, pause=0.25)))
    reporting.start()
    time.sleep(1.5)
    cluster.database_proxy.cut()
    time.sleep(OUTAGE_SECONDS)
    cluster.database_proxy.restore()
    reporting.join(180)
    outcome = results["outcome"]

    assert outcome.unexpected() == [], "every caller got success or a 503, never a 500 or silence"
    assert 503 in outcome.statuses, "calls during the outage were refused clearly (else the outage missed)"
    titles = [row[0] for row in cluster.vern.sql("incidents", "SELECT title FROM incidents")]
    assert len(titles) == len(set(titles))

    escalated = {row[0] for row in cluster.vern.sql("incidents", "SELECT id FROM incidents WHERE escalated_at IS NOT NULL")}
    assert set(outcome.escalated) <= escalated and len(escalated) >= 40
    tasks = cluster.wait_for_tasks(escalated, timeout=120)
    assert set(tasks) == escalated, cluster.diagnostics()
    assert duplicates(tasks) == {}
    assert all(set(roles) == SECURITY_ROLES for roles in tasks.values())
    assert wait_for(lambda: cluster.unpublished_events() == 0, 30) is True, "the outbox drained"
    assert cluster.vern.sql("notifications", "SELECT count(*) FROM dead_letters")[0][0] == 0, \
        "an outage is not the events' fault: none was parked"
