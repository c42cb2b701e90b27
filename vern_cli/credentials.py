"""Where `vern login` keeps the gateway URL and token: $XDG_CONFIG_HOME/vern/credentials.json (mode 0600).

VERN_URL and VERN_TOKEN override the file, each on its own (a script or CI job need not log in).
"""
import json
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_URL = "http://127.0.0.1:8000"  # what `make run` serves


@dataclass(frozen=True)
class Credentials:
    url: str
    token: str | None
    source: str  # where the token came from, for the hint when it is missing or refused


def credentials_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "vern" / "credentials.json"


def stored() -> dict:
    path = credentials_path()
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise CredentialsError(f"cannot read {path}: {error}; run vern logout, then vern login") from None
    return data if isinstance(data, dict) else {}


def current() -> Credentials:
    saved = stored()
    url = os.environ.get("VERN_URL") or saved.get("url") or DEFAULT_URL
    if os.environ.get("VERN_TOKEN"):
        return Credentials(url, os.environ["VERN_TOKEN"].strip(), "VERN_TOKEN")
    return Credentials(url, saved.get("token"), str(credentials_path()) if saved.get("token") else "")


def save(url: str, token: str) -> Path:
    """Written so that no other user can read it at any moment: created 0600, never chmod-ed after."""
    path = credentials_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # the umask may have taken bits away, never added; be exact
        with os.fdopen(descriptor, "w") as file:
            json.dump({"url": url, "token": token}, file)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def forget() -> bool:
    path = credentials_path()
    if not path.exists():
        return False
    path.unlink()
    return True


class CredentialsError(Exception):
    pass
