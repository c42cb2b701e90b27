"""Receivers on the municipality's own network that an operator lets outbound HTTP reach anyway.

Outbound requests to a URL a user chose go to public addresses only (OWASP, Server-Side Request
Forgery); an entry here names an exception: `sak.intern.kommune.no`, `sak.intern.kommune.no:8443`,
`10.20.30.40`, `10.20.0.0/16`, `[fd00::7]:443`. An entry matches the host as the URL writes it: a name
entry that name (whatever it resolves to), an address or network entry a URL written with such an
address; with a port, only that port."""
import ipaddress
import re
from dataclasses import dataclass

NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*$")


@dataclass(frozen=True)
class AllowedTarget:
    name: str | None = None
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    port: int | None = None

    def admits(self, host: str, port: int) -> bool:
        if self.port is not None and port != self.port:
            return False
        if self.network is None:
            return normal_name(host) == self.name
        address = literal_address(host)
        # checked apart: `in` compares the bits of an IPv6 address with an IPv4 network's without complaint
        return address is not None and address.version == self.network.version and address in self.network


def normal_name(host: str) -> str:
    return host.lower().rstrip(".")


def literal_address(host: str):
    """The address a URL writes in standard notation (`10.0.0.1`, `[::1]`), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def parse_allowed_target(entry: str) -> AllowedTarget:
    """`host`, `host:port`, `address`, `network/prefix` or `[IPv6]:port`; ValueError saying what is wrong."""
    entry = entry.strip()
    host, port = entry, None
    if entry.startswith("["):
        host, closed, rest = entry[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            raise ValueError(f"{entry!r}: an IPv6 address goes in brackets, [fd00::7] or [fd00::7]:443")
        port = rest[1:] or None
    elif entry.count(":") == 1:
        host, port = entry.split(":")
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        raise ValueError(f"{entry!r}: the port must be a number from 1 to 65535")
    port = int(port) if port is not None else None
    try:
        return AllowedTarget(network=ipaddress.ip_network(host, strict=False), port=port)
    except ValueError:
        pass
    if not NAME.match(normal_name(host)):
        raise ValueError(f"{entry!r}: not a host name, an IP address or a network such as 10.20.0.0/16")
    return AllowedTarget(name=normal_name(host), port=port)
