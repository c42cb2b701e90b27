"""The pages' HTTP entrypoint: the session cookie instead of a bearer header, the same permission check.

Like ApiRoute, a page names the matrix action of the API route it stands for (`action`), checked
before any RPC; the services check the token again. A POST must carry the form's CSRF token. The
worker gets a `View` with the language, the principal and helpers to render or redirect.
"""
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from nameko.extensions import DependencyProvider
from nameko.web.handlers import HttpRequestHandler
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from services.gateway.http import MULTIPART_OVERHEAD_BYTES, with_security_headers
from services.gateway.web import i18n, rendering, session
from shared.auth import AUTHORIZATION_KEY, CORRELATION_KEY, Principal, token_rules, verify_token
from shared.config import settings
from shared.errors import (Conflict, Forbidden, NotFound, PayloadTooLarge, ServiceUnavailable, Unauthenticated,
                           VernError)
from shared.permissions import allowed, check

log = logging.getLogger(__name__)
MAX_FORM_BYTES = 200_000
LOGIN_PATH = "/login"


@dataclass
class View:
    """What a page's worker knows about the request beyond werkzeug's: who, which language, the form."""
    lang: str
    principal: Principal | None
    csrf_token: str
    path: str
    query: dict = field(default_factory=dict)
    form: dict = field(default_factory=dict)
    secure: bool = False
    sso_enabled: bool = False
    # the menu's "Innboks (12)": set for a page's worker by inbox_count.InboxCount; None: no count shown
    open_task_count: Callable[[], int | None] = lambda: None

    def t(self, key: str, **values) -> str:
        return i18n.text(key, self.lang, **values)

    def may(self, action: str) -> bool:
        return self.principal is not None and allowed(self.principal, action)

    def render(self, template: str, status: int = 200, **context) -> Response:
        return rendering.render(template, {"lang": self.lang, "principal": self.principal, "view": self,
                                           "csrf_token": self.csrf_token, **context}, status)

    @staticmethod
    def redirect(location: str) -> Response:
        return redirect(location, code=303)  # after a POST: the browser GETs the result


class PageRoute(HttpRequestHandler):
    def __init__(self, method: str, url: str, *, action: str | None = None, api: tuple[str, ...] = (),
                 max_bytes: int = MAX_FORM_BYTES, upload: bool = False, **kwargs):
        self.max_bytes = max_bytes  # a form with a file (a CSV export) may be larger than a typed one
        self.action = action  # None: a page anyone may open (the login page, static files)
        self.api = api  # the API routes ("METHOD /api/v1/...") whose action this page must share
        self.upload = upload  # a multipart form with an evidence file: room for the largest allowed
        super().__init__(method, url, **kwargs)

    def setup(self):
        super().setup()
        cfg = settings(self.container.config)
        self.token_rules = token_rules(cfg)
        self.csrf_key = session.csrf_key(cfg.jwt_secret)
        self.sso_enabled = cfg.oidc is not None
        self.secure = cfg.public_base_url.startswith("https://")
        self.max_form_bytes = cfg.attachment_max_bytes + MULTIPART_OVERHEAD_BYTES if self.upload else self.max_bytes

    def handle_request(self, request):
        request.shallow = False
        request.max_content_length = self.max_form_bytes
        request.max_form_memory_size = self.max_form_bytes
        secure = self.secure or request.scheme == "https"
        lang = i18n.choose(request.args.get("lang"), request.cookies.get(session.LANG_COOKIE))
        nonce = request.cookies.get(session.NONCE_COOKIE) or session.new_nonce()
        token = request.cookies.get(session.SESSION_COOKIE)
        principal = None
        correlation_id = str(uuid.uuid4())
        view = None
        try:
            principal = self._principal(token)
            view = View(lang=lang, principal=principal, csrf_token=session.csrf_token(self.csrf_key, nonce, token),
                        path=request.path, query=request.args.to_dict(), secure=secure,
                        sso_enabled=self.sso_enabled)
            if self.action is not None:
                if principal is None:
                    raise Unauthenticated("no session")
                check(principal, self.action)
            if request.method == "POST":
                view.form = request.form.to_dict()
                if not session.csrf_valid(self.csrf_key, request.cookies.get(session.NONCE_COOKIE), token,
                                          view.form.get(session.CSRF_FIELD)):
                    raise Forbidden("csrf")
            context_data = {CORRELATION_KEY: correlation_id}
            if token and principal is not None:
                context_data[AUTHORIZATION_KEY] = token
            response = self._run_worker(request, {**request.path_values, "view": view}, context_data)
        except Unauthenticated:
            response = redirect(f"{LOGIN_PATH}?next={quote(request.full_path.rstrip('?'), safe='')}", code=303)
            if token:
                session.end_session(response, secure)
        except VernError as error:
            response = self._error_page(view, lang, error, correlation_id)
        except RequestEntityTooLarge:  # a form (an evidence file) beyond what the page takes
            response = self._error_page(view, lang, PayloadTooLarge(i18n.text("error.too_large", lang)), correlation_id)
        except Exception:
            log.exception("unexpected error on page %s %s (correlation id %s)", self.method, self.url, correlation_id)
            response = self._error_page(view, lang, None, correlation_id)
        if request.cookies.get(session.NONCE_COOKIE) is None and session.NONCE_COOKIE not in _set_cookies(response):
            response.set_cookie(session.NONCE_COOKIE, nonce, **session.cookie_options(secure))
        if request.args.get("lang") in i18n.LANGUAGES:
            response.set_cookie(session.LANG_COOKIE, lang, max_age=365 * 86400, **session.cookie_options(secure))
        return with_security_headers(response)

    def _principal(self, token: str | None) -> Principal | None:
        if not token:
            return None
        try:
            return verify_token(self.token_rules, token)
        except Unauthenticated:
            if self.action is None:
                return None  # a public page with a stale cookie: shown as to anyone
            raise

    def _error_page(self, view, lang, error, correlation_id) -> Response:
        if view is None:
            view = View(lang=lang, principal=None, csrf_token="", path="")
        if isinstance(error, Forbidden):
            message = view.t("error.csrf") if str(error) == "csrf" else view.t("error.forbidden")
            status = 403
        elif isinstance(error, NotFound):
            message, status = view.t("error.not_found"), 404
        elif isinstance(error, Conflict):
            message, status = view.t("error.conflict") + f" {error.message}", 409
        elif isinstance(error, ServiceUnavailable):
            message, status = view.t("error.unavailable"), 503
        elif isinstance(error, VernError):
            message, status = error.message, error.http_status
        else:
            message, status = view.t("error.internal") + f" {correlation_id}", 500
        return view.render("error.html", status=status, message=message)

    def _run_worker(self, request, kwargs, context_data):
        from eventlet.event import Event

        event = Event()
        self.container.spawn_worker(self, (request,), kwargs, context_data=context_data,
                                    handle_result=lambda ctx, result, exc_info: _deliver(event, result, exc_info))
        return event.wait()


def _deliver(event, result, exc_info):
    if exc_info is not None:
        event.send_exception(*exc_info)
    else:
        event.send(result)
    return result, exc_info


def _set_cookies(response: Response) -> str:
    return " ".join(response.headers.getlist("Set-Cookie"))


page = PageRoute.decorator


class TokenCheck(DependencyProvider):
    """For the sign-in page's worker: verify a pasted token as the API would (Vern's or the provider's)."""

    def setup(self):
        self.rules = token_rules(settings(self.container.config))

    def get_dependency(self, worker_ctx):
        return lambda token: verify_token(self.rules, token)
