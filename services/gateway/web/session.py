"""The browser session: the token in an HttpOnly cookie, and CSRF tokens bound to it.

The session cookie holds the same bearer token the API accepts (Vern's own, or later the sign-in
provider's from /api/v1/auth/callback: `start_session` is the one place that sets it). CSRF uses a
signed double-submit: a random nonce in a cookie, and in every form an HMAC of nonce and session
token under a key derived from the token secret. A forged form from another site knows neither.
"""
import hashlib
import hmac
import secrets

SESSION_COOKIE = "vern_session"
NONCE_COOKIE = "vern_csrf"
LANG_COOKIE = "vern_lang"
CSRF_FIELD = "csrf_token"
SESSION_SECONDS = 8 * 3600  # as long as a token of `vern token` lives


def csrf_key(jwt_secret: str) -> bytes:
    return hmac.new(jwt_secret.encode(), b"vern-web-csrf-v1", hashlib.sha256).digest()


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(key: bytes, nonce: str, session_token: str | None) -> str:
    message = f"{nonce}|{session_token or ''}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def csrf_valid(key: bytes, nonce: str | None, session_token: str | None, given: str | None) -> bool:
    if not nonce or not given:
        return False
    return hmac.compare_digest(csrf_token(key, nonce, session_token), given)


def cookie_options(secure: bool) -> dict:
    """HttpOnly (no script reads the token), SameSite=Lax (sent when following a link from an
    e-mail, not on another site's POST), Secure whenever the site is served over https."""
    return {"httponly": True, "secure": secure, "samesite": "Lax", "path": "/"}


def start_session(response, token: str, secure: bool, max_age: int = SESSION_SECONDS):
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, **cookie_options(secure))
    # a new nonce with the new session: a form rendered before sign-in cannot be replayed after it
    response.set_cookie(NONCE_COOKIE, new_nonce(), **cookie_options(secure))
    return response


def end_session(response, secure: bool):
    response.delete_cookie(SESSION_COOKIE, **cookie_options(secure))
    response.delete_cookie(NONCE_COOKIE, **cookie_options(secure))
    return response
