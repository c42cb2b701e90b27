"""The gateway: Vern's only HTTP server. Authenticates, validates, and calls the services by RPC.

The routes are mixins: the API's in services/gateway/api (one module per area), the web pages' in
services/gateway/web. Both are imported as modules, not as classes: `nameko run` takes every class
with entrypoints at this module's top level for a service, and there must be exactly one.
"""
from services.gateway.api import routes as api
from services.gateway.api.operations import AUDITED_SERVICES  # noqa: F401 (the integration tests import it here)
from services.gateway.web import routes as web


class GatewayService(api.ApiRoutes, web.WebPages):
    name = "gateway"
