"""Poison messages: parked as dead letters after a bounded number of attempts, never blocking the
queue behind them, listed and replayed by the operator's `vern dead-letters`."""
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import yaml
from kombu import Connection, Producer
from sqlalchemy import create_engine, text

from shared.config import ROOT
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.events import build_envelope
from shared.outbox import event_exchange
from tests.faults.cluster import SECURITY_ROLES, duplicates, report_serious_incidents
from tests.integration.harness import wait_for

CONSUMER = "notifications.on_incident_escalated"


def escalation(incident_id: str) -> dict:
    now = datetime.now(timezone.utc)
    return build_envelope(INCIDENT_ESCALATED, incident_id, "demo", {
        "incident_id": incident_id, "title": "Uventet", "kind": "security_incident", "category": "other",
        "severity": "high", "personal_data_involved": False, "reason": "severity",
        "occurred_at": now, "aware_at": now, "escalated_at": now})


def publish(config: dict, *bodies):
    with Connection(config["AMQP_URI"]) as connection:
        producer = Producer(connection.channel())
        for body in bodies:
            producer.publish(body, exchange=event_exchange("incidents"), routing_key="incident_escalated",
                             serializer="json", delivery_mode=2)


def vern_cli(config: dict, folder: Path, *arguments) -> subprocess.CompletedProcess:
    config_file = folder / "operator.yaml"
    config_file.write_text(yaml.safe_dump(config))
    return subprocess.run([str(Path(sys.executable).with_name("vern")), "--config", str(config_file), *arguments],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def letters(config, folder, *extra) -> list[dict]:
    listed = vern_cli(config, folder, "dead-letters", "list", "--service", "notifications", "--json", *extra)
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)


def test_poison_is_parked_listed_and_replayed_without_blocking_the_queue(make_cluster, tmp_path):
    cluster = make_cluster("postgresql", EVENT_MAX_ATTEMPTS=4, EVENT_RETRY_SECONDS=0.1)
    config = cluster.vern.config
    invalid = {**escalation("i-invalid"), "data": {"incident_id": "i-invalid"}}   # fails validation
    too_long = escalation("x" * 40)  # valid, but longer than reporting stores: its handler always fails
    publish(config, invalid, too_long)

    # the queue keeps flowing behind the poison
    outcome = report_serious_incidents(cluster.vern.client(roles=("pko", "isk")), 20)
    tasks = cluster.wait_for_tasks(outcome.escalated)
    assert len(outcome.escalated) == 20 and duplicates(tasks) == {}
    assert all(set(tasks[incident]) == SECURITY_ROLES for incident in outcome.escalated)

    assert wait_for(lambda: len(letters(config, tmp_path)) == 2, 30), "both were parked"
    parked = {letter["event_id"]: letter for letter in letters(config, tmp_path)}
    assert parked[invalid["id"]]["attempts"] == 1, "invalid is parked at once: no retry makes it valid"
    assert "data" in parked[invalid["id"]]["errors"]
    assert parked[too_long["id"]]["attempts"] == 4, "a failing handler gets EVENT_MAX_ATTEMPTS tries"
    assert all(letter["consumer"] == CONSUMER and letter["type"] == INCIDENT_ESCALATED.type
               for letter in parked.values())
    plain = vern_cli(config, tmp_path, "dead-letters", "list")
    assert plain.returncode == 0 and plain.stdout.count(" waiting: ") == 2

    # a release fixes the cause (here: a wider column); the operator replays the letter
    engine = create_engine(config["DATABASES"]["notifications"])
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE notification_tasks ALTER COLUMN subject_id TYPE varchar(64)"))
    engine.dispose()
    replayed = vern_cli(config, tmp_path, "dead-letters", "replay", "--service", "notifications",
                        str(parked[too_long["id"]]["id"]))
    assert replayed.returncode == 0, replayed.stderr
    assert wait_for(lambda: len(cluster.tasks_per_incident().get("x" * 40, [])) == len(SECURITY_ROLES), 30)

    # the invalid one comes back as invalid as before: parked again, the old letter marked replayed
    again = vern_cli(config, tmp_path, "dead-letters", "replay", "--service", "notifications", "--all")
    assert again.returncode == 0 and "replayed 1" in again.stdout
    assert wait_for(lambda: [letter["event_id"] for letter in letters(config, tmp_path)] == [invalid["id"]], 30)
    history = letters(config, tmp_path, "--all")
    assert len(history) == 3 and sum(1 for letter in history if letter["replayed_at"]) == 2

    unknown = vern_cli(config, tmp_path, "dead-letters", "replay", "--service", "notifications", "999")
    assert unknown.returncode == 1 and "no dead letter waiting with id 999" in unknown.stderr
