"""Single sign-on: the authorization code flow with PKCE against the municipality's sign-in provider.

`/auth/login` sends the browser to the provider with a fresh state, nonce and PKCE challenge; the
three are kept in a short-lived cookie signed with a key derived from the token secret (HttpOnly,
only for /api/v1/auth), not in this process, so the callback may land on any gateway instance.
`/auth/callback` checks the state against the cookie, exchanges the code (with the PKCE verifier)
at the provider's token endpoint, checks the ID token (nonce included) and answers with the access
token the API accepts and the principal it maps to.
"""
import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from urllib.parse import urlencode, urlsplit

import requests
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from nameko.extensions import DependencyProvider
from werkzeug.wrappers import Response

from shared.agency_directory import AgencyDirectory, agency_directory
from shared.config import settings
from shared.errors import BadInput, ServiceUnavailable, Unauthenticated
from shared.oidc import ProviderTokens, provider_tokens
from shared.oidc_config import OidcSettings
from shared.validation import load

log = logging.getLogger(__name__)

COOKIE_NAME = "vern_sign_in"
COOKIE_PATH = "/api/v1/auth"
COOKIE_SECONDS = 600  # time to sign in at the provider
_ASCII = validate.Regexp(r"^[\x20-\x7e]*$", error="must be printable ASCII")


class CallbackQuerySchema(Schema):
    """What the provider sends back to the redirect URI (RFC 6749 4.1.2, RFC 9207 for iss)."""

    class Meta:
        unknown = EXCLUDE  # providers add their own (session_state, ...)

    code = fields.String(validate=[validate.Length(min=1, max=4000), _ASCII])
    state = fields.String(validate=[validate.Length(min=1, max=500), _ASCII])
    error = fields.String(validate=[validate.Length(min=1, max=100), _ASCII])
    error_description = fields.String(validate=[validate.Length(max=1000), _ASCII])
    iss = fields.String(validate=validate.Length(max=500))

    @validates_schema
    def code_or_error(self, data, **kwargs):
        if "error" not in data and not ("code" in data and "state" in data):
            raise ValidationError("The provider must send code and state, or error / "
                                  "Innloggingstjenesten må sende code og state, eller error", "_schema")


class TokenResponseSchema(Schema):
    """The token endpoint's answer (OpenID Connect Core 3.1.3.3)."""

    class Meta:
        unknown = EXCLUDE

    access_token = fields.String(required=True, validate=validate.Length(min=1, max=20000))
    token_type = fields.String(required=True, validate=validate.Regexp(r"(?i)^bearer$"))
    id_token = fields.String(required=True, validate=validate.Length(min=1, max=20000))
    expires_in = fields.Integer(load_default=None, validate=validate.Range(min=1))


class TokenErrorSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    error = fields.String(required=True, validate=[validate.Length(max=100), _ASCII])
    error_description = fields.String(load_default=None, validate=validate.Length(max=1000))


class PrincipalSchema(Schema):
    sub = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    agency = fields.String(required=True)


class SignedInSchema(Schema):
    access_token = fields.String(required=True, metadata={"description": "use as `Authorization: Bearer ...`"})
    token_type = fields.String(required=True, metadata={"description": "Bearer"})
    expires_in = fields.Integer(allow_none=True, metadata={"description": "seconds the access token is valid"})
    expires_at = fields.Integer(allow_none=True, metadata={"description": "when it expires (Unix time)"})
    principal = fields.Nested(PrincipalSchema, required=True)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pkce_challenge(verifier: str) -> str:
    return _b64(hashlib.sha256(verifier.encode()).digest())


class LoginCookie:
    """state, nonce and PKCE verifier of one sign-in, signed (HMAC-SHA256) and with an expiry."""

    def __init__(self, key: bytes, clock=time.time):
        self.key, self.clock = key, clock

    def seal(self, login: dict) -> str:
        payload = _b64(json.dumps({**login, "exp": int(self.clock()) + COOKIE_SECONDS}).encode())
        return f"{payload}.{_b64(hmac.new(self.key, payload.encode(), hashlib.sha256).digest())}"

    def open(self, value: str | None) -> dict:
        expired = Unauthenticated("The sign-in expired or was not started in this browser; start again at "
                                  "/api/v1/auth/login / Innloggingen er utløpt eller ikke startet i denne "
                                  "nettleseren; start på nytt")
        if not value or value.count(".") != 1:
            raise expired
        payload, signature = value.split(".")
        expected = _b64(hmac.new(self.key, payload.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(signature, expected):
            raise expired
        try:
            login = json.loads(_unb64(payload))
        except ValueError:
            raise expired from None
        if not isinstance(login, dict) or login.get("exp", 0) < self.clock():
            raise expired
        return login


class SignIn:
    """One worker's view of single sign-on."""

    def __init__(self, oidc: OidcSettings | None, tokens: ProviderTokens | None, cookie: LoginCookie,
                 directory: AgencyDirectory, post=requests.post):
        self.oidc, self.tokens, self.cookie, self._post = oidc, tokens, cookie, post
        self.directory = directory

    def _require(self):
        if self.oidc is None:
            raise ServiceUnavailable("Single sign-on is not configured / Single sign-on er ikke satt opp")

    def login(self) -> Response:
        self._require()
        login = {"state": secrets.token_urlsafe(32), "nonce": secrets.token_urlsafe(32),
                 "verifier": secrets.token_urlsafe(64)}  # 86 characters: RFC 7636 asks 43-128
        params = {"response_type": "code", "client_id": self.oidc.client_id, "redirect_uri": self.oidc.redirect_uri,
                  "scope": " ".join(self.oidc.scopes), "state": login["state"], "nonce": login["nonce"],
                  "code_challenge": pkce_challenge(login["verifier"]), "code_challenge_method": "S256"}
        if self.oidc.resource:
            params["resource"] = self.oidc.resource
        endpoint = self.tokens.metadata().authorization_endpoint
        response = Response(status=302, headers={
            "Location": f"{endpoint}{'&' if urlsplit(endpoint).query else '?'}{urlencode(params)}"})
        response.set_cookie(COOKIE_NAME, self.cookie.seal(login), max_age=COOKIE_SECONDS, path=COOKIE_PATH,
                            httponly=True, samesite="Lax", secure=self._secure())
        return response

    def callback(self, query: dict, cookie_value: str | None) -> Response:
        self._require()
        answer = load(CallbackQuerySchema(), query)
        if "error" in answer:
            raise Unauthenticated(
                f"The sign-in provider refused the sign-in ({answer['error']}) / "
                f"Innloggingstjenesten avviste innloggingen ({answer['error']})",
                {"error": answer["error"], "error_description": answer.get("error_description", "")})
        login = self.cookie.open(cookie_value)
        if not hmac.compare_digest(answer["state"], str(login.get("state", ""))):
            raise BadInput("The answer does not belong to the sign-in started in this browser (state) / "
                           "Svaret hører ikke til innloggingen startet i denne nettleseren (state)",
                           {"state": ["Does not match the sign-in in progress."]})
        if "iss" in answer and answer["iss"] != self.oidc.issuer:  # RFC 9207: another provider's answer
            raise BadInput("The answer comes from another sign-in provider / Svaret kommer fra en annen "
                           "innloggingstjeneste", {"iss": ["Not the configured issuer."]})
        tokens = self._exchange(answer["code"], login["verifier"])
        self.tokens.id_token_claims(tokens["id_token"], login["nonce"])
        # the agency checks every request makes, made here too: no session for an agency Vern does not know
        principal = self.directory.check(self.tokens.principal(tokens["access_token"]))
        expires_in = tokens["expires_in"]
        body = SignedInSchema().dump({
            "access_token": tokens["access_token"], "token_type": "Bearer", "expires_in": expires_in,
            "expires_at": int(time.time()) + expires_in if expires_in else None, "principal": principal.to_dict()})
        response = Response(json.dumps(body), status=200, mimetype="application/json")
        response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, httponly=True, samesite="Lax", secure=self._secure())
        return response

    def _exchange(self, code: str, verifier: str) -> dict:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": self.oidc.redirect_uri,
                "code_verifier": verifier, "client_id": self.oidc.client_id}
        if self.oidc.resource:
            form["resource"] = self.oidc.resource
        # a confidential client authenticates with HTTP Basic (client_secret_basic, the default method)
        auth = (self.oidc.client_id, self.oidc.client_secret) if self.oidc.client_secret else None
        try:
            response = self._post(self.tokens.metadata().token_endpoint, data=form, auth=auth,
                                  timeout=self.oidc.http_timeout_seconds, verify=self.oidc.ca_bundle or True,
                                  headers={"Accept": "application/json"}, allow_redirects=False)
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            log.warning("sign-in provider token endpoint failed: %s", error)
            raise ServiceUnavailable("The sign-in provider does not answer / Innloggingstjenesten svarer ikke") from None
        if response.status_code == 200:
            try:
                return TokenResponseSchema().load(document)
            except ValidationError as error:
                log.warning("sign-in provider token answer refused: %s", error.normalized_messages())
                raise Unauthenticated("The sign-in provider's answer is not usable / Svaret fra "
                                      "innloggingstjenesten kan ikke brukes", error.normalized_messages()) from None
        if 400 <= response.status_code < 500:
            try:
                refused = TokenErrorSchema().load(document)
            except ValidationError:
                refused = {"error": "invalid_request", "error_description": None}
            raise Unauthenticated(f"The sign-in provider refused the code ({refused['error']}) / "
                                  f"Innloggingstjenesten avviste koden ({refused['error']})",
                                  {"error": refused["error"], "error_description": refused["error_description"] or ""})
        raise ServiceUnavailable("The sign-in provider does not answer / Innloggingstjenesten svarer ikke")

    def _secure(self) -> bool:
        return urlsplit(self.oidc.redirect_uri).scheme == "https"


class SingleSignOn(DependencyProvider):
    """Gives the gateway's workers `SignIn`; the cookie key is derived from the token secret, which every
    gateway instance shares, so any instance can open the cookie another one set."""

    def setup(self):
        cfg = settings(self.container.config)
        self.oidc = cfg.oidc
        self.tokens = provider_tokens(cfg.oidc)
        self.cookie = LoginCookie(hmac.new(cfg.jwt_secret.encode(), b"vern sign-in cookie", hashlib.sha256).digest())
        self.directory = agency_directory(cfg.directory_file)

    def get_dependency(self, worker_ctx):
        return SignIn(self.oidc, self.tokens, self.cookie, self.directory)
