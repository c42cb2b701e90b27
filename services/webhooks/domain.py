"""The rules of webhook subscriptions as plain functions: which events a subscription wants, which
URLs it may name, and what an attempt's answer means for the shared delivery engine's retries
(shared.delivery.rules)."""
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from shared.delivery import rules
from shared.delivery.rules import NextState, RetryPolicy

STATUSES = rules.STATES
RETRY_CAP = timedelta(hours=1)
CLAIM_LEASE = timedelta(minutes=2)  # an attempt that outlives this is presumed crashed
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
RECENT_ATTEMPTS = 10  # attempts kept on a delivery for the listing; older ones are only counted

# What a delivery log says of an attempt without an HTTP answer: a category, never the error's own text
BLOCKED = "blocked"  # the host resolves to an address that is not public, and is not allow-listed
UNRESOLVED = "unresolved"  # the name does not resolve
REFUSED = "refused"  # the connection was refused, or the address is unreachable
TIMED_OUT = "timeout"
TLS = "TLS"  # the handshake failed: an untrusted or mismatched certificate, no common protocol
NO_ANSWER = "no answer"  # the connection closed or broke before an answer
FAILED = "error"  # anything else
CATEGORIES = (BLOCKED, UNRESOLVED, REFUSED, TIMED_OUT, TLS, NO_ANSWER, FAILED)
HTTP_STATUS = re.compile(r"^HTTP \d{3}$")
# the words of the errors recorded before categories, and their category
LEGACY_ERRORS = (("SSL", TLS), ("Timeout", TIMED_OUT), ("timed out", TIMED_OUT), ("NameResolution", UNRESOLVED),
                 ("resolve", UNRESOLVED), ("refused", REFUSED), ("NewConnection", REFUSED),
                 ("unreachable", REFUSED), ("aborted", NO_ANSWER), ("reset", NO_ANSWER),
                 ("RemoteDisconnected", NO_ANSWER))


def matches(patterns, event_key: str) -> bool:
    """`incidents.*`, `*.incident_escalated`, `*` or an exact `incidents.incident_escalated`."""
    return any(fnmatchcase(event_key, pattern) for pattern in patterns)


def unknown_patterns(patterns, catalogue_keys) -> list[str]:
    """The patterns that match no event of the catalogue: a typo would otherwise wait forever."""
    return [pattern for pattern in patterns if not any(fnmatchcase(key, pattern) for key in catalogue_keys)]


def in_scope(subscription_agency: str, all_agencies: bool, event_agency: str) -> bool:
    """A subscription hears its own agency's events; one of the central team's may hear every agency's."""
    return all_agencies or subscription_agency == event_agency


def url_problem(url: str, allow_local_http: bool) -> str | None:
    """Why a URL cannot be an endpoint, or None. Events carry case facts: they travel encrypted, except
    to this machine in a demonstration or a test."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        return "Must not carry credentials; the signature authenticates Vern / Kan ikke inneholde brukernavn eller passord."
    if not parts.hostname:
        return "Must name a host / Må inneholde et vertsnavn."
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and allow_local_http and parts.hostname in LOCAL_HOSTS:
        return None
    return "Must be an https:// URL / Må være en https://-adresse."


@dataclass(frozen=True)
class Attempt:
    """What one POST came to: the HTTP status if there was an answer, else the error."""
    status_code: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def retryable(self) -> bool:
        """No answer, 408, 429 and 5xx may pass; another 4xx (404, 410, 401) is the endpoint's answer."""
        return self.status_code is None or self.status_code in (408, 429) or self.status_code >= 500

    def describe(self) -> str:
        return f"HTTP {self.status_code}" if self.status_code is not None else (self.error or NO_ANSWER)

    def outcome(self) -> rules.Outcome:
        if self.delivered:
            return rules.Delivered(self.describe())
        if self.retryable:
            return rules.TemporaryFailure(self.describe())
        return rules.PermanentFailure(self.describe())


def shown_error(recorded: str | None) -> str | None:
    """What a delivery log may show of a recorded error: its category. A delivery recorded before
    categories holds the socket's or TLS library's own text; that is not shown either."""
    if recorded is None or recorded in CATEGORIES or HTTP_STATUS.match(recorded):
        return recorded
    return next((category for words, category in LEGACY_ERRORS if words in recorded), FAILED)


def retry_delay(attempts: int, first: timedelta) -> timedelta:
    """After the n-th failed attempt wait first * 2^(n-1), at most an hour."""
    return rules.retry_delay(attempts, first, RETRY_CAP)


def after_attempt(attempts: int, attempt: Attempt, now: datetime, scheduled_at: datetime,
                  policy: RetryPolicy) -> NextState:
    """`attempts` counts the one just made; `scheduled_at` is when this round of delivery began."""
    step = rules.after_attempt(attempts, attempt.outcome(), now, policy, scheduled_at)
    # a delivery records the attempt's own category as its error (shown_error), not the engine's summary
    return NextState(step.status, step.next_attempt_at)


def should_disable(consecutive_failures: int, threshold: int) -> bool:
    """Failed deliveries in a row: an endpoint that failed that often is switched off, not hammered."""
    return consecutive_failures >= threshold


def signing_secrets(secret: str, previous: str | None, previous_until: datetime | None, now: datetime) -> list[str]:
    """The current secret, and the one before it while the rotation's overlap lasts."""
    if previous and previous_until and now < previous_until:
        return [secret, previous]
    return [secret]


def recent(attempts: list, entry: dict) -> list:
    """The attempt log with `entry` added, newest last, at most RECENT_ATTEMPTS long."""
    return [*(attempts or []), entry][-RECENT_ATTEMPTS:]
