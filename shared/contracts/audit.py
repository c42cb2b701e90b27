"""The audit checkpoint every service with a database publishes: its audit chain's head, signed.

Reporting keeps them in its own database, where a writer of the publishing service's database
cannot rewrite them; `vern audit verify` checks each chain against them. One event type per
publishing service, all with this one payload."""
from marshmallow import fields, validate

from shared.config import SERVICE_NAMES
from shared.events import ContractSchema, EventType

HEX64 = validate.Regexp(r"^[0-9a-f]{64}$")


class AuditCheckpointedV1(ContractSchema):
    service = fields.String(required=True, validate=validate.OneOf(SERVICE_NAMES),
                            metadata={"description": "the service whose audit chain this is"})
    seq = fields.Integer(required=True, validate=validate.Range(min=1),
                         metadata={"description": "the newest entry's sequence number"})
    hash = fields.String(required=True, validate=HEX64, metadata={"description": "the newest entry's hash"})
    signed_at = fields.AwareDateTime(required=True)
    signature = fields.String(required=True, validate=HEX64,
                              metadata={"description": "HMAC-SHA256 with the audit checkpoint key over "
                                                       "[\"checkpoint\", service, seq, hash]"})


AUDIT_CHECKPOINTED = {service: EventType(
    service, "audit_checkpointed", 1, AuditCheckpointedV1,
    f"the audit chain of {service} grew: its newest entry, signed, for reporting to keep outside that "
    "service's database (envelope agency `vern`); at most once every AUDIT_CHECKPOINT_SECONDS")
    for service in SERVICE_NAMES}
EVENTS = tuple(AUDIT_CHECKPOINTED.values())

EXAMPLES = {
    "audit_checkpointed": {"service": "incidents", "seq": 1520,
                           "hash": "9f2c4e1a7b3d5f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
                           "signed_at": "2026-11-30T12:00:00Z",
                           "signature": "4b1e0c9d8a7f6e5d4c3b2a19081726354a5b6c7d8e9f0a1b2c3d4e5f60718293"},
}
