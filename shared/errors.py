"""Domain errors that cross RPC intact and that the gateway maps to HTTP.

Each is registered with nameko's exception registry, so a `NotFound` raised in a
service arrives in the gateway as a `NotFound`, not as an anonymous RemoteError.
"""
from nameko.exceptions import deserialize_to_instance


class VernError(Exception):
    http_status = 500
    code = "internal_error"

    def __init__(self, message: str = "", details=None):
        super().__init__(message, details)
        self.message = message
        # nameko serializes exception args with str() for anything but dicts, lists and strings,
        # so an absent `details` arrives from another service as the text "None"
        self.details = None if details == "None" else details

    def __str__(self):
        return self.message


@deserialize_to_instance
class BadInput(VernError):
    """Input failed validation; `details` maps each field to its messages."""
    http_status = 400
    code = "validation_error"


@deserialize_to_instance
class Unauthenticated(VernError):
    http_status = 401
    code = "unauthenticated"


@deserialize_to_instance
class Forbidden(VernError):
    http_status = 403
    code = "forbidden"


@deserialize_to_instance
class NotFound(VernError):
    """Also raised for another agency's records, so their existence does not leak."""
    http_status = 404
    code = "not_found"


@deserialize_to_instance
class CrossAgencyWrite(NotFound):
    """A change asked of another agency's record by a caller who may read it (the central team).

    Answered as a plain 404, so it tells the caller nothing more than any other missing record; the
    unit of work records the attempt in the audit trail under the record's agency."""

    def __init__(self, message: str = "", details=None, entity: str = "", entity_id: str = "",
                 agency: str | None = None):
        super().__init__(message, details)
        self.entity, self.entity_id, self.agency = entity, entity_id, agency


@deserialize_to_instance
class Conflict(VernError):
    http_status = 409
    code = "conflict"


@deserialize_to_instance
class AlreadyProcessed(Conflict):
    """A request redelivered after a lost connection, which the service had already carried out."""
    code = "already_processed"


@deserialize_to_instance
class Gone(VernError):
    """Existed once and will not come back (an expired link)."""
    http_status = 410
    code = "gone"


@deserialize_to_instance
class PayloadTooLarge(VernError):
    http_status = 413
    code = "payload_too_large"


@deserialize_to_instance
class TooManyRequests(VernError):
    http_status = 429
    code = "too_many_requests"


@deserialize_to_instance
class ServiceUnavailable(VernError):
    http_status = 503
    code = "service_unavailable"


@deserialize_to_instance
class ServiceNotDeployed(ServiceUnavailable):
    """The service is not part of this installation (SERVICES): asking again will not help."""
    code = "service_not_deployed"


EXPECTED_ERRORS = (BadInput, Unauthenticated, Forbidden, NotFound, Conflict, Gone)
