"""Each service its own RabbitMQ user, allowed only its own exchange, queues and RPC traffic, so that
the broker is a trust boundary: a process holding one service's credentials cannot publish events
as another service (docs/security.md; docs/nameko.md: context data is not signed).

Permissions are RabbitMQ's three regular expressions per vhost (configure, write, read):
- write (publish to an exchange, bind a queue): the service's own `<service>.events`, the shared
  `nameko-rpc` exchange (requests and replies), and its own queues;
- read (consume, and bind from an exchange): every Vern exchange (a subscriber binds to its source's),
  and its own queues;
- configure (declare): the same exchanges (nameko declares what it uses) and its own queues.

The gateway only calls: it may use the RPC exchange and its own reply queues, nothing else, so its
credentials can neither announce nor listen to any service's events.
"""
import re
from urllib.parse import quote

import requests

from shared.config import SERVICE_NAMES

RPC_EXCHANGE = "nameko-rpc"
GATEWAY = "gateway"
EXCHANGES = rf"{RPC_EXCHANGE}|(?:{'|'.join(SERVICE_NAMES)})\.events"


def user_name(service: str) -> str:
    return f"vern-{service}"


def own_queues(service: str) -> str:
    name = re.escape(service)
    return rf"rpc-{name}|rpc\.reply-{name}-.+|evt-.+--{name}\..+"


def permissions(service: str) -> dict:
    if service == GATEWAY:
        only_rpc = rf"^({RPC_EXCHANGE}|rpc\.reply-{GATEWAY}-.+)$"
        return {"configure": only_rpc, "write": only_rpc, "read": only_rpc}
    own_exchange = re.escape(f"{service}.events") if service in SERVICE_NAMES else None
    writable = "|".join(part for part in (RPC_EXCHANGE, own_exchange, own_queues(service)) if part)
    return {"configure": rf"^({EXCHANGES}|{own_queues(service)})$",
            "write": rf"^({writable})$",
            "read": rf"^({EXCHANGES}|{own_queues(service)})$"}


def create_users(api_url: str, vhost: str, passwords: dict[str, str], session=requests) -> list[str]:
    """Create (or update) a user per service in `passwords` with its permissions on `vhost`, through
    the management API at `api_url` (e.g. http://admin:secret@rabbitmq:15672/api)."""
    created = []
    for service, password in passwords.items():
        user = user_name(service)
        session.put(f"{api_url}/users/{quote(user, safe='')}", json={"password": password, "tags": ""},
                    timeout=10).raise_for_status()
        session.put(f"{api_url}/permissions/{quote(vhost, safe='')}/{quote(user, safe='')}",
                    json=permissions(service), timeout=10).raise_for_status()
        created.append(user)
    return created
