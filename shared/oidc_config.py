"""Configuration of single sign-on with the municipality's OpenID Connect provider (OIDC_* keys).

Without OIDC_ISSUER single sign-on is off and only Vern's own tokens are accepted. The keys are
part of `VernConfigSchema` (shared.config), so a mistake here stops start-up naming the key.
"""
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from shared.principal import ROLES

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# RFC 6749 scope-token: printable ASCII without space, '"' and '\'
_SCOPE = validate.Regexp(r'^[\x21\x23-\x5b\x5d-\x7e]+$', error="must be a scope without spaces")
_CLAIM = validate.Regexp(r"^[A-Za-z0-9_:./-]{1,100}$", error="must be a claim name")


class OidcConfigSchema(Schema):
    OIDC_ISSUER = fields.Url(load_default=None, allow_none=True, require_tld=False, schemes={"http", "https"},
                             metadata={"description": "the provider's issuer URL; empty: single sign-on off"})
    OIDC_CLIENT_ID = fields.String(load_default=None, validate=validate.Length(min=1, max=200))
    OIDC_CLIENT_SECRET = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                       metadata={"description": "empty for a public client (PKCE only)"})
    OIDC_REDIRECT_URI = fields.Url(load_default=None, require_tld=False, schemes={"http", "https"},
                                   metadata={"description": "default PUBLIC_BASE_URL + /api/v1/auth/callback"})
    OIDC_SCOPES = fields.List(fields.String(validate=_SCOPE), load_default=lambda: ["openid", "profile"],
                              validate=validate.Length(min=1, max=20))
    OIDC_RESOURCE = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                  metadata={"description": "resource indicator (RFC 8707) asked for, if the "
                                                           "provider selects the access token's audience so"})
    OIDC_AUDIENCE = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                  metadata={"description": "the aud access tokens must carry to be accepted"})
    OIDC_SUBJECT_CLAIM = fields.String(load_default="sub", validate=_CLAIM)
    OIDC_ROLES_CLAIM = fields.String(load_default="groups", validate=_CLAIM)
    OIDC_ROLE_MAP = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=500)),
                                values=fields.String(validate=validate.OneOf(ROLES)), load_default=dict,
                                metadata={"description": "roles-claim value -> Vern role"})
    OIDC_AGENCY_CLAIM = fields.String(load_default="agency", validate=_CLAIM)
    OIDC_AGENCY_MAP = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=500)),
                                  values=fields.String(validate=validate.Length(min=1, max=64)), load_default=None,
                                  metadata={"description": "agency-claim value -> agency code; "
                                                           "without it the value is the code"})
    OIDC_JWKS_CACHE_SECONDS = fields.Float(load_default=3600.0, validate=validate.Range(min=1, max=86400),
                                           metadata={"description": "how long the provider's keys are trusted "
                                                                    "before they are fetched again"})
    OIDC_JWKS_REFETCH_SECONDS = fields.Float(
        load_default=30.0, validate=validate.Range(min=0.1, max=3600),
        metadata={"description": "at most one refetch per this many seconds for a token with an unknown kid"})
    OIDC_LEEWAY_SECONDS = fields.Integer(load_default=30, validate=validate.Range(min=0, max=300),
                                         metadata={"description": "clock skew allowed on exp, nbf and iat"})
    OIDC_HTTP_TIMEOUT_SECONDS = fields.Float(load_default=10.0, validate=validate.Range(min=0.1, max=120))

    @pre_load
    def split_scopes(self, data, **kwargs):
        """From the environment the scopes come as one string: "openid profile groups"."""
        scopes = data.get("OIDC_SCOPES")
        if isinstance(scopes, str):
            data = {**data, "OIDC_SCOPES": scopes.split()}
        return data

    @validates_schema
    def complete_when_on(self, data, **kwargs):
        if not data.get("OIDC_ISSUER"):
            return
        missing = {key: ["is required when OIDC_ISSUER is set"]
                   for key in ("OIDC_CLIENT_ID", "OIDC_AUDIENCE") if not data.get(key)}
        if not data.get("OIDC_ROLE_MAP"):
            missing["OIDC_ROLE_MAP"] = ["must map at least one claim value to a Vern role"]
        if "openid" not in data.get("OIDC_SCOPES", []):
            missing["OIDC_SCOPES"] = ["must include openid"]
        if missing:
            raise ValidationError(missing)


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str | None
    redirect_uri: str
    scopes: tuple
    resource: str | None
    audience: str
    subject_claim: str = "sub"
    roles_claim: str = "groups"
    role_map: dict = field(default_factory=dict)
    agency_claim: str = "agency"
    agency_map: dict | None = None
    jwks_cache_seconds: float = 3600.0
    jwks_refetch_seconds: float = 30.0
    leeway_seconds: int = 30
    http_timeout_seconds: float = 10.0
    ca_bundle: str | None = None  # TLS_CA_BUNDLE: an internal CA for the provider too

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def oidc_settings(loaded: dict, public_base_url: str) -> OidcSettings | None:
    if not loaded.get("OIDC_ISSUER"):
        return None
    return OidcSettings(
        issuer=loaded["OIDC_ISSUER"],
        client_id=loaded["OIDC_CLIENT_ID"],
        client_secret=loaded["OIDC_CLIENT_SECRET"],
        redirect_uri=loaded["OIDC_REDIRECT_URI"] or f"{public_base_url.rstrip('/')}/api/v1/auth/callback",
        scopes=tuple(dict.fromkeys(loaded["OIDC_SCOPES"])),
        resource=loaded["OIDC_RESOURCE"],
        audience=loaded["OIDC_AUDIENCE"],
        subject_claim=loaded["OIDC_SUBJECT_CLAIM"],
        roles_claim=loaded["OIDC_ROLES_CLAIM"],
        role_map=dict(loaded["OIDC_ROLE_MAP"]),
        agency_claim=loaded["OIDC_AGENCY_CLAIM"],
        agency_map=dict(loaded["OIDC_AGENCY_MAP"]) if loaded["OIDC_AGENCY_MAP"] else None,
        jwks_cache_seconds=loaded["OIDC_JWKS_CACHE_SECONDS"],
        jwks_refetch_seconds=loaded["OIDC_JWKS_REFETCH_SECONDS"],
        leeway_seconds=loaded["OIDC_LEEWAY_SECONDS"],
        http_timeout_seconds=loaded["OIDC_HTTP_TIMEOUT_SECONDS"],
        ca_bundle=loaded.get("TLS_CA_BUNDLE"),
    )


def oidc_production_problems(loaded: dict) -> list[str]:
    """Plain http to the provider or back from it lets anyone on the way read codes and tokens:
    production allows it only on this machine (a provider in a test, a proxy on localhost)."""
    problems = []
    if not loaded.get("OIDC_ISSUER"):
        return problems
    urls = {"OIDC_ISSUER": loaded["OIDC_ISSUER"],
            "OIDC_REDIRECT_URI": loaded.get("OIDC_REDIRECT_URI") or loaded.get("PUBLIC_BASE_URL")}
    for key, url in urls.items():
        if url and urlsplit(url).scheme == "http" and urlsplit(url).hostname not in LOCAL_HOSTS:
            problems.append(f"{key} uses plain http ({url}); use https (http only for localhost)")
    return problems
