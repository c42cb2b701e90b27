"""Vern as an operator runs it: every domain service in its own `nameko run` process, which the
fault tests stop, kill and start again; the gateway in the test process, where the test talks HTTP.

Also the load both ends of a fault test share: serious incidents reported over HTTP from a few
threads, and what reporting made of them read from its own database.
"""
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import requests

from shared.config import SERVICE_NAMES
from tests.integration.harness import Vern, wait_for

# A serious security incident (severity high) fans out to these four recipients in the test directory.
SECURITY_ROLES = {"leader", "ombud", "central", "parent_department"}
STOP_SECONDS = 20


class Cluster:
    def __init__(self, backend: str, folder, instances: int = 1, **config):
        folder.mkdir(parents=True, exist_ok=True)
        self.vern = Vern(backend, folder, in_process=("gateway",), **config)
        self.instances = instances
        self.processes: dict[str, list[subprocess.Popen]] = {}

    def start(self):
        self.vern.start()
        for name in SERVICE_NAMES:
            self.start_service(name, self.instances)
        self.wait_until_up()
        return self

    def stop(self):
        self.vern.stop()  # kills every process it started

    # -- processes ---------------------------------------------------------------------------------
    def start_service(self, name: str, count: int = 1):
        for _ in range(count):
            self.processes.setdefault(name, []).append(self.vern.start_process(name))

    def stop_service(self, name: str):
        """A graceful stop (SIGTERM), as an operator's deploy does: workers finish, then the process ends."""
        for process in self.processes.pop(name, []):
            process.send_signal(signal.SIGTERM)
        for process in self.vern.processes:
            if process.poll() is None and process.args[-1].endswith(f".{name}.service"):
                process.wait(STOP_SECONDS)

    def kill_service(self, name: str):
        """SIGKILL: no clean-up at all, unacknowledged messages return to their queues."""
        for process in self.processes.pop(name, []):
            process.kill()
            process.wait(STOP_SECONDS)

    def wait_until_up(self, timeout: float = 60):
        def all_up():
            try:
                body = requests.get(f"{self.vern.base_url}/health", timeout=5).json()
            except (requests.RequestException, ValueError):
                return False
            return body["status"] == "ok"

        assert wait_for(all_up, timeout, 0.3), f"services did not come up; logs in {self.vern.folder}"

    # -- what the tests read -------------------------------------------------------------------------
    def tasks_per_incident(self) -> dict[str, list[str]]:
        """Each escalated incident's notification tasks, by recipient role (a list: duplicates show)."""
        rows = self.vern.sql("reporting", "SELECT subject_id, recipient_role FROM notification_tasks "
                                          "WHERE subject_type = 'incident' AND follows_task_id IS NULL")
        found: dict[str, list[str]] = {}
        for subject_id, role in rows:
            found.setdefault(subject_id, []).append(role)
        return found

    def incident_ids(self) -> set[str]:
        return {row[0] for row in self.vern.sql("incidents", "SELECT id FROM incidents")}

    def unpublished_events(self) -> int:
        return self.vern.sql("incidents", "SELECT count(*) FROM outbox_events WHERE published_at IS NULL "
                                          "AND unrouted_at IS NULL")[0][0]

    def wait_for_tasks(self, incident_ids, timeout: float = 90) -> dict[str, list[str]]:
        """Until every incident has its four tasks (or the time is up); returns what is there."""
        wanted = set(incident_ids)
        wait_for(lambda: wanted <= {i for i, roles in self.tasks_per_incident().items() if len(roles) >= 4},
                 timeout, 0.5)
        return self.tasks_per_incident()


def serious_incident(index: int) -> dict:
    now = datetime.now(timezone.utc)
    return {"title": f"Løsepengevirus på filserver {index}", "description": "Filer kryptert.",
            "kind": "security_incident", "category": "malware_ransomware",
            "occurred_at": (now - timedelta(hours=4)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()}


class Outcome:
    """What the HTTP callers saw: the incidents they were told exist, and every status they got."""

    def __init__(self):
        self.escalated: list[str] = []   # reported and assessed, both answered with success
        self.reported: list[str] = []    # reported, assessment not confirmed
        self.statuses: list[int] = []

    def unexpected(self) -> list[int]:
        """Anything but success or a clear 503 would be a failure the caller cannot act on."""
        return [status for status in self.statuses if status not in (200, 201, 503)]


def report_serious_incidents(client, count: int, threads: int = 8, pause: float = 0.0,
                             retry_503: bool = False) -> Outcome:
    """Report `count` incidents and assess each as high severity (serious), from `threads` threads."""
    outcome = Outcome()

    def call(method, path, body):
        for _ in range(200 if retry_503 else 1):
            try:
                response = client.request(method, path, json=body)
                status = response.status_code
            except requests.RequestException:
                status = 0  # no answer at all: the caller knows it does not know
            outcome.statuses.append(status)
            if status != 503 or not retry_503:
                return response if status else None
            time.sleep(0.25)
        return None

    def one(index):
        reported = call("POST", "/incidents", serious_incident(index))
        if reported is None or reported.status_code != 201:
            return
        incident_id = reported.json()["id"]
        outcome.reported.append(incident_id)
        assessed = call("POST", f"/incidents/{incident_id}/assessment",
                        {"severity": "high", "personal_data_involved": False})
        if assessed is not None and assessed.status_code == 200:
            outcome.escalated.append(incident_id)
        if pause:
            time.sleep(pause)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    return outcome


def duplicates(tasks: dict[str, list[str]]) -> dict[str, list[str]]:
    return {incident: roles for incident, roles in tasks.items() if len(roles) != len(set(roles))}
