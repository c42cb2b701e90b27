"""The audit trail over the real broker and database: a change in every service is recorded with who,
what and the request's correlation id, read by the auditor of the agency only; `vern audit verify`
names an entry altered behind Vern's back."""
import uuid

import yaml
from sqlalchemy import create_engine, text

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_reports import report_incident
from tests.integration.test_risk import new_assessment
from vern_cli.main import main as vern_cli


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response


def created_in_every_service(coordinator) -> dict:
    """One new record per service, with the correlation id of the request that made it."""
    made = {
        "incidents": ("incidents", coordinator.post("/incidents", json={
            "title": "Feilsendt e-post", "description": "Sendt til feil mottaker.", "kind": "personal_data_breach",
            "category": "misdirected_email_or_letter", "occurred_at": "2026-11-20T08:00:00+00:00",
            "aware_at": "2026-11-20T09:00:00+00:00"})),
        "risk": ("assessments", coordinator.post("/risk-assessments", json={
            "scope": "system", "title": "ROS for arkivet", "assessed": "Arkivsystemet", "asset_ids": ["sys-1"],
            "participants": ["isk"], "owner": "systemeier", "assessment_date": oslo_today().isoformat(),
            "next_review_date": oslo_today().replace(year=oslo_today().year + 1).isoformat()})),
        "privacy_register": ("processing_activities", coordinator.post("/processing-activities", json={
            "name": "Postjournal", "status": "draft"})),
        "training": ("courses", coordinator.post("/training/courses", json={
            "code": f"AU-{uuid.uuid4().hex[:6]}", "title": "Informasjonssikkerhet", "topic": "security"})),
        "reporting": ("advice_entries", coordinator.post("/advice", json={
            "title": "Nytt arkivsystem", "question": "Trengs DPIA?", "requested_by": "Arkivet",
            "kind": "procurement", "area": "privacy", "requested_on": "2026-11-02"})),
    }
    return {service: (table, ok(response, 201).json()["id"], response.headers["X-Correlation-Id"])
            for service, (table, response) in made.items()}


def test_a_change_in_each_service_is_in_its_trail_with_who_what_and_correlation_id(vern):
    code = f"audit-{uuid.uuid4().hex[:8]}"
    sub = f"kari-{code}"
    coordinator = vern.client(("pko", "isk"), code, sub=sub)
    auditor = vern.client(("auditor",), code)
    records = created_in_every_service(coordinator)

    for service, (table, record_id, correlation_id) in records.items():
        page = ok(auditor.get(f"/audit/{service}", params={"actor": sub})).json()
        inserted = [entry for entry in page["items"] if (entry["entity"], entry["entity_id"]) == (table, str(record_id))]
        assert len(inserted) == 1, (service, page)
        entry = inserted[0]
        assert (entry["operation"], entry["agency"], entry["actor_roles"]) == ("insert", code, "isk,pko")
        assert entry["correlation_id"] == correlation_id and len(entry["hash"]) == 64

    incident_id = records["incidents"][1]
    ok(coordinator.patch(f"/incidents/{incident_id}", json={"title": "Feilsendt brev"}))
    updates = ok(auditor.get("/audit/incidents", params={"entity": "incidents", "entity_id": str(incident_id),
                                                         "actor": sub})).json()["items"]
    assert any(entry["operation"] == "update" and entry["changes"].get("title") == {
        "before": "Feilsendt e-post", "after": "Feilsendt brev"} for entry in updates), updates

    # the agency's auditor reads; another agency's auditor and the coordinators do not
    stranger = vern.client(("auditor",), f"other-{code}")
    assert ok(stranger.get("/audit/incidents", params={"actor": sub})).json()["total"] == 0
    assert coordinator.get("/audit/incidents").status_code == 403
    assert auditor.get("/audit/nothing").status_code == 404
    refused = auditor.get("/audit/incidents", params={"since": "yesterday"})
    assert refused.status_code == 400 and "since" in refused.json()["error"]["fields"]


def test_an_entry_altered_in_the_database_makes_vern_audit_verify_fail_and_name_it(vern, tmp_path, capsys):
    code = f"audit-{uuid.uuid4().hex[:8]}"
    report_incident(vern.client(("pko",), code), 1)
    config_file = tmp_path / "config.yaml"
    config_file.write_text(yaml.safe_dump(vern.config))

    assert vern_cli(["--config", str(config_file), "audit", "verify"]) == 0
    printed = capsys.readouterr().out
    for service in ("incidents", "risk", "privacy_register", "training", "reporting"):
        assert f"{service}: intact" in printed

    engine = create_engine(vern.config["DATABASES"]["incidents"])
    try:
        with engine.begin() as connection:
            seq, actor = connection.execute(text("SELECT seq, actor FROM audit_entries WHERE agency = :code "
                                                 "ORDER BY seq LIMIT 1"), {"code": code}).one()
            connection.execute(text("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = :seq"), {"seq": seq})
        try:
            assert vern_cli(["--config", str(config_file), "audit", "verify", "--service", "incidents"]) == 1
            printed = capsys.readouterr().out
            assert "incidents: 1 problem(s)" in printed
            assert f"entry {seq}: altered: insert of incidents" in printed and "by someone-else" in printed
        finally:  # the suite's other tests share this database: put the entry back as it was
            with engine.begin() as connection:
                connection.execute(text("UPDATE audit_entries SET actor = :actor WHERE seq = :seq"),
                                   {"actor": actor, "seq": seq})
    finally:
        engine.dispose()
    assert wait_for(lambda: vern_cli(["--config", str(config_file), "audit", "verify"]) == 0)
