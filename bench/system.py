"""A whole Vern for a benchmark: the integration harness's system, every service its own `nameko run`.

The harness (tests/integration/harness.py) makes the vhost, the databases, the migrations, the queues and
the directory, and then runs the services inside the calling process. A benchmark must not share a process
(or its GIL) with the services it loads, so the in-process runner is swapped for one that only notes which
services to start, and each is then started as its own process, as an operator deploys them.
"""
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import requests
import yaml

from shared.deployment import service_module
from tests.integration import harness

RESULTS = Path(__file__).with_name("results")

# Production timings (deploy/config.yaml defaults) instead of the harness's 0.2 s test timers, which would
# poll the databases five times a second and load the system with work it does not do in service.
PRODUCTION_TIMERS = {
    "OUTBOX_POLL_SECONDS": 1.0, "DEADLINE_CHECK_SECONDS": 60, "RISK_FOLLOWUP_SECONDS": 300,
    "PRIVACY_FOLLOWUP_SECONDS": 3600, "TRAINING_FOLLOWUP_SECONDS": 3600, "DOCUMENT_FOLLOWUP_SECONDS": 3600,
    "DELIVERY_POLL_SECONDS": 5, "RPC_TIMEOUT_SECONDS": 30,
}


class _ProcessesLater:
    """Stands in for nameko's ServiceRunner inside the harness: remembers the services, runs none."""

    def __init__(self, config):
        self.names = []

    def add_service(self, cls):
        self.names.append(cls.name)

    def start(self):
        pass

    def stop(self):
        pass

    def kill(self):
        pass


class BenchVern(harness.Vern):
    """`services`: the domain services to deploy (the gateway always runs); `processes`: extra instances."""

    def __init__(self, backend: str, label: str, services=None, **extra_config):
        folder = RESULTS / "run" / f"{label}-{backend}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if services is not None:
            extra_config["SERVICES"] = list(services)
        super().__init__(backend, folder, **{**PRODUCTION_TIMERS, **extra_config})

    def start(self, timeout: float = 90.0):
        wait_for_broker(timeout)
        with mock.patch.object(harness, "ServiceRunner", _ProcessesLater):
            super().start()
        for name in self.runner.names:
            self.start_process(name)
        self.wait_until_up(timeout)
        return self

    def deployed(self) -> tuple:
        return tuple(self.config.get("SERVICES") or harness.SERVICE_NAMES)

    def wait_until_up(self, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a service process exited ({process.args[-1]}); see the logs in {self.folder}")
            try:
                found = requests.get(f"{self.base_url}/health", timeout=5).json()["services"]
                if all(found[name]["status"] == "up" for name in self.deployed()):
                    return
            except (requests.RequestException, ValueError, KeyError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Vern did not come up within {timeout} s; see the logs in {self.folder}")

    def start_process(self, name: str) -> subprocess.Popen:
        """A service as its own process; under cProfile when BENCH_PROFILE names it (see bench.profiled)."""
        if name not in os.environ.get("BENCH_PROFILE", "").split(","):
            return super().start_process(name)
        tag = uuid.uuid4().hex[:6]
        config_file = self.folder / f"config-{tag}.yaml"
        config_file.write_text(yaml.safe_dump(self.config))
        profile = RESULTS / "profiles" / f"{name}-{tag}.prof"
        profile.parent.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.profiled", str(profile), "nameko", "run", "--config", str(config_file),
             service_module(name)], cwd=harness.ROOT, stdout=(self.folder / f"{name}-{tag}.log").open("w"),
            stderr=subprocess.STDOUT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        process.profile = profile
        self.processes.append(process)
        return process

    def dump_profiles(self):
        """Ask each profiled process to write its statistics, and say where they are."""
        profiled = [p for p in self.processes if hasattr(p, "profile") and p.poll() is None]
        for process in profiled:
            process.profile.with_suffix(".sql.json").unlink(missing_ok=True)
            process.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 20
        for process in profiled:
            # the statement counts are written after the profile: once they are there, both are
            while not process.profile.with_suffix(".sql.json").exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(0.5)
            print(f"  profile of {process.args[-1]}: {process.profile}", flush=True)

    def stop(self):
        self.dump_profiles()
        super().stop()
        if os.environ.get("BENCH_KEEP_LOGS") != "1":
            shutil.rmtree(self.folder, ignore_errors=True)


def wait_for_broker(timeout: float):
    """RabbitMQ's management API answers (a broker being restarted by someone else comes back first)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(f"{harness.RABBIT_API}/overview", timeout=5).raise_for_status()
            return
        except requests.RequestException:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


@contextmanager
def running(backend: str, label: str, **kwargs):
    """A started BenchVern, always stopped (processes killed, databases and vhost dropped) afterwards."""
    system = BenchVern(backend, label, **kwargs)
    try:
        yield system.start()
    finally:
        system.stop()
