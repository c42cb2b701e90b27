"""What RabbitMQ's management API says about a run's vhost: messages published, consumers of a queue."""
import time
from urllib.parse import quote

import requests

from tests.integration.harness import RABBIT_API

# the management plugin samples statistics every 5 s (collect_statistics_interval): wait that long
# after the traffic before reading a count that must include it
STATISTICS_INTERVAL_SECONDS = 5.5


def message_counts(vhost: str) -> dict:
    """Messages published into the vhost so far (events, RPC requests and replies) and delivered."""
    stats = requests.get(f"{RABBIT_API}/vhosts/{quote(vhost, safe='')}", timeout=10).json().get("message_stats", {})
    return {"published": stats.get("publish", 0), "delivered": stats.get("deliver_get", 0),
            "confirmed": stats.get("confirm", 0), "returned_unroutable": stats.get("return_unroutable", 0)}


def settled_message_counts(vhost: str) -> dict:
    time.sleep(STATISTICS_INTERVAL_SECONDS)
    return message_counts(vhost)


def consumers(vhost: str, queue: str) -> int:
    found = requests.get(f"{RABBIT_API}/queues/{quote(vhost, safe='')}/{quote(queue, safe='')}", timeout=10)
    return found.json().get("consumers", 0) if found.ok else 0


def wait_for_consumers(vhost: str, queue: str, count: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while consumers(vhost, queue) < count:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{queue} did not reach {count} consumers within {timeout} s")
        time.sleep(0.5)
