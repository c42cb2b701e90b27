"""The sign-in provider's published facts: its discovery document and its signing keys (JWKS).

Kept per process for OIDC_JWKS_CACHE_SECONDS. A token signed with a key we do not know (`kid`) is
how a key rotation shows itself: the key set is fetched again at once, but at most once per
OIDC_JWKS_REFETCH_SECONDS, so a flood of tokens with made-up kids costs the provider one request.
When the provider does not answer, keys already fetched stay in use (a provider outage does not
log everyone out); with none at all, the caller gets 503.
"""
import logging
import threading
import time
from dataclasses import dataclass

import jwt
import requests
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from shared.errors import ServiceUnavailable, Unauthenticated

log = logging.getLogger(__name__)

ALGORITHM = "RS256"
MAX_DOCUMENT_BYTES = 512_000


class DiscoverySchema(Schema):
    """The parts of /.well-known/openid-configuration Vern uses."""

    class Meta:
        unknown = EXCLUDE

    issuer = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    authorization_endpoint = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    token_endpoint = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    jwks_uri = fields.Url(required=True, require_tld=False, schemes={"http", "https"})
    code_challenge_methods_supported = fields.List(fields.String(), load_default=None)


class JwkSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    kty = fields.String(required=True)
    kid = fields.String(load_default=None, validate=validate.Length(max=200))
    use = fields.String(load_default=None)
    alg = fields.String(load_default=None)
    n = fields.String(load_default=None)
    e = fields.String(load_default=None)


class JwksSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    keys = fields.List(fields.Dict(), required=True, validate=validate.Length(max=100))


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def unavailable() -> ServiceUnavailable:
    return ServiceUnavailable("The sign-in provider does not answer / Innloggingstjenesten svarer ikke")


def get_json(url: str, timeout: float, ca_bundle: str | None = None) -> dict:
    """A document the provider publishes; 503 when it cannot be had."""
    try:
        response = requests.get(url, timeout=timeout, verify=ca_bundle or True,
                                headers={"Accept": "application/json"})
        response.raise_for_status()
        if len(response.content) > MAX_DOCUMENT_BYTES:
            raise ValueError("document too large")
        document = response.json()
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
        return document
    except (requests.RequestException, ValueError) as error:
        log.warning("sign-in provider document %s could not be had: %s", url, error)
        raise unavailable() from None


def parse_metadata(document: dict, expected_issuer: str) -> ProviderMetadata:
    try:
        loaded = DiscoverySchema().load(document)
    except ValidationError as error:
        log.warning("sign-in provider discovery document refused: %s", error.normalized_messages())
        raise ServiceUnavailable("The sign-in provider's description is invalid / "
                                 "Innloggingstjenestens beskrivelse er ugyldig") from None
    if loaded["issuer"] != expected_issuer:  # OpenID Connect Discovery 1.0, 4.3: must match exactly
        log.warning("sign-in provider says it is %s, configured is %s", loaded["issuer"], expected_issuer)
        raise ServiceUnavailable("The sign-in provider names another issuer / "
                                 "Innloggingstjenesten oppgir en annen utsteder")
    methods = loaded["code_challenge_methods_supported"]
    if methods is not None and "S256" not in methods:
        raise ServiceUnavailable("The sign-in provider does not offer PKCE with S256 / "
                                 "Innloggingstjenesten støtter ikke PKCE med S256")
    return ProviderMetadata(issuer=loaded["issuer"], authorization_endpoint=loaded["authorization_endpoint"],
                            token_endpoint=loaded["token_endpoint"], jwks_uri=loaded["jwks_uri"])


def parse_signing_keys(document: dict) -> dict:
    """kid -> key, for the RSA signing keys of a JWKS; keys for encryption or other algorithms are left out."""
    try:
        entries = JwksSchema().load(document)["keys"]
    except ValidationError as error:
        raise ServiceUnavailable("The sign-in provider's keys are invalid / Innloggingstjenestens nøkler er "
                                 "ugyldige", error.normalized_messages()) from None
    keys = {}
    for entry in entries:
        try:
            jwk = JwkSchema().load(entry)
        except ValidationError:
            continue
        if jwk["kty"] != "RSA" or jwk["use"] not in (None, "sig") or jwk["alg"] not in (None, ALGORITHM):
            continue
        try:
            keys[jwk["kid"]] = jwt.PyJWK(entry, ALGORITHM).key
        except jwt.PyJWKError as error:
            log.warning("sign-in provider key %s left out: %s", jwk["kid"], error)
    return keys


class KeyCache:
    """The provider's signing keys in this process; `fetch()` returns a JWKS document."""

    def __init__(self, fetch, lifetime_seconds: float, refetch_seconds: float, clock=time.monotonic):
        self._fetch, self._lifetime, self._refetch, self._clock = fetch, lifetime_seconds, refetch_seconds, clock
        self._keys: dict | None = None
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()  # green under nameko: one fetch at a time, others wait for it
        self.fetches = 0

    def key(self, kid: str | None):
        with self._lock:
            since = self._clock() - self._fetched_at
            if self._keys is None and since < self._refetch:
                raise unavailable()  # the last try failed just now: do not ask again for every request
            if self._keys is None or since >= self._lifetime:
                self._refresh()
            found = self._find(kid)
            if found is None and self._clock() - self._fetched_at >= self._refetch:
                self._refresh()  # perhaps rotated: the provider signs with a new key
                found = self._find(kid)
        if found is None:
            raise Unauthenticated("Token signed with an unknown key / Token er signert med en ukjent nøkkel")
        return found

    def _find(self, kid: str | None):
        if not self._keys:
            return None
        if kid is None:  # a provider with one key may leave kid out
            return next(iter(self._keys.values())) if len(self._keys) == 1 else None
        return self._keys.get(kid)

    def _refresh(self):
        self._fetched_at = self._clock()  # also on failure: a provider that is down is not asked in a loop
        self.fetches += 1
        try:
            self._keys = parse_signing_keys(self._fetch())
        except ServiceUnavailable:
            if self._keys is None:
                raise
            log.warning("sign-in provider keys could not be refreshed; keeping the %d known", len(self._keys))
