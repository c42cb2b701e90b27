"""Schemas of the gateway's own routes: what it answers with, and the acknowledgement link's body
(the domain services own the rest)."""
from marshmallow import Schema, fields, validate


class ServiceHealthSchema(Schema):
    status = fields.String(validate=validate.OneOf(("up", "down", "not_deployed")),
                           metadata={"description": "up: answers; down: deployed but does not answer; "
                                                    "not_deployed: this installation does not run it (SERVICES)"})


class HealthSchema(Schema):
    example = {"status": "degraded", "services": {"incidents": {"status": "up"}, "risk": {"status": "up"},
                                                  "privacy_register": {"status": "up"}, "training": {"status": "down"},
                                                  "reporting": {"status": "up"}, "notifications": {"status": "up"},
                                                  "webhooks": {"status": "up"}}}
    status = fields.String(validate=validate.OneOf(("ok", "degraded")),
                           metadata={"description": "ok when every deployed service answers"})
    services = fields.Dict(keys=fields.String(), values=fields.Nested(ServiceHealthSchema))


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", metadata={"description": "field -> messages (400 only)"})
    details = fields.Raw(metadata={"description": "what the conflict or refusal concerns (other errors)"})
    correlation_id = fields.String(metadata={"description": "500 only: quote it to the operator, who finds "
                                                            "the logged error by it"})


class ErrorSchema(Schema):
    example = {"error": {"code": "validation_error", "message": "Invalid input / Ugyldige data",
                         "fields": {"aware_at": ["Must not be in the future / Kan ikke være fram i tid."],
                                    "kind": ["Must be one of: security_incident, personal_data_breach, deviation, "
                                             "near_miss."]}}}
    error = fields.Nested(ErrorBodySchema, required=True)


COMMENT_MAX = 2_000


class AcknowledgeBodySchema(Schema):
    """POST /ack/{token}: the token is the link's; the body (optional) carries a comment."""
    example = {"comment": "Skal vi varsle foreldrene allerede i dag?"}
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=COMMENT_MAX),
                            metadata={"description": "A question or comment for the coordinator, sent with the "
                                                     "acknowledgement (optional, at most 2000 characters)"})
