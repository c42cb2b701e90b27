"""Per-service RabbitMQ users: the services and the gateway work under them, and one service's
credentials cannot publish as another service; the gateway's cannot publish events at all."""
import os
import secrets
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
import requests
import yaml
from kombu import Connection, Producer

from shared.broker_users import user_name
from shared.config import ROOT, SERVICE_NAMES
from shared.outbox import event_exchange
from tests.faults.cluster import Cluster, SECURITY_ROLES, report_serious_incidents
from tests.integration.harness import RABBIT_API, RABBIT_AMQP, Client, free_port, wait_for


def amqp_uri(vhost: str, service: str, password: str) -> str:
    host = urllib.parse.urlsplit(RABBIT_AMQP).netloc.rsplit("@", 1)[-1]
    return f"amqp://{user_name(service)}:{password}@{host}/{vhost}"


@pytest.fixture
def cluster(tmp_path):
    passwords = {name: secrets.token_urlsafe(16) for name in (*SERVICE_NAMES, "gateway")}
    system = Cluster("sqlite", tmp_path / "vern")
    system.vern.start()
    vhost = system.vern.vhost.name
    config_file = tmp_path / "operator.yaml"
    config_file.write_text(yaml.safe_dump(system.vern.config))
    created = subprocess.run(
        [str(Path(sys.executable).with_name("vern")), "--config", str(config_file), "broker", "users", "--api", RABBIT_API],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, **{f"VERN_BROKER_PASSWORD_{name.upper()}": password for name, password in passwords.items()}})
    assert created.returncode == 0, created.stderr
    users = [user_name(name) for name in passwords]
    try:
        for name in SERVICE_NAMES:  # each service process under its own user
            system.vern.config_for[name] = {"AMQP_URI": amqp_uri(vhost, name, passwords[name])}
            system.start_service(name)
        system.wait_until_up()
        # a second gateway, as its own process under the gateway's user; the test's own stays as it was
        gateway_port = free_port()
        system.vern.config_for["gateway"] = {"AMQP_URI": amqp_uri(vhost, "gateway", passwords["gateway"]),
                                             "WEB_SERVER_ADDRESS": f"127.0.0.1:{gateway_port}"}
        system.vern.start_process("gateway")
        system.gateway_url = f"http://127.0.0.1:{gateway_port}/api/v1"
        yield system, vhost, passwords
    finally:
        system.stop()
        for user in users:
            requests.delete(f"{RABBIT_API}/users/{user}", timeout=10)


def test_services_work_under_their_own_users_and_cannot_publish_as_another(cluster):
    system, vhost, passwords = cluster
    outcome = report_serious_incidents(system.vern.client(roles=("pko", "isk")), 3)
    tasks = system.wait_for_tasks(outcome.escalated)
    assert len(outcome.escalated) == 3 and all(set(tasks[i]) == SECURITY_ROLES for i in outcome.escalated)

    def publish_as(service: str, exchange_of: str):
        with Connection(amqp_uri(vhost, service, passwords[service]),
                        transport_options={"confirm_publish": True}) as connection:
            Producer(connection.channel()).publish({"forged": True}, exchange=event_exchange(exchange_of),
                                                   routing_key="incident_escalated", serializer="json")

    publish_as("incidents", "incidents")  # its own exchange: allowed
    with pytest.raises(Exception, match="ACCESS_REFUSED|access to exchange"):
        publish_as("training", "incidents")  # training's credentials cannot announce an escalation
    with pytest.raises(Exception, match="ACCESS_REFUSED|access to exchange"):
        publish_as("gateway", "incidents")  # the gateway only calls


def test_the_gateway_under_its_own_user_answers_requests(cluster):
    """It needs only the RPC exchange and its reply queues: a call and its reply get through."""
    system, _, _ = cluster
    token = system.vern.token(roles=("pko", "isk"))

    def up():
        try:
            return requests.get(f"{system.gateway_url}/health", timeout=5).json()["status"] == "ok"
        except requests.RequestException:
            return False

    assert wait_for(up, timeout=30)
    gateway = Client(system.gateway_url, token)
    reported = gateway.post("/incidents", json={
        "title": "Phishing mot lønn", "description": "Falsk e-post.", "kind": "security_incident",
        "category": "phishing", "occurred_at": "2026-01-05T08:00:00+01:00", "aware_at": "2026-01-05T09:00:00+01:00"})
    assert reported.status_code == 201, reported.text
    assert gateway.get(f"/incidents/{reported.json()['id']}").json()["title"] == "Phishing mot lønn"
