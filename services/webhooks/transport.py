"""One webhook POST, to an address vetted at connect time, and what it came to as a category.

The name is resolved once, every address it has is vetted (addresses.py), and the connection goes to
that very address: a second lookup, which a DNS server answering "public" at subscription and
"127.0.0.1" at delivery (DNS rebinding) could turn elsewhere, never happens. The Host header, TLS SNI
and the certificate check stay on the URL's name. Redirects are not followed: a 3xx is the answer.

The subscriber reads the delivery log, so it shows a category (transport's CATEGORIES, or HTTP and the
status), never the socket's or TLS library's words: those would tell which internal port is open. The
service's own log keeps the detail for the operator."""
import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from requests.utils import DEFAULT_CA_BUNDLE_PATH
from urllib3.exceptions import (ConnectTimeoutError, HTTPError, NewConnectionError, ProtocolError, SSLError,
                                TimeoutError)

from services.webhooks import addresses
from services.webhooks.domain import (BLOCKED, FAILED, NO_ANSWER, REFUSED, TIMED_OUT, TLS, UNRESOLVED,
                                      Attempt)
from shared.allowed_targets import AllowedTarget

log = logging.getLogger(__name__)
DEFAULT_PORTS = {"https": 443, "http": 80}
ADDRESSES_TRIED = 3
NOT_PUBLIC = ("Must be a public address: this one is loopback, private, link-local, multicast or "
              "unspecified, and not among the receivers the operator allows / Må være en offentlig adresse: "
              "denne er lokal, privat eller spesiell, og ikke blant mottakerne driftsansvarlig har tillatt.")


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as the URL writes it, IPv6 without brackets
    port: int
    path: str  # with the query

    @classmethod
    def of(cls, url: str) -> "Target":
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(parts.scheme, parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme], path)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


class Refused(Exception):
    """Vern will not connect: `category` says why, for the delivery log."""

    def __init__(self, category: str):
        super().__init__(category)
        self.category = category


def resolve(host: str, port: int) -> list:
    """Every address the name has now. A numeric host comes back in standard form whatever way the URL
    wrote it (0x7f000001, 2130706433 and 127.1 are 127.0.0.1), so those are vetted like any other."""
    numeric = addresses.numeric_ipv4(host)
    if numeric is not None:
        return [numeric]
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # an IPv6 link-local address may carry its interface (%eth0): the address is what is vetted
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in found))


def vetted_addresses(target: Target, allowed: tuple[AllowedTarget, ...]) -> list[str]:
    """The addresses to connect to; Refused when the name does not resolve or leads inside."""
    try:
        found = resolve(target.host, target.port)
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError; IDNA refuses some names
        log.info("webhook host %s does not resolve: %s", target.host, error)
        raise Refused(UNRESOLVED) from None
    if not found:
        raise Refused(UNRESOLVED)
    if not addresses.permitted(target.host, target.port, found, allowed):
        log.warning("webhook to %s refused: it resolves to %s, neither public nor allowed (WEBHOOK_ALLOWED_TARGETS)",
                    target.host, ", ".join(map(str, found)))
        raise Refused(BLOCKED)
    return [str(address) for address in found]


def subscription_problem(url: str, allowed: tuple[AllowedTarget, ...]) -> str | None:
    """Why a subscription may not name this URL's host, or None. A name that does not resolve today may
    tomorrow: it is accepted, and vetted again at every delivery."""
    try:
        vetted_addresses(Target.of(url), allowed)
    except Refused as refused:
        return NOT_PUBLIC if refused.category == BLOCKED else None
    return None


def post(url: str, body: bytes, headers: dict, allowed: tuple[AllowedTarget, ...], timeout_seconds: float,
         ca_bundle: str | None) -> Attempt:
    target = Target.of(url)
    try:
        found = vetted_addresses(target, allowed)
    except Refused as refused:
        return Attempt(None, refused.category)
    # the next vetted address when one cannot be connected to, as a resolver's client does; a few, so that
    # a name with many addresses that all time out does not hold the delivery's lease for long
    for address in found[:ADDRESSES_TRIED]:
        try:
            return Attempt(_post_to(address, target, body, headers, timeout_seconds, ca_bundle), None)
        except (HTTPError, OSError) as error:
            category = failure_category(error)
            log.info("webhook POST to %s (%s) failed: %s (%s: %s)", target.host, address, category,
                     type(error).__name__, error)
            if not isinstance(error, ConnectTimeoutError):  # no connection; urllib3's NewConnectionError is one
                break
    return Attempt(None, category)


def _post_to(address: str, target: Target, body: bytes, headers: dict, timeout_seconds: float,
             ca_bundle: str | None) -> int:
    """The answer's status, from `address` itself: no lookup of its own."""
    timeout = urllib3.Timeout(connect=timeout_seconds, read=timeout_seconds)
    if target.scheme == "https":
        # TLS verification stays on, against the URL's name: the CAs requests trusts, or the configured
        # bundle of an internal CA
        pool = urllib3.HTTPSConnectionPool(address, target.port, timeout=timeout, retries=False,
                                           cert_reqs="CERT_REQUIRED", ca_certs=ca_bundle or DEFAULT_CA_BUNDLE_PATH,
                                           server_hostname=target.host, assert_hostname=target.host)
    else:
        pool = urllib3.HTTPConnectionPool(address, target.port, timeout=timeout, retries=False)
    with pool:
        response = pool.urlopen("POST", target.path, body=body, headers={**headers, "Host": target.host_header},
                                redirect=False, retries=False, preload_content=False)
        return response.status


def failure_category(error: Exception) -> str:
    """What the subscriber may know of a POST that got no answer."""
    if isinstance(error, NewConnectionError):
        return REFUSED  # refused or unreachable; tested first, since urllib3 makes it a kind of TimeoutError
    if isinstance(error, (TimeoutError, socket.timeout)):
        return TIMED_OUT
    if isinstance(error, SSLError):
        return TLS
    if isinstance(error, (ProtocolError, ConnectionError)):
        return NO_ANSWER
    return FAILED
