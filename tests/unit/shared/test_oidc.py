"""Provider tokens without a provider: locally made RSA keys, a fake discovery document and JWKS."""
import hashlib
import hmac
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import TokenRules, issue_token, verify_token
from shared.config import ConfigError, settings
from shared.errors import ServiceUnavailable, Unauthenticated
from shared.oidc import ProviderTokens
from shared.oidc_claims import map_claims
from tests.unit.shared.known_agencies import KnownAgencies

ISSUER = "https://idp.example.test"
SECRET = "s" * 64
BASE = {"AMQP_URI": "amqp://x", "JWT_SECRET": SECRET}
OIDC = {"OIDC_ISSUER": ISSUER, "OIDC_CLIENT_ID": "vern-web", "OIDC_AUDIENCE": "urn:vern:api",
        "OIDC_ROLE_MAP": {"vern-pko": "pko", "vern-ansatt": "employee"},
        "OIDC_AGENCY_MAP": {"Demo-etaten": "demo"}, "OIDC_JWKS_REFETCH_SECONDS": 30}


class Key:
    def __init__(self, kid):
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict:
        return {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private.public_key())),
                "kid": self.kid, "use": "sig", "alg": "RS256"}

    def sign(self, claims: dict, **header) -> str:
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid, **header})


class FakeProvider:
    """Answers discovery and JWKS as a provider would, and counts the requests."""

    def __init__(self, *keys):
        self.keys = list(keys)
        self.requests = []

    def __call__(self, url):
        self.requests.append(url)
        if url.endswith("/.well-known/openid-configuration"):
            return {"issuer": ISSUER, "authorization_endpoint": f"{ISSUER}/auth", "token_endpoint": f"{ISSUER}/token",
                    "jwks_uri": f"{ISSUER}/jwks", "code_challenge_methods_supported": ["S256"]}
        return {"keys": [key.jwk() for key in self.keys]}

    @property
    def key_fetches(self):
        return sum(url.endswith("/jwks") for url in self.requests)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def key_a():
    return Key("a")


@pytest.fixture(scope="module")
def key_b():
    return Key("b")


def oidc_settings(**overrides):
    return settings({**BASE, **OIDC, **overrides}).oidc


def claims(**overrides):
    now = int(time.time())
    return {"iss": ISSUER, "aud": "urn:vern:api", "sub": "kari", "iat": now, "exp": now + 300,
            "groups": ["vern-pko", "alle-ansatte"], "agency": "Demo-etaten", **overrides}


def rules(provider: ProviderTokens | None) -> TokenRules:
    return TokenRules(secret=SECRET, directory=KnownAgencies(), provider=provider)


def test_a_provider_token_gives_the_mapped_principal_through_verify_token(key_a):
    provider = ProviderTokens(oidc_settings(), FakeProvider(key_a))
    principal = verify_token(rules(provider), key_a.sign(claims()))
    assert (principal.sub, principal.roles, principal.agency) == ("kari", {"pko"}, "demo")
    # Vern's own tokens are still accepted beside them
    assert verify_token(rules(provider), issue_token(SECRET, "u", ["isk"], "demo")).roles == {"isk"}


def test_a_provider_tokens_agency_must_be_in_the_directory_and_central_only_for_the_central_one(key_a):
    provider = ProviderTokens(oidc_settings(OIDC_AGENCY_MAP={"Demo-etaten": "demo", "Ny etat": "nosuch",
                                                             "Finans": "fin"},
                                            OIDC_ROLE_MAP={"vern-pko": "pko", "vern-sentral": "central"}),
                              FakeProvider(key_a))
    with pytest.raises(Unauthenticated, match="Unknown agency 'nosuch'"):
        verify_token(rules(provider), key_a.sign(claims(agency="Ny etat")))
    with pytest.raises(Unauthenticated, match="only for the central agency"):
        verify_token(rules(provider), key_a.sign(claims(groups=["vern-sentral"])))
    assert verify_token(rules(provider), key_a.sign(claims(groups=["vern-sentral"], agency="Finans"))).sees_all_agencies


# times relative to when the test runs, not to when it was collected (a full run collects the unit
# tests a quarter of an hour before it runs them)
@pytest.mark.parametrize("change, message", [
    (lambda: {"exp": int(time.time()) - 120}, "expired"),
    (lambda: {"aud": "urn:other:api"}, "audience"),
    (lambda: {"iss": "https://evil.example.test"}, "issuer"),
    (lambda: {"nbf": int(time.time()) + 600}, "Invalid token"),
])
def test_expired_foreign_or_premature_tokens_are_refused(key_a, change, message):
    provider = ProviderTokens(oidc_settings(), FakeProvider(key_a))
    with pytest.raises(Unauthenticated, match=message):
        provider.principal(key_a.sign(claims(**change())))


def test_the_leeway_forgives_a_little_clock_skew(key_a):
    provider = ProviderTokens(oidc_settings(OIDC_LEEWAY_SECONDS=30), FakeProvider(key_a))
    assert provider.principal(key_a.sign(claims(exp=int(time.time()) - 10))).sub == "kari"


def test_a_tampered_token_is_refused(key_a):
    provider = ProviderTokens(oidc_settings(), FakeProvider(key_a))
    header, payload, signature = key_a.sign(claims()).split(".")
    forged = jwt.utils.base64url_encode(json.dumps(claims(groups=["vern-admin"])).encode()).decode()
    with pytest.raises(Unauthenticated, match="Invalid token"):
        provider.principal(f"{header}.{forged}.{signature}")


def test_hs256_signed_with_the_public_key_and_alg_none_are_refused(key_a):
    provider = ProviderTokens(oidc_settings(), FakeProvider(key_a))
    public_pem = key_a.private.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    # made by hand: PyJWT itself will not use a PEM key as an HMAC secret
    signing_input = ".".join(jwt.utils.base64url_encode(json.dumps(part).encode()).decode()
                             for part in ({"alg": "HS256", "typ": "JWT", "kid": "a"}, claims()))
    signature = jwt.utils.base64url_encode(hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest())
    hmac_with_public_key = f"{signing_input}.{signature.decode()}"
    unsigned = jwt.encode(claims(), None, algorithm="none")
    for token in (hmac_with_public_key, unsigned):
        with pytest.raises(Unauthenticated):
            verify_token(rules(provider), token)
        with pytest.raises(Unauthenticated, match="algorithm"):
            provider.principal(token)


def test_provider_tokens_are_refused_when_single_sign_on_is_off(key_a):
    with pytest.raises(Unauthenticated, match="not configured"):
        verify_token(rules(None), key_a.sign(claims()))


def test_keys_are_cached_for_their_lifetime(key_a):
    fake, clock = FakeProvider(key_a), Clock()
    provider = ProviderTokens(oidc_settings(OIDC_JWKS_CACHE_SECONDS=600), fake, clock)
    for _ in range(5):
        provider.principal(key_a.sign(claims()))
    assert fake.key_fetches == 1
    clock.now += 601
    provider.principal(key_a.sign(claims()))
    assert fake.key_fetches == 2


def test_rotation_an_unknown_kid_refetches_once_and_a_flood_of_bogus_kids_does_not_hammer(key_a, key_b):
    fake, clock = FakeProvider(key_a), Clock()
    provider = ProviderTokens(oidc_settings(), fake, clock)
    provider.principal(key_a.sign(claims()))
    clock.now += 31
    fake.keys = [key_b, key_a]  # the provider rotates: signs with b, still publishes a
    assert provider.principal(key_b.sign(claims())).sub == "kari"
    assert fake.key_fetches == 2
    bogus = Key("bogus")
    for n in range(50):
        with pytest.raises(Unauthenticated, match="unknown key"):
            provider.principal(bogus.sign(claims(), kid=f"bogus-{n}"))
    assert fake.key_fetches == 2  # within OIDC_JWKS_REFETCH_SECONDS of the last fetch: not asked again
    clock.now += 31
    with pytest.raises(Unauthenticated):
        provider.principal(bogus.sign(claims(), kid="bogus-later"))
    assert fake.key_fetches == 3  # one more after the interval


def test_keys_known_stay_in_use_while_the_provider_is_down_and_none_known_is_503(key_a):
    fake, clock = FakeProvider(key_a), Clock()
    provider = ProviderTokens(oidc_settings(OIDC_JWKS_CACHE_SECONDS=60), fake, clock)
    provider.principal(key_a.sign(claims()))

    def down(url):
        raise ServiceUnavailable("down")

    provider._get = down
    clock.now += 61
    assert provider.principal(key_a.sign(claims())).sub == "kari"
    cold = ProviderTokens(oidc_settings(), down, clock)
    with pytest.raises(ServiceUnavailable):
        cold.principal(key_a.sign(claims()))


def test_a_discovery_document_naming_another_issuer_is_refused(key_a):
    def impostor(url):
        document = FakeProvider(key_a)(url)
        return {**document, "issuer": "https://impostor.example.test"} if "well-known" in url else document

    with pytest.raises(ServiceUnavailable, match="another issuer"):
        ProviderTokens(oidc_settings(), impostor).principal(key_a.sign(claims()))


def test_the_id_token_must_carry_the_sign_ins_nonce(key_a):
    provider = ProviderTokens(oidc_settings(), FakeProvider(key_a))
    id_token = key_a.sign(claims(aud="vern-web", nonce="n-1"))
    assert provider.id_token_claims(id_token, "n-1")["sub"] == "kari"
    with pytest.raises(Unauthenticated, match="nonce"):
        provider.id_token_claims(id_token, "n-2")
    with pytest.raises(Unauthenticated, match="audience"):
        provider.id_token_claims(key_a.sign(claims(nonce="n-1")), "n-1")  # an access token is no ID token


# claim mapping: pure


def test_claims_map_to_roles_and_agency():
    principal = map_claims({"sub": "ola", "groups": ["vern-pko", "vern-ansatt", "other"], "agency": "Demo-etaten"},
                           oidc_settings())
    assert principal.roles == {"pko", "employee"} and principal.agency == "demo"


def test_without_an_agency_map_the_claim_is_the_agency_code_and_a_single_string_is_a_value():
    principal = map_claims({"sub": "ola", "roles": "vern-pko", "etat": "demo"},
                           oidc_settings(OIDC_AGENCY_MAP=None, OIDC_ROLES_CLAIM="roles", OIDC_AGENCY_CLAIM="etat"))
    assert principal.roles == {"pko"} and principal.agency == "demo"


def test_a_custom_subject_claim():
    principal = map_claims({"sub": "opaque", "pid": "12345678901", "groups": ["vern-pko"], "agency": "Demo-etaten"},
                           oidc_settings(OIDC_SUBJECT_CLAIM="pid"))
    assert principal.sub == "12345678901"


@pytest.mark.parametrize("claims_, missing", [
    ({"sub": "ola", "groups": ["other"], "agency": "Demo-etaten"}, "role"),
    ({"sub": "ola", "agency": "Demo-etaten"}, "role"),
    ({"sub": "ola", "groups": ["vern-pko"], "agency": "Ukjent etat"}, "agency"),
    ({"sub": "ola", "groups": ["vern-pko"]}, "agency"),
])
def test_claims_that_give_no_role_or_no_agency_are_refused_naming_what_is_missing(claims_, missing):
    with pytest.raises(Unauthenticated) as refused:
        map_claims(claims_, oidc_settings())
    assert refused.value.details["missing"] == missing
    assert ("No Vern role" if missing == "role" else "No agency") in refused.value.message


def test_more_than_one_agency_is_refused():
    with pytest.raises(Unauthenticated, match="More than one agency"):
        map_claims({"sub": "o", "groups": ["vern-pko"], "agency": ["demo", "other"]},
                   oidc_settings(OIDC_AGENCY_MAP=None))


def test_a_token_without_its_subject_is_refused():
    with pytest.raises(Unauthenticated, match="claims"):
        map_claims({"groups": ["vern-pko"], "agency": "Demo-etaten"}, oidc_settings())


# configuration


def test_single_sign_on_is_off_without_an_issuer_and_needs_client_audience_and_roles_with_one():
    assert settings(BASE).oidc is None
    with pytest.raises(ConfigError, match="OIDC_CLIENT_ID.*OIDC_AUDIENCE.*OIDC_ROLE_MAP"):
        settings({**BASE, "OIDC_ISSUER": ISSUER})
    with pytest.raises(ConfigError, match="OIDC_ROLE_MAP"):
        settings({**BASE, **OIDC, "OIDC_ROLE_MAP": {"vern-pko": "king"}})


def test_scopes_from_the_environment_are_one_string_and_must_include_openid():
    assert oidc_settings(OIDC_SCOPES="openid profile groups").scopes == ("openid", "profile", "groups")
    with pytest.raises(ConfigError, match="OIDC_SCOPES"):
        settings({**BASE, **OIDC, "OIDC_SCOPES": "profile"})


def test_the_redirect_uri_defaults_to_the_gateways_callback():
    cfg = settings({**BASE, **OIDC, "PUBLIC_BASE_URL": "https://vern.kommune.test/"})
    assert cfg.oidc.redirect_uri == "https://vern.kommune.test/api/v1/auth/callback"


def test_production_refuses_a_plain_http_provider_except_on_localhost():
    with pytest.raises(ConfigError, match="OIDC_ISSUER uses plain http"):
        settings({**BASE, **OIDC, "OIDC_ISSUER": "http://idp.kommune.test"})
    with pytest.raises(ConfigError, match="OIDC_REDIRECT_URI uses plain http"):
        settings({**BASE, **OIDC, "OIDC_REDIRECT_URI": "http://vern.kommune.test/api/v1/auth/callback"})
    assert settings({**BASE, **OIDC, "OIDC_ISSUER": "http://127.0.0.1:4000"}).oidc.issuer == "http://127.0.0.1:4000"
    demo = settings({**BASE, **OIDC, "MODE": "demo", "OIDC_ISSUER": "http://idp.kommune.test"})
    assert demo.oidc.issuer == "http://idp.kommune.test"


def test_the_deployed_config_reads_single_sign_on_from_the_environment(monkeypatch):
    from shared.config import DEFAULT_CONFIG_FILE, load_config

    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    assert settings(load_config(DEFAULT_CONFIG_FILE)).oidc is None  # off unless an issuer is given
    monkeypatch.setenv("VERN_OIDC_ISSUER", "https://login.kommune.test/tenant/v2.0")
    monkeypatch.setenv("VERN_OIDC_CLIENT_ID", "12345")  # looks like a number: stays a string
    monkeypatch.setenv("VERN_OIDC_AUDIENCE", "api://vern")
    monkeypatch.setenv("VERN_OIDC_SCOPES", "openid profile api://vern/access")
    monkeypatch.setenv("VERN_OIDC_ROLES_CLAIM", "roles")
    monkeypatch.setenv("VERN_OIDC_ROLE_MAP", '{"Vern.Coordinator": pko, "Vern.Employee": employee}')
    monkeypatch.setenv("VERN_OIDC_AGENCY_MAP", '{"Etat for demo": demo}')
    oidc = settings(load_config(DEFAULT_CONFIG_FILE)).oidc
    assert (oidc.client_id, oidc.audience, oidc.roles_claim) == ("12345", "api://vern", "roles")
    assert oidc.scopes == ("openid", "profile", "api://vern/access") and oidc.client_secret is None
    assert oidc.role_map == {"Vern.Coordinator": "pko", "Vern.Employee": "employee"}
    assert oidc.agency_map == {"Etat for demo": "demo"} and oidc.jwks_cache_seconds == 3600


def test_empty_environment_values_leave_the_defaults(monkeypatch):
    """docker-compose passes every VERN_OIDC_* on, empty when not set."""
    from shared.config import DEFAULT_CONFIG_FILE, load_config

    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    for key in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET", "SCOPES", "SUBJECT_CLAIM", "ROLE_MAP", "AGENCY_MAP"):
        monkeypatch.setenv(f"VERN_OIDC_{key}", "")
    assert settings(load_config(DEFAULT_CONFIG_FILE)).oidc is None
    monkeypatch.setenv("VERN_OIDC_ISSUER", ISSUER)
    monkeypatch.setenv("VERN_OIDC_CLIENT_ID", "vern")
    monkeypatch.setenv("VERN_OIDC_AUDIENCE", "urn:vern:api")
    monkeypatch.setenv("VERN_OIDC_ROLE_MAP", "{vern-pko: pko}")
    oidc = settings(load_config(DEFAULT_CONFIG_FILE)).oidc
    assert (oidc.subject_claim, oidc.scopes, oidc.client_secret, oidc.agency_map) == ("sub", ("openid", "profile"),
                                                                                       None, None)
