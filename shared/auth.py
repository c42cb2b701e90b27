"""The principal: who is calling, in which roles, for which agency.

The gateway verifies the bearer JWT at the edge and forwards the token in nameko
context data (`authorization`); every service verifies it again, because context
data is not signed and the broker is not yet a trust boundary (NAMEKO.md).
"""
from dataclasses import dataclass
from datetime import timedelta

import jwt
from marshmallow import Schema, ValidationError, fields, validate
from nameko.extensions import DependencyProvider

from shared.clock import utcnow
from shared.config import settings
from shared.errors import Unauthenticated

ROLES = ("employee", "pko", "isk", "leader", "ombud", "central", "auditor", "admin")
ALGORITHM = "HS256"
AUTHORIZATION_KEY = "authorization"
CORRELATION_KEY = "correlation_id"


class ClaimsSchema(Schema):
    class Meta:
        unknown = "include"  # iat/exp/iss are checked by PyJWT

    sub = fields.String(required=True, validate=validate.Length(min=1, max=200))
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True,
                        validate=validate.Length(min=1))
    agency = fields.String(required=True, validate=validate.Length(min=1, max=64))


@dataclass(frozen=True)
class Principal:
    sub: str
    roles: frozenset
    agency: str

    def has_any(self, roles) -> bool:
        return bool(self.roles & set(roles))

    @property
    def sees_all_agencies(self) -> bool:
        return "central" in self.roles

    def to_dict(self) -> dict:
        return {"sub": self.sub, "roles": sorted(self.roles), "agency": self.agency}


def issue_token(secret: str, sub: str, roles, agency: str, ttl_seconds: int = 8 * 3600) -> str:
    claims = ClaimsSchema().load({"sub": sub, "roles": list(roles), "agency": agency})
    now = utcnow()
    claims.update(iat=now, exp=now + timedelta(seconds=ttl_seconds))
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(secret: str, token: str | None) -> Principal:
    if not token:
        raise Unauthenticated("Missing bearer token / Mangler innloggingstoken")
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


def bearer_token(authorization_header: str | None) -> str | None:
    if not authorization_header:
        return None
    scheme, _, token = authorization_header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class Caller:
    """What a worker knows about its caller; verification happens on first use."""

    def __init__(self, secret: str, context_data: dict):
        self._secret = secret
        self._context = context_data
        self._principal = None

    @property
    def principal(self) -> Principal:
        if self._principal is None:
            self._principal = verify_token(self._secret, self._context.get(AUTHORIZATION_KEY))
        return self._principal

    def require(self, action: str) -> Principal:
        from shared.permissions import check

        check(self.principal, action)
        return self.principal


class CallerProvider(DependencyProvider):
    """Gives each worker the verified caller of its RPC."""

    def setup(self):
        self.secret = settings(self.container.config).jwt_secret

    def get_dependency(self, worker_ctx):
        return Caller(self.secret, worker_ctx.data)

