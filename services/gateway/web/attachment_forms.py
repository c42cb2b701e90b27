"""Evidence attachments on a record's page: the upload form (multipart, with the CSRF field beside the
file), the removal form with its reason, and the download. Each page module wires these to its own
record (the incident, risk, DPIA, exercise and governing document pages); what a file may be is decided
by the service, by its bytes.
"""
from services.gateway.api.base import attachment_download
from services.gateway.http import attachment_body
from services.gateway.web.page_tools import panel
from shared.errors import BadInput

UPLOAD_FIELDS = ("attachment-file", "attachment-description")
ERROR_FIELDS = (*UPLOAD_FIELDS, "attachment-reason")  # in the order of the page's error summary


def listing(call):
    """The record's attachments, or None when its service does not answer (the page shows the rest)."""
    return panel(call)


def upload(request, max_bytes: int, call) -> dict:
    """{} when the file was attached; else the form's errors, named as the page's fields."""
    try:
        call(attachment_body(request, max_bytes, "attachment-description"))
        return {}
    except BadInput as error:
        return _prefixed(error, "attachment", ("file", "description"))


def upload_then(view, request, max_bytes: int, call, done_url: str, page_with_errors):
    """Attach the file and go to `done_url`; or the record's page again, with the file's errors."""
    errors = upload(request, max_bytes, call)
    return page_with_errors(errors) if errors else view.redirect(done_url)


def remove_then(view, call, done_url: str, page_with_errors):
    """Remove the file with the reason given and go to `done_url`; or the record's page with the reason's error."""
    errors = remove(view, call)
    return page_with_errors(errors) if errors else view.redirect(done_url)


def remove(view, call) -> dict:
    reason = (view.form.get("reason") or "").strip()
    try:
        call({"reason": reason})
        return {}
    except BadInput as error:
        return {"attachment-reason": _messages(error, "reason")}


def download(answer: dict, max_bytes: int):
    return attachment_download(answer, max_bytes)


def _messages(error: BadInput, field: str) -> list[str]:
    details = error.details if isinstance(error.details, dict) else {}
    found = details.get(field) or [error.message]
    return [str(message) for message in (found if isinstance(found, list) else [found])]


def _prefixed(error: BadInput, prefix: str, fields: tuple[str, ...]) -> dict:
    details = error.details if isinstance(error.details, dict) else {}
    errors = {f"{prefix}-{field}": _messages(error, field) for field in fields if field in details}
    return errors or {f"{prefix}-file": [error.message]}
