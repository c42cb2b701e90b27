"""Webhook subscriptions end to end, over the real RabbitMQ on SQLite and PostgreSQL: an agency registers
an HTTPS endpoint, a serious incident reaches it as a signed CloudEvent, a failing endpoint is retried
until it answers, a rotated secret signs, an endpoint that keeps failing is switched off and that is
announced, and bad input is refused naming the field."""
import json
import time
import uuid
from datetime import datetime

import pytest

from shared import signing
from tests.integration.harness import Vern, wait_for
from tests.integration.receivers import WebhookSink, self_signed_certificate
from tests.integration.test_escalation import assess, report

ESCALATED = "no.vern.incidents.incident_escalated.v1"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"webhooks-{request.param}")
    certificate = self_signed_certificate(folder)
    with WebhookSink(certificate, folder=folder / "hooks") as sink:
        # only what the journey needs: incidents publishes the escalation, webhooks delivers it
        vern = Vern(request.param, folder, SERVICES=["incidents", "webhooks"], TLS_CA_BUNDLE=str(certificate.cert),
                    WEBHOOK_POLL_SECONDS=0.2, WEBHOOK_RETRY_SECONDS=0.2, WEBHOOK_DISABLE_AFTER_FAILURES=2)
        try:
            vern.start()
            yield vern, sink
        finally:
            vern.stop()


def agency():
    return f"wh-{uuid.uuid4().hex[:8]}"


def subscribe(admin, url, event_types=("incidents.incident_escalated",), **extra):
    response = admin.post("/webhooks/subscriptions", json={"url": url, "event_types": list(event_types), **extra})
    assert response.status_code == 201, response.text
    return response.json()


def serious_incident(client, title):
    incident = report(client, title=title)
    assess(client, incident["id"], "high")
    return incident


def hooks_to(sink, path):
    return [request for request in sink.requests() if request["path"] == path]


def lowered(headers):
    return {key.lower(): value for key, value in headers.items()}


def deliveries(client, subscription_id, **query):
    response = client.get(f"/webhooks/subscriptions/{subscription_id}/deliveries", params=query)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_a_serious_incident_reaches_the_endpoint_as_a_signed_cloudevent(world):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko", "isk"), code)
    path = f"/ok/{code}"
    created = subscribe(admin, sink.url(path), description="SIEM")
    assert created["secret"].startswith("whsec_") and created["agency"] == code and created["active"] is True
    shown = admin.get(f"/webhooks/subscriptions/{created['id']}").json()
    assert "secret" not in shown and shown["event_types"] == ["incidents.incident_escalated"]
    assert pko.get(f"/webhooks/subscriptions/{created['id']}").status_code == 200  # coordinators see data flows
    # another agency's serious incident is not this subscription's
    serious_incident(vern.client(("pko",), agency()), "Annen etat")

    incident = serious_incident(pko, "Phishing mot lønn")

    [hook] = wait_for(lambda: hooks_to(sink, path), timeout=20)
    headers = lowered(hook["headers"])
    assert signing.verify(created["secret"], headers, hook["body"].encode(), int(time.time())) == headers["webhook-id"]
    assert headers["content-type"].startswith("application/cloudevents+json")
    envelope = json.loads(hook["body"])
    assert envelope["type"] == ESCALATED and envelope["specversion"] == "1.0" and envelope["agency"] == code
    assert envelope["data"]["incident_id"] == incident["id"] and envelope["data"]["severity"] == "high"

    [delivery] = wait_for(lambda: [d for d in deliveries(admin, created["id"]) if d["status"] == "delivered"])
    assert delivery["id"] == headers["webhook-id"] and delivery["event_id"] == envelope["id"]
    assert delivery["attempts"] == 1 and delivery["last_status_code"] == 200 and delivery["next_attempt_at"] is None
    time.sleep(0.5)
    assert len(hooks_to(sink, path)) == 1, "one event, one request: incident_reported was not asked for"

    redone = admin.post(f"/webhooks/subscriptions/{created['id']}/deliveries/{delivery['id']}/redeliver")
    assert redone.status_code == 200 and redone.json()["status"] == "pending", redone.text
    again = wait_for(lambda: len(hooks_to(sink, path)) == 2 and hooks_to(sink, path), timeout=20)
    assert lowered(again[1]["headers"])["webhook-id"] == delivery["id"], "the same message id: receivers deduplicate"
    assert admin.get("/webhooks/subscriptions").json()["total"] == 1


def test_a_failing_endpoint_is_retried_with_backoff_until_it_answers(world):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    path = f"/flaky/2/{code}"
    # the sink's /flaky/ path counts requests per path: only the escalation may go there
    created = subscribe(admin, sink.url(path), event_types=["*.incident_escalated"])
    everything = subscribe(admin, sink.url(f"/ok/all-{code}"), event_types=["incidents.*"])

    incident = serious_incident(pko, "Løsepengevirus")

    def escalation_delivered():
        return [d for d in deliveries(admin, created["id"]) if d["event_type"] == ESCALATED
                and d["status"] == "delivered"]
    [delivery] = wait_for(escalation_delivered, timeout=30)
    assert delivery["attempts"] == 3
    assert [attempt["status_code"] for attempt in delivery["recent_attempts"]] == [500, 500, 200]
    escalations = [r for r in hooks_to(sink, path) if incident["id"] in r["body"] and ESCALATED in r["body"]]
    assert [r["status"] for r in escalations] == [500, 500, 200]
    assert len({lowered(r["headers"])["webhook-id"] for r in escalations}) == 1
    # no retry comes before its backoff (0.2 s, then 0.4 s), measured between the recorded attempts (the
    # next is due that long after the last one was recorded); how much later depends on the poll and the
    # machine's load, so the doubling itself is held by domain.retry_delay's unit test, not by a clock here
    times = [datetime.fromisoformat(attempt["at"]) for attempt in delivery["recent_attempts"]]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    assert gaps[0] >= 0.2 and gaps[1] >= 0.4, f"a retry came before its backoff: {gaps}"
    assert deliveries(admin, created["id"], status="failed") == []
    assert {d["event_type"] for d in deliveries(admin, created["id"])} == {ESCALATED}
    # incidents.* takes the report and the assessment too
    assert wait_for(lambda: {d["event_type"] for d in deliveries(admin, everything["id"])} >= {
        ESCALATED, "no.vern.incidents.incident_reported.v1", "no.vern.incidents.incident_assessed.v1"})


def test_after_a_rotation_deliveries_verify_with_the_new_secret(world):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    path = f"/ok/rotated-{code}"
    created = subscribe(admin, sink.url(path))

    rotated = admin.post(f"/webhooks/subscriptions/{created['id']}/rotate-secret")
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret != created["secret"] and rotated.json()["previous_secret_until"]
    serious_incident(pko, "Tapt PC")

    [hook] = wait_for(lambda: hooks_to(sink, path), timeout=20)
    headers, body = lowered(hook["headers"]), hook["body"].encode()
    assert signing.verify(new_secret, headers, body, int(time.time()))
    # during the overlap the old secret still verifies, so the receiver can switch at its own pace
    assert len(headers["webhook-signature"].split()) == 2
    assert signing.verify(created["secret"], headers, body, int(time.time()))
    # the audit trail shows that the secret changed, never the secret
    trail = vern.client(("admin",), code).get("/audit/webhooks", params={"entity": "subscriptions"})
    assert trail.status_code == 200 and trail.json()["total"] >= 2
    assert created["secret"] not in trail.text and new_secret not in trail.text and "sha256" in trail.text


def test_an_endpoint_that_keeps_failing_is_disabled_and_that_is_announced(world):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    broken = subscribe(admin, sink.url(f"/gone/{code}"))
    watcher_path = f"/ok/watcher-{code}"
    subscribe(admin, sink.url(watcher_path), event_types=["webhooks.*"])

    for n in range(2):  # WEBHOOK_DISABLE_AFTER_FAILURES=2; 410 Gone fails a delivery at once
        serious_incident(pko, f"Hendelse {n}")

    disabled = wait_for(lambda: (s := admin.get(f"/webhooks/subscriptions/{broken['id']}").json())["active"] is False
                        and s, timeout=30)
    assert disabled and disabled["disabled_at"] and "410" in disabled["disabled_reason"]
    assert disabled["consecutive_failures"] == 2
    assert len(deliveries(admin, broken["id"], status="failed")) == 2
    [notice] = wait_for(lambda: hooks_to(sink, watcher_path), timeout=20)
    assert json.loads(notice["body"])["data"]["subscription_id"] == broken["id"]

    enabled = admin.patch(f"/webhooks/subscriptions/{broken['id']}", json={"active": True}).json()
    assert enabled["active"] is True and enabled["consecutive_failures"] == 0 and enabled["disabled_at"] is None


def test_bad_input_is_refused_naming_the_field(world):
    vern, _sink = world
    code = agency()
    admin = vern.client(("admin",), code)

    def refused(body, field):
        response = admin.post("/webhooks/subscriptions", json=body)
        assert response.status_code == 400, response.text
        assert field in response.json()["error"]["fields"], response.text
        return response.json()["error"]

    # production mode (the harness's): plain http is refused, even to this machine
    error = refused({"url": "http://127.0.0.1:9/hook", "event_types": ["incidents.*"]}, "url")
    assert "https" in str(error["fields"]["url"]) and "/" in error["message"]  # bilingual
    refused({"url": "http://siem.example.org/hook", "event_types": ["incidents.*"]}, "url")
    refused({"url": "https://siem.example.org/hook", "event_types": ["incidents.incident_exploded"]}, "event_types")
    refused({"url": "https://siem.example.org/hook", "event_types": []}, "event_types")
    refused({"url": "not a url", "event_types": ["*"]}, "url")
    refused({"url": "https://siem.example.org/hook", "event_types": ["*"], "all_agencies": True}, "all_agencies")
    assert admin.get("/webhooks/subscriptions").json()["total"] == 0
    # the central team may take every agency's events; a coordinator may not subscribe at all
    central = vern.client(("central",), code)
    everyone = central.post("/webhooks/subscriptions", json={"url": "https://siem.example.org/hook",
                                                             "event_types": ["*"], "all_agencies": True})
    assert everyone.status_code == 201, everyone.text
    # an admin of the central team's agency may not redirect every agency's events
    assert admin.patch(f"/webhooks/subscriptions/{everyone.json()['id']}",
                       json={"url": "https://elsewhere.example.org/"}).status_code == 403
    assert vern.client(("pko",), code).post("/webhooks/subscriptions", json={
        "url": "https://siem.example.org/hook", "event_types": ["*"]}).status_code == 403
