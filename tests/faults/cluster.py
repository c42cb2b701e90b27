"""Vern as an operator runs it: every domain service in its own `nameko run` process, which the
fault tests stop, kill and start again; the gateway in the test process, where the test talks HTTP.

Also the load both ends of a fault test share: serious incidents reported over HTTP from a few
threads, and what reporting made of them read from its own database.
"""
import logging
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import requests

from shared.config import SERVICE_NAMES
from tests.integration.harness import RABBIT_API, ROOT, Vern, free_port, wait_for

log = logging.getLogger(__name__)

# A serious security incident (severity high, no personal data) fans out to these three recipients in the
# test directory (the personvernombud is told only of incidents involving personal data).
SECURITY_ROLES = {"leader", "central", "parent_department"}
STOP_SECONDS = 20


class DatabaseProxy:
    """The services reach PostgreSQL through tests/faults/tcp_proxy.py, which the test can cut."""

    def __init__(self, upstream_port: int = 5432):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.faults.tcp_proxy", "--port", str(self.port),
             "--to", f"127.0.0.1:{upstream_port}"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout.readline().strip() == b"ready"

    def route(self, url: str) -> str:
        return url.replace("@127.0.0.1:5432/", f"@127.0.0.1:{self.port}/")

    def cut(self):
        self.process.send_signal(signal.SIGUSR1)

    def restore(self):
        self.process.send_signal(signal.SIGUSR2)

    def stop(self):
        self.process.kill()
        self.process.wait()


class Cluster:
    def __init__(self, backend: str, folder, instances: int = 1, database_proxy: bool = False, **config):
        folder.mkdir(parents=True, exist_ok=True)
        self.vern = Vern(backend, folder, in_process=("gateway",), **config)
        self.instances = instances
        self.processes: dict[str, list[subprocess.Popen]] = {}
        self.database_proxy = DatabaseProxy() if database_proxy else None

    def start(self):
        self.vern.start()
        if self.database_proxy:  # the service processes (and the test's reads) go through it from now on
            self.vern.config["DATABASES"] = {name: self.database_proxy.route(url)
                                             for name, url in self.vern.config["DATABASES"].items()}
        for name in SERVICE_NAMES:
            self.start_service(name, self.instances)
        self.wait_until_up()
        return self

    def stop(self):
        self.vern.stop()  # kills every process it started
        if self.database_proxy:
            self.database_proxy.stop()

    # -- processes ---------------------------------------------------------------------------------
    def start_service(self, name: str, count: int = 1, module: str | None = None, env: dict | None = None):
        for _ in range(count):
            self.processes.setdefault(name, []).append(self.vern.start_process(name, module, env))

    def stop_service(self, name: str):
        """A graceful stop (SIGTERM), as an operator's deploy does: workers finish, then the process ends.
        A process still running after STOP_SECONDS is killed, as an orchestrator would: once, on a
        loaded machine, reporting took longer (the tests that stop a service test what follows, not
        the stop itself)."""
        for process in self.processes.pop(name, []):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop within %s s of SIGTERM; killed", name, STOP_SECONDS)
                process.kill()
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
        """Each incident's notification tasks in its escalation thread, by recipient role (a list: duplicates
        show); the chase of a missed deadline is a thread of its own."""
        rows = self.vern.sql("notifications", "SELECT subject_id, recipient_role FROM notification_tasks "
                                          "WHERE subject_type = 'incident' AND thread = 'incident'")
        found: dict[str, list[str]] = {}
        for subject_id, role in rows:
            found.setdefault(subject_id, []).append(role)
        return found

    def incident_ids(self) -> set[str]:
        return {row[0] for row in self.vern.sql("incidents", "SELECT id FROM incidents")}

    def unpublished_events(self) -> int:
        return self.vern.sql("incidents", "SELECT count(*) FROM outbox_events WHERE published_at IS NULL "
                                          "AND unrouted_at IS NULL")[0][0]

    def wait_for_tasks(self, incident_ids, timeout: float = 90, ceiling: float = 600) -> dict[str, list[str]]:
        """Until every incident has its tasks; gives up once `timeout` s pass without one more incident
        getting them (or after `ceiling` s in all). A slow machine still finishes; a stall still fails."""
        wanted = set(incident_ids)
        started = last_progress = time.monotonic()
        done = 0
        while True:
            finished = wanted & {i for i, roles in self.tasks_per_incident().items()
                                 if len(roles) >= len(SECURITY_ROLES)}
            now = time.monotonic()
            if finished == wanted or now - last_progress > timeout or now - started > ceiling:
                break
            if len(finished) > done:
                done, last_progress = len(finished), now
            time.sleep(0.5)
        found = self.tasks_per_incident()
        if set(found) != wanted:
            log.warning("tasks missing for %s of %s incidents after %.0f s; %s", len(wanted - set(found)),
                        len(wanted), time.monotonic() - started, self.diagnostics())
        return found

    def diagnostics(self) -> dict:
        """Where the missing work waits: incidents' outbox, and each queue's messages and consumers."""
        found = {"unpublished_events": self.unpublished_events()}
        try:
            queues = requests.get(f"{RABBIT_API}/queues/{self.vern.vhost.name}", timeout=10).json()
            found["queues"] = {q["name"]: (q.get("messages"), q.get("consumers")) for q in queues
                               if q.get("messages") or not q.get("consumers")}
        except (requests.RequestException, ValueError) as error:
            found["queues"] = repr(error)
        return found


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
        try:
            reported = call("POST", "/incidents", serious_incident(index))
            if reported is None or reported.status_code != 201:
                return
            incident_id = reported.json()["id"]
            outcome.reported.append(incident_id)
            assessed = call("POST", f"/incidents/{incident_id}/assessment",
                            {"severity": "high", "personal_data_involved": False})
            if assessed is not None and assessed.status_code == 200:
                outcome.escalated.append(incident_id)
        finally:
            time.sleep(pause)  # a steady stream, refused or not

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(count)))
    return outcome


def duplicates(tasks: dict[str, list[str]]) -> dict[str, list[str]]:
    return {incident: roles for incident, roles in tasks.items() if len(roles) != len(set(roles))}
