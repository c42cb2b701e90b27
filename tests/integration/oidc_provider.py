"""The real OpenID Connect provider of tests/oidc_provider (npm's oidc-provider) as a test sees it.

`npm ci` runs here when its node_modules is missing or older than the lock file, so `make test` on a
clean clone (CI) installs it as part of the test set-up."""
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.integration.harness import free_port

PROJECT = Path(__file__).resolve().parents[1] / "oidc_provider"
START_SECONDS = 60


def install():
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("node and npm are needed for the single sign-on tests: deploy/ensure-tools.sh nodejs npm")
    installed = PROJECT / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= (PROJECT / "package-lock.json").stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROJECT, check=True,
                   timeout=600, stdout=subprocess.DEVNULL)


class OidcProvider:
    def __init__(self, folder: Path, audience: str = "urn:vern:api"):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.audience = audience
        self.log = folder / f"oidc-provider-{self.port}.log"
        self.process = None

    def start(self, redirect_uri: str) -> "OidcProvider":
        install()
        self.process = subprocess.Popen(
            ["node", "provider.mjs"], cwd=PROJECT, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            env={**os.environ, "PORT": str(self.port), "VERN_REDIRECT_URI": redirect_uri,
                 "VERN_AUDIENCE": self.audience})
        deadline = time.monotonic() + START_SECONDS
        while "ready" not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the OIDC provider did not start: {self.log.read_text()}")
            time.sleep(0.1)
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def rotate_key(self) -> str:
        """The provider signs with a new key from now on (and still publishes the old one)."""
        response = requests.post(f"{self.issuer}/test/rotate-key", timeout=10)
        response.raise_for_status()
        return response.json()["kid"]

    def machine_token(self, client: str, resource: str) -> str:
        """An access token by client credentials (robot clients of provider.mjs)."""
        response = requests.post(f"{self.issuer}/token", auth=(client, f"{client}-secret"), timeout=10,
                                 data={"grant_type": "client_credentials", "resource": resource, "scope": "api"})
        response.raise_for_status()
        return response.json()["access_token"]


def form_action(page: requests.Response, name: str) -> str:
    found = re.search(rf'action="([^"]*/{name})"', page.text)
    assert found, f"no {name} form on {page.url}: {page.status_code} {page.text[:500]}"
    return urljoin(page.url, found.group(1))


class Browser:
    """A user's browser: follows redirects and keeps cookies, as the sign-in needs."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def start_sign_in(self) -> requests.Response:
        """Vern's /auth/login, followed to the provider's login page."""
        return self.session.get(f"{self.base_url}/auth/login", timeout=15)

    def log_in(self, page: requests.Response, user: str, password: str | None = None) -> requests.Response:
        return self.session.post(form_action(page, "login"), timeout=15,
                                 data={"login": user, "password": password or f"{user}-passord"})

    def consent(self, page: requests.Response, agree: bool = True) -> requests.Response:
        """Agree (or refuse) on the provider's consent page; the provider then sends the browser back to
        Vern's /auth/callback, whose answer this is."""
        return self.session.post(form_action(page, "confirm" if agree else "abort"), timeout=15)

    def sign_in(self, user: str) -> requests.Response:
        return self.consent(self.log_in(self.start_sign_in(), user))
