"""The HTTP API (/api/v1): one module of routes per area, named after the area's OpenAPI tag, each a
mixin of services/gateway/api/routes.py's ApiRoutes, which the one gateway service inherits."""
