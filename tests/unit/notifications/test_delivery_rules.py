"""Delivery rules: channel choice, backoff, giving up, and how HTTP and SMTP answers are read."""
from datetime import datetime, timedelta, timezone

import pytest

from services.notifications import acknowledgement, delivery
from services.notifications.delivery import Delivered, PermanentFailure, TemporaryFailure

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("rule_channel, address, expected", [
    ("contact", "leder@demo.example", "email"),
    ("contact", "https://siem.example/hooks/vern", "webhook"),
    ("contact", None, "manual"),
    ("contact", "Rom 3, Rådhuset", "manual"),
    ("email", "leder@demo.example", "email"),
    ("email", None, "manual"),
    ("manual", "leder@demo.example", "manual"),
])
def test_the_channel_follows_the_rule_and_the_address(rule_channel, address, expected):
    assert delivery.channel_for(rule_channel, address) == expected


def test_retries_back_off_exponentially_up_to_the_cap():
    delays = [delivery.retry_delay(n) for n in range(1, 10)]
    assert delays[:4] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120),
                          timedelta(seconds=240)]
    assert delays[-1] == delivery.RETRY_CAP and all(d <= delivery.RETRY_CAP for d in delays)


def test_the_next_state_after_an_attempt():
    assert delivery.after_attempt(1, Delivered(), NOW).status == "delivered"
    retry = delivery.after_attempt(2, TemporaryFailure("HTTP 500"), NOW)
    assert (retry.status, retry.next_attempt_at, retry.error) == ("pending", NOW + timedelta(seconds=60), "HTTP 500")
    assert delivery.after_attempt(1, PermanentFailure("HTTP 410"), NOW).status == "failed"
    gave_up = delivery.after_attempt(delivery.MAX_ATTEMPTS, TemporaryFailure("HTTP 503"), NOW)
    assert gave_up.status == "failed" and "gave up" in gave_up.error


@pytest.mark.parametrize("status, outcome", [
    (200, Delivered), (204, Delivered), (408, TemporaryFailure), (429, TemporaryFailure),
    (500, TemporaryFailure), (503, TemporaryFailure), (400, PermanentFailure), (401, PermanentFailure),
    (404, PermanentFailure), (410, PermanentFailure),
])
def test_http_answers(status, outcome):
    assert isinstance(delivery.http_outcome(status), outcome)


@pytest.mark.parametrize("code, outcome", [(250, Delivered), (421, TemporaryFailure), (451, TemporaryFailure),
                                           (550, PermanentFailure), (553, PermanentFailure)])
def test_smtp_answers(code, outcome):
    assert isinstance(delivery.smtp_outcome(code), outcome)


def test_an_acknowledgement_link_is_stored_only_as_its_hash():
    token = acknowledgement.token_for("server-secret", "message-1")
    stored = acknowledgement.token_hash(token)
    assert token not in stored and len(token) >= 40


def test_a_resent_message_carries_the_same_link_and_other_messages_other_links():
    token = acknowledgement.token_for("server-secret", "message-1")
    assert acknowledgement.token_for("server-secret", "message-1") == token
    assert acknowledgement.token_for("server-secret", "message-2") != token
    assert acknowledgement.token_for("another-secret", "message-1") != token


def test_an_acknowledgement_link_works_once_and_expires():
    expires = NOW + timedelta(days=1)
    assert acknowledgement.link_problem(expires, None, NOW) is None
    assert "used" in acknowledgement.link_problem(expires, NOW, NOW)
    assert "expired" in acknowledgement.link_problem(expires, None, expires + timedelta(seconds=1))


def test_a_link_outlives_the_task_due_time():
    far = NOW + timedelta(days=30)
    assert acknowledgement.expiry(NOW, None) == NOW + acknowledgement.VALID_FOR
    assert acknowledgement.expiry(NOW, far) == far + timedelta(days=1)
