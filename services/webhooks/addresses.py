"""Which addresses a webhook may go to: public ones, and the internal receivers the operator allow-listed.

The subscriber chooses the URL and Vern sends from inside the municipality's network, so without this
rule a URL could make Vern reach what only the inside reaches: the broker's management port on
127.0.0.1, the cloud metadata service on 169.254.169.254, a server on 10.x (OWASP, Server-Side Request
Forgery). Plain functions of addresses already resolved; resolving and connecting are transport.py's."""
import ipaddress
import re
import socket

from shared.allowed_targets import AllowedTarget

# the hosts "this machine" covers when demo mode (or WEBHOOK_ALLOW_HTTP_LOCALHOST) allows a local receiver
THIS_MACHINE = (AllowedTarget(name="localhost"), AllowedTarget(network=ipaddress.ip_network("127.0.0.1/32")),
                AllowedTarget(network=ipaddress.ip_network("::1/128")))
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the last 32 bits are an IPv4 address
NUMERIC = re.compile(r"^[0-9][0-9a-fA-FxX.]*$")


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address a host written as numbers means to the C library (inet_aton): 0x7f000001,
    2130706433, 127.1 and 0177.0.0.1 are all 127.0.0.1. The system resolver reads them so; eventlet's
    green one does not, so they are read here rather than left to whichever resolver runs."""
    if not NUMERIC.match(host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def embedded_ipv4(address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries and reaches: IPv4-mapped (::ffff:127.0.0.1), 6to4, NAT64."""
    if address.version != 6:
        return None
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def forbidden(address) -> bool:
    """Not a public unicast address: loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, the
    metadata service), multicast, unspecified (0.0.0.0, ::), reserved, shared (100.64/10) or documentation."""
    inner = embedded_ipv4(address)
    if inner is not None and address.ipv4_mapped:
        return forbidden(inner)  # the very same IPv4 host, however Python classes ::ffff:0:0/96
    if inner is not None and forbidden(inner):
        return True
    return (address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
            or address.is_unspecified or address.is_reserved or not address.is_global)


def allow_listed(host: str, port: int, allowed: tuple[AllowedTarget, ...]) -> bool:
    return any(target.admits(host, port) for target in allowed)


def permitted(host: str, port: int, addresses, allowed: tuple[AllowedTarget, ...]) -> bool:
    """An allow-listed host goes wherever it resolves; any other must resolve to public addresses only:
    every one of them, since the connection may take any."""
    if allow_listed(host, port, allowed):
        return True
    return bool(addresses) and not any(forbidden(address) for address in addresses)
