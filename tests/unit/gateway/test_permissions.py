"""The permission matrix is data, every route is in it, and docs/permissions.md is generated from it."""
from pathlib import Path

from services.gateway.openapi import openapi_path, routes
from services.gateway.permissions_doc import document
from services.gateway.service import GatewayService
from shared.auth import ROLES
from shared.permissions import PERMISSIONS

DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"
# The only routes that answer without a token: what they show is public, they carry their own proof,
# or they are how a token is had (single sign-on: the provider's answer is checked against a signed cookie).
PUBLIC_ROUTES = {"GET /api/v1/health", "GET /api/v1/openapi.json",
                 "GET /api/v1/ack/{token}", "POST /api/v1/ack/{token}",
                 "GET /api/v1/progress/{token}", "POST /api/v1/progress/{token}",
                 "GET /api/v1/auth/login", "GET /api/v1/auth/callback"}


def test_every_route_names_an_action_of_the_matrix_or_is_knowingly_public():
    public = set()
    for name, entrypoint in routes(GatewayService):
        if entrypoint.action is None:
            public.add(f"{entrypoint.method} {openapi_path(entrypoint.url)}")
        else:
            assert entrypoint.action in PERMISSIONS, f"{name}: action {entrypoint.action} is not in the matrix"
    assert public == PUBLIC_ROUTES, "a new route without an action must be added to the matrix (or here, on purpose)"


def test_the_matrix_grants_only_known_roles():
    for action, roles in PERMISSIONS.items():
        assert roles and roles <= set(ROLES), action


def test_docs_permissions_is_generated_from_the_matrix():
    assert DOCUMENT.read_text() == document(), (
        "docs/permissions.md is stale: run .venv/bin/python -m services.gateway.permissions_doc > docs/permissions.md")
