"""Browser tests of the web interface: a whole Vern (SQLite only, to save time) and headless Chromium.

They run under plain pytest (`make test` does so), not `nameko test`: Playwright's sync API switches
greenlets of its own, which eventlet's monkey-patching (what `nameko test` does first) leaves hanging
after a navigation. So Vern runs here as OS processes, as `make run` runs it, and the test process
only drives the browser."""
import time

import pytest
import requests

from shared.config import SERVICE_NAMES
from tests.integration.harness import Vern
from tests.ui import browser_tools

START_SECONDS = 90


def pytest_collection_modifyitems(config, items):
    from eventlet import patcher

    if patcher.is_monkey_patched("socket"):
        skip = pytest.mark.skip(reason="browser tests run under plain pytest: .venv/bin/pytest tests/ui")
        for item in items:
            if "tests/ui/" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def vern(tmp_path_factory):
    system = Vern("sqlite", tmp_path_factory.mktemp("vern-ui"), in_process=())
    try:
        system.start()
        for name in (*SERVICE_NAMES, "gateway"):
            system.start_process(name)
        system.site = system.base_url.removesuffix("/api/v1")
        _wait_until_healthy(system)
        yield system
    finally:
        system.stop()


def _wait_until_healthy(system):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{system.base_url}/health", timeout=5).json().get("status") == "ok":
                return
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.5)
    logs = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in system.folder.glob("*.log"))
    raise RuntimeError(f"Vern did not start in {START_SECONDS} s:\n{logs}")


@pytest.fixture(scope="session")
def axe():
    return browser_tools.axe_source()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = browser_tools.ensure_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """var/screenshots/ (kept after the run), with a copy under pytest's temporary folder."""
    browser_tools.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return browser_tools.SCREENSHOTS


@pytest.fixture
def person(vern, browser):
    """A browser window per person, signed in with a token for the roles given."""
    opened = []

    def sign_in(roles, agency="demo", sub=None, lang=None):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        page = context.new_page()
        page.set_default_timeout(15_000)
        opened.append(context)
        page.goto(f"{vern.site}/login" + (f"?lang={lang}" if lang else ""))
        page.fill("#token", vern.token(roles, agency, sub))
        page.click("button[type=submit] >> text=/Logg inn|Sign in/")
        return page

    yield sign_in
    for context in opened:
        context.close()
