"""Bad input gets a 400 naming each field, and stores nothing."""
from datetime import datetime, timedelta, timezone

import pytest

from tests.integration.test_escalation import report

NOW = datetime.now(timezone.utc)
VALID = {"title": "Mistet PC", "description": "PC glemt på trikken.", "kind": "security_incident",
         "category": "lost_or_stolen_device", "occurred_at": (NOW - timedelta(days=1)).isoformat(),
         "aware_at": (NOW - timedelta(hours=20)).isoformat()}


def stored(vern):
    # audit checkpoints reach the outbox on their own clock, whatever the request did
    return (vern.sql("incidents", "SELECT count(*) FROM incidents")[0][0],
            vern.sql("incidents", "SELECT count(*) FROM outbox_events "
                                  "WHERE routing_key <> 'audit_checkpointed'")[0][0])


@pytest.mark.parametrize("body, fields", [
    ({}, {"title", "description", "kind", "category", "occurred_at", "aware_at"}),
    ({**VALID, "kind": "catastrophe"}, {"kind"}),
    ({**VALID, "category": "aliens"}, {"category"}),
    ({**VALID, "aware_at": (NOW + timedelta(hours=3)).isoformat()}, {"aware_at"}),
    ({**VALID, "aware_at": (NOW - timedelta(days=3)).isoformat()}, {"aware_at"}),  # before it occurred
    ({**VALID, "occurred_at": "yesterday"}, {"occurred_at"}),
    ({**VALID, "severity": "high"}, {"severity"}),  # unknown fields are refused, not ignored
])
def test_bad_report_names_each_field_and_stores_nothing(vern, coordinator, body, fields):
    before = stored(vern)
    response = coordinator.post("/incidents", json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == fields
    assert stored(vern) == before


def test_malformed_json_is_400(vern, coordinator):
    before = stored(vern)
    response = coordinator.post("/incidents", data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "_body" in response.json()["error"]["fields"]
    assert stored(vern) == before


def test_bad_assessment_names_fields_and_changes_nothing(vern, coordinator):
    incident = report(coordinator)
    before = stored(vern)
    response = coordinator.post(f"/incidents/{incident['id']}/assessment",
                                json={"severity": "apocalyptic", "personal_data_involved": "maybe"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"severity", "personal_data_involved"}
    assert stored(vern) == before
    assert coordinator.get(f"/incidents/{incident['id']}").json()["assessments"] == []


def test_bad_paging_is_400(vern, coordinator):
    response = coordinator.get("/incidents", params={"page": 0, "page_size": 1000})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"page", "page_size"}


def test_listing_is_paginated(vern, coordinator):
    for _ in range(3):
        report(coordinator)
    first = coordinator.get("/incidents", params={"page": 1, "page_size": 2}).json()
    second = coordinator.get("/incidents", params={"page": 2, "page_size": 2}).json()
    assert len(first["items"]) == 2 and first["total"] >= 3
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


def test_a_page_beyond_any_register_is_400_not_a_database_overflow(vern, coordinator):
    # found by schemathesis: page=2**64-1 made the offset overflow SQLite's and PostgreSQL's integers (500)
    response = coordinator.get("/processing-activities", params={"page": 18446744073709551615})
    assert response.status_code == 400 and set(response.json()["error"]["fields"]) == {"page"}


def test_an_id_beyond_the_stored_range_is_a_json_404(vern):
    # found by schemathesis: an <int:...> path argument went to the database however large it was
    auditor = vern.client(roles=("pko",))
    response = auditor.get(f"/governing-documents/{2**63}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_referenced_id_beyond_the_stored_range_is_400(vern, coordinator):
    # found by schemathesis: document_ids of 2**70 reached the database (500)
    response = coordinator.post("/requirements", json={"code": "egen-1", "title_nb": "Eget krav",
                                                       "text_nb": "Et krav virksomheten har satt selv.",
                                                       "document_ids": [2**70]})
    assert response.status_code == 400 and "document_ids" in response.json()["error"]["fields"]


def test_a_nul_character_is_400_on_every_backend(vern, coordinator):
    # PostgreSQL cannot store NUL in text; it is refused before it gets there
    before = stored(vern)
    response = coordinator.post("/incidents", json={**VALID, "title": "Mistet\x00PC"})
    assert response.status_code == 400 and set(response.json()["error"]["fields"]) == {"title"}
    upload = coordinator.post("/training/completions/import", data=b"participant_id;course_id\x00\n",
                              headers={"Content-Type": "text/csv"})
    assert upload.status_code == 400 and "_body" in upload.json()["error"]["fields"]
    assert stored(vern) == before
