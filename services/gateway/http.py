"""The gateway's HTTP entrypoint: a nameko `@http` route that speaks JSON and knows its contract.

Before a worker starts, a route authenticates the bearer token (401), checks the
caller's role for its action (403) and validates body and query with its
marshmallow schemas (400 naming each field), so no RPC is made for a request
that cannot succeed. The verified token and a correlation id travel on to the
services in nameko context data. The same declarations produce the OpenAPI document.
"""
import json
import logging
import re
import uuid

from marshmallow import Schema
from nameko.web.handlers import HttpRequestHandler
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from services.gateway import json_body
from shared.attachments import transport
from shared.attachments.schemas import AttachmentFormSchema
from services.gateway.rate_limit import RateLimiter

from shared.auth import AUTHORIZATION_KEY, CORRELATION_KEY, bearer_token, token_rules, verify_token
from shared.config import settings
from shared.errors import BadInput, NotFound, PayloadTooLarge, TooManyRequests, VernError
from shared.permissions import check
from shared.validation import STORED_INT_MAX, load

log = logging.getLogger(__name__)

CORRELATION_HEADER = "X-Correlation-Id"
_CORRELATION_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MAX_UPLOAD_BYTES = 5_000_000
MAX_JSON_BYTES = 1_000_000
# room for the multipart framing and the description beside an attachment of the largest size allowed
MULTIPART_OVERHEAD_BYTES = 64 * 1024
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# On every response: no sniffing, no framing, and no Referer (an acknowledgement link's token is in its URL).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}
# HTML pages (the acknowledgement page) load nothing from anywhere and post only to themselves.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"


def json_response(payload, status: int = 200, headers=None) -> Response:
    return Response(json.dumps(payload, ensure_ascii=False), status=status, headers=headers,
                    mimetype="application/json")


def with_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", HTML_POLICY)
    elif response.mimetype == "application/json":
        response.headers.setdefault("Cache-Control", "no-store")  # records of breaches stay out of caches
    return response


def error_response(error: VernError, correlation_id: str | None = None) -> Response:
    body = {"error": {"code": error.code, "message": error.message}}
    if error.details:
        body["error"]["fields" if isinstance(error, BadInput) else "details"] = error.details
    headers = {CORRELATION_HEADER: correlation_id} if correlation_id else None
    if error.http_status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": 'Bearer realm="vern"'}
    if error.http_status == 429:
        headers = {**(headers or {}), "Retry-After": "60"}
    return json_response(body, error.http_status, headers)


def attachment_body(request, max_bytes: int, description_field: str = "description") -> dict:
    """The attachments' RPC payload from a multipart upload (the API's and the web page's form): the file
    within the limit, as base64, with the name the client gave it (cleaned by the service) and the
    description. Neither the name nor the part's declared content type decides what the file is."""
    if request.mimetype != "multipart/form-data":
        raise BadInput("Send the file as multipart/form-data / Send filen som multipart/form-data",
                       {transport.FIELD: ["Send the file in the multipart field `file` / Send filen i feltet `file`."]})
    upload = request.files.get(transport.FIELD)
    if upload is None:
        raise BadInput("Missing file / Mangler fil", {transport.FIELD: ["Missing data for required field."]})
    data = upload.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise transport.too_large(max_bytes)
    if not data:
        raise transport.empty()
    form = load(AttachmentFormSchema(), {"description": request.form.get(description_field) or None})
    return {transport.FIELD: transport.encode(data), "file_name": (upload.filename or "")[:1000],
            "description": form["description"]}


class ApiRoute(HttpRequestHandler):
    def __init__(self, method: str, url: str, *, action: str | None = None, body: type[Schema] | None = None,
                 query: type[Schema] | None = None, response: type[Schema] | None = None, status: int = 200,
                 summary: str = "", tag: str = "default", may_conflict: bool = False, upload: str | None = None,
                 produces: tuple[str, ...] = (), limited: bool = False, errors: tuple[int, ...] = (),
                 limit_setting: str = "public_rate_limit_per_minute", form: bool = False, attachment: bool = False,
                 **kwargs):
        self.action = action  # None: a route anyone may call
        self.limited = limited  # counted per client address (routes without a token that do something)
        self.limit_setting = limit_setting  # the Settings field with its requests per minute
        self.body_schema = body
        self.query_schema = query
        self.response_schema = response
        self.success_status = status
        self.summary = summary
        self.tag = tag
        self.may_conflict = may_conflict
        self.upload = upload  # a media type whose body is a file's text (a CSV export), not JSON
        self.produces = produces  # media types of a file the route answers with, instead of JSON
        self.errors = errors  # statuses beyond those its declarations imply (OpenAPI): a public route's 401
        # also an HTML form's post (the acknowledgement page): its fields reach the worker as sent, for the
        # worker to validate with the body schema and answer with the form again; the body is optional
        self.form = form
        # a multipart/form-data upload of one evidence file (field `file`, and `description`): the worker
        # gets it as the attachments' RPC payload, the bytes base64-encoded (shared/attachments/transport.py)
        self.attachment = attachment
        super().__init__(method, url, **kwargs)

    def setup(self):
        super().setup()
        cfg = settings(self.container.config)
        self.token_rules = token_rules(cfg)
        self.public_limit = RateLimiter(getattr(cfg, self.limit_setting))
        self.attachment_max_bytes = cfg.attachment_max_bytes

    def handle_request(self, request):
        return with_security_headers(self._handle(request))

    def _handle(self, request):
        request.shallow = False
        request.max_content_length = (self.attachment_max_bytes + MULTIPART_OVERHEAD_BYTES if self.attachment
                                      else MAX_UPLOAD_BYTES if self.upload else MAX_JSON_BYTES)
        correlation_id = self._correlation_id(request)
        try:
            self._limit(request)
            context_data = {CORRELATION_KEY: correlation_id}
            if self.action is not None:
                context_data[AUTHORIZATION_KEY] = self._authorize(request)
            kwargs = dict(request.path_values)
            if any(isinstance(value, int) and value > STORED_INT_MAX for value in kwargs.values()):
                raise NotFound("Not found / Finnes ikke")  # no record has such an id; the database must not see it
            # Validated here for an early 400; forwarded as sent (JSON-safe), and the
            # service validates again: it trusts no caller, the gateway included.
            if self.query_schema is not None:
                kwargs["query"] = request.args.to_dict()
                load(self.query_schema(), kwargs["query"])
            if self.body_schema is not None and self.form and request.mimetype in FORM_TYPES:
                kwargs["body"] = request.form.to_dict()
            elif self.body_schema is not None:
                kwargs["body"] = self._json_body(request)
                load(self.body_schema(), kwargs["body"])
            if self.upload is not None:
                kwargs["body"] = self._text_body(request)
            if self.attachment:
                kwargs["body"] = attachment_body(request, self.attachment_max_bytes)
            result = self._run_worker(request, kwargs, context_data)
        except VernError as error:
            return error_response(error, correlation_id)
        except RequestEntityTooLarge:
            if self.attachment:  # the file is what makes it too large: say so, naming the field
                return error_response(PayloadTooLarge(transport.too_large(self.attachment_max_bytes).message,
                                                      transport.too_large(self.attachment_max_bytes).details),
                                      correlation_id)
            limit = request.max_content_length // 1_000_000
            return error_response(PayloadTooLarge(f"Request too large / Forespørselen er for stor (at most {limit} MB)"),
                                  correlation_id)
        except Exception:
            log.exception("unexpected error on %s %s (correlation id %s)", self.method, self.url, correlation_id)
            return json_response({"error": {"code": "internal_error",
                                            "message": "Internal error / Intern feil",
                                            "correlation_id": correlation_id}}, 500)
        if isinstance(result, Response):
            return result
        return json_response(result, self.success_status, {CORRELATION_HEADER: correlation_id})

    def _run_worker(self, request, kwargs, context_data):
        from eventlet.event import Event

        event = Event()
        self.container.spawn_worker(self, (request,), kwargs, context_data=context_data,
                                    handle_result=lambda ctx, result, exc_info: self._deliver(event, result, exc_info))
        return event.wait()

    @staticmethod
    def _deliver(event, result, exc_info):
        if exc_info is not None:
            event.send_exception(*exc_info)
        else:
            event.send(result)
        return result, exc_info

    def _limit(self, request) -> None:
        if not self.limited:
            return
        wait = self.public_limit.allow(request.remote_addr or "?")
        if wait is not None:
            raise TooManyRequests(f"Too many requests; try again in {int(wait) + 1} s / "
                                  f"For mange forespørsler; prøv igjen om {int(wait) + 1} s")

    def _authorize(self, request) -> str:
        token = bearer_token(request.headers.get("Authorization"))
        principal = verify_token(self.token_rules, token)
        check(principal, self.action)
        return token

    @staticmethod
    def _json_body(request):
        return json_body.parse_object(request.get_data(as_text=True))

    @staticmethod
    def _text_body(request) -> str:
        return uploaded_text(request.get_data())

    @staticmethod
    def _correlation_id(request) -> str:
        given = request.headers.get(CORRELATION_HEADER, "")
        return given if _CORRELATION_PATTERN.match(given) else str(uuid.uuid4())


route = ApiRoute.decorator


def uploaded_text(raw: bytes) -> str:
    """A file as sent: UTF-8 (with or without a byte order mark), or Windows-1252 as Norwegian
    spreadsheets still save CSV. (The API's request body, or a web form's file.)"""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise BadInput("File too large / Filen er for stor",
                       {"_body": [f"At most {MAX_UPLOAD_BYTES // 1_000_000} MB."]})
    if not raw.strip():
        raise BadInput("Empty file / Tom fil", {"_body": ["Send the file as the request body."]})
    if b"\x00" in raw:  # not a text file (and PostgreSQL cannot store NUL in text)
        raise BadInput("Not a text file / Ikke en tekstfil", {"_body": ["Must not contain NUL characters."]})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
