"""The notifications service and reporting deployed without each other (issue 26): incidents with
notifications alone still turn a serious incident into tasks and e-mails; incidents with reporting alone
still build a report, and the tasks' routes answer that notifications is not deployed."""
import uuid

import pytest

from tests.integration.harness import Vern, wait_for
from tests.integration.receivers import MailSink
from tests.integration.test_escalation import assess, report
from tests.integration.test_reports import PERIOD, ok


@pytest.fixture(scope="module")
def incidents_and_notifications(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incidents-notifications")
    with MailSink(folder=folder / "mail") as mail:
        system = Vern("sqlite", folder, SERVICES=["incidents", "notifications"], SMTP_HOST="127.0.0.1",
                      SMTP_PORT=mail.port, SMTP_STARTTLS=False, SMTP_FROM="varsel@vern.test")
        try:
            system.start()
            yield system, mail
        finally:
            system.stop()


@pytest.fixture(scope="module")
def incidents_and_reporting_only(tmp_path_factory):
    system = Vern("sqlite", tmp_path_factory.mktemp("incidents-reporting"), SERVICES=["incidents", "reporting"])
    try:
        yield system.start()
    finally:
        system.stop()


def test_without_reporting_a_serious_incident_still_becomes_tasks_and_emails(incidents_and_notifications):
    vern, mail = incidents_and_notifications
    code = f"a{uuid.uuid4().hex[:8]}"
    vern.load_directory({"agencies": [{"code": code, "name": f"Etat {code}", "contacts": {
        "leader": {"name": "Leder", "address": f"leder@{code}.test"},
        "isk": {"name": "ISK", "address": f"isk@{code}.test"}}}]})
    isk = vern.client(("isk",), code)
    title = f"Løsepengevirus på filserveren {code}"
    incident = report(isk, title=title, category="malware_ransomware")
    assess(isk, incident["id"], "high")

    def tasks():
        found = ok(isk.get("/notification-tasks", params={"incident_id": incident["id"]}))["items"]
        return found if any(task["recipient_role"] == "leader" for task in found) else None
    assert wait_for(tasks, timeout=30), "the escalation became tasks"
    mails = wait_for(lambda: [m for m in mail.messages() if f"leder@{code}.test" in m.rcpt_tos
                              and title in m.message["Subject"]], timeout=30)
    assert len(mails) == 1, "the agency head is told once, by e-mail"


def test_without_notifications_reporting_still_builds_a_report(incidents_and_reporting_only):
    vern = incidents_and_reporting_only
    pko = vern.client(("pko",), "demo")
    drafted = pko.post("/reports", json={"kind": "management_review", **PERIOD})
    assert drafted.status_code == 201, drafted.text
    content = ok(pko.get(f"/reports/{drafted.json()['id']}"))["content"]
    assert content["sources"]["incidents"] is True and content["sources"]["risk"] is False
    absent = pko.get("/notification-tasks")
    assert absent.status_code == 503 and absent.json()["error"]["code"] == "service_not_deployed"
