"""Operations: which services answer, this API's own OpenAPI document, and each service's audit trail."""
import eventlet

from services.gateway.api.base import API, ApiBase
from services.gateway.http import json_response, route
from services.gateway.openapi import openapi_document
from services.gateway.schemas import HealthSchema
from shared.audit_rpc import AuditPageSchema, AuditQuerySchema, VerificationSchema
from shared.config import SERVICE_NAMES
from shared.errors import NotFound, VernError

AUDITED_SERVICES = SERVICE_NAMES  # each keeps its own trail in its own database


class OperationsRoutes(ApiBase):
    @route("GET", f"{API}/health", response=HealthSchema, tag="operations",
           summary="Which services answer, and which this installation does not run / "
                   "Hvilke tjenester svarer, og hvilke som ikke er installert")
    def health(self, request):
        timeout = self.health_timeout
        deployed = self.deployed_services

        def probe(name):
            if name not in deployed:  # left out on purpose: not a fault, and nothing to ask
                return name, {"status": "not_deployed"}
            try:
                getattr(self, name).call("health", timeout=timeout)
                return name, {"status": "up"}
            except VernError:
                return name, {"status": "down"}

        services = dict(eventlet.GreenPool().imap(probe, SERVICE_NAMES))
        status = "ok" if all(services[name]["status"] == "up" for name in deployed) else "degraded"
        return {"status": status, "services": services}

    @route("GET", f"{API}/openapi.json", tag="operations", summary="This API's OpenAPI 3 document")
    def openapi(self, request):
        return json_response(openapi_document(type(self)))

    @route("GET", f"{API}/audit/<string:service>", action="audit.read", query=AuditQuerySchema,
           response=AuditPageSchema, tag="operations",
           summary="A service's audit trail: who changed what, when / Revisjonsspor: hvem endret hva, når")
    def audit_trail(self, request, service, query):
        if service not in AUDITED_SERVICES:
            raise NotFound(f"No audit trail named {service} (one of {', '.join(AUDITED_SERVICES)}) / "
                           f"Revisjonssporet {service} finnes ikke")
        return getattr(self, service).audit_entries(query)

    @route("GET", f"{API}/audit/<string:service>/verification", action="audit.read", response=VerificationSchema,
           tag="operations",
           summary="Whether the service's audit chain holds, against the signed checkpoints reporting keeps / "
                   "Om revisjonssporet er urørt")
    def audit_verification(self, request, service):
        if service not in AUDITED_SERVICES:
            raise NotFound(f"No audit trail named {service} (one of {', '.join(AUDITED_SERVICES)}) / "
                           f"Revisjonssporet {service} finnes ikke")
        kept = self.reporting.audit_checkpoints({"service": service})["items"] if "reporting" in \
            self.deployed_services else []
        return getattr(self, service).audit_verification({"checkpoints": kept})
