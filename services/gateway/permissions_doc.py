"""docs/permissions.md, generated from the one table of who may do what (`shared.permissions`) and the
routes that ask for each action: `python -m services.gateway.permissions_doc > docs/permissions.md`.

A unit test fails when the checked-in document differs from what this prints."""
from services.gateway.openapi import openapi_path, routes
from services.gateway.service import GatewayService
from shared.auth import ROLES
from shared.permissions import PERMISSIONS

HEADER = """# Permissions

Generated from `shared/permissions.py` (the table the gateway checks before any call and each service
checks again) and the gateway's routes. Do not edit: run
`.venv/bin/python -m services.gateway.permissions_doc > docs/permissions.md`.

Every record also belongs to an agency: a caller sees only their own agency's records (another
agency's are answered 404, as if they did not exist), except `central`, `auditor` and `admin`, who
read across agencies.
"""


def routes_by_action() -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for _name, entrypoint in routes(GatewayService):
        found.setdefault(entrypoint.action, []).append(f"`{entrypoint.method} {openapi_path(entrypoint.url)}`")
    return found


def document() -> str:
    by_action = routes_by_action()
    lines = [HEADER, "## Role × action", "",
             "| action | " + " | ".join(ROLES) + " |", "|---|" + "---|" * len(ROLES)]
    for action, roles in PERMISSIONS.items():
        lines.append(f"| `{action}` | " + " | ".join("✓" if role in roles else "" for role in ROLES) + " |")
    lines += ["", "## Routes by action", ""]
    for action in PERMISSIONS:
        used_by = by_action.get(action) or ["(no HTTP route: checked by the services over RPC)"]
        lines.append(f"- `{action}`: " + ", ".join(sorted(used_by)))
    lines += ["", "## Routes without a bearer token", "",
              "These answer anyone; each is limited to what it shows (health, the API description), "
              "carries its own proof (an acknowledgement link's secret token) or is how a token is had "
              "(single sign-on: the provider's answer is checked against a signed cookie and the "
              "provider's keys). The acknowledgement links and the sign-in routes are rate-limited per "
              "client address.", ""]
    lines += [f"- {route}" for route in sorted(by_action.get(None, []))]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(document(), end="")
