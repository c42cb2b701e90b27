"""examples/subscriber, run as another system would run it (its own process, plain kombu), receives a
serious incident's escalation, handles a redelivered event once, and dead-letters an invalid message."""
import json
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from kombu import Connection, Exchange, Producer

from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report

KIT = Path(__file__).resolve().parents[2] / "examples" / "subscriber" / "subscriber.py"


def start_kit(vern, folder: Path, queue: str) -> tuple[subprocess.Popen, Path, Path]:
    out, err = folder / "events.jsonl", folder / "subscriber.log"
    # cwd outside the repository: the kit must run without Vern's code on its path
    process = subprocess.Popen(
        [sys.executable, str(KIT), "--amqp-uri", vern.config["AMQP_URI"], "--queue", queue,
         "--bind", "incidents.incident_escalated", "--seen-db", str(folder / "seen.sqlite3")],
        cwd=folder, stdout=out.open("w"), stderr=err.open("w"))
    assert wait_for(lambda: "listening on" in err.read_text(), timeout=20), err.read_text()
    return process, out, err


def received(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def test_the_example_subscriber_receives_the_escalation_once_and_dead_letters_what_is_invalid(
        vern, coordinator, tmp_path):
    queue = f"case-system-{uuid.uuid4().hex[:6]}"
    process, out, err = start_kit(vern, tmp_path, queue)
    try:
        incident = report(coordinator, title="Ransomware på filserveren")
        assess(coordinator, incident["id"], "high")

        assert wait_for(lambda: received(out), timeout=20), err.read_text()
        [event] = received(out)
        assert event["type"] == "no.vern.incidents.incident_escalated.v1"
        assert event["source"] == f"{vern.config['EVENT_SOURCE']}/incidents" and event["specversion"] == "1.0"
        assert event["subject"] == incident["id"] and event["agency"] == "demo"
        assert event["data"]["incident_id"] == incident["id"]
        assert event["data"]["title"] == "Ransomware på filserveren"
        assert event["data"]["severity"] == "high" and event["data"]["reason"] == "severity"

        with Connection(vern.config["AMQP_URI"]) as connection:
            producer = Producer(connection.default_channel, exchange=Exchange(""))  # straight to the kit's queue
            producer.publish(json.dumps(event), routing_key=queue, content_type="application/json")
            producer.publish(json.dumps({"hello": "world"}), routing_key=queue, content_type="application/json")
            assert wait_for(lambda: "already handled" in err.read_text() and "dead-lettering" in err.read_text(),
                            timeout=10), err.read_text()
            assert len(received(out)) == 1  # the redelivered event was not handled again
            dead = wait_for(lambda: connection.default_channel.basic_get(queue=f"{queue}.dead", no_ack=True))
            assert json.loads(dead.body) == {"hello": "world"}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0, err.read_text()
