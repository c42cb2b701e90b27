"""A small client for the gateway's JSON API: base URL, bearer token, timeouts, and one clear line per error.

Every failure becomes an `ApiError` carrying the exit code scripts rely on:
0 ok, 1 refused or not found, 2 bad input or usage, 3 cannot reach the gateway (or a service behind it).
"""
import os
import re
from dataclasses import dataclass

import requests

OK, REFUSED, BAD_INPUT, UNREACHABLE = 0, 1, 2, 3
API_PATH = "/api/v1"
CONNECT_SECONDS = 5
READ_SECONDS = 60  # a report's PDF is rendered while we wait
# 503: the gateway answers but the service behind it does not; a script retries as for an unreachable gateway
UNAVAILABLE_STATUSES = {502, 503, 504}


class ApiError(Exception):
    def __init__(self, line: str, exit_code: int, status: int | None = None, body=None):
        super().__init__(line)
        self.line, self.exit_code, self.status, self.body = line, exit_code, status, body


def api_base(url: str) -> str:
    """Accept the gateway as http://host:8000 or http://host:8000/api/v1; answer the latter."""
    url = url.strip().rstrip("/")
    return url if url.endswith(API_PATH) else url + API_PATH


def exit_code_for(status: int) -> int:
    if status == 400:
        return BAD_INPUT
    if status in UNAVAILABLE_STATUSES:
        return UNREACHABLE
    return REFUSED


def flatten_fields(fields, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested messages ({"impact": {"scope": [..]}, "data_types": {"0": [..]}}) as
    (dotted field, message) pairs, in the order given."""
    if isinstance(fields, dict):
        pairs = []
        for key, value in fields.items():
            pairs += flatten_fields(value, f"{prefix}.{key}" if prefix else str(key))
        return pairs
    if isinstance(fields, (list, tuple)):
        if all(isinstance(item, str) for item in fields):
            return [(prefix, " ".join(fields))]
        return [pair for item in fields for pair in flatten_fields(item, prefix)]
    return [(prefix, str(fields))]


def error_line(status: int, body, flags: dict | None = None) -> str:
    """The gateway's {"error": {"code", "message", "fields" | "details"}} as one line naming each field
    (and the option that sets it, when the command knows it)."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return f"HTTP {status}" + (f": {_short(body)}" if body else "")
    line = f"{error.get('message') or error.get('code') or 'error'} (HTTP {status}"
    line += f", {error['code']})" if error.get("code") else ")"
    named = []
    for field, message in flatten_fields(error.get("fields") or error.get("details") or {}):
        option = (flags or {}).get(field.split(".")[0])
        label = field if not option else f"{field} ({option})"
        named.append(f"{label}: {message}" if field and field != "_schema" else message)
    if named:
        line += ": " + "; ".join(named)
    if error.get("correlation_id"):
        line += f" [correlation id {error['correlation_id']}]"
    return line


def _short(text) -> str:
    """A proxy's HTML error page as a hint, not a screenful."""
    text = re.sub(r"<[^>]+>", " ", str(text))
    return " ".join(text.split())[:200]


@dataclass
class Download:
    content: bytes
    content_type: str
    filename: str | None  # from Content-Disposition, when the gateway named the file


class Gateway:
    def __init__(self, url: str, token: str | None, session: requests.Session | None = None):
        self.base = api_base(url)
        self.token = token
        self.session = session or requests.Session()

    def get(self, path: str, params: dict | None = None, flags: dict | None = None):
        return self._send("GET", path, params=params, flags=flags).json()

    def post(self, path: str, body: dict | None = None, flags: dict | None = None):
        return self._send("POST", path, json=body if body is not None else {}, flags=flags).json()

    def patch(self, path: str, body: dict, flags: dict | None = None):
        return self._send("PATCH", path, json=body, flags=flags).json()

    def put(self, path: str, body: dict, flags: dict | None = None):
        return self._send("PUT", path, json=body, flags=flags).json()

    def download(self, path: str, params: dict | None = None, flags: dict | None = None) -> Download:
        response = self._send("GET", path, params=params, flags=flags)
        return Download(response.content, response.headers.get("Content-Type", ""),
                        filename_from(response.headers.get("Content-Disposition", "")))

    def _send(self, method: str, path: str, flags=None, params=None, **kwargs) -> requests.Response:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        params = {key: value for key, value in (params or {}).items() if value is not None}
        try:
            response = self.session.request(method, self.base + path, params=params, headers=headers,
                                            timeout=(CONNECT_SECONDS, READ_SECONDS), **kwargs)
        except requests.Timeout:
            raise ApiError(f"the gateway at {self.base} did not answer in time", UNREACHABLE) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema) as error:
            raise ApiError(f"not a gateway URL: {self.base} ({error})", BAD_INPUT) from None
        except requests.RequestException as error:
            raise ApiError(f"cannot reach the gateway at {self.base}: {_reason(error)}", UNREACHABLE) from None
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = response.text
            raise ApiError(error_line(response.status_code, body, flags), exit_code_for(response.status_code),
                           response.status_code, body)
        return response


def filename_from(disposition: str) -> str | None:
    match = re.search(r'filename="?([^";]+)"?', disposition)
    if not match:
        return None
    # only a name, never a path the server chose
    name = match.group(1).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name not in ("", ".", "..") else None


def _reason(error: requests.RequestException) -> str:
    """The cause as the system says it ('Connection refused'), not urllib3's nested repr (which under
    eventlet names the errno, ECONNREFUSED)."""
    match = re.search(r"\[Errno (-?\d+)\] ([^'\")]+)", str(error))
    if not match:
        return f"{type(error).__name__}: {str(error)[:200]}"
    number = int(match.group(1))
    return os.strerror(number) if number > 0 else match.group(2).strip()  # negative: a resolver's own text
