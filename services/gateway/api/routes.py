"""Every API route, one mixin per area, mixed into GatewayService (services/gateway/service.py).

Each route calls its service by RPC (a TimedRpcProxy declared in services/gateway/dependencies.py);
the route's decorator carries the contract (action, schemas, statuses) that the gateway checks before
any call and that the OpenAPI document and docs/permissions.md are generated from.
"""
from services.gateway.api.auth import AuthRoutes
from services.gateway.api.governance import GovernanceRoutes
from services.gateway.api.incidents import IncidentRoutes
from services.gateway.api.notifications import NotificationRoutes
from services.gateway.api.operations import OperationsRoutes
from services.gateway.api.plan import PlanRoutes
from services.gateway.api.privacy import PrivacyRoutes
from services.gateway.api.reports import ReportRoutes
from services.gateway.api.risk import RiskRoutes
from services.gateway.api.training import TrainingRoutes
from services.gateway.api.webhooks import WebhookRoutes


class ApiRoutes(OperationsRoutes, AuthRoutes, IncidentRoutes, NotificationRoutes, RiskRoutes, PrivacyRoutes,
                TrainingRoutes, ReportRoutes, GovernanceRoutes, PlanRoutes, WebhookRoutes):
    """Every API route; see each mixin."""
