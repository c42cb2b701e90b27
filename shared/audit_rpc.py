"""Reading a service's audit trail: the `audit_entries` RPC behind `GET /api/v1/audit/{service}`.

Readable by the auditor and the admin (action `audit.read`), each for their own agency's records;
a role that reads every agency (central) reads every agency's entries. Changes to records that
belong to no agency (the directory, catalogues) count as the agency of whoever made them.
"""
from marshmallow import Schema, fields, validate
from sqlalchemy import and_, or_, select

from shared.audit import AuditEntry, Checkpoint
from shared.errors import EXPECTED_ERRORS
from shared.pagination import PageQuerySchema, fetch_page, page_of
from shared.rpc_server import rpc
from shared.validation import WholeNumber, load


class AuditQuerySchema(PageQuerySchema):
    entity = fields.String(validate=validate.Length(max=100), metadata={"description": "a table, e.g. incidents"})
    entity_id = fields.String(validate=validate.Length(max=200))
    actor = fields.String(validate=validate.Length(max=200), metadata={"description": "who made the change (sub)"})
    correlation_id = fields.String(validate=validate.Length(max=64),
                                   metadata={"description": "every change of one request, in every service"})
    since = fields.AwareDateTime(metadata={"description": "recorded at or after"})
    until = fields.AwareDateTime(metadata={"description": "recorded before"})


class AuditEntrySchema(Schema):
    seq = WholeNumber(required=True, metadata={"description": "position in the service's hash chain"})
    recorded_at = fields.AwareDateTime(required=True)
    actor = fields.String(required=True, metadata={"description": "the caller's sub, or system:<what> for "
                                                                  "timers and events"})
    actor_roles = fields.String(required=True)
    actor_agency = fields.String(allow_none=True)
    agency = fields.String(allow_none=True, metadata={"description": "the changed record's agency"})
    correlation_id = fields.String(allow_none=True)
    operation = fields.String(required=True, metadata={"description": "insert, update, delete, bulk_update, "
                                                                      "bulk_delete; prune: entries past the "
                                                                      "retention were deleted (signed)"})
    entity = fields.String(required=True)
    entity_id = fields.String(allow_none=True)
    changes = fields.Dict(required=True, metadata={"description": "insert/delete: the record's fields; update: "
                                                                  "{field: {before, after}}"})
    hash = fields.String(required=True)


AuditPageSchema = page_of(AuditEntrySchema)


class CheckpointSchema(Schema):
    """A signed checkpoint of a service's chain head, as reporting keeps it."""
    service = fields.String(required=True, validate=validate.Length(max=64))
    seq = WholeNumber(required=True)
    hash = fields.String(required=True, validate=validate.Length(max=128))
    signed_at = fields.AwareDateTime(required=True)
    signature = fields.String(required=True, validate=validate.Length(max=128))


class CheckpointListSchema(Schema):
    items = fields.List(fields.Nested(CheckpointSchema))


class CheckpointQuerySchema(Schema):
    service = fields.String(required=True, validate=validate.Length(min=1, max=64))


class VerificationQuerySchema(Schema):
    checkpoints = fields.List(fields.Nested(CheckpointSchema), load_default=list,
                              metadata={"description": "the service's checkpoints that reporting keeps"})


class ProblemSchema(Schema):
    seq = WholeNumber(allow_none=True)
    kind = fields.String()
    detail = fields.String()


class VerificationSchema(Schema):
    service = fields.String()
    intact = fields.Boolean()
    entries = WholeNumber()
    first_seq = WholeNumber(allow_none=True)
    last_seq = WholeNumber()
    problems = fields.List(fields.Nested(ProblemSchema))
    checkpoints_given = WholeNumber()
    checkpoint = fields.Nested(CheckpointSchema(only=("seq", "signed_at")), allow_none=True,
                               metadata={"description": "the newest authentic checkpoint it was held against"})


def visible_entries(principal):
    query = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if not principal.sees_all_agencies:
        query = query.where(or_(AuditEntry.agency == principal.agency,
                                and_(AuditEntry.agency.is_(None), AuditEntry.actor_agency == principal.agency)))
    return query


def audit_page(session, principal, filters: dict) -> dict:
    query = visible_entries(principal)
    for name in ("entity", "entity_id", "actor", "correlation_id"):
        if filters.get(name):
            query = query.where(getattr(AuditEntry, name) == filters[name])
    if filters.get("since"):
        query = query.where(AuditEntry.recorded_at >= filters["since"])
    if filters.get("until"):
        query = query.where(AuditEntry.recorded_at < filters["until"])
    return fetch_page(session, query, filters["page"], filters["page_size"])


class AuditTrailRpc:
    """The `audit_entries` RPC, for a service class with `db` and `caller` dependencies."""

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def audit_entries(self, query):
        principal = self.caller.require("audit.read")
        filters = load(AuditQuerySchema(), query)
        with self.db.unit_of_work() as uow:
            return AuditPageSchema().dump(audit_page(uow.session, principal, filters))

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def audit_verification(self, query=None):
        """The whole chain walked (every agency's entries: only whether it holds, and where it breaks, is
        told) and held against the checkpoints given, which must carry the service's signature."""
        self.caller.require("audit.read")
        given = load(VerificationQuerySchema(), query or {})["checkpoints"]
        result = self.db.verify_audit_trail([Checkpoint(**checkpoint) for checkpoint in given])
        return VerificationSchema().dump({
            "service": self.name, "intact": result.intact, "entries": result.entries, "first_seq": result.first_seq,
            "last_seq": result.last_seq, "checkpoints_given": len(given), "checkpoint": result.checkpoint,
            "problems": [{"seq": p.seq, "kind": p.kind, "detail": p.detail} for p in result.problems]})
