"""The principal: who is calling, in which roles, for which agency.

The gateway verifies the bearer JWT at the edge and forwards the token in nameko
context data (`authorization`); every service verifies it again, because context
data is not signed and the broker is not yet a trust boundary (docs/nameko.md).

Two kinds of token are accepted: Vern's own (HS256 with the configured secret) and, when single
sign-on is configured, the sign-in provider's access tokens (RS256, shared.oidc). The token's
header (`alg`) says which; each kind is checked only with its own algorithm and key. Vern's own tokens
must say when they were issued (`iat`) and live at most JWT_MAX_LIFETIME_SECONDS; the provider's are
bounded by the provider. Either kind is accepted only for an agency of the directory, and the `central`
role only for an agency the directory marks central (shared.agency_directory).
"""
from dataclasses import dataclass
from datetime import timedelta

import jwt
from marshmallow import ValidationError
from nameko.extensions import DependencyProvider

from shared.agency_directory import AgencyDirectory, agency_directory
from shared.clock import utcnow
from shared.config import DEFAULT_JWT_MAX_LIFETIME_SECONDS, Settings, settings
from shared.errors import Unauthenticated
from shared.oidc import ProviderTokens, provider_tokens
from shared.permissions import check
from shared.principal import ROLES, ClaimsSchema, Principal  # noqa: F401 (ROLES: imported from here)

ALGORITHM = "HS256"
AUTHORIZATION_KEY = "authorization"
CORRELATION_KEY = "correlation_id"


def issue_token(secret: str, sub: str, roles, agency: str, ttl_seconds: int = 8 * 3600) -> str:
    claims = ClaimsSchema().load({"sub": sub, "roles": list(roles), "agency": agency})
    now = utcnow()
    claims.update(iat=now, exp=now + timedelta(seconds=ttl_seconds))
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


@dataclass(frozen=True)
class TokenRules:
    """What a token must satisfy to name a caller: the secret of Vern's own tokens and their longest
    lifetime, the agency directory, and the sign-in provider (None: single sign-on is off)."""
    secret: str
    directory: AgencyDirectory
    max_lifetime_seconds: int = DEFAULT_JWT_MAX_LIFETIME_SECONDS
    provider: ProviderTokens | None = None


def token_rules(cfg: Settings) -> TokenRules:
    """The rules of this configuration; the directory and provider are shared within the process."""
    return TokenRules(secret=cfg.jwt_secret, directory=agency_directory(cfg.directory_file),
                      max_lifetime_seconds=cfg.jwt_max_lifetime_seconds, provider=provider_tokens(cfg.oidc))


def verify_token(rules: TokenRules, token: str | None) -> Principal:
    if not token:
        raise Unauthenticated("Missing bearer token / Mangler innloggingstoken")
    if _algorithm(token) == "RS256":
        if rules.provider is None:
            raise Unauthenticated("Tokens from a sign-in provider are not accepted: single sign-on is not "
                                  "configured / Token fra innloggingstjeneste godtas ikke: single sign-on er "
                                  "ikke satt opp")
        return rules.directory.check(rules.provider.principal(token))
    return rules.directory.check(_vern_principal(rules, token))


def _vern_principal(rules: TokenRules, token: str) -> Principal:
    try:
        claims = jwt.decode(token, rules.secret, algorithms=[ALGORITHM], options={"require": ["exp", "iat", "sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("Token expired / Innloggingen er utløpt") from None
    except jwt.MissingRequiredClaimError as error:
        raise Unauthenticated(f"Invalid token: no '{error.claim}' claim / Ugyldig innloggingstoken: mangler "
                              f"'{error.claim}'") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("Invalid token / Ugyldig innloggingstoken") from None
    # PyJWT has checked that iat is a number and not in the future, and exp a number in the future
    if claims["exp"] - claims["iat"] > rules.max_lifetime_seconds:
        hours = f"{rules.max_lifetime_seconds / 3600:g}"
        raise Unauthenticated(f"Token lifetime longer than Vern accepts (at most {hours} h) / Tokenet varer "
                              f"lenger enn Vern godtar (høyst {hours} t)",
                              {"max_lifetime_seconds": rules.max_lifetime_seconds})
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

    def __init__(self, rules: TokenRules, context_data: dict):
        self._rules = rules
        self._context = context_data
        self._principal = None

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            self._principal = verify_token(self._rules, self._context.get(AUTHORIZATION_KEY))
        return self._principal

    def require(self, action: str) -> Principal:
        check(self.principal, action)
        return self.principal


class CallerProvider(DependencyProvider):
    """Gives each worker the verified caller of its RPC."""

    def setup(self):
        self.rules = token_rules(settings(self.container.config))

    def get_dependency(self, worker_ctx):
        return Caller(self.rules, worker_ctx.data)
