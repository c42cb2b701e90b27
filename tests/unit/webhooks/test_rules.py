"""The pure rules of webhook subscriptions: filters, scope, URLs, the retry schedule, secrets in force."""
from datetime import datetime, timedelta, timezone

import pytest

from services.webhooks import domain
from services.webhooks.domain import Attempt, RetryPolicy
from services.webhooks.schemas import CreateSubscriptionSchema, UpdateSubscriptionSchema
from shared.contracts import CATALOGUE
from shared.errors import BadInput
from shared.events import catalogue_key
from shared.validation import load

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
POLICY = RetryPolicy(first_retry=timedelta(seconds=30), max_attempts=10, max_age=timedelta(hours=24))


@pytest.mark.parametrize("patterns, key, wanted", [
    (["incidents.incident_escalated"], "incidents.incident_escalated", True),
    (["incidents.incident_escalated"], "incidents.incident_reported", False),
    (["incidents.*"], "incidents.incident_closed", True),
    (["incidents.*"], "risk.measure_overdue", False),
    (["*.incident_escalated"], "incidents.incident_escalated", True),
    (["*.incident_escalated"], "incidents.incident_closed", False),
    (["*"], "training.campaign_completed", True),
    (["risk.*", "incidents.incident_closed"], "incidents.incident_closed", True),
])
def test_a_filter_matches_event_types_by_glob(patterns, key, wanted):
    assert domain.matches(patterns, key) is wanted


def test_the_cloudevents_type_becomes_the_catalogue_key():
    assert catalogue_key("no.vern.incidents.incident_escalated.v1") == "incidents.incident_escalated"
    assert catalogue_key("no.vern.privacy_register.dpia_required.v2") == "privacy_register.dpia_required"


def test_a_pattern_that_matches_nothing_in_the_catalogue_is_unknown():
    assert domain.unknown_patterns(["incidents.*", "*", "incidents.incident_escalated"], CATALOGUE) == []
    assert domain.unknown_patterns(["incidents.incident_exploded", "payroll.*"], CATALOGUE) == [
        "incidents.incident_exploded", "payroll.*"]


def test_the_schema_names_the_field_with_an_unknown_event_type():
    with pytest.raises(BadInput) as refused:
        load(CreateSubscriptionSchema(), {"url": "https://siem.example.org/hook",
                                          "event_types": ["incidents.incident_exploded"]})
    assert "incident_exploded" in str(refused.value.details["event_types"])
    with pytest.raises(BadInput) as refused:
        load(UpdateSubscriptionSchema(), {"event_types": ["not a pattern"]})
    assert "event_types" in refused.value.details


def test_an_agency_hears_its_own_events_and_central_may_hear_all():
    assert domain.in_scope("demo", False, "demo")
    assert not domain.in_scope("demo", False, "other")
    assert domain.in_scope("central", True, "other")


@pytest.mark.parametrize("url, local_http, problem", [
    ("https://siem.example.org/hook", False, None),
    ("http://siem.example.org/hook", False, "https"),
    ("http://siem.example.org/hook", True, "https"),  # plain http only to this machine
    ("http://127.0.0.1:9000/hook", False, "https"),
    ("http://127.0.0.1:9000/hook", True, None),
    ("http://localhost/hook", True, None),
    ("https://user:pw@siem.example.org/hook", False, "credentials"),
    ("ftp://siem.example.org/hook", True, "https"),
])
def test_endpoints_are_https_except_locally_when_allowed(url, local_http, problem):
    found = domain.url_problem(url, local_http)
    assert (found is None) if problem is None else (problem in found)


def test_retries_double_from_the_first_delay_up_to_an_hour():
    delays = [domain.retry_delay(n, timedelta(seconds=30)).total_seconds() for n in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_a_failed_attempt_is_retried_until_the_attempts_run_out():
    step = domain.after_attempt(1, Attempt(500, None), NOW, NOW, POLICY)
    assert step == domain.NextState("pending", NOW + timedelta(seconds=30))
    step = domain.after_attempt(3, Attempt(None, "ConnectionError"), NOW, NOW, POLICY)
    assert step.status == "pending" and step.next_attempt_at == NOW + timedelta(minutes=2)
    assert domain.after_attempt(10, Attempt(503, None), NOW, NOW, POLICY).status == "failed"


def test_a_delivery_older_than_the_age_limit_fails_whatever_its_attempts():
    started = NOW - timedelta(hours=23, minutes=59, seconds=45)
    assert domain.after_attempt(2, Attempt(500, None), NOW, started, POLICY).status == "failed"
    assert domain.after_attempt(2, Attempt(500, None), NOW, NOW - timedelta(hours=1), POLICY).status == "pending"


@pytest.mark.parametrize("status, outcome", [(200, "delivered"), (204, "delivered"), (408, "pending"),
                                             (429, "pending"), (502, "pending"), (404, "failed"), (410, "failed"),
                                             (401, "failed")])
def test_the_answer_decides(status, outcome):
    assert domain.after_attempt(1, Attempt(status, None), NOW, NOW, POLICY).status == outcome


def test_a_subscription_is_disabled_after_enough_failed_deliveries_in_a_row():
    assert not domain.should_disable(4, 5)
    assert domain.should_disable(5, 5)


def test_after_a_rotation_both_secrets_sign_until_the_overlap_ends():
    assert domain.signing_secrets("new", None, None, NOW) == ["new"]
    assert domain.signing_secrets("new", "old", NOW + timedelta(hours=1), NOW) == ["new", "old"]
    assert domain.signing_secrets("new", "old", NOW, NOW) == ["new"]


def test_the_attempt_log_keeps_the_latest():
    log = []
    for n in range(domain.RECENT_ATTEMPTS + 3):
        log = domain.recent(log, {"n": n})
    assert len(log) == domain.RECENT_ATTEMPTS and log[-1] == {"n": domain.RECENT_ATTEMPTS + 2}
