"""`vern events tail` as an operator runs it (its own process) against the real broker."""
import json
import subprocess
import sys
from pathlib import Path

import yaml

from shared.config import ROOT
from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report


def start_tail(vern, folder: Path, *args) -> tuple[subprocess.Popen, Path]:
    config = folder / "tail-config.yaml"
    config.write_text(yaml.safe_dump(vern.config))
    err = folder / "tail.err"
    process = subprocess.Popen([sys.executable, "-m", "vern_cli.main", "--config", str(config), "events", "tail", *args],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=err.open("w"), text=True,
                               env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"})
    assert wait_for(lambda: "tailing" in err.read_text() or process.poll() is not None, timeout=20)
    assert process.poll() is None, err.read_text()
    return process, err


def test_tail_prints_one_line_per_event_of_the_matching_service(vern, coordinator, tmp_path):
    process, err = start_tail(vern, tmp_path, "--type", "incidents.*", "--timeout", "6")
    incident = report(coordinator)
    assess(coordinator, incident["id"], "high")
    out, _ = process.communicate(timeout=30)
    assert process.returncode == 0, err.read_text()
    ours = [line for line in out.splitlines() if f"subject={incident['id']}" in line]
    assert [line.split()[1] for line in ours] == [
        "incidents.incident_reported.v1", "incidents.incident_assessed.v1", "incidents.incident_escalated.v1"]
    assert all(line.endswith("agency=demo") for line in ours)


def test_tail_json_with_several_types_stops_after_count(vern, coordinator, tmp_path):
    process, err = start_tail(vern, tmp_path, "--type", "*.incident_escalated", "--type", "risk.measure_overdue",
                              "--json", "--count", "1", "--timeout", "30")
    incident = report(coordinator, title="Tapt bærbar PC")
    assess(coordinator, incident["id"], "critical")
    out, _ = process.communicate(timeout=40)
    assert process.returncode == 0, err.read_text()
    [event] = [json.loads(line) for line in out.splitlines()]
    assert event["type"] == "no.vern.incidents.incident_escalated.v1"
    assert event["subject"] == incident["id"] and event["agency"] == "demo"
    assert event["data"]["title"] == "Tapt bærbar PC" and event["data"]["severity"] == "critical"
