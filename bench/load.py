"""Client load from OS threads, each with its own keep-alive HTTP session.

`open_loop` starts the i-th action at t0 + i/rate whatever happened before (requests do not wait for
earlier answers, as independent users do not); `closed_loop` keeps `threads` actions in flight until the
time is up, to find the rate the system sustains.
"""
import itertools
import threading
import time
from dataclasses import dataclass, field

import requests


@dataclass
class Outcome:
    results: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    started: float = 0.0  # wall clock (time.time()) of the first action
    ended: float = 0.0  # wall clock when the last action returned
    max_lateness_s: float = 0.0  # open loop: how far behind schedule an action started at worst

    def add(self, result=None, error=None):
        (self.errors if error is not None else self.results).append(error if error is not None else result)


def _session() -> requests.Session:
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=1))
    return session


def _run(workers: list[threading.Thread], outcome: Outcome) -> Outcome:
    outcome.started = time.time()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    outcome.ended = time.time()
    return outcome


def open_loop(action, rate: float, duration: float, threads: int) -> Outcome:
    """`action(session)` started rate times a second for `duration` seconds by `threads` threads."""
    outcome, lock, counter = Outcome(), threading.Lock(), itertools.count()
    total = int(rate * duration)
    t0 = time.monotonic() + 0.05

    def work():
        session = _session()
        while True:
            with lock:
                index = next(counter)
            if index >= total:
                return
            due = t0 + index / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                with lock:
                    outcome.max_lateness_s = max(outcome.max_lateness_s, -delay)
            _attempt(action, session, outcome, lock)

    return _run([threading.Thread(target=work, daemon=True) for _ in range(threads)], outcome)


def closed_loop(action, duration: float, threads: int) -> Outcome:
    """`threads` threads each starting `action(session)` again as soon as the last one returned."""
    outcome, lock = Outcome(), threading.Lock()
    deadline = time.monotonic() + duration

    def work():
        session = _session()
        while time.monotonic() < deadline:
            _attempt(action, session, outcome, lock)

    return _run([threading.Thread(target=work, daemon=True) for _ in range(threads)], outcome)


def _attempt(action, session, outcome: Outcome, lock: threading.Lock):
    try:
        result = action(session)
    except Exception as error:  # a failed request is a figure of the run, not the end of it
        with lock:
            outcome.add(error=repr(error)[:300])
        return
    with lock:
        outcome.add(result)


def batch(action, total: int, threads: int) -> Outcome:
    """`total` actions done as fast as `threads` threads do them (a warm-up, a fixed amount of work)."""
    outcome, lock, counter = Outcome(), threading.Lock(), itertools.count()

    def work():
        session = _session()
        while True:
            with lock:
                index = next(counter)
            if index >= total:
                return
            _attempt(action, session, outcome, lock)

    return _run([threading.Thread(target=work, daemon=True) for _ in range(threads)], outcome)
