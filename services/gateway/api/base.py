"""The base every API mixin inherits, and the prefix of every API route.

A helper that routes of two areas share belongs here, not on one area's mixin for the other to reach:
the mixins know only their base, never each other.
"""
from werkzeug.wrappers import Response

from services.gateway.dependencies import GatewayDependencies
from shared.attachments import names, sniffing, transport

API = "/api/v1"


class ApiBase(GatewayDependencies):
    """The RPC proxies and settings (`self.incidents`, `self.health_timeout`, ...) the routes call."""


# every type an attachment may have: a download answers with the one its bytes were found to be
ATTACHMENT_TYPES = tuple(sniffing.ALLOWED)


def attachment_download(answer: dict, max_bytes: int) -> Response:
    """An attachment as a download: the type found at upload, never rendered in the browser (attachment,
    nosniff), under its cleaned name; the bytes decoded within the same limit as on the way in."""
    data = transport.decode(answer["content"], max_bytes)
    metadata = answer["attachment"]
    return Response(data, mimetype=metadata["media_type"],
                    headers={"Content-Disposition": names.content_disposition(metadata["file_name"]),
                             "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
                             "Content-Security-Policy": "default-src 'none'; sandbox"})
