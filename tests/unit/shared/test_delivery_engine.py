"""The shared delivery engine: backoff, the next state after an attempt, and the round's order of work."""
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest

from shared.delivery import rounds
from shared.delivery.rules import (Delivered, NextState, PermanentFailure, RetryPolicy, TemporaryFailure,
                                   after_attempt, retry_delay)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
S = timedelta(seconds=1)
HOUR = timedelta(hours=1)
POLICY = RetryPolicy(first_retry=30 * S, max_attempts=10, cap=HOUR)
AGED = RetryPolicy(first_retry=30 * S, max_attempts=10, max_age=24 * HOUR, cap=HOUR)


@pytest.mark.parametrize("attempts, first, cap, delay", [
    (0, 30 * S, HOUR, 30 * S),  # no attempt counted yet: the first delay, never less
    (1, 30 * S, HOUR, 30 * S),
    (2, 30 * S, HOUR, 60 * S),
    (3, 30 * S, HOUR, 120 * S),
    (7, 30 * S, HOUR, 1920 * S),
    (8, 30 * S, HOUR, HOUR),  # 3840 s, capped
    (40, 30 * S, HOUR, HOUR),
    (1, 10 * S, 15 * S, 10 * S),
    (2, 10 * S, 15 * S, 15 * S),  # 20 s, capped by a smaller cap
    (3, 2 * HOUR, HOUR, HOUR),  # a first delay above the cap is capped too
])
def test_the_delay_doubles_from_the_first_up_to_the_cap(attempts, first, cap, delay):
    assert retry_delay(attempts, first, cap) == delay


@pytest.mark.parametrize("attempts, outcome, policy, scheduled_at, expected", [
    (1, Delivered("HTTP 200"), POLICY, None, NextState("delivered", None, None)),
    (10, Delivered(), POLICY, None, NextState("delivered", None, None)),  # even on the last attempt
    (1, PermanentFailure("HTTP 410"), POLICY, None, NextState("failed", None, "HTTP 410")),
    (1, TemporaryFailure("HTTP 503"), POLICY, None, NextState("pending", NOW + 30 * S, "HTTP 503")),
    (3, TemporaryFailure("timeout"), POLICY, None, NextState("pending", NOW + 120 * S, "timeout")),
    (9, TemporaryFailure("HTTP 500"), POLICY, None, NextState("pending", NOW + HOUR, "HTTP 500")),
    (10, TemporaryFailure("HTTP 500"), POLICY, None,
     NextState("failed", None, "gave up after 10 attempts: HTTP 500")),
    (11, TemporaryFailure("HTTP 500"), POLICY, None,
     NextState("failed", None, "gave up after 11 attempts: HTTP 500")),
    # the maximum age: the next try would come later than 24 h after the round began
    (2, TemporaryFailure("HTTP 500"), AGED, NOW - 24 * HOUR + 60 * S, NextState("pending", NOW + 60 * S, "HTTP 500")),
    (2, TemporaryFailure("HTTP 500"), AGED, NOW - 24 * HOUR + 59 * S,
     NextState("failed", None, "gave up after 1 day, 0:00:00: HTTP 500")),
    (2, PermanentFailure("HTTP 404"), AGED, NOW - 48 * HOUR, NextState("failed", None, "HTTP 404")),
    (2, Delivered(), AGED, NOW - 48 * HOUR, NextState("delivered", None, None)),
])
def test_the_next_state_after_an_attempt(attempts, outcome, policy, scheduled_at, expected):
    assert after_attempt(attempts, outcome, NOW, policy, scheduled_at) == expected


def test_without_a_maximum_age_the_round_s_start_does_not_matter():
    old = NOW - 365 * 24 * HOUR
    assert after_attempt(2, TemporaryFailure("x"), NOW, POLICY, old).status == "pending"


def test_a_round_claims_in_one_unit_of_work_sends_outside_any_and_records_each_in_its_own():
    events, open_units, opened = [], [], []

    @contextmanager
    def unit_of_work():
        opened.append(1)
        open_units.append(1)
        events.append("begin")
        yield f"uow{len(opened)}"
        events.append("commit")
        open_units.pop()

    def send(item):
        assert not open_units, "sent inside a transaction"
        events.append(f"send {item}")
        return f"answer {item}"

    reported = []
    claimed = rounds.deliver_due(
        unit_of_work, claim=lambda uow: events.append(f"claim in {uow}") or ["a", "b"], send=send,
        record=lambda uow, item, answer: events.append(f"record {item} {answer} in {uow}") or f"row {item}",
        report=lambda item, answer, recorded: reported.append((item, answer, recorded)), parallel=2)
    assert claimed == 2
    assert events[:3] == ["begin", "claim in uow1", "commit"]
    assert sorted(e for e in events if e.startswith("send")) == ["send a", "send b"]
    records = [e for e in events if e.startswith("record")]
    assert records == ["record a answer a in uow2", "record b answer b in uow3"]
    for record in records:  # each outcome in a unit of work of its own
        at = events.index(record)
        assert events[at - 1] == "begin" and events[at + 1] == "commit"
    assert reported == [("a", "answer a", "row a"), ("b", "answer b", "row b")]


def test_a_round_with_nothing_due_sends_nothing():
    @contextmanager
    def unit_of_work():
        yield None

    def fail(*args):
        raise AssertionError("nothing was claimed")

    assert rounds.deliver_due(unit_of_work, claim=lambda uow: [], send=fail, record=fail, report=fail,
                              parallel=10) == 0
