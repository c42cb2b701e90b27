"""RabbitMQ restarted while incidents are reported: callers get success or a clear 503, and every
escalation that happened reaches reporting exactly once after the services reconnect."""
import subprocess
import threading
import time

from tests.faults.cluster import SECURITY_ROLES, duplicates, report_serious_incidents
from tests.integration.harness import wait_for

OUTAGE_SECONDS = 4


def restart_broker():
    """stop_app/start_app: every connection dropped and refused for a while; durable queues and
    persistent messages survive, as they do a restart of the node."""
    subprocess.run(["rabbitmqctl", "stop_app"], check=True, capture_output=True, timeout=60)
    try:
        time.sleep(OUTAGE_SECONDS)
    finally:
        subprocess.run(["rabbitmqctl", "start_app"], check=True, capture_output=True, timeout=120)


def test_nothing_is_lost_or_doubled_across_a_broker_restart(make_cluster):
    cluster = make_cluster("postgresql")
    coordinator = cluster.vern.client(roles=("pko", "isk"))
    results = {}

    reporting = threading.Thread(target=lambda: results.update(
        outcome=report_serious_incidents(coordinator, 120, threads=3, pause=0.15)))
    reporting.start()
    time.sleep(1.5)  # the outage falls in the middle of the stream
    restart_broker()
    reporting.join(180)
    outcome = results["outcome"]

    assert outcome.unexpected() == [], "every caller got success or a 503, never silence or a 500"
    assert 503 in outcome.statuses, "calls during the outage were refused clearly (else the outage missed)"
    assert 100 <= len(outcome.escalated) < 120

    # a request redelivered after the outage was not carried out twice: one incident per report
    titles = [row[0] for row in cluster.vern.sql("incidents", "SELECT title FROM incidents")]
    assert len(titles) == len(set(titles))

    # what incidents committed as escalated, whatever the caller heard; a 200 always among them
    escalated = {row[0] for row in cluster.vern.sql("incidents", "SELECT id FROM incidents WHERE escalated_at IS NOT NULL")}
    assert set(outcome.escalated) <= escalated
    tasks = cluster.wait_for_tasks(escalated, timeout=120)
    assert set(tasks) == escalated, cluster.diagnostics()
    assert duplicates(tasks) == {}
    assert all(set(roles) == SECURITY_ROLES for roles in tasks.values())
    assert wait_for(lambda: cluster.unpublished_events() == 0, 30) is True, "the outbox drained"
