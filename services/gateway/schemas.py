"""Schemas the gateway itself answers with (the domain services own the rest)."""
from marshmallow import Schema, fields, validate


class ServiceHealthSchema(Schema):
    status = fields.String(validate=validate.OneOf(("up", "down", "not_deployed")),
                           metadata={"description": "up: answers; down: deployed but does not answer; "
                                                    "not_deployed: this installation does not run it (SERVICES)"})


class HealthSchema(Schema):
    status = fields.String(validate=validate.OneOf(("ok", "degraded")),
                           metadata={"description": "ok when every deployed service answers"})
    services = fields.Dict(keys=fields.String(), values=fields.Nested(ServiceHealthSchema))


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", metadata={"description": "field -> messages (400 only)"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)
