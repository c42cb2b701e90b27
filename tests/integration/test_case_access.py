"""Every route on one incident, called by another agency (404), an employee (403) and a leader."""
import pytest

from services.gateway.openapi import openapi_document
from services.gateway.service import GatewayService
from tests.integration.test_escalation import report

# an upload's body: a small text file, sent as multipart form data
EVIDENCE = {"file": ("logg.txt", b"2026-03-01 innlogging feilet\n", "text/plain")}

# path under /incidents/{id} ({measure_id} and {attachment_id} stand for the breach's own), method, body,
# whether a leader (a reader, not a coordinator) may call it
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
    ("/measures/{measure_id}", "PATCH", {"status": "done"}, False),
    ("/attachments", "GET", None, True),
    ("/attachments", "POST", EVIDENCE, False),
    ("/attachments/{attachment_id}", "GET", None, True),
    ("/attachments/{attachment_id}/removal", "POST", {"reason": "Feil fil"}, False),
    ("/measures/{measure_id}/attachments", "GET", None, True),
    ("/measures/{measure_id}/attachments", "POST", EVIDENCE, False),
    ("/measures/{measure_id}/attachments/{attachment_id}", "GET", None, True),
    ("/measures/{measure_id}/attachments/{attachment_id}/removal", "POST", {"reason": "Feil fil"}, False),
    ("/close", "POST", {"root_cause": "Årsak", "lessons_learned": "Lærdom"}, False),
    ("/reopen", "POST", {"reason": "Gjenåpnes"}, False),
    ("/authority-notification", "GET", None, True),
    ("/authority-notifications", "POST", {"reference": "AR"}, False),
    ("/subject-communications", "POST", {"channel": "letter"}, False),
]


def test_the_table_covers_every_route_on_an_incident():
    paths = openapi_document(GatewayService)["paths"]
    prefix = "/api/v1/incidents/{incident_id}"
    documented = {(path[len(prefix):], method.upper())
                  for path, operations in paths.items() if path.startswith(prefix) for method in operations}
    assert documented == {(suffix, method) for suffix, method, _, _ in ROUTES}


@pytest.fixture
def breach_of_demo(vern, coordinator):
    """A breach with a measure, and a piece of evidence on each."""
    breach = report(coordinator, kind="personal_data_breach", category="data_loss")
    measure = coordinator.post(f"/incidents/{breach['id']}/measures", json={"title": "Sperr kontoen", "owner": "isk"})
    assert measure.status_code == 201, measure.text
    breach["measure_id"] = measure.json()["id"]
    for path in (f"/incidents/{breach['id']}", f"/incidents/{breach['id']}/measures/{breach['measure_id']}"):
        uploaded = coordinator.post(f"{path}/attachments", files=EVIDENCE)
        assert uploaded.status_code == 201, uploaded.text
        breach.setdefault("attachment_ids", []).append(uploaded.json()["id"])
    return breach


def call(client, method, path, body):
    if body is EVIDENCE:
        return client.request(method, path, files=body)
    return client.request(method, path, json=body)


@pytest.mark.parametrize("suffix, method, body, leader_may", ROUTES, ids=[f"{m} {s or '/'}" for s, m, _, _ in ROUTES])
def test_roles_and_agencies_on_every_incident_route(vern, coordinator, breach_of_demo, suffix, method, body,
                                                    leader_may):
    incident_attachment, measure_attachment = breach_of_demo["attachment_ids"]
    path = f"/incidents/{breach_of_demo['id']}" + suffix.format(
        measure_id=breach_of_demo["measure_id"],
        attachment_id=measure_attachment if suffix.startswith("/measures") else incident_attachment)
    before = coordinator.get(f"/incidents/{breach_of_demo['id']}").json()

    outsider = vern.client(roles=("pko",), agency="other")
    assert call(outsider, method, path, body).status_code == 404

    employee = vern.client(roles=("employee",), agency="demo")
    # an employee may read only their own reports (another's, with its evidence, does not exist for them),
    # and nothing else on them
    reads_the_record = method == "GET" and (suffix == "" or "/attachments" in suffix)
    assert call(employee, method, path, body).status_code == (404 if reads_the_record else 403)

    leader = vern.client(roles=("leader",), agency="demo")
    status = call(leader, method, path, body).status_code
    assert (status < 400) if leader_may else status == 403

    after = coordinator.get(f"/incidents/{breach_of_demo['id']}").json()
    assert after["journal"] == before["journal"]  # none of the refused calls changed anything


def test_the_central_team_reads_but_does_not_handle(vern, breach_of_demo):
    central = vern.client(roles=("central",), agency="fin")
    iid = breach_of_demo["id"]
    assert central.get(f"/incidents/{iid}/authority-notification").status_code == 200
    assert central.post(f"/incidents/{iid}/notes", json={"text": "x"}).status_code == 403
