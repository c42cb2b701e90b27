"""Configuration of single sign-on with the municipality's OpenID Connect provider (OIDC_* keys).

Without OIDC_ISSUER single sign-on is off and only Vern's own tokens are accepted. The keys are
part of `VernConfigSchema` (shared.config), so a mistake here stops start-up naming the key.
"""
from dataclasses import dataclass
from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from shared.declared_settings import declare, settings_class, values
from shared.principal import ROLES

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# RFC 6749 scope-token: printable ASCII without space, '"' and '\'
_SCOPE = validate.Regexp(r'^[\x21\x23-\x5b\x5d-\x7e]+$', error="must be a scope without spaces")
_CLAIM = validate.Regexp(r"^[A-Za-z0-9_:./-]{1,100}$", error="must be a claim name")


class OidcConfigSchema(Schema):
    """The OIDC_* settings, each declared once (shared.declared_settings): deploy/config.yaml reads
    OIDC_X from VERN_OIDC_X, and OidcSettings has it as `x`."""

    OIDC_ISSUER = fields.Url(load_default=None, allow_none=True, require_tld=False, schemes={"http", "https"},
                             metadata=declare("VERN_OIDC_ISSUER", "the provider's issuer URL; empty: single sign-on off",
                                              attr="oidc.issuer"))
    OIDC_CLIENT_ID = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                                   metadata=declare("VERN_OIDC_CLIENT_ID", "Vern's client id at the provider; "
                                                    "required with OIDC_ISSUER", attr="oidc.client_id"))
    OIDC_CLIENT_SECRET = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                       metadata=declare("VERN_OIDC_CLIENT_SECRET", "empty for a public client (PKCE only)",
                                                        attr="oidc.client_secret"))
    OIDC_REDIRECT_URI = fields.Url(load_default=None, require_tld=False, schemes={"http", "https"},
                                   metadata=declare("VERN_OIDC_REDIRECT_URI",
                                                    "default PUBLIC_BASE_URL + /api/v1/auth/callback",
                                                    attr="oidc.redirect_uri"))
    OIDC_SCOPES = fields.List(fields.String(validate=_SCOPE), load_default=lambda: ["openid", "profile"],
                              validate=validate.Length(min=1, max=20),
                              metadata=declare("VERN_OIDC_SCOPES", "space-separated; must include openid",
                                               attr="oidc.scopes"))
    OIDC_RESOURCE = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                  metadata=declare("VERN_OIDC_RESOURCE", "resource indicator (RFC 8707) asked for, if "
                                                   "the provider selects the access token's audience so",
                                                   attr="oidc.resource"))
    OIDC_AUDIENCE = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                                  metadata=declare("VERN_OIDC_AUDIENCE", "the aud access tokens must carry to be "
                                                   "accepted; required with OIDC_ISSUER", attr="oidc.audience"))
    OIDC_SUBJECT_CLAIM = fields.String(load_default="sub", validate=_CLAIM,
                                       metadata=declare("VERN_OIDC_SUBJECT_CLAIM", "the claim that names the user",
                                                        attr="oidc.subject_claim"))
    OIDC_ROLES_CLAIM = fields.String(load_default="groups", validate=_CLAIM,
                                     metadata=declare("VERN_OIDC_ROLES_CLAIM", "the claim with the user's groups or "
                                                      "roles", attr="oidc.roles_claim"))
    OIDC_ROLE_MAP = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=500)),
                                values=fields.String(validate=validate.OneOf(ROLES)), load_default=dict,
                                metadata=declare("VERN_OIDC_ROLE_MAP", "roles-claim value -> Vern role; required "
                                                 "with OIDC_ISSUER", attr="oidc.role_map"))
    OIDC_AGENCY_CLAIM = fields.String(load_default="agency", validate=_CLAIM,
                                      metadata=declare("VERN_OIDC_AGENCY_CLAIM", "the claim naming the user's agency",
                                                       attr="oidc.agency_claim"))
    OIDC_AGENCY_MAP = fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=500)),
                                  values=fields.String(validate=validate.Length(min=1, max=64)), load_default=None,
                                  metadata=declare("VERN_OIDC_AGENCY_MAP", "agency-claim value -> agency code; "
                                                   "without it the value is the code", attr="oidc.agency_map"))
    OIDC_JWKS_CACHE_SECONDS = fields.Float(load_default=3600.0, validate=validate.Range(min=1, max=86400),
                                           metadata=declare("VERN_OIDC_JWKS_CACHE_SECONDS",
                                                            "how long the provider's keys are trusted before they "
                                                            "are fetched again", attr="oidc.jwks_cache_seconds"))
    OIDC_JWKS_REFETCH_SECONDS = fields.Float(
        load_default=30.0, validate=validate.Range(min=0.1, max=3600),
        metadata=declare("VERN_OIDC_JWKS_REFETCH_SECONDS",
                         "at most one refetch per this many seconds for a token with an unknown kid",
                         attr="oidc.jwks_refetch_seconds"))
    OIDC_LEEWAY_SECONDS = fields.Integer(load_default=30, validate=validate.Range(min=0, max=300),
                                         metadata=declare("VERN_OIDC_LEEWAY_SECONDS",
                                                          "clock skew allowed on exp, nbf and iat",
                                                          attr="oidc.leeway_seconds"))
    OIDC_HTTP_TIMEOUT_SECONDS = fields.Float(
        load_default=10.0, validate=validate.Range(min=0.1, max=120),
        metadata=declare("VERN_OIDC_HTTP_TIMEOUT_SECONDS", "for discovery, keys and the token endpoint",
                         attr="oidc.http_timeout_seconds"))

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


@dataclass(frozen=True, kw_only=True)
class OidcSettings(settings_class("OidcFields", OidcConfigSchema, "oidc")):
    ca_bundle: str | None = None  # TLS_CA_BUNDLE: an internal CA for the provider too

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def oidc_settings(loaded: dict, public_base_url: str) -> OidcSettings | None:
    if not loaded.get("OIDC_ISSUER"):
        return None
    declared = values(OidcConfigSchema, loaded, "oidc")
    return OidcSettings(**{
        **declared,
        "redirect_uri": declared["redirect_uri"] or f"{public_base_url.rstrip('/')}/api/v1/auth/callback",
        "scopes": tuple(dict.fromkeys(declared["scopes"])),
        "role_map": dict(declared["role_map"]),
        "agency_map": dict(declared["agency_map"]) if declared["agency_map"] else None,
    }, ca_bundle=loaded.get("TLS_CA_BUNDLE"))


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
