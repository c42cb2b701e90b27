"""The sign-in's pure parts: the PKCE challenge, the signed cookie, and how callback answers are refused."""
from urllib.parse import parse_qs, urlsplit

import pytest

from services.gateway.sso import LoginCookie, SignIn, pkce_challenge
from shared.agency_directory import AgencyDirectory
from shared.config import settings
from shared.errors import BadInput, ServiceUnavailable, Unauthenticated
from shared.jwks import ProviderMetadata

ISSUER = "https://idp.example.test"
NO_DIRECTORY = AgencyDirectory(None)  # these sign-ins end before a principal is checked against it
OIDC = settings({"AMQP_URI": "amqp://x", "JWT_SECRET": "s" * 64, "OIDC_ISSUER": ISSUER, "OIDC_CLIENT_ID": "vern-web",
                 "OIDC_AUDIENCE": "urn:vern:api", "OIDC_RESOURCE": "urn:vern:api",
                 "OIDC_REDIRECT_URI": "https://vern.kommune.test/api/v1/auth/callback", "OIDC_ROLE_MAP": {"g": "pko"}}).oidc


class Clock:
    now = 1_800_000_000.0

    def __call__(self):
        return self.now


class FakeTokens:
    def metadata(self):
        return ProviderMetadata(ISSUER, f"{ISSUER}/authorize?tenant=x", f"{ISSUER}/token", f"{ISSUER}/keys")


class Answer:
    def __init__(self, status, document):
        self.status_code, self.document = status, document

    def json(self):
        return self.document


def test_the_pkce_challenge_is_an_unpadded_base64url_sha256():
    # that the provider accepts it is shown by tests/integration/test_single_sign_on.py (PKCE required there)
    challenge = pkce_challenge("a" * 86)
    assert len(challenge) == 43 and "=" not in challenge and "+" not in challenge and "/" not in challenge
    assert challenge != pkce_challenge("b" * 86)


def test_the_cookie_opens_only_unchanged_and_in_time():
    clock = Clock()
    cookie = LoginCookie(b"k" * 32, clock)
    sealed = cookie.seal({"state": "s", "nonce": "n", "verifier": "v"})
    assert cookie.open(sealed)["state"] == "s"
    payload, signature = sealed.split(".")
    for bad in (None, "", "x", f"{payload}.{signature[:-2]}AA", f"{payload[:-2]}AA.{signature}",
                LoginCookie(b"o" * 32, clock).seal({"state": "s"})):
        with pytest.raises(Unauthenticated, match="expired"):
            cookie.open(bad)
    clock.now += 601
    with pytest.raises(Unauthenticated, match="expired"):
        cookie.open(sealed)


def test_login_sends_the_browser_to_the_provider_with_challenge_state_nonce_and_resource():
    sign_in = SignIn(OIDC, FakeTokens(), LoginCookie(b"k" * 32), NO_DIRECTORY)
    response = sign_in.login()
    location = urlsplit(response.headers["Location"])
    params = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/authorize"
    assert params["tenant"] == "x"  # the endpoint's own query is kept
    login = sign_in.cookie.open(response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1])
    assert params["state"] == login["state"] and params["nonce"] == login["nonce"]
    assert params["code_challenge"] == pkce_challenge(login["verifier"]) and params["code_challenge_method"] == "S256"
    assert params["resource"] == "urn:vern:api" and params["scope"] == "openid profile"
    assert "Secure" in response.headers["Set-Cookie"]  # the redirect URI is https


def started(post=None):
    sign_in = SignIn(OIDC, FakeTokens(), LoginCookie(b"k" * 32), NO_DIRECTORY, post=post)
    cookie = sign_in.cookie.seal({"state": "the-state", "nonce": "n", "verifier": "v"})
    return sign_in, cookie


def test_a_provider_error_a_wrong_state_and_a_mixed_up_issuer_are_refused():
    sign_in, cookie = started()
    with pytest.raises(Unauthenticated, match="access_denied"):
        sign_in.callback({"error": "access_denied", "state": "the-state"}, cookie)
    with pytest.raises(BadInput, match="state"):
        sign_in.callback({"code": "c", "state": "another"}, cookie)
    with pytest.raises(BadInput, match="another sign-in provider"):
        sign_in.callback({"code": "c", "state": "the-state", "iss": "https://evil.example.test"}, cookie)
    with pytest.raises(BadInput):
        sign_in.callback({"state": "the-state"}, cookie)  # neither code nor error


@pytest.mark.parametrize("answer, refused", [
    (Answer(400, {"error": "invalid_grant", "error_description": "code expired"}), Unauthenticated),
    (Answer(200, {"access_token": "a", "token_type": "mac", "id_token": "i"}), Unauthenticated),
    (Answer(200, {"token_type": "Bearer", "id_token": "i"}), Unauthenticated),
    (Answer(502, {}), ServiceUnavailable),
])
def test_a_token_endpoint_that_refuses_or_answers_nonsense(answer, refused):
    sent = {}

    def post(url, **kwargs):
        sent.update(url=url, **kwargs)
        return answer

    sign_in, cookie = started(post)
    with pytest.raises(refused):
        sign_in.callback({"code": "the-code", "state": "the-state"}, cookie)
    assert sent["url"] == f"{ISSUER}/token" and sent["auth"] is None  # a public client: PKCE is its proof
    assert sent["data"] == {"grant_type": "authorization_code", "code": "the-code", "code_verifier": "v",
                            "redirect_uri": OIDC.redirect_uri, "client_id": "vern-web", "resource": "urn:vern:api"}


def test_without_configuration_sign_in_answers_503():
    with pytest.raises(ServiceUnavailable, match="not configured"):
        SignIn(None, None, LoginCookie(b"k" * 32), NO_DIRECTORY).login()
