"""Webhook subscriptions end to end, over the real RabbitMQ on SQLite and PostgreSQL: an agency registers
an HTTPS endpoint, a serious incident reaches it as a signed CloudEvent, a failing endpoint is retried
until it answers, a rotated secret signs, an endpoint that keeps failing is switched off and that is
announced, and bad input is refused naming the field. Webhooks go to public addresses only: the sink on
127.0.0.1 is reached because the configuration allow-lists it (its address and port, and `localhost` on its
port), as an operator allow-lists an internal receiver; a name that resolves inside is refused, at
subscription and again at delivery."""
import ipaddress
import json
import time
import uuid
from datetime import datetime

import pytest

from services.webhooks import transport
from shared import signing
from tests.integration.harness import Vern, free_port, wait_for
from tests.integration.receivers import WebhookSink, self_signed_certificate
from tests.integration.test_escalation import assess, report

ESCALATED = "no.vern.incidents.incident_escalated.v1"
CLOSED_PORT = free_port()  # nothing listens there
PUBLIC = "93.184.215.14"  # any public address: what a DNS server may answer at subscription


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"webhooks-{request.param}")
    certificate = self_signed_certificate(folder)
    with WebhookSink(certificate, folder=folder / "hooks") as sink:
        # only what the journey needs: incidents publishes the escalation, webhooks delivers it. The sink is
        # an internal receiver: allowed by the configuration, on its port only; CLOSED_PORT allows a
        # receiver that is down, and rebinding.test a name the test resolves (resolving_to) to this machine
        vern = Vern(request.param, folder, SERVICES=["incidents", "webhooks"], TLS_CA_BUNDLE=str(certificate.cert),
                    WEBHOOK_POLL_SECONDS=0.2, WEBHOOK_RETRY_SECONDS=0.2, WEBHOOK_DISABLE_AFTER_FAILURES=2,
                    WEBHOOK_ALLOWED_TARGETS=[f"127.0.0.1:{sink.port}", f"localhost:{sink.port}",
                                             f"127.0.0.1:{CLOSED_PORT}", f"allowed.rebinding.test:{sink.port}"])
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
    vern.register_agency(code, central=True)  # the central team's agency: its admin and its central role below
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


def refused_everywhere(admin, url, subscription_id, why="public"):
    """400 naming `url` (saying `why`), on creation and on change."""
    for response in (admin.post("/webhooks/subscriptions", json={"url": url, "event_types": ["incidents.*"]}),
                     admin.patch(f"/webhooks/subscriptions/{subscription_id}", json={"url": url})):
        assert response.status_code == 400, (url, response.text)
        assert list(response.json()["error"]["fields"]) == ["url"], response.text
        assert why in str(response.json()["error"]["fields"]["url"]), response.text


def test_internal_addresses_are_refused_naming_the_url(world):
    vern, sink = world
    code = agency()
    admin = vern.client(("admin",), code)
    allowed = subscribe(admin, sink.url(f"/ok/{code}"))
    # the broker's management port, the cloud metadata service, and 127.0.0.1 written as one hex number
    for url in ("https://127.0.0.1:15672/", "https://169.254.169.254/", "https://0x7f000001:15672/"):
        refused_everywhere(admin, url, allowed["id"])
    # the allow-list names the sink's port only, and the host as written: not other spellings of it
    refused_everywhere(admin, f"https://2130706433:{sink.port}/", allowed["id"])
    for url in (f"https://127.1:{sink.port}/", f"https://[::ffff:127.0.0.1]:{sink.port}/"):
        refused_everywhere(admin, url, allowed["id"], why="URL")  # the URL check's word, before the address's
    [shown] = admin.get("/webhooks/subscriptions").json()["items"]
    assert shown["url"] == sink.url(f"/ok/{code}")


@pytest.fixture
def resolving_to(monkeypatch):
    """Answers for names under .test, as a DNS server would give them; changeable during the test."""
    answers = {}
    system = transport.resolve

    def resolve(host, port):
        if host in answers:
            return [ipaddress.ip_address(answers[host])]
        return system(host, port)
    monkeypatch.setattr(transport, "resolve", resolve)
    return answers


def test_a_name_that_resolves_inside_at_delivery_is_refused_at_connect_time(world, resolving_to):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    resolving_to["hooks.rebinding.test"] = "127.0.0.1"
    refused_everywhere(admin, f"https://hooks.rebinding.test:{sink.port}/ok/x", subscribe(admin, sink.url("/ok/x"))["id"])
    # DNS rebinding: public when Vern looks at subscription, this machine (where the sink listens) at delivery
    resolving_to["hooks.rebinding.test"] = PUBLIC
    path = f"/ok/rebound-{code}"
    created = subscribe(admin, f"https://hooks.rebinding.test:{sink.port}{path}")
    resolving_to["hooks.rebinding.test"] = "127.0.0.1"

    serious_incident(pko, "Rebinding")

    [delivery] = wait_for(lambda: [d for d in deliveries(admin, created["id"]) if d["attempts"] >= 1
                                   and d["recent_attempts"]], timeout=20)
    assert delivery["status"] == "pending" and delivery["last_status_code"] is None
    assert delivery["last_error"] == "blocked" and delivery["recent_attempts"][0]["error"] == "blocked"
    time.sleep(0.5)
    assert hooks_to(sink, path) == [], "nothing may reach the address the name was rebound to"


def test_an_allow_listed_internal_receiver_gets_its_deliveries_by_name(world, resolving_to):
    vern, sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    path = f"/ok/by-name-{code}"
    created = subscribe(admin, f"https://localhost:{sink.port}{path}")
    # allow-listed by name too, and resolving to the sink, but its certificate is not for that name
    resolving_to["allowed.rebinding.test"] = "127.0.0.1"
    wrong_name = subscribe(admin, f"https://allowed.rebinding.test:{sink.port}/ok/wrong-name-{code}")

    serious_incident(pko, "Intern mottaker")

    [hook] = wait_for(lambda: hooks_to(sink, path), timeout=20)
    # connected to the vetted address, with the name in the Host header (and TLS checked on it)
    assert lowered(hook["headers"])["host"] == f"localhost:{sink.port}"
    assert wait_for(lambda: [d for d in deliveries(admin, created["id"]) if d["status"] == "delivered"])
    [failed] = wait_for(lambda: [d for d in deliveries(admin, wrong_name["id"]) if d["recent_attempts"]], timeout=20)
    assert failed["last_error"] == "TLS", failed
    assert hooks_to(sink, f"/ok/wrong-name-{code}") == []


def test_the_delivery_log_shows_a_category_never_the_error_text(world):
    vern, _sink = world
    code = agency()
    admin, pko = vern.client(("admin",), code), vern.client(("pko",), code)
    down = subscribe(admin, f"https://127.0.0.1:{CLOSED_PORT}/vern")

    serious_incident(pko, "Mottaker nede")

    [delivery] = wait_for(lambda: [d for d in deliveries(admin, down["id"]) if len(d["recent_attempts"]) >= 2],
                          timeout=30)
    assert delivery["last_error"] == "refused" and delivery["last_status_code"] is None
    assert {attempt["error"] for attempt in delivery["recent_attempts"]} == {"refused"}
    listing = admin.get(f"/webhooks/subscriptions/{down['id']}/deliveries").text
    # the raw text would read "[Errno 111] Connection refused" (a bare "111" can be part of an id or a time)
    for words in ("Errno", "Connection", "HTTPSConnectionPool", "urllib3", "[SSL", "Max retries"):
        assert words not in listing, words
