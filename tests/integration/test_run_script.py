"""`make run` (deploy/run.sh) leaves nothing behind: when nameko dies, the script stops and its demo mail
sink with it; killed outright (SIGKILL, no trap runs), the script still takes the sink with it."""
import os
import signal
import socket
import subprocess
from pathlib import Path

import pytest
import requests

from shared.config import ROOT
from tests.integration.harness import Vhost, free_port, wait_for


def answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def processes_of_session(session: int) -> dict[int, str]:
    """pid -> command line of every live process in the session (the script was started as its leader)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session and fields[0] != "Z":
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    return found


@pytest.fixture
def started(tmp_path):
    """deploy/run.sh on a vhost, ports and var folder of its own, once Vern answers and the sink listens."""
    vhost = Vhost()
    vhost.create()
    port, smtp_port = free_port(), free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("SMTP_HOST", "VERN_JWT_SECRET", "VERN_CONFIG", "VERN_SERVICES")}
    env.update(RABBIT_VHOST=vhost.name, GATEWAY_ADDRESS=f"127.0.0.1:{port}", DEMO_SMTP_PORT=str(smtp_port),
               VERN_VAR_DIR=str(tmp_path / "var"), PYTHONWARNINGS="ignore")
    log = (tmp_path / "run.log").open("w")
    script = subprocess.Popen([str(ROOT / "deploy" / "run.sh")], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)

    def up():
        try:
            return requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).json()["status"] == "ok"
        except (requests.RequestException, ValueError):
            return False

    try:
        assert wait_for(up, timeout=240, interval=1), (tmp_path / "run.log").read_text()[-3000:]
        assert answers(smtp_port), "the demo mail sink should listen"
        yield script, smtp_port
    finally:
        for pid in processes_of_session(script.pid):  # whatever the test left: this session's, by id
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        script.wait(30)
        log.close()
        vhost.delete()


def test_when_nameko_dies_the_script_ends_and_takes_its_mail_sink(started):
    script, smtp_port = started
    (nameko,) = [pid for pid, command in processes_of_session(script.pid).items() if "nameko run" in command]
    os.kill(nameko, signal.SIGKILL)
    assert script.wait(timeout=60) != 0
    assert wait_for(lambda: not answers(smtp_port), timeout=30, interval=0.2), "the mail sink still listens"
    assert wait_for(lambda: processes_of_session(script.pid) == {}, timeout=30, interval=0.2), \
        processes_of_session(script.pid)


def test_killed_outright_the_script_still_takes_its_mail_sink(started):
    script, smtp_port = started
    os.kill(script.pid, signal.SIGKILL)  # no trap runs
    script.wait(timeout=30)
    assert wait_for(lambda: not answers(smtp_port), timeout=30, interval=0.2), "the mail sink outlived the script"

    def sink_left():
        return [command for command in processes_of_session(script.pid).values() if "mail_sink" in command]

    assert wait_for(lambda: not sink_left(), timeout=30, interval=0.2), sink_left()
