"""Limits an attacker meets without a token, and the headers every response carries."""
import pytest

from tests.integration.harness import Vern


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    system = Vern("sqlite", tmp_path_factory.mktemp("strict"), SERVICES=["notifications"], PUBLIC_RATE_LIMIT_PER_MINUTE=5,
                  SIGN_IN_RATE_LIMIT_PER_MINUTE=3)
    try:
        yield system.start()
    finally:
        system.stop()


def test_guessing_acknowledgement_links_is_limited_per_address(strict):
    anyone = strict.client(roles=("pko",))
    anyone.headers = {}
    statuses = [anyone.post(f"/ack/guess-{n}").status_code for n in range(7)]
    assert 429 not in statuses[:5] and statuses[5:] == [429, 429]
    limited = anyone.post("/ack/guess-8")
    assert limited.headers["Retry-After"] == "60" and limited.json()["error"]["code"] == "too_many_requests"


def test_sign_in_routes_are_limited_per_address_by_their_own_limit(strict):
    anyone = strict.client(roles=("pko",))
    anyone.headers = {}
    # single sign-on is not configured here (503): the limit applies before anything else
    statuses = [anyone.get("/auth/login").status_code for _ in range(4)]
    assert statuses == [503, 503, 503, 429]
    assert anyone.get("/auth/callback", params={"error": "access_denied"}).status_code == 503  # a limit per route


def test_an_oversized_body_is_refused_before_any_call(strict):
    coordinator = strict.client(roles=("pko",))
    response = coordinator.post("/reports", data="{" + " " * 1_100_000 + "}",
                                headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"


def test_responses_carry_security_headers(strict):
    response = strict.client(roles=("pko",)).get("/notification-tasks")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    page = strict.client(roles=("pko",)).get("/ack/some-token", headers={"Accept": "text/html"})
    assert page.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
