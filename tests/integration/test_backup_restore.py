"""Backup and restore on PostgreSQL, as docs/operations.md tells an operator: deploy/backup.sh dumps each
service's database with data in it, `vern database roles` makes fresh databases, deploy/restore.sh fills
them as each service's own role, `vern audit verify` finds every audit trail intact, and the services
start on the restored databases and answer with the data."""
import os
import subprocess

import pytest

from shared.config import ROOT, SERVICE_NAMES
from tests.faults.cluster import report_serious_incidents
from tests.integration.harness import POSTGRES_ADMIN_URL, Vern, wait_for
from tests.integration.test_database_roles import Installation


class RestoredDatabases:
    """The fresh databases, for a Vern harness started on them; dropped with their roles at its stop."""

    def __init__(self, installation: Installation):
        self.installation = installation

    def create(self) -> dict:
        return dict(self.installation.urls)

    def drop(self):
        self.installation.drop()


def database_environment(urls: dict) -> dict:
    return {**os.environ, **{f"{name.upper()}_DATABASE_URL": url for name, url in urls.items()}}


def script(name: str, folder, urls: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "deploy" / name), str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=database_environment(urls))


@pytest.fixture
def original(tmp_path):
    system = Vern("postgresql", tmp_path / "original")
    try:
        system.start()
        yield system
    finally:
        system.stop()


def test_a_backup_restored_into_fresh_databases_verifies_and_serves(original, tmp_path):
    client = original.client(roles=("pko", "isk"))
    outcome = report_serious_incidents(client, 3, threads=3)
    assert len(outcome.escalated) == 3, outcome.statuses

    def tasks(system, incident_id):
        response = system.client(roles=("pko", "isk")).get("/notification-tasks", params={"incident_id": incident_id})
        return response.json()["items"] if response.status_code == 200 else []

    assert wait_for(lambda: all(len(tasks(original, i)) >= 3 for i in outcome.escalated), timeout=90, interval=0.5)
    before = {i: (client.get(f"/incidents/{i}").json()["title"], sorted(t["id"] for t in tasks(original, i)))
              for i in outcome.escalated}
    audited = original.sql("incidents", "SELECT count(*) FROM audit_entries")[0][0]
    assert audited > 0

    backup = tmp_path / "backup"
    dumped = script("backup.sh", backup, original.config["DATABASES"])
    assert dumped.returncode == 0, dumped.stderr
    assert sorted(path.name for path in backup.iterdir()) == sorted(f"{name}.dump" for name in SERVICE_NAMES)

    # the same installation restored: its secrets come back with it (the checkpoint key derives from the token's)
    fresh = Installation(tmp_path, original.config["JWT_SECRET"])
    restored = Vern("postgresql", tmp_path / "restored", JWT_SECRET=original.config["JWT_SECRET"])
    restored.databases = RestoredDatabases(fresh)
    try:
        created = fresh.run("database", "roles", "--admin-url", POSTGRES_ADMIN_URL)
        assert created.returncode == 0, created.stderr
        loaded = script("restore.sh", backup, fresh.urls)
        assert loaded.returncode == 0, loaded.stderr
        again = script("restore.sh", backup, fresh.urls)  # never over data
        assert again.returncode == 1 and "is not empty" in again.stderr

        verified = fresh.run("audit", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert f"incidents: intact, {audited} entries" in verified.stdout
        assert verified.stdout.count(": intact") == len(SERVICE_NAMES)

        restored.start()  # migrations find head; the services start as their own roles
        after = restored.client(roles=("pko", "isk"))
        for incident_id, (title, task_ids) in before.items():
            assert after.get(f"/incidents/{incident_id}").json()["title"] == title
            assert sorted(task["id"] for task in tasks(restored, incident_id)) == task_ids
        more = report_serious_incidents(after, 1, threads=1)  # and they go on writing, as their roles
        assert len(more.escalated) == 1, more.statuses
        assert wait_for(lambda: len(tasks(restored, more.escalated[0])) >= 3, timeout=90, interval=0.5)
        assert fresh.run("audit", "verify").returncode == 0
    finally:
        restored.stop()  # drops the fresh databases and their roles
