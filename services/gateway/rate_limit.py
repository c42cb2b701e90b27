"""A fixed-window request limit per client address, for the routes anyone may call without a token
(acknowledgement links): guessing link tokens or flooding them costs a client its minute.

Per gateway process, in memory: with N gateways a client gets N times the limit, which still bounds
guessing; a shared limit would need shared state (the broker or a database) on every public request."""
import time
from collections import OrderedDict

MAX_CLIENTS = 10_000  # the oldest windows are forgotten first, so memory stays bounded


class RateLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window_seconds, clock
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def allow(self, client: str) -> float | None:
        """None if the request may go on; else the seconds until the client's window ends."""
        now = self.clock()
        started, count = self._windows.get(client, (now, 0))
        if now - started >= self.window:
            started, count = now, 0
        if count >= self.limit:
            return max(0.0, started + self.window - now)
        self._windows[client] = (started, count + 1)
        self._windows.move_to_end(client)
        while len(self._windows) > MAX_CLIENTS:
            self._windows.popitem(last=False)
        return None
