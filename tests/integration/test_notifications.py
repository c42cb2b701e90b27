"""Notifications that arrive: real e-mail over SMTP with STARTTLS, signed webhooks over verified TLS,
acknowledgement links, retries, permanent failures, reminders, the overdue escalation, and several
notifications instances, over the real RabbitMQ on SQLite and PostgreSQL.

Time is moved with shared.clock.shifted, never slept away.
"""
import json
import os
import re
import signal
import uuid
from contextlib import ExitStack
from datetime import datetime, timedelta, timezone

import pytest

from shared import signing
from shared.clock import shifted
from tests.integration.breach_inputs import MEDIUM_MISDIRECTED
from tests.integration.harness import Client, Vern, wait_for
from tests.integration.receivers import MailSink, WebhookSink, self_signed_certificate
from tests.integration.subscriber import Subscriber

ACK_LINK = re.compile(r"https?://[^\s\"<>]+/api/v1/ack/[A-Za-z0-9_-]+")


class World:
    def __init__(self, vern, mail, hooks, secret):
        self.vern, self.mail, self.hooks, self.secret = vern, mail, hooks, secret

    def agency(self, parent_department_path: str, **contacts) -> str:
        """A fresh agency whose parent department listens on a webhook path of the sink."""
        code = f"a{uuid.uuid4().hex[:8]}"
        people = {
            "leader": {"name": "Leder", "address": f"leder@{code}.test"},
            "ombud": {"name": "Personvernombud", "address": f"pvo@{code}.test"},
            "pko": {"name": "PKO", "address": f"pko@{code}.test"},
            "isk": {"name": "ISK", "address": f"isk@{code}.test", "language": "en"},
            "parent_department": {"name": "BYR", "address": self.hooks.url(parent_department_path),
                                  "secret": self.secret},
            **contacts,
        }
        self.vern.load_directory({
            "defaults": {"contacts": {"central": {"name": "Finans", "address": "fin@central.test"}}},
            "agencies": [{"code": code, "name": f"Etat {code}", "contacts": people}]})
        return code

    def mails_to(self, address: str, title: str) -> list:
        return [m for m in self.mail.messages() if address in m.rcpt_tos and title in m.message["Subject"]]

    def hooks_to(self, path: str) -> list:
        return [r for r in self.hooks.requests() if r["path"] == path]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"notifications-{request.param}")
    certificate = self_signed_certificate(folder)
    secret = signing.new_secret()
    with MailSink(tls=certificate, user="vern", password="s3cret", reject=["nobody@bounce.test"],
                  folder=folder / "mail") as mail, WebhookSink(certificate, secret, folder=folder / "hooks") as hooks:
        vern = Vern(request.param, folder, SMTP_HOST="127.0.0.1", SMTP_PORT=mail.port, SMTP_STARTTLS=True,
                    SMTP_USER="vern", SMTP_PASSWORD="s3cret", SMTP_FROM="varsel@vern.test",
                    TLS_CA_BUNDLE=str(certificate.cert))
        try:
            vern.start()
            yield World(vern, mail, hooks, secret)
        finally:
            vern.stop()


def breach(client, title, aware_at=None):
    aware_at = aware_at or datetime.now(timezone.utc) - timedelta(hours=1)
    reported = client.post("/incidents", json={
        "title": title, "description": "Lønnsliste sendt til feil mottaker.", "kind": "personal_data_breach",
        "category": "misdirected_email_or_letter", "occurred_at": (aware_at - timedelta(hours=1)).isoformat(),
        "aware_at": aware_at.isoformat()})
    assert reported.status_code == 201, reported.text
    incident = reported.json()
    assessed = client.post(f"/incidents/{incident['id']}/assessment",
                           json={"severity": "critical", "personal_data_involved": True})
    assert assessed.status_code == 200, assessed.text
    return incident


def assess_as_notifiable(client, incident_id, facts=MEDIUM_MISDIRECTED):
    """A breach assessment (by default medium: Datatilsynet is to be notified)."""
    assessed = client.post(f"/incidents/{incident_id}/breach-assessment", json=facts)
    assert assessed.status_code in (200, 201), assessed.text
    return assessed.json()


def security_incident(client, title):
    now = datetime.now(timezone.utc)
    reported = client.post("/incidents", json={
        "title": title, "description": "Løsepengevirus på en filserver.", "kind": "security_incident",
        "category": "phishing", "occurred_at": (now - timedelta(hours=3)).isoformat(),
        "aware_at": (now - timedelta(hours=1)).isoformat()})
    assert reported.status_code == 201, reported.text
    incident = reported.json()
    assert client.post(f"/incidents/{incident['id']}/assessment",
                       json={"severity": "high", "personal_data_involved": False}).status_code == 200
    return incident


def tasks_of(client, incident_id, count=None):
    def fetch():
        items = client.get("/notification-tasks", params={"incident_id": incident_id, "page_size": 100}).json()["items"]
        return items if count is None or len(items) >= count else None
    return wait_for(fetch) or []


def by_role(tasks):
    return {task["recipient_role"]: task for task in tasks}


def unique(title):
    return f"{title} {uuid.uuid4().hex[:6]}"


def test_a_serious_breach_reaches_every_addressee_once_by_email_and_signed_webhook(world):
    agency = world.agency("/ok/byr")
    pko = world.vern.client(("pko",), agency)
    title = unique("Lønnsliste på avveie")
    incident = breach(pko, title)

    for address in (f"leder@{agency}.test", f"pvo@{agency}.test", "fin@central.test"):
        assert wait_for(lambda: world.mails_to(address, title)), address
    assert wait_for(lambda: [r for r in world.hooks_to("/ok/byr") if title in r["body"]])
    tasks = by_role(tasks_of(pko, incident["id"], 6))
    assert set(tasks) == {"leader", "ombud", "central", "parent_department", "datatilsynet", "pko"}
    assert wait_for(lambda: all(t["deliveries"] and t["deliveries"][0]["status"] == "delivered"
                                for t in by_role(tasks_of(pko, incident["id"])).values()
                                if t["channel"] != "manual"))

    leader_mail = world.mails_to(f"leder@{agency}.test", title)
    assert len(leader_mail) == 1, "one e-mail per addressee"
    message = leader_mail[0].message
    assert message["From"] == "varsel@vern.test" and "Alvorlig" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Kritisk" in text or "kritisk" in text
    assert ACK_LINK.search(text) and ACK_LINK.search(html)
    assert "Lønnsliste sendt til feil mottaker" not in text, "the free-text description stays in Vern"
    assert message["Message-ID"] == f"<{by_role(tasks_of(pko, incident['id']))['leader']['deliveries'][0]['id']}@vern>"

    hook = [r for r in world.hooks_to("/ok/byr") if title in r["body"]]
    assert len(hook) == 1 and hook[0]["verified"] is True and hook[0]["status"] == 200
    headers = {key.lower(): value for key, value in hook[0]["headers"].items()}
    assert signing.verify(world.secret, headers, hook[0]["body"].encode(), int(headers["webhook-timestamp"]))
    body = json.loads(hook[0]["body"])
    assert body["data"]["message_id"] == headers["webhook-id"] == tasks["parent_department"]["deliveries"][0]["id"]
    assert body["data"]["facts"]["severity"] == "critical" and ACK_LINK.search(body["data"]["ack_url"])
    # Datatilsynet is notified by hand through Altinn: its task is manual, due 72 hours after awareness
    assert tasks["datatilsynet"]["channel"] == "manual" and tasks["datatilsynet"]["deliveries"] == []


def test_the_leader_reads_the_facts_in_english_when_that_is_the_preference(world):
    agency = world.agency("/ok/en", leader={"name": "Head", "address": "head@english.test", "language": "en"})
    title = unique("Laptop stolen")
    security_incident(world.vern.client(("isk",), agency), title)
    mail = wait_for(lambda: world.mails_to("head@english.test", title))
    text = mail[0].message.get_body(("plain",)).get_content()
    assert "Serious incident" in mail[0].message["Subject"] and "High" in text or "high" in text


def test_an_acknowledgement_link_works_once_expires_and_acknowledges_only_its_own_task(world):
    agency = world.agency("/ok/ack")
    pko = world.vern.client(("pko",), agency)
    title = unique("Kvittering")
    incident = security_incident(pko, title)
    leader_mail = wait_for(lambda: world.mails_to(f"leder@{agency}.test", title))
    central_mail = wait_for(lambda: world.mails_to("fin@central.test", title))
    leader_link = ACK_LINK.search(leader_mail[0].message.get_body(("plain",)).get_content()).group(0)
    central_link = ACK_LINK.search(central_mail[0].message.get_body(("plain",)).get_content()).group(0)
    anonymous = Client(world.vern.base_url, None)  # the recipient follows the link without logging in
    path = leader_link.split("/api/v1", 1)[1]

    page = anonymous.get(path)  # opening the link (or a mail scanner fetching it) changes nothing
    assert page.status_code == 200 and "<form" in page.text and 'method="post"' in page.text
    assert by_role(tasks_of(pko, incident["id"]))["leader"]["acknowledged_at"] is None

    # a comment for the coordinator longer than 2000 characters is refused before any call: the link stays usable
    too_long = anonymous.post(path, json={"comment": "x" * 2001})
    assert too_long.status_code == 400 and list(too_long.json()["error"]["fields"]) == ["comment"]
    in_the_form = anonymous.post(path, data={"comment": "y" * 2001}, headers={"Accept": "text/html"})
    assert in_the_form.status_code == 400 and 'id="comment-error"' in in_the_form.text
    assert "y" * 2001 + "</textarea>" in in_the_form.text  # the text is kept
    assert by_role(tasks_of(pko, incident["id"]))["leader"]["acknowledged_at"] is None

    first = anonymous.post(path)
    assert first.status_code == 200, first.text
    tasks = by_role(tasks_of(pko, incident["id"]))
    assert tasks["leader"]["acknowledged_at"] is not None and tasks["leader"]["acknowledged_via"] == "link"
    assert tasks["leader"]["acknowledged_by"] == f"leder@{agency}.test"
    assert tasks["leader"]["status"] == "completed", "a task that asked only for the acknowledgement is done"
    assert tasks["central"]["acknowledged_at"] is None, "a link acknowledges its own task only"

    again = anonymous.post(path)
    assert again.status_code == 409 and "already been used" in again.json()["error"]["message"]
    assert anonymous.post(path[:-4] + "AAAA").status_code == 404
    in_a_browser = anonymous.post(path, headers={"Accept": "text/html"})
    assert in_a_browser.status_code == 409 and "<html" in in_a_browser.text

    with shifted(timedelta(days=15)):
        expired = anonymous.post(central_link.split("/api/v1", 1)[1])
    assert expired.status_code == 410, expired.text
    assert by_role(tasks_of(pko, incident["id"]))["central"]["acknowledged_at"] is None


def test_a_receiver_that_fails_three_times_gets_the_message_once_it_recovers(world):
    path = f"/flaky/3/{uuid.uuid4().hex[:6]}"
    agency = world.agency(path)
    isk = world.vern.client(("isk",), agency)
    incident = security_incident(isk, unique("Flaky"))

    def recorded_failures():  # the receiver logs a request before the sender has recorded its answer
        rows = world.vern.sql("notifications", "SELECT attempts FROM deliveries WHERE address = :address "
                                           "AND claimed_until IS NULL", address=world.hooks.url(path))
        return rows[0][0] if rows else 0

    with ExitStack() as later:
        for failures in (1, 2, 3):
            assert wait_for(lambda: recorded_failures() >= failures), f"attempt {failures}"
            later.enter_context(shifted(timedelta(minutes=5)))  # past the backoff (30 s, 1 min, 2 min)
        assert wait_for(lambda: len(world.hooks_to(path)) >= 4)
        delivered = wait_for(lambda: by_role(tasks_of(isk, incident["id"]))["parent_department"]["deliveries"][0]
                             if by_role(tasks_of(isk, incident["id"]))["parent_department"]["deliveries"][0]["status"]
                             == "delivered" else None)
    received = world.hooks_to(path)
    assert [r["status"] for r in received] == [500, 500, 500, 200]
    assert len({r["headers"]["webhook-id"] for r in received}) == 1, "one message, tried four times"
    assert delivered["attempts"] == 4 and delivered["delivered_at"] is not None


def test_a_gone_receiver_fails_permanently_with_the_failure_event_and_a_coordinator_task(world):
    failed = Subscriber(world.vern.config["AMQP_URI"], "notifications", "notification_delivery_failed")
    try:
        agency = world.agency("/gone/byr")
        isk = world.vern.client(("isk",), agency)
        incident = security_incident(isk, unique("Gone"))
        tasks = by_role(tasks_of(isk, incident["id"], 4))  # three recipients and the follow-up
        original = tasks["parent_department"]
        events = wait_for(lambda: failed.about(original["id"]), timeout=10)
    finally:
        failed.close()
    assert len(events) == 1
    event = events[0]["data"]
    assert event["reason"] == "HTTP 410" and event["attempts"] == 1 and event["channel"] == "webhook"
    assert len(world.hooks_to("/gone/byr")) == 1, "a permanent failure is not retried"
    follow_up = next(t for t in tasks_of(isk, incident["id"]) if t["id"] == event["follow_up_task_id"])
    assert follow_up["recipient_role"] == "isk" and follow_up["channel"] == "manual"
    assert follow_up["follows_task_id"] == original["id"] and "410" in follow_up["message"]
    stored = by_role(tasks_of(isk, incident["id"]))["parent_department"]["deliveries"][0]
    assert stored["status"] == "failed" and stored["last_error"] == "HTTP 410"


def test_an_address_the_mail_server_refuses_fails_permanently(world):
    agency = world.agency("/ok/bounce", leader={"name": "Leder", "address": "nobody@bounce.test"})
    isk = world.vern.client(("isk",), agency)
    incident = security_incident(isk, unique("Bounce"))
    leader = wait_for(lambda: by_role(tasks_of(isk, incident["id"]))["leader"]["deliveries"][0]
                      if by_role(tasks_of(isk, incident["id"], 3))["leader"]["deliveries"][0]["status"] == "failed"
                      else None)
    assert leader["last_error"].startswith("SMTP 550") and leader["attempts"] == 1


def test_reminders_at_24_48_and_66_hours_and_the_overdue_escalation_after_72(world):
    overdue = Subscriber(world.vern.config["AMQP_URI"], "notifications", "notification_task_overdue")
    agency = world.agency("/ok/remind")
    pko = world.vern.client(("pko",), agency)
    title = unique("Frist for melding")
    aware_at = datetime.now(timezone.utc) - timedelta(hours=1)
    incident = breach(pko, title, aware_at)
    assess_as_notifiable(pko, incident["id"])  # the triage is done, so only Datatilsynet's reminders run
    datatilsynet = by_role(tasks_of(pko, incident["id"], 6))["datatilsynet"]
    assert datetime.fromisoformat(datatilsynet["due_at"]) == aware_at.replace(microsecond=aware_at.microsecond)\
        + timedelta(hours=72)
    assert [r["status"] for r in datatilsynet["reminders"]] == ["scheduled"] * 3
    coordinator = f"pko@{agency}.test"

    def reminders_sent():
        return [m for m in world.mails_to(coordinator, title) if "Påminnelse" in m.message["Subject"]]

    try:
        with shifted(timedelta(hours=22)):  # 23 hours after awareness: nothing yet
            overdue.drain(1.0)
            assert reminders_sent() == []
        for count, hours in ((1, 24), (2, 48), (3, 66)):
            with shifted(timedelta(hours=hours)):  # a minute or so past each reminder time
                assert wait_for(lambda: len(reminders_sent()) >= count, timeout=30), f"reminder {count}"
        assert len(reminders_sent()) == 3
        assert overdue.about(datatilsynet["id"]) == []
        with shifted(timedelta(hours=72)):  # 73 hours after awareness: the incidents service notices it
            events = wait_for(lambda: overdue.about(datatilsynet["id"]), timeout=30)

            def delivered_follow_ups():
                # both the agency head's and the PKO's, each delivered once: one may stand before the other
                found = [t for t in tasks_of(pko, incident["id"]) if t["follows_task_id"] == datatilsynet["id"]
                         and all(d["status"] == "delivered" for d in t["deliveries"]) and len(t["deliveries"]) == 1]
                return found if len(found) >= 2 else None
            follow_ups = wait_for(delivered_follow_ups, timeout=30)
            assert overdue.about(datatilsynet["id"], 1.0) == events, "escalated once"
    finally:
        overdue.close()
    assert events[0]["data"]["escalated_to"] == ["leader", "pko"]
    assert sorted(t["recipient_role"] for t in follow_ups) == ["leader", "pko"]
    assert [r["status"] for r in by_role(tasks_of(pko, incident["id"]))["datatilsynet"]["reminders"]] == ["sent"] * 3


def test_no_reminder_once_datatilsynet_has_been_notified(world):
    agency = world.agency("/ok/notified")
    pko = world.vern.client(("pko",), agency)
    title = unique("Meldt i tide")
    incident = breach(pko, title)
    datatilsynet = by_role(tasks_of(pko, incident["id"], 6))["datatilsynet"]
    submitted = pko.post(f"/incidents/{incident['id']}/authority-notifications",
                         json={"channel": "altinn", "reference": "DT-1"})
    assert submitted.status_code == 201, submitted.text
    assert wait_for(lambda: by_role(tasks_of(pko, incident["id"]))["datatilsynet"]["status"] == "completed")
    with shifted(timedelta(hours=80)):  # past all three reminder times: each is passed over, none sent
        assert wait_for(lambda: [r["status"] for r in by_role(tasks_of(pko, incident["id"]))["datatilsynet"]
                                 ["reminders"]] == ["skipped"] * 3, timeout=30)
    task = by_role(tasks_of(pko, incident["id"]))["datatilsynet"]
    assert task["overdue_at"] is None
    assert not [d for d in task["deliveries"] if d["kind"] == "reminder"]


def test_the_inbox_puts_the_most_urgent_open_task_first_and_shows_a_leader_only_their_own(world):
    agency = world.agency("/ok/inbox")
    pko = world.vern.client(("pko",), agency)
    incident = breach(pko, unique("Innboks"))
    tasks = tasks_of(pko, incident["id"], 6)
    assert tasks[0]["recipient_role"] == "pko" and tasks[0]["action"] == "triage", \
        "the earliest due time first: the triage, due 24 hours after awareness"
    assert [t["due_at"] for t in tasks] == sorted(t["due_at"] for t in tasks)
    leader = world.vern.client(("leader",), agency)
    mine = leader.get("/notification-tasks").json()["items"]
    assert mine and {t["recipient_role"] for t in mine} == {"leader"}
    overdue_only = pko.get("/notification-tasks", params={"overdue": "true"}).json()["items"]
    assert overdue_only == []


def test_two_notifications_instances_never_send_the_same_message_twice(world):
    second = world.vern.start_process("notifications")
    try:
        agency = world.agency("/ok/pair")
        isk = world.vern.client(("isk",), agency)
        title = unique("To instanser")
        incidents = [security_incident(isk, f"{title} {n}") for n in range(8)]
        expected = 8 * 2  # leader and central by e-mail; the parent department by webhook

        def mails():
            return [m for m in world.mail.messages() if title in m.message["Subject"]]
        assert wait_for(lambda: len(mails()) >= expected, timeout=30)
        assert wait_for(lambda: len([r for r in world.hooks_to("/ok/pair") if title in r["body"]]) >= 8)
        wait_for(lambda: False, timeout=1.0)  # room for a duplicate to show up
    finally:
        second.terminate()
        second.wait(10)
    ids = [m.message["Message-ID"] for m in mails()]
    assert len(ids) == expected and len(set(ids)) == expected
    hook_ids = [r["headers"]["webhook-id"] for r in world.hooks_to("/ok/pair") if title in r["body"]]
    assert len(hook_ids) == 8 == len(set(hook_ids))
    attempts = world.vern.sql("notifications", "SELECT d.attempts FROM deliveries d JOIN notification_tasks t "
                                           "ON t.id = d.task_id WHERE t.agency = :agency", agency=agency)
    assert [row[0] for row in attempts] == [1] * (expected + 8), "every message claimed exactly once"
    assert len(incidents) == 8


def test_a_notifications_instance_killed_between_send_and_record_sends_again_with_the_same_id(world):
    path = f"/slow/3/{uuid.uuid4().hex[:6]}"  # the receiver holds the answer long enough to kill the sender
    world.vern.stop_service("notifications")
    doomed = world.vern.start_process("notifications")
    try:
        agency = world.agency(path)
        isk = world.vern.client(("isk",), agency)
        incident = security_incident(isk, unique("Krasj"))
        assert wait_for(lambda: world.hooks_to(path), timeout=30), "the doomed instance sent the message"
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(10)
    finally:
        if doomed.poll() is None:
            doomed.kill()
    state = world.vern.sql("notifications", "SELECT d.status, d.claimed_until FROM deliveries d JOIN notification_tasks "
                                        "t ON t.id = d.task_id WHERE t.agency = :agency AND d.channel = 'webhook'",
                           agency=agency)
    assert state[0][0] == "pending" and state[0][1] is not None, "sent, but the outcome was never recorded"

    world.vern.start_service("notifications")
    with shifted(timedelta(minutes=3)):  # the dead instance's claim (a two-minute lease) runs out
        assert wait_for(lambda: len(world.hooks_to(path)) >= 2, timeout=20)
        assert wait_for(lambda: by_role(tasks_of(isk, incident["id"]))["parent_department"]["deliveries"][0]
                        ["status"] == "delivered", timeout=10)
    first, second = world.hooks_to(path)[:2]
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"], "the receiver sees the duplicate"
    assert first["body"] == second["body"] or json.loads(first["body"])["data"]["message_id"] == \
        json.loads(second["body"])["data"]["message_id"]


def test_a_breachs_attachment_is_never_sent_in_an_email_a_webhook_or_an_event(world):
    """Evidence stays in Vern: the messages a breach causes name the facts and link back, but carry no
    attachment, neither its bytes (plain or base64) nor its name, and no event or stored message holds them."""
    from sqlalchemy import create_engine, inspect, text

    from shared.attachments import transport
    from shared.config import SERVICE_NAMES

    agency = world.agency("/ok/vedlegg")
    pko = world.vern.client(("pko",), agency)
    title = unique("Pasientliste på avveie")
    aware_at = datetime.now(timezone.utc) - timedelta(hours=1)
    incident = pko.post("/incidents", json={
        "title": title, "description": "Liste sendt til feil mottaker.", "kind": "personal_data_breach",
        "category": "misdirected_email_or_letter", "occurred_at": (aware_at - timedelta(hours=1)).isoformat(),
        "aware_at": aware_at.isoformat()}).json()
    secret_words = f"HEMMELIG-INNHOLD-{uuid.uuid4().hex}"
    content = f"fodselsnummer;navn\n01010112345;{secret_words}\n".encode()
    secret_name = f"pasientliste-{uuid.uuid4().hex[:8]}.csv"
    uploaded = pko.post(f"/incidents/{incident['id']}/attachments", files={"file": (secret_name, content, "text/csv")})
    assert uploaded.status_code == 201, uploaded.text
    assert pko.post(f"/incidents/{incident['id']}/assessment",
                    json={"severity": "critical", "personal_data_involved": True}).status_code == 200

    mails = [wait_for(lambda address=address: world.mails_to(address, title), timeout=30)
             for address in (f"leder@{agency}.test", f"pvo@{agency}.test", "fin@central.test")]
    hooks = wait_for(lambda: [r for r in world.hooks_to("/ok/vedlegg") if title in r["body"]], timeout=30)
    assert all(mails) and hooks
    forbidden = (secret_words, transport.encode(content), secret_name, "pasientliste-")
    for mail in (message for found in mails for message in found):
        assert list(mail.message.iter_attachments()) == []
        raw = mail.message.as_bytes().decode("utf-8", "replace")
        assert [word for word in forbidden if word in raw] == []
    for hook in hooks:
        assert [word for word in forbidden if word in hook["body"]] == []
    # nor any row of any service's database: the bytes are in the store only, the name in the
    # attachments table and in the audit trail of that table
    for service in SERVICE_NAMES:
        engine = create_engine(world.vern.config["DATABASES"][service])
        try:
            with engine.connect() as connection:
                for table in inspect(connection).get_table_names():
                    rows = str(connection.execute(text(f'SELECT * FROM "{table}"')).fetchall())
                    assert secret_words not in rows and transport.encode(content) not in rows, (service, table)
                    if table not in ("attachments", "audit_entries"):
                        assert secret_name not in rows, (service, table)
        finally:
            engine.dispose()
