"""OpenAPI 3 document generated from the gateway's routes and their marshmallow schemas."""
import inspect
import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.common import resolve_schema_cls

from services.gateway.http import ApiRoute
from services.gateway.schemas import ErrorSchema
from shared.permissions import PERMISSIONS
from shared.validation import STORED_INT_MAX

_WERKZEUG_ARGUMENT = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")
_CONVERTER_AND_NAME = re.compile(r"<(?:([a-z_]+):)?([a-z_]+)>")
# werkzeug's int converter takes digits only; the gateway answers 404 beyond a stored id's range
_PATH_TYPES = {"int": {"type": "integer", "minimum": 0, "maximum": STORED_INT_MAX}}
ERRORS = {
    400: "Invalid input; `fields` names each field / Ugyldige data",
    401: "Missing, invalid or expired token / Mangler eller ugyldig token",
    403: "Role not allowed / Rollen har ikke tilgang",
    404: "Not found (also another agency's record) / Finnes ikke",
    409: "Conflicts with the current state / I strid med nåværende tilstand",
    410: "Removed: the record of its removal stays / Fjernet: at det ble fjernet, står igjen",
    413: "Request body too large (1 MB; files 5 MB; attachments ATTACHMENT_MAX_BYTES) / Forespørselen er for stor",
    422: "The file was refused; the body lists each error by line / Filen ble avvist",
    429: "Too many requests from this address; see Retry-After / For mange forespørsler",
    503: "A service is not deployed or does not answer / Tjenesten svarer ikke",
}

# An evidence attachment's upload (multipart/form-data): the file decides its type by its content
ATTACHMENT_FORM = {
    "type": "object", "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "PDF, PNG, JPEG, text/CSV, DOCX or XLSX, judged by its content; at most "
                                "ATTACHMENT_MAX_BYTES / Filen, bedømt etter innholdet"},
        "description": {"type": "string", "maxLength": 500, "description": "What the file shows / Hva filen viser"}},
    "example": {"file": "logg-utdrag.pdf", "description": "Utdrag av e-postloggen / Excerpt of the mail log"}}


class ExamplesPlugin(MarshmallowPlugin):
    """Publishes a schema's `example` (a class attribute next to its fields) with its component.
    Only the class's own: a subclass with other fields does not inherit an example that would not fit.
    tests/unit/gateway/test_openapi_examples.py loads each with its schema, so they stay true."""

    def schema_helper(self, name, _, schema=None, **kwargs):
        component = super().schema_helper(name, _, schema=schema, **kwargs)
        example = vars(resolve_schema_cls(schema)).get("example") if schema is not None else None
        if example is not None:
            component["example"] = example
        return component


def routes(service_cls) -> list[tuple[str, ApiRoute]]:
    found = []
    for name, method in inspect.getmembers(service_cls, inspect.isfunction):
        for entrypoint in getattr(method, "nameko_entrypoints", ()):
            if isinstance(entrypoint, ApiRoute):
                found.append((name, entrypoint))
    return sorted(found, key=lambda item: (item[1].url, item[1].method))


def openapi_path(url: str) -> str:
    return _WERKZEUG_ARGUMENT.sub(r"{\1}", url)


def openapi_document(service_cls) -> dict:
    spec = APISpec(title="Vern API", version="1.0.0", openapi_version="3.0.3",
                   plugins=[ExamplesPlugin()],
                   info={"description": "Privacy and information-security governance / "
                                        "Personvern og informasjonssikkerhet"})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    spec.components.schema("Error", schema=ErrorSchema)
    for name, entrypoint in routes(service_cls):
        spec.path(path=openapi_path(entrypoint.url),
                  operations={entrypoint.method.lower(): _operation(name, entrypoint)})
    return spec.to_dict()


def _operation(name: str, entrypoint: ApiRoute) -> dict:
    operation = {"operationId": name, "summary": entrypoint.summary, "tags": [entrypoint.tag], "responses": {}}
    ok = {"description": "Found: a redirect (Location)" if entrypoint.success_status == 302 else "OK"}
    if entrypoint.response_schema is not None:
        ok["content"] = {"application/json": {"schema": entrypoint.response_schema}}
    if entrypoint.produces:
        ok["content"] = {media_type: {"schema": {"type": "string", "format": "binary"}}
                         for media_type in entrypoint.produces}
    operation["responses"][str(entrypoint.success_status)] = ok
    parameters = [{"in": "path", "name": arg, "required": True,
                   "schema": _PATH_TYPES.get(converter, {"type": "string"})}
                  for converter, arg in _CONVERTER_AND_NAME.findall(entrypoint.url)]
    if entrypoint.query_schema is not None:
        parameters.append({"in": "query", "schema": entrypoint.query_schema})
    if parameters:
        operation["parameters"] = parameters
    if entrypoint.body_schema is not None:
        content = {"application/json": {"schema": entrypoint.body_schema}}
        if entrypoint.form:  # the acknowledgement page's form posts the same fields
            content["application/x-www-form-urlencoded"] = {"schema": entrypoint.body_schema}
        operation["requestBody"] = {"required": not entrypoint.form, "content": content}
    if entrypoint.upload is not None:
        operation["requestBody"] = {"required": True,
                                    "content": {entrypoint.upload: {"schema": {"type": "string"}}}}
    if entrypoint.attachment:
        operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {
            "schema": ATTACHMENT_FORM, "encoding": {"file": {"contentType": "application/octet-stream"}}}}}
    statuses = [503]
    if entrypoint.action is not None:
        roles = ", ".join(sorted(PERMISSIONS[entrypoint.action]))
        operation["security"] = [{"bearer": []}]
        operation["description"] = f"Action `{entrypoint.action}`; roles: {roles}."
        statuses += [401, 403]
    # a path argument counts as input too: the services check an id's or a token's form (400)
    if (entrypoint.body_schema is not None or entrypoint.query_schema is not None or entrypoint.upload
            or entrypoint.attachment or _WERKZEUG_ARGUMENT.search(entrypoint.url)):
        statuses.append(400)
    if entrypoint.body_schema is not None or entrypoint.upload or entrypoint.attachment:
        statuses.append(413)
    if entrypoint.limited:
        statuses.append(429)
    if entrypoint.upload is not None:
        statuses.append(422)
    if _WERKZEUG_ARGUMENT.search(entrypoint.url):
        statuses.append(404)
    if entrypoint.may_conflict:
        statuses.append(409)
    statuses += entrypoint.errors
    for status in sorted(set(statuses)):
        # a refused file is answered with the same report as an accepted one, listing each error by line
        schema = entrypoint.response_schema if status == 422 and entrypoint.upload else "Error"
        operation["responses"][str(status)] = {
            "description": ERRORS[status], "content": {"application/json": {"schema": schema}}}
    return operation
