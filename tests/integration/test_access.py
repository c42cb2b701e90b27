"""Who may see and do what: agency isolation, tokens, roles."""
import time
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from tests.integration.harness import Client
from tests.integration.test_escalation import assess, report, tasks_when


@pytest.fixture
def serious_incident(vern, coordinator):
    incident = report(coordinator)
    assess(coordinator, incident["id"], "high")
    return incident, tasks_when(coordinator, incident["id"], 4)


def test_another_agency_cannot_read_or_change_incidents_or_tasks(vern, serious_incident):
    incident, found = serious_incident
    outsider = vern.client(roles=("pko",), agency="other")

    for response in (
        outsider.get(f"/incidents/{incident['id']}"),
        outsider.post(f"/incidents/{incident['id']}/assessment",
                      json={"severity": "low", "personal_data_involved": False}),
        outsider.post(f"/notification-tasks/{found[0]['id']}/complete", json={}),
    ):
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"] == "not_found"

    assert incident["id"] not in {i["id"] for i in outsider.get("/incidents", params={"page_size": 100}).json()["items"]}
    assert outsider.get("/notification-tasks", params={"incident_id": incident["id"]}).json()["items"] == []
    # the owner's record is untouched by the attempts
    owner = vern.client(roles=("pko",), agency="demo")
    assert owner.get(f"/incidents/{incident['id']}").json()["severity"] == "high"
    assert all(t["status"] == "open" for t in tasks_when(owner, incident["id"], 4))


def test_an_unknown_incident_is_404(vern, coordinator):
    assert coordinator.get("/incidents/does-not-exist").status_code == 404


def test_central_team_reads_every_agency(vern, serious_incident):
    incident, _ = serious_incident
    central = vern.client(roles=("central",), agency="fin")
    assert central.get(f"/incidents/{incident['id']}").status_code == 200
    assert len(central.get("/notification-tasks", params={"incident_id": incident["id"]}).json()["items"]) == 4


@pytest.mark.parametrize("token_kind", ["wrong_signature", "expired", "missing", "garbage"])
def test_bad_tokens_get_401(vern, token_kind):
    tokens = {
        "wrong_signature": jwt.encode({"sub": "x", "roles": ["pko"], "agency": "demo",
                                       "exp": datetime.now(timezone.utc) + timedelta(hours=1)},
                                      "another-secret-that-is-long-enough-32", algorithm="HS256"),
        "expired": vern.token(ttl=60),
        "missing": None,
        "garbage": "not.a.jwt",
    }
    token = tokens[token_kind]
    if token_kind == "expired":
        token = jwt.encode({**jwt.decode(token, options={"verify_signature": False}),
                            "exp": int(time.time()) - 10}, vern.config["JWT_SECRET"], algorithm="HS256")
    client = Client(vern.base_url, token)
    for response in (client.get("/incidents"), client.post("/incidents", json={})):
        assert response.status_code == 401, response.text
        assert response.json()["error"]["code"] == "unauthenticated"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_employee_may_report_and_read_own_report_but_not_assess(vern, coordinator):
    employee = vern.client(roles=("employee",), agency="demo", sub="emp-123")
    incident = report(employee, kind="deviation", category="other")
    assert incident["reported_by"] == "emp-123"
    assert employee.get(f"/incidents/{incident['id']}").status_code == 200

    refused = employee.post(f"/incidents/{incident['id']}/assessment",
                            json={"severity": "high", "personal_data_involved": False})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert coordinator.get(f"/incidents/{incident['id']}").json()["severity"] is None

    someone_elses = report(coordinator)
    assert employee.get(f"/incidents/{someone_elses['id']}").status_code == 404
    assert employee.get("/notification-tasks").status_code == 403


def test_health_and_openapi_are_served(vern):
    health = Client(vern.base_url, None).get("/health").json()
    assert health["status"] == "ok"
    assert set(health["services"]) == {"incidents", "risk", "privacy_register", "training", "reporting", "webhooks"}
    assert all(service["status"] == "up" for service in health["services"].values())
    document = Client(vern.base_url, None).get("/openapi.json").json()
    assert "/api/v1/incidents/{incident_id}/assessment" in document["paths"]
