"""Two instances of every service at once, as an operator scales them: the event queues and the
timers are shared, and still every task, e-mail and missed-deadline alarm happens exactly once, and
each service's audit trail stays one unbroken hash chain."""
import json
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from services.reporting.audit_checkpoints import kept
from shared import audit
from shared.config import SERVICE_NAMES, settings
from shared.database import transaction
from shared.service_database import ServiceDatabase
from tests.faults.cluster import SECURITY_ROLES, duplicates, report_serious_incidents
from tests.integration.harness import wait_for
from tests.integration.receivers import MailSink

INSTANCES = 2


def overdue_breach(client, index: int) -> str:
    """A breach the agency became aware of 80 hours ago: its 72-hour deadline passed unnotified."""
    now = datetime.now(timezone.utc)
    response = client.post("/incidents", json={
        "title": f"Elevliste sendt til feil mottaker {index}", "description": "Oppdaget sent.",
        "kind": "personal_data_breach", "category": "misdirected_email_or_letter",
        "occurred_at": (now - timedelta(hours=81)).isoformat(), "aware_at": (now - timedelta(hours=80)).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_task_mail_and_alarm_happens_once_with_two_instances_of_each_service(make_cluster, backend):
    with MailSink() as mail:
        cluster = make_cluster(backend, instances=INSTANCES, SMTP_HOST="127.0.0.1", SMTP_PORT=mail.port,
                               SMTP_STARTTLS=False)
        assert all(len(processes) == INSTANCES for processes in cluster.processes.values())
        coordinator = cluster.vern.client(roles=("pko", "isk"))

        breaches = [overdue_breach(coordinator, index) for index in range(10)]
        outcome = report_serious_incidents(coordinator, 40)
        assert outcome.unexpected() == [] and len(outcome.escalated) == 40

        tasks = cluster.wait_for_tasks(outcome.escalated)
        assert duplicates(tasks) == {}
        assert all(set(tasks[incident]) == SECURITY_ROLES for incident in outcome.escalated)

        # the incidents' deadline timer runs in both instances; each alarm is claimed by one
        wait_for(lambda: set(missed_deadline_alarms(cluster)) == set(breaches), 30)
        time.sleep(1)  # several more ticks of both timers
        assert Counter(missed_deadline_alarms(cluster)) == Counter({incident: 1 for incident in breaches})

        # the notifications delivery timer runs in both instances; each message leaves once
        def all_sent():
            statuses = cluster.vern.sql("notifications", "SELECT status, count(*) FROM deliveries GROUP BY status")
            return dict(statuses) if set(dict(statuses)) == {"delivered"} else None
        sent = wait_for(all_sent, 60)
        assert sent and sent["delivered"] >= 40 * len(SECURITY_ROLES), sent
        wait_for(lambda: len(mail.messages()) >= sent["delivered"], 30)
        time.sleep(1)  # no instance sends a message a second time
        received = mail.messages()
        message_ids = Counter(message.message["Message-ID"] for message in received)
        assert len(received) == sent["delivered"] and max(message_ids.values()) == 1

        # both instances appended to one chain per service, concurrently, without a fork or a gap,
        # and both signed checkpoints of it that agree with it
        key = settings(cluster.vern.config).audit_checkpoint_key
        reporting = ServiceDatabase("reporting", cluster.vern.config)
        try:
            with reporting.sessions() as session:
                checkpoints = {service: kept(session, service) for service in SERVICE_NAMES}
        finally:
            reporting.dispose()
        for service in SERVICE_NAMES:
            database = ServiceDatabase(service, cluster.vern.config)
            try:
                with transaction(database.sessions) as session:
                    chain = audit.verify(session, service, key, checkpoints[service])
            finally:
                database.dispose()
            assert chain.intact, (service, [str(problem) for problem in chain.problems])
            assert chain.entries > 0 or service not in ("incidents", "notifications")  # the two this test writes


def missed_deadline_alarms(cluster) -> list[str]:
    rows = cluster.vern.sql("incidents", "SELECT envelope FROM outbox_events "
                                         "WHERE routing_key = 'authority_deadline_missed'")
    return [(row[0] if isinstance(row[0], dict) else json.loads(row[0]))["subject"] for row in rows]
