"""The base every API mixin inherits, and the prefix of every API route.

A helper that routes of two areas share belongs here, not on one area's mixin for the other to reach:
the mixins know only their base, never each other.
"""
from services.gateway.dependencies import GatewayDependencies

API = "/api/v1"


class ApiBase(GatewayDependencies):
    """The RPC proxies and settings (`self.incidents`, `self.health_timeout`, ...) the routes call."""
