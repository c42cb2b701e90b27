"""CPU seconds spent by each part of the system during a measurement, from /proc (Linux).

A coarse profile that costs nothing while measuring: which process (gateway, a service, the broker, the
database backends of this run, the benchmark's own client) used the machine's two cores.
"""
import os
from pathlib import Path

import psycopg2

from tests.integration.harness import POSTGRES_ADMIN_URL

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def pids_named(command: str) -> list[int]:
    """Processes whose executable is `command` (the broker's beam.smp), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == command:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def postgres_backends(database_prefix: str) -> list[int]:
    """Server processes serving this run's databases (the service pools keep them open)."""
    connection = psycopg2.connect(POSTGRES_ADMIN_URL)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname LIKE %s", (f"{database_prefix}%",))
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()


def machine_busy() -> float:
    """CPU seconds the whole machine has spent not idle (all cores, every process, ours or not)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / TICKS


class CpuMeter:
    """CPU seconds per component between `start()` and `stop()`, and what the rest of the machine used
    meanwhile (another user's tests on a shared machine show up there, and in the broker's figure)."""

    def __init__(self, vern):
        self.vern = vern

    def components(self) -> dict[str, list[int]]:
        parts, seen = {}, {}
        for process in self.vern.processes:
            if process.poll() is None:
                name = process.service_name
                seen[name] = seen.get(name, 0) + 1
                parts[name if seen[name] == 1 else f"{name}#{seen[name]}"] = [process.pid]
        parts["rabbitmq"] = pids_named("beam.smp")
        if self.vern.backend == "postgresql":
            parts["postgresql"] = postgres_backends(self.vern.databases.prefix)
        parts["bench_client"] = [os.getpid()]
        return parts

    def start(self):
        self.before = {name: {pid: process_cpu(pid) for pid in pids} for name, pids in self.components().items()}
        self.machine_before = machine_busy()
        return self

    def stop(self) -> dict[str, float]:
        """CPU seconds per component; a backend that appeared meanwhile counts from zero."""
        used = {}
        for name, pids in self.components().items():
            earlier = self.before.get(name, {})
            used[name] = round(sum(process_cpu(pid) - earlier.get(pid, 0.0) for pid in pids), 2)
        used["rest_of_machine"] = round(machine_busy() - self.machine_before - sum(used.values()), 2)
        return used


def database_activity(database_prefix: str) -> dict[str, dict]:
    """PostgreSQL's own counters per database of this run: transactions and rows written and read."""
    connection = psycopg2.connect(POSTGRES_ADMIN_URL)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname, xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, "
                           "tup_fetched FROM pg_stat_database WHERE datname LIKE %s", (f"{database_prefix}%",))
            names = ("commits", "rollbacks", "inserted", "updated", "deleted", "fetched")
            return {row[0].removeprefix(database_prefix + "_"): dict(zip(names, row[1:])) for row in cursor.fetchall()}
    finally:
        connection.close()
