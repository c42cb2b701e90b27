"""A whole Vern for a benchmark: the integration harness's system, every service its own `nameko run`.

The harness (tests/integration/harness.py) makes the vhost, the databases, the migrations, the queues and
the directory. A benchmark must not share a process (or its GIL) with the services it loads, so none runs
in this process (`in_process=()`): each, the gateway too, is started as its own process, as an operator
deploys them.
"""
import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.integration import harness

RESULTS = Path(__file__).with_name("results")

# Production timings (deploy/config.yaml defaults) instead of the harness's 0.2 s test timers, which would
# poll the databases five times a second and load the system with work it does not do in service.
PRODUCTION_TIMERS = {
    "OUTBOX_POLL_SECONDS": 1.0, "DEADLINE_CHECK_SECONDS": 60, "RISK_FOLLOWUP_SECONDS": 300,
    "PRIVACY_FOLLOWUP_SECONDS": 3600, "TRAINING_FOLLOWUP_SECONDS": 3600, "DOCUMENT_FOLLOWUP_SECONDS": 3600,
    "DELIVERY_POLL_SECONDS": 5, "RPC_TIMEOUT_SECONDS": 30,
}


class BenchVern(harness.Vern):
    """`services`: the domain services to deploy (the gateway always runs), each as a process."""

    def __init__(self, backend: str, label: str, services=None, **extra_config):
        folder = RESULTS / "run" / f"{label}-{backend}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        if services is not None:
            extra_config["SERVICES"] = list(services)
        super().__init__(backend, folder, in_process=(), **{**PRODUCTION_TIMERS, **extra_config})

    def start(self, timeout: float = 90.0):
        wait_for_broker(timeout)
        super().start()
        for name in self.deployed() + ("gateway",):
            self.start_process(name)
        self.wait_until_up(timeout)
        return self

    def deployed(self) -> tuple:
        return tuple(self.config.get("SERVICES") or harness.SERVICE_NAMES)

    def start_process(self, name: str, module: str | None = None, env: dict | None = None) -> subprocess.Popen:
        """A service as its own process; under cProfile when BENCH_PROFILE names it (bench.profiled)."""
        if module is None and name in os.environ.get("BENCH_PROFILE", "").split(","):
            profile = RESULTS / "profiles" / f"{name}-{len(self.processes)}-{os.getpid()}.prof"
            profile.parent.mkdir(parents=True, exist_ok=True)
            module, env = "bench.profiled", {**(env or {}), "BENCH_PROFILED_SERVICE": name,
                                              "BENCH_PROFILE_OUT": str(profile)}
        process = super().start_process(name, module, env)
        process.service_name = name
        return process

    def wait_until_up(self, timeout: float):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.service_name} exited; see the logs in {self.folder}")
            try:
                found = requests.get(f"{self.base_url}/health", timeout=5).json()["services"]
                if all(found[name]["status"] == "up" for name in self.deployed()):
                    return
            except (requests.RequestException, ValueError, KeyError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Vern did not come up within {timeout} s; see the logs in {self.folder}")

    def dump_profiles(self):
        """Ask each profiled process to write its profile and statement counts, and say where they are."""
        profiled = [p for p in self.processes if p.args[-1] == "bench.profiled"]
        for process in profiled:
            if process.poll() is None:
                process.send_signal(signal.SIGUSR2)
        time.sleep(3)  # written by then (a dump takes well under a second)
        for process in profiled:
            print(f"  profiled {process.service_name}: see bench/results/profiles/", flush=True)

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
