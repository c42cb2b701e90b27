"""Every route, called with every role and with the central team beside each other role: the gateway
answers 403 exactly when the matrix permits none of the caller's roles.

Generated from the routes and the matrix, so a new route is covered the day it is added. The callers
belong to an agency of their own, so what permitted calls may create touches no other test's data;
the path values name nothing that exists, so a permitted call ends in 400, 404 or 409, never 401/403/500."""
import re

from services.gateway.openapi import routes
from services.gateway.service import GatewayService
from shared.auth import ROLES
from shared.permissions import PERMISSIONS

AGENCY = "permission-matrix"
_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def concrete(url: str) -> str:
    return _ARGUMENT.sub(lambda match: "999999" if match.group(1) == "int" else "no-such-record", url)


CALLERS = [(role,) for role in ROLES] + [("central", role) for role in ROLES if role != "central"]


def test_every_route_answers_every_role_and_combination_as_the_matrix_says(vern):
    vern.register_agency(AGENCY, central=True)  # so that its `central` tokens are accepted too
    tokens = {roles: vern.client(roles=roles, agency=AGENCY) for roles in CALLERS}
    unexpected, refused, let_through = [], 0, 0
    for name, entrypoint in routes(GatewayService):
        if entrypoint.action is None:
            continue
        path = concrete(entrypoint.url).removeprefix("/api/v1")
        for roles in CALLERS:
            kwargs = {"json": {}} if entrypoint.method in ("POST", "PUT", "PATCH") else {}
            status = tokens[roles].request(entrypoint.method, path, **kwargs).status_code
            permitted = bool(set(roles) & PERMISSIONS[entrypoint.action])
            refused, let_through = refused + (status == 403), let_through + (status != 403)
            if (status == 403) == permitted or status in (401, 500):
                unexpected.append(f"{entrypoint.method} {entrypoint.url} as {'+'.join(roles)}: {status} "
                                  f"({'permitted' if permitted else 'not permitted'} by {entrypoint.action})")
    assert unexpected == []
    assert refused > 300 and let_through > 300, (refused, let_through)  # the matrix really was exercised
