"""The principal: who is calling, in which roles, for which agency.

The gateway verifies the bearer JWT at the edge and forwards the token in nameko
context data (`authorization`); every service verifies it again, because context
data is not signed and the broker is not yet a trust boundary (NAMEKO.md).

Two kinds of token are accepted: Vern's own (HS256 with the configured secret) and, when single
sign-on is configured, the sign-in provider's access tokens (RS256, shared.oidc). The token's
header (`alg`) says which; each kind is checked only with its own algorithm and key.
"""
from datetime import timedelta

import jwt
from marshmallow import ValidationError
from nameko.extensions import DependencyProvider

from shared.clock import utcnow
from shared.config import settings
from shared.errors import Unauthenticated
from shared.oidc import ProviderTokens, provider_tokens
from shared.principal import ROLES, ClaimsSchema, Principal  # noqa: F401 (ROLES: imported from here)

ALGORITHM = "HS256"
AUTHORIZATION_KEY = "authorization"
CORRELATION_KEY = "correlation_id"


def issue_token(secret: str, sub: str, roles, agency: str, ttl_seconds: int = 8 * 3600) -> str:
    claims = ClaimsSchema().load({"sub": sub, "roles": list(roles), "agency": agency})
    now = utcnow()
    claims.update(iat=now, exp=now + timedelta(seconds=ttl_seconds))
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(secret: str, token: str | None, provider: ProviderTokens | None = None) -> Principal:
    if not token:
        raise Unauthenticated("Missing bearer token / Mangler innloggingstoken")
    if _algorithm(token) == "RS256":
        if provider is None:
            raise Unauthenticated("Tokens from a sign-in provider are not accepted: single sign-on is not "
                                  "configured / Token fra innloggingstjeneste godtas ikke: single sign-on er "
                                  "ikke satt opp")
        return provider.principal(token)
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("Token expired / Innloggingen er utløpt") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("Invalid token / Ugyldig innloggingstoken") from None
    try:
        claims = ClaimsSchema().load(claims)
    except ValidationError as error:
        raise Unauthenticated("Invalid token claims / Ugyldige opplysninger i token",
                              error.normalized_messages()) from None
    return Principal(sub=claims["sub"], roles=frozenset(claims["roles"]), agency=claims["agency"])


def _algorithm(token: str) -> str | None:
    try:
        return jwt.get_unverified_header(token).get("alg")
    except jwt.InvalidTokenError:
        return None  # the HS256 check below refuses it as invalid


def bearer_token(authorization_header: str | None) -> str | None:
    if not authorization_header:
        return None
    scheme, _, token = authorization_header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class Caller:
    """What a worker knows about its caller; verification happens on first use."""

    def __init__(self, secret: str, context_data: dict, provider: ProviderTokens | None = None):
        self._secret = secret
        self._provider = provider
        self._context = context_data
        self._principal = None

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            self._principal = verify_token(self._secret, self._context.get(AUTHORIZATION_KEY), self._provider)
        return self._principal

    def require(self, action: str) -> Principal:
        from shared.permissions import check

        check(self.principal, action)
        return self.principal


class CallerProvider(DependencyProvider):
    """Gives each worker the verified caller of its RPC."""

    def setup(self):
        cfg = settings(self.container.config)
        self.secret = cfg.jwt_secret
        self.provider = provider_tokens(cfg.oidc)

    def get_dependency(self, worker_ctx):
        return Caller(self.secret, worker_ctx.data, self.provider)

