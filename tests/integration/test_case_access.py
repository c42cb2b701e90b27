"""Every route on one incident, called by another agency (404), an employee (403) and a leader."""
import pytest

from services.gateway.openapi import openapi_document
from services.gateway.service import GatewayService
from tests.integration.test_escalation import report

# path under /incidents/{id}, method, body, whether a leader (a reader, not a coordinator) may call it
ROUTES = [
    ("", "GET", None, True),
    ("", "PATCH", {"description": "Endret"}, False),
    ("/assessment", "POST", {"severity": "low", "personal_data_involved": True}, False),
    ("/breach-assessment", "POST", {"data_types": ["simple"], "ease_of_identification": "limited",
                                    "cb": {"confidentiality": 0, "integrity": 0, "availability": 0,
                                           "malicious": False},
                                    "data_subjects": 1, "unintelligible": False, "vulnerable_subjects": False}, False),
    ("/breach-decision", "POST", {"notify_authority": "required", "notify_data_subjects": "not_required"}, False),
    ("/status", "POST", {"status": "triage"}, False),
    ("/handler", "PUT", {"handler": "pko-9", "role": "pko"}, False),
    ("/notes", "POST", {"text": "Notat"}, False),
    ("/measures", "POST", {"title": "Tiltak", "owner": "pko"}, False),
    ("/measures/1", "PATCH", {"status": "done"}, False),
    ("/close", "POST", {"root_cause": "Årsak", "lessons_learned": "Lærdom"}, False),
    ("/reopen", "POST", {"reason": "Gjenåpnes"}, False),
    ("/authority-notification", "GET", None, True),
    ("/authority-notifications", "POST", {"reference": "AR"}, False),
    ("/subject-communications", "POST", {"channel": "letter"}, False),
]


def test_the_table_covers_every_route_on_an_incident():
    paths = openapi_document(GatewayService)["paths"]
    prefix = "/api/v1/incidents/{incident_id}"
    documented = {(path[len(prefix):].replace("{measure_id}", "1"), method.upper())
                  for path, operations in paths.items() if path.startswith(prefix) for method in operations}
    assert documented == {(suffix, method) for suffix, method, _, _ in ROUTES}


@pytest.fixture
def breach_of_demo(vern, coordinator):
    return report(coordinator, kind="personal_data_breach", category="data_loss")


@pytest.mark.parametrize("suffix, method, body, leader_may", ROUTES, ids=[f"{m} {s or '/'}" for s, m, _, _ in ROUTES])
def test_roles_and_agencies_on_every_incident_route(vern, coordinator, breach_of_demo, suffix, method, body,
                                                    leader_may):
    path = f"/incidents/{breach_of_demo['id']}{suffix}"
    before = coordinator.get(f"/incidents/{breach_of_demo['id']}").json()

    outsider = vern.client(roles=("pko",), agency="other")
    assert outsider.request(method, path, json=body).status_code == 404

    employee = vern.client(roles=("employee",), agency="demo")
    # an employee may read only their own reports, and nothing else on them
    assert employee.request(method, path, json=body).status_code == (404 if (suffix, method) == ("", "GET") else 403)

    leader = vern.client(roles=("leader",), agency="demo")
    status = leader.request(method, path, json=body).status_code
    assert (status < 400) if leader_may else status == 403

    after = coordinator.get(f"/incidents/{breach_of_demo['id']}").json()
    assert after["journal"] == before["journal"]  # none of the refused calls changed anything


def test_the_central_team_reads_but_does_not_handle(vern, breach_of_demo):
    central = vern.client(roles=("central",), agency="fin")
    iid = breach_of_demo["id"]
    assert central.get(f"/incidents/{iid}/authority-notification").status_code == 200
    assert central.post(f"/incidents/{iid}/notes", json={"text": "x"}).status_code == 403
