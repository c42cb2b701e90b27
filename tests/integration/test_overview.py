"""The coordinators' overview: filters, search, paging and statistics, each agency on its own."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from zoneinfo import ZoneInfo

from tests.integration.test_case_work import move
from tests.integration.test_escalation import assess, report


@pytest.fixture
def agency(vern):
    """A fresh agency, so counts are this test's own."""
    code = f"ov-{uuid.uuid4().hex[:6]}"
    client = vern.client(roles=("pko",), agency=code)
    now = datetime.now(timezone.utc)
    made = {
        "phishing": report(client, title="Phishing mot økonomi", description="Falsk faktura fra leverandør."),
        "outage": report(client, title="Utfall i fagsystem", description="Fagsystemet var nede i fire timer.",
                         category="system_outage"),
        "breach": report(client, title="Feilsendt brev", description="Vedtak sendt til feil adresse.",
                         kind="personal_data_breach", category="misdirected_email_or_letter"),
        "overdue": report(client, title="Tapt minnepinne", description="Ukryptert minnepinne med elevdata.",
                          kind="personal_data_breach", category="lost_or_stolen_device",
                          occurred_at=(now - timedelta(hours=90)).isoformat(),
                          aware_at=(now - timedelta(hours=80)).isoformat()),
        "near_miss": report(client, title="Nesten-hendelse", description="Ansatt oppdaget falsk lenke i tide.",
                            kind="near_miss"),
    }
    assess(client, made["outage"]["id"], "high")
    assess(client, made["phishing"]["id"], "low")
    move(client, made["near_miss"]["id"], "rejected", "Ingen skade.")
    return client, {name: incident["id"] for name, incident in made.items()}


def ids(client, **params):
    response = client.get("/incidents", params={"page_size": 100, **params})
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


def test_filters_find_what_a_coordinator_asks_for(vern, agency):
    client, made = agency
    assert ids(client) == set(made.values())
    assert ids(client, kind="personal_data_breach") == {made["breach"], made["overdue"]}
    assert ids(client, category="system_outage") == {made["outage"]}
    assert ids(client, status="rejected") == {made["near_miss"]}
    assert ids(client, severity="high") == {made["outage"]}
    assert ids(client, serious="true") == {made["outage"]}
    assert ids(client, overdue="true") == {made["overdue"]}
    assert made["overdue"] not in ids(client, overdue="false")
    assert ids(client, q="FAKTURA leverandør") == {made["phishing"]}
    assert ids(client, q="minnepinne") == {made["overdue"]}
    assert ids(client, q="100%_") == set()
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    assert ids(client, reported_from=tomorrow) == set()
    assert ids(client, reported_to=tomorrow) == set(made.values())


def test_a_bad_filter_is_named(vern, agency):
    client, _ = agency
    response = client.get("/incidents", params={"status": "open", "severity": "huge"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"status", "severity"}


def test_statistics_count_per_month_kind_category_severity_and_the_72_hours(vern, agency):
    client, made = agency
    client.post(f"/incidents/{made['breach']}/authority-notifications", json={"reference": "AR-1"})
    client.post(f"/incidents/{made['overdue']}/authority-notifications",
                json={"reference": "AR-2", "delay_reason": "Oppdaget i en ferie."})
    response = client.get("/incidents/statistics")
    assert response.status_code == 200, response.text
    stats = response.json()
    month = datetime.now(ZoneInfo("Europe/Oslo")).strftime("%Y-%m")
    assert stats["total"] == 5 and sum(stats["per_month"].values()) == 5 and month in stats["per_month"]
    assert stats["per_kind"] == {"security_incident": 2, "personal_data_breach": 2, "near_miss": 1}
    assert stats["per_category"]["phishing"] == 2 and stats["per_category"]["system_outage"] == 1
    assert stats["per_severity"] == {"high": 1, "low": 1, "unassessed": 3}
    assert stats["per_status"] == {"reported": 4, "rejected": 1}
    assert stats["serious"] == 1
    assert (stats["breaches_notified"], stats["breaches_notified_within_72h"]) == (2, 1)
    assert stats["share_notified_within_72h"] == 0.5 and stats["overdue_now"] == 0


def test_statistics_are_for_readers_of_the_agency_only(vern, agency):
    client, _ = agency
    assert vern.client(roles=("employee",)).get("/incidents/statistics").status_code == 403
    assert vern.client(roles=("leader",), agency="nobody").get("/incidents/statistics").json()["total"] == 0


def test_configured_categories_are_offered(vern, coordinator):
    categories = coordinator.get("/incident-categories").json()["categories"]
    assert "phishing" in categories and "vendor_incident" in categories
    unknown = report_raw(coordinator, category="sabotage")
    assert unknown.status_code == 400 and "category" in unknown.json()["error"]["fields"]


def report_raw(client, **overrides):
    now = datetime.now(timezone.utc)
    body = {"title": "Test", "description": "Test.", "kind": "security_incident", "category": "phishing",
            "occurred_at": (now - timedelta(hours=2)).isoformat(), "aware_at": now.isoformat(), **overrides}
    return client.post("/incidents", json=body)
