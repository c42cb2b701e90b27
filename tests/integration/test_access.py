"""Who may see and do what: agency isolation, tokens, roles."""
import time
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from shared.auth import issue_token
from shared.errors import Unauthenticated
from tests.integration.harness import Client
from tests.integration.test_escalation import assess, report, tasks_when


@pytest.fixture
def serious_incident(vern, coordinator):
    incident = report(coordinator)
    assess(coordinator, incident["id"], "high")
    return incident, tasks_when(coordinator, incident["id"], 3)


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
    assert all(t["status"] == "open" for t in tasks_when(owner, incident["id"], 3))


def test_an_unknown_incident_is_404(vern, coordinator):
    assert coordinator.get("/incidents/does-not-exist").status_code == 404


def test_central_team_reads_every_agency(vern, serious_incident):
    incident, _ = serious_incident
    central = vern.client(roles=("central",), agency="fin")
    assert central.get(f"/incidents/{incident['id']}").status_code == 200
    assert len(central.get("/notification-tasks", params={"incident_id": incident["id"]}).json()["items"]) == 3


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


def signed(vern, lifetime_hours: float | None, agency="demo", roles=("pko",)) -> str:
    """A Vern token made by hand, issued now (no iat when lifetime_hours is None: then it lives 1 h)."""
    now = int(time.time())
    claims = {"sub": "hand-made", "roles": list(roles), "agency": agency,
              "exp": now + int(3600 * (lifetime_hours or 1))}
    if lifetime_hours is not None:
        claims["iat"] = now
    return jwt.encode(claims, vern.config["JWT_SECRET"], algorithm="HS256")


def refused_everywhere(vern, token: str) -> str:
    """The 401 message of the gateway, after checking that a service called directly refuses it too
    (every service verifies the token again: the broker is no trust boundary)."""
    response = Client(vern.base_url, token).get("/incidents")
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthenticated"
    with ClusterRpcProxy(vern.config, context_data={"authorization": token}) as rpc:
        with pytest.raises(Unauthenticated) as refused:
            rpc.incidents.list_incidents({})
    assert str(refused.value) == response.json()["error"]["message"]
    return response.json()["error"]["message"]


def test_a_vern_token_living_longer_than_the_maximum_or_without_iat_is_refused(vern):
    message = refused_everywhere(vern, signed(vern, 13))
    assert message == ("Token lifetime longer than Vern accepts (at most 12 h) / "
                       "Tokenet varer lenger enn Vern godtar (høyst 12 t)")
    assert "'iat'" in refused_everywhere(vern, signed(vern, None))
    within = Client(vern.base_url, signed(vern, 12))
    assert within.get("/incidents").status_code == 200


def test_a_token_for_an_agency_not_in_the_directory_is_refused_with_a_bilingual_message(vern):
    token = issue_token(vern.config["JWT_SECRET"], "u-nosuch", ["pko"], "nosuch", 3600)  # not registered
    assert refused_everywhere(vern, token) == ("Unknown agency 'nosuch': not in Vern's agency directory / "
                                               "Ukjent virksomhet 'nosuch': finnes ikke i Verns virksomhetskatalog")


def test_an_agency_added_to_the_directory_file_is_accepted_without_a_restart(vern):
    code = f"new-{uuid.uuid4().hex[:8]}"
    token = issue_token(vern.config["JWT_SECRET"], "u-new", ["pko"], code, 3600)
    refused_everywhere(vern, token)
    vern.register_agency(code)
    assert Client(vern.base_url, token).get("/incidents").status_code == 200


def test_the_central_role_only_for_the_agency_the_directory_marks_central(vern, serious_incident):
    incident, _ = serious_incident
    message = refused_everywhere(vern, vern.token(roles=("central",), agency="demo"))
    assert message.startswith("The role 'central' is only for the central agency; 'demo' is not marked central")
    assert "/ Rollen 'central' gjelder bare sentral virksomhet" in message
    refused_everywhere(vern, vern.token(roles=("pko", "central"), agency="other"))
    # the central agency's central role reads across agencies, as the central team always has
    central = vern.client(roles=("central",), agency="fin")
    assert central.get(f"/incidents/{incident['id']}").json()["agency"] == "demo"
    assert len(central.get("/notification-tasks", params={"incident_id": incident["id"]}).json()["items"]) == 3


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
    assert set(health["services"]) == {"incidents", "risk", "privacy_register", "training", "reporting", "webhooks",
                                      "notifications"}
    assert all(service["status"] == "up" for service in health["services"].values())
    document = Client(vern.base_url, None).get("/openapi.json").json()
    assert "/api/v1/incidents/{incident_id}/assessment" in document["paths"]
