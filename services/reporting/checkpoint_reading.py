"""Reading back the signed audit checkpoints reporting keeps of a service, so that the audit trail's page
can hold the service's chain against them (the `audit_checkpoints` RPC; `vern audit verify` reads the
database directly). Whether one is authentic is the service's to judge, with its key."""
from services.reporting import audit_checkpoints
from shared.audit_rpc import CheckpointListSchema, CheckpointQuerySchema
from shared.errors import EXPECTED_ERRORS
from shared.rpc_server import rpc
from shared.validation import load


class AuditCheckpointReading:
    """ReportingService's `audit_checkpoints` RPC, for a service class with `db` and `caller`."""

    @rpc(expected_exceptions=EXPECTED_ERRORS)
    def audit_checkpoints(self, query):
        self.caller.require("audit.read")
        service = load(CheckpointQuerySchema(), query)["service"]
        with self.db.unit_of_work() as uow:
            return CheckpointListSchema().dump({"items": audit_checkpoints.kept(uow.session, service)})
