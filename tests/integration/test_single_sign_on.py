"""Single sign-on against a real OpenID Connect provider (npm's oidc-provider on localhost).

A user signs in through the gateway (authorization code with PKCE), and the access token the
provider issued is accepted by the gateway and by the incidents service, which runs as its own
process and fetches the provider's keys itself. Tokens that are tampered with, expired, or from
another issuer or for another audience are refused; after a key rotation new tokens still work.
"""
import json
import time
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from tests.integration.harness import Client, Vern, free_port, wait_for
from tests.integration.oidc_provider import Browser, OidcProvider

AUDIENCE = "urn:vern:api"


@pytest.fixture(scope="module")
def sso(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sso")
    provider, foreign = OidcProvider(folder), OidcProvider(folder)
    # the incidents service runs as its own process: it must verify the provider's tokens by itself
    system = Vern("sqlite", folder, in_process=("gateway",), SERVICES=["incidents"],
                  OIDC_ISSUER=provider.issuer, OIDC_CLIENT_ID="vern-web", OIDC_AUDIENCE=AUDIENCE,
                  OIDC_RESOURCE=AUDIENCE, OIDC_SCOPES="openid vern api",
                  OIDC_ROLE_MAP={"vern-personvernkoordinator": "pko", "vern-ansatt": "employee",
                                 "vern-sentralt": "central"},
                  OIDC_AGENCY_MAP={"Demo-etaten": "demo", "Ny etat": "ny-etat"},
                  OIDC_LEEWAY_SECONDS=1, OIDC_JWKS_REFETCH_SECONDS=0.5)
    try:
        system.start()
        provider.start(f"{system.base_url}/auth/callback")
        foreign.start(f"http://127.0.0.1:{free_port()}/callback")
        process = system.start_process("incidents")
        coordinator = system.client(roles=("pko",))
        if not wait_for(lambda: coordinator.get("/incidents").status_code == 200, timeout=120):
            logs = "\n".join(log.read_text()[-3000:] for log in folder.glob("incidents-*.log"))
            raise RuntimeError(f"the incidents process did not answer (exit {process.poll()}):\n{logs}")
        yield system, provider, foreign
    finally:
        system.stop()
        provider.stop()
        foreign.stop()


def signed_in(system, user: str) -> dict:
    answer = Browser(system.base_url).sign_in(user)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    return answer.json()


def report(client: Client) -> dict:
    now = datetime.now(timezone.utc)
    response = client.post("/incidents", json={
        "title": "Phishing", "description": "Falsk e-post", "kind": "security_incident", "category": "phishing",
        "occurred_at": (now - timedelta(hours=2)).isoformat(), "aware_at": (now - timedelta(hours=1)).isoformat()})
    assert response.status_code == 201, response.text
    return response.json()


def test_login_redirects_to_the_provider_with_pkce_state_and_nonce_in_a_signed_cookie(sso):
    system, provider, _ = sso
    browser = Browser(system.base_url)
    redirect = browser.session.get(f"{system.base_url}/auth/login", allow_redirects=False, timeout=10)
    assert redirect.status_code == 302
    location = redirect.headers["Location"]
    assert location.startswith(f"{provider.issuer}/auth?")
    for part in ("code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "client_id=vern-web",
                 "response_type=code"):
        assert part in location
    cookie = redirect.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Path=/api/v1/auth" in cookie and "SameSite=Lax" in cookie


def test_a_signed_in_coordinator_works_as_the_mapped_role_and_agency(sso):
    system, _, _ = sso
    answer = signed_in(system, "kari")
    assert answer["principal"] == {"sub": "kari", "roles": ["pko"], "agency": "demo"}
    assert answer["token_type"] == "Bearer" and answer["expires_in"] > 0
    assert jwt.get_unverified_header(answer["access_token"])["alg"] == "RS256"
    kari = Client(system.base_url, answer["access_token"])
    incident = report(kari)  # the incidents process verified the provider's token itself
    assert (incident["agency"], incident["reported_by"]) == ("demo", "kari")
    assert kari.get(f"/incidents/{incident['id']}").status_code == 200
    outsider = system.client(roles=("pko",), agency="other")
    assert outsider.get(f"/incidents/{incident['id']}").status_code == 404


def test_an_employee_may_report_but_not_assess(sso):
    system, _, _ = sso
    answer = signed_in(system, "ola")
    assert answer["principal"]["roles"] == ["employee"]
    ola = Client(system.base_url, answer["access_token"])
    incident = report(ola)
    refused = ola.post(f"/incidents/{incident['id']}/assessment", json={"severity": "low",
                                                                         "personal_data_involved": False})
    assert refused.status_code == 403, refused.text


def test_a_user_in_no_vern_group_is_refused_naming_the_missing_role(sso):
    system, _, _ = sso
    answer = Browser(system.base_url).sign_in("per")
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert "No Vern role" in error["message"] and "Ingen rolle" in error["message"]
    assert error["details"]["missing"] == "role" and error["details"]["claim"] == "groups"


def test_a_user_of_an_agency_outside_the_directory_or_central_outside_the_central_agency_is_refused(sso):
    """The provider's principal meets the same agency checks as Vern's own tokens, at sign-in already."""
    system, _, _ = sso
    for user, said in (("siri", "Unknown agency 'ny-etat': not in Vern's agency directory / Ukjent virksomhet"),
                       ("liv", "The role 'central' is only for the central agency; 'demo' is not marked central")):
        answer = Browser(system.base_url).sign_in(user)
        assert answer.status_code == 401, answer.text
        assert answer.json()["error"]["message"].startswith(said), answer.text


def test_refusing_consent_answers_401_with_the_providers_error(sso):
    system, _, _ = sso
    browser = Browser(system.base_url)
    answer = browser.consent(browser.log_in(browser.start_sign_in(), "kari"), agree=False)
    assert answer.status_code == 401
    assert answer.json()["error"]["details"]["error"] == "access_denied"
    assert "avviste" in answer.json()["error"]["message"]


def test_a_callback_with_a_wrong_state_or_without_the_cookie_is_refused(sso):
    system, _, _ = sso
    browser = Browser(system.base_url)
    browser.session.get(f"{system.base_url}/auth/login", allow_redirects=False, timeout=10)
    wrong_state = browser.session.get(f"{system.base_url}/auth/callback", params={"code": "c", "state": "forged"},
                                      timeout=10)
    assert wrong_state.status_code == 400 and "state" in wrong_state.json()["error"]["fields"]
    no_cookie = Browser(system.base_url).session.get(f"{system.base_url}/auth/callback",
                                                     params={"code": "c", "state": "s"}, timeout=10)
    assert no_cookie.status_code == 401 and "utløpt" in no_cookie.json()["error"]["message"]
    neither = Browser(system.base_url).session.get(f"{system.base_url}/auth/callback", timeout=10)
    assert neither.status_code == 400


def test_tampered_expired_foreign_and_misaddressed_tokens_are_refused(sso):
    system, provider, foreign = sso
    token = signed_in(system, "ola")["access_token"]
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    raised = jwt.utils.base64url_encode(json.dumps({**claims, "groups": ["vern-personvernkoordinator"]})
                                        .encode()).decode()
    expiring = provider.machine_token("robot-short", AUDIENCE)  # valid for 1 s, leeway 1 s
    refused = {
        "tampered": f"{header}.{raised}.{signature}",
        "another audience": provider.machine_token("robot-other", "urn:other:api"),
        "another issuer": foreign.machine_token("robot-other", AUDIENCE),
    }
    assert Client(system.base_url, expiring).get("/incidents").status_code == 200
    time.sleep(3)
    refused["expired"] = expiring
    for what, bad in refused.items():
        response = Client(system.base_url, bad).get("/incidents")
        assert response.status_code == 401, (what, response.text)
    assert "utløpt" in Client(system.base_url, expiring).get("/incidents").json()["error"]["message"]


def test_after_a_key_rotation_new_tokens_work_and_old_ones_still_do(sso):
    system, provider, _ = sso
    before = signed_in(system, "kari")["access_token"]
    assert report(Client(system.base_url, before))["reported_by"] == "kari"
    kid = provider.rotate_key()
    time.sleep(0.6)  # OIDC_JWKS_REFETCH_SECONDS since the last fetch
    after = signed_in(system, "kari")["access_token"]
    assert jwt.get_unverified_header(after)["kid"] == kid != jwt.get_unverified_header(before)["kid"]
    # an unknown kid makes the gateway and the incidents process fetch the keys again
    assert report(Client(system.base_url, after))["reported_by"] == "kari"
    assert Client(system.base_url, before).get("/incidents").status_code == 200
