"""The integration suite runs once on SQLite and once on PostgreSQL, over the real RabbitMQ."""
import signal

import pytest

from tests.integration.harness import Vern


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def vern(request, tmp_path_factory):
    system = Vern(request.param, tmp_path_factory.mktemp(f"vern-{request.param}"))
    try:
        system.start()
        yield system
    finally:
        system.stop()


@pytest.fixture
def fast_teardown():
    """Replaces nameko's autouse fixture of that name, which marks every consumer made during a test to
    stop when the test ends. A service the harness restarts within a test (`Vern.start_service`) goes
    on serving the module's later tests, so its consumers must outlive the test; the harness stops
    every container itself."""
    yield


@pytest.fixture
def coordinator(vern):
    return vern.client(roles=("pko",), agency="demo")


def _dump_green_threads(signum, frame):
    """`kill -USR1 <pid>` writes every green thread's stack to vern-green-threads.txt in the temp
    folder (pytest captures stderr): a hung suite shows what it waits for."""
    import gc
    import tempfile
    import traceback
    from pathlib import Path

    import greenlet

    stacks = [f"--- {thread!r}\n{''.join(traceback.format_stack(thread.gr_frame))}"
              for thread in gc.get_objects() if isinstance(thread, greenlet.greenlet) and thread.gr_frame is not None]
    (Path(tempfile.gettempdir()) / "vern-green-threads.txt").write_text("\n".join(stacks))


signal.signal(signal.SIGUSR1, _dump_green_threads)
