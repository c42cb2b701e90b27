"""Tokens from the municipality's sign-in provider (OpenID Connect): RS256 only, checked against the
provider's published keys, issuer, audience and lifetime, then mapped to a Vern principal.

One `ProviderTokens` per process and configuration (`provider_tokens`), so the gateway and every
service in a process share the cached keys. HS256 tokens never come here: they are Vern's own
(shared.auth chooses by the token's `alg`), so the provider's public key can never serve as an HMAC
secret.
"""
import threading
import time

import jwt

from shared.errors import Unauthenticated
from shared.jwks import ALGORITHM, KeyCache, ProviderMetadata, get_json, parse_metadata
from shared.oidc_claims import map_claims
from shared.oidc_config import OidcSettings
from shared.principal import Principal


class ProviderTokens:
    def __init__(self, oidc: OidcSettings, fetch_json=None, clock=time.monotonic):
        self.oidc = oidc
        self._get = fetch_json or (lambda url: get_json(url, oidc.http_timeout_seconds, oidc.ca_bundle))
        self._clock = clock
        self._metadata: ProviderMetadata | None = None
        self._metadata_at = float("-inf")
        self._lock = threading.Lock()
        self.keys = KeyCache(lambda: self._get(self.metadata().jwks_uri), oidc.jwks_cache_seconds,
                             oidc.jwks_refetch_seconds, clock)

    def metadata(self) -> ProviderMetadata:
        """The discovery document, fetched again with the keys' lifetime (endpoints move rarely)."""
        with self._lock:
            if self._metadata is None or self._clock() - self._metadata_at >= self.oidc.jwks_cache_seconds:
                self._metadata = parse_metadata(self._get(self.oidc.discovery_url), self.oidc.issuer)
                self._metadata_at = self._clock()
            return self._metadata

    def principal(self, token: str) -> Principal:
        """The caller an access token names, for the API."""
        return map_claims(self.decode(token, self.oidc.audience), self.oidc)

    def id_token_claims(self, id_token: str, nonce: str) -> dict:
        """The claims of a sign-in's ID token, which must be for this client and this sign-in (nonce)."""
        claims = self.decode(id_token, self.oidc.client_id, require=("exp", "iat", "iss", "aud", "sub", "nonce"))
        if claims.get("nonce") != nonce:
            raise Unauthenticated("The sign-in answer belongs to another sign-in (nonce) / "
                                  "Svaret tilhører en annen innlogging (nonce)")
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.oidc.client_id:
            raise Unauthenticated("The ID token is not for Vern (azp) / ID-token er ikke utstedt for Vern (azp)")
        return claims

    def decode(self, token: str, audience: str, require=("exp", "iss", "aud")) -> dict:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise Unauthenticated("Invalid token / Ugyldig innloggingstoken") from None
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated("Token algorithm not accepted / Token er signert med en algoritme som ikke "
                                  "godtas")
        kid = header.get("kid")
        key = self.keys.key(kid if isinstance(kid, str) else None)
        try:
            return jwt.decode(token, key, algorithms=[ALGORITHM], audience=audience, issuer=self.oidc.issuer,
                              leeway=self.oidc.leeway_seconds, options={"require": list(require)})
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("Token expired / Innloggingen er utløpt") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated("Token is not for Vern (audience) / Token er ikke utstedt for Vern") from None
        except jwt.InvalidIssuerError:
            raise Unauthenticated("Token from another issuer / Token er fra en annen utsteder") from None
        except jwt.InvalidTokenError:
            raise Unauthenticated("Invalid token / Ugyldig innloggingstoken") from None


_per_process: dict[str, ProviderTokens] = {}
_per_process_lock = threading.Lock()


def provider_tokens(oidc: OidcSettings | None) -> ProviderTokens | None:
    """The process's verifier for this configuration (None: single sign-on is off)."""
    if oidc is None:
        return None
    key = repr(oidc)
    with _per_process_lock:
        if key not in _per_process:
            _per_process[key] = ProviderTokens(oidc)
        return _per_process[key]
