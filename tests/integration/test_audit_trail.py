"""The audit trail over the real broker and database: a change in every service is recorded with who,
what and the request's correlation id, read by the auditor of the agency only; `vern audit verify`
names an entry altered behind Vern's back, entries cut from the front with the pruned marker moved,
and newest entries deleted with the head rewound (against the checkpoints reporting keeps); a prune
is refused without a retention, and one under a retention is a signed entry of the chain."""
import json
import uuid
from contextlib import contextmanager
from datetime import timedelta

import yaml
from sqlalchemy import create_engine, delete, insert, select, text, update

from shared.audit import AuditChain, AuditEntry
from shared.clock import shifted
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
        "notifications": ("routing_rules", coordinator.post("/routing-rules", json={
            "event_type": "incidents.incident_escalated", "conditions": {"severity": "critical"},
            "recipient_role": "leader", "channel": "email", "due_field": "aware_at", "due_hours": 24})),
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
    for service in ("incidents", "risk", "privacy_register", "training", "reporting", "notifications"):
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
            assert "incidents: NOT intact, 1 problem(s)" in printed
            assert f"entry {seq}: altered: insert of incidents" in printed and "by someone-else" in printed
        finally:  # the suite's other tests share this database: put the entry back as it was
            with engine.begin() as connection:
                connection.execute(text("UPDATE audit_entries SET actor = :actor WHERE seq = :seq"),
                                   {"actor": actor, "seq": seq})
    finally:
        engine.dispose()
    assert wait_for(lambda: vern_cli(["--config", str(config_file), "audit", "verify"]) == 0)


def write_config(vern, tmp_path, **extra) -> str:
    config_file = tmp_path / f"config-{uuid.uuid4().hex[:6]}.yaml"
    config_file.write_text(yaml.safe_dump({**vern.config, **extra}))
    return str(config_file)


def head(vern, service: str):
    [row] = vern.sql(service, "SELECT last_seq, last_hash, pruned_through_seq, pruned_through_hash "
                              "FROM audit_chain")
    return row


def kept_checkpoint(vern, service: str) -> int:
    [(seq,)] = vern.sql("reporting", "SELECT max(seq) FROM audit_checkpoints WHERE service = :name",
                        name=service)
    return seq or 0


@contextmanager
def attacker(vern, service: str):
    """A connection with write access to the service's database, as an attacker would have."""
    engine = create_engine(vern.config["DATABASES"][service])
    try:
        yield engine
    finally:
        engine.dispose()


def put_back(engine, rows: list, after: int, **head) -> None:
    """The suite's other tests share this database: the deleted entries back (and whatever Vern
    chained after `after` onto a forged head gone), the head as it was."""
    with engine.begin() as connection:
        connection.execute(delete(AuditEntry.__table__).where(AuditEntry.seq > after,
                                                              AuditEntry.seq <= max(row["seq"] for row in rows)))
        connection.execute(insert(AuditEntry.__table__), rows)
        connection.execute(update(AuditChain.__table__).values(**head))


def taken(connection, *condition) -> list:
    rows = [dict(row) for row in connection.execute(select(AuditEntry.__table__).where(*condition)).mappings()]
    connection.execute(delete(AuditEntry.__table__).where(*condition))
    return rows


def verify(config_file, *services) -> int:
    return vern_cli(["--config", config_file, "audit", "verify", *[f"--service={name}" for name in services]])


def test_entries_deleted_from_the_front_with_the_pruned_marker_set_are_found(vern, tmp_path, capsys):
    """The attack of issue #23: delete entries 1..150 and set pruned_through_* as a database writer would."""
    coordinator = vern.client(("pko",), f"audit-{uuid.uuid4().hex[:8]}")
    n = 0
    while head(vern, "incidents")[0] < 160:
        report_incident(coordinator, n)
        n += 1
    config_file = write_config(vern, tmp_path)
    assert wait_for(lambda: kept_checkpoint(vern, "incidents") >= 160, timeout=30)
    assert verify(config_file, "incidents") == 0
    assert "incidents: intact" in capsys.readouterr().out

    _, _, pruned_seq, pruned_hash = head(vern, "incidents")
    with attacker(vern, "incidents") as engine:
        with engine.begin() as connection:
            deleted = taken(connection, AuditEntry.seq <= 150)
            connection.execute(update(AuditChain.__table__).values(pruned_through_seq=150,
                                                                   pruned_through_hash=deleted[-1]["hash"]))
        try:
            assert verify(config_file, "incidents") == 1
            printed = capsys.readouterr().out
            assert "incidents: NOT intact" in printed, printed
            assert ("entry 150: truncated: entries 1..150 are gone and marked as pruned, but no signed prune entry"
                    in printed), printed
        finally:
            put_back(engine, deleted, 0, pruned_through_seq=pruned_seq, pruned_through_hash=pruned_hash)
    assert wait_for(lambda: verify(config_file, "incidents") == 0)


def test_the_newest_entries_deleted_with_the_head_rewound_are_found_against_reportings_checkpoint(
        vern, tmp_path, capsys):
    coordinator = vern.client(("pko",), f"audit-{uuid.uuid4().hex[:8]}")
    for n in range(3):
        report_incident(coordinator, n)
    newest = head(vern, "incidents")[0]
    assert wait_for(lambda: kept_checkpoint(vern, "incidents") >= newest, timeout=30)
    config_file = write_config(vern, tmp_path)

    keep = newest - 5
    with attacker(vern, "incidents") as engine:
        with engine.begin() as connection:
            last_seq, last_hash = connection.execute(select(AuditChain.last_seq, AuditChain.last_hash)).one()
            kept_hash = connection.execute(select(AuditEntry.hash).where(AuditEntry.seq == keep)).scalar_one()
            deleted = taken(connection, AuditEntry.seq > keep, AuditEntry.seq <= last_seq)
            connection.execute(update(AuditChain.__table__).values(last_seq=keep, last_hash=kept_hash))
        try:
            assert verify(config_file, "incidents") == 1
            printed = capsys.readouterr().out
            assert "incidents: NOT intact" in printed
            assert f"behind_checkpoint: the chain ends at entry {keep} but the checkpoint signed at" in printed, printed
        finally:
            put_back(engine, deleted, keep, last_seq=last_seq, last_hash=last_hash)
    assert wait_for(lambda: verify(config_file, "incidents") == 0)


def test_a_prune_is_refused_without_a_retention_and_under_one_is_a_signed_entry_that_verifies(
        vern, tmp_path, capsys):
    admin = vern.client(("pko", "isk"), f"audit-{uuid.uuid4().hex[:8]}")

    def course():
        ok(admin.post("/training/courses", json={"code": f"PR-{uuid.uuid4().hex[:6]}", "title": "Personvern",
                                                  "topic": "privacy"}), 201)

    with shifted(-timedelta(days=800)):  # Vern records these two years ago
        course()
        course()
    course()
    before = head(vern, "training")
    refused = write_config(vern, tmp_path)
    assert vern_cli(["--config", refused, "audit", "prune", "--service", "training"]) == 2
    assert "refused, AUDIT_RETENTION_DAYS is not set" in capsys.readouterr().err
    assert head(vern, "training") == before

    retained = write_config(vern, tmp_path, AUDIT_RETENTION_DAYS=365)
    assert vern_cli(["--config", retained, "audit", "prune", "--service", "training"]) == 0
    assert "training: pruned" in capsys.readouterr().out
    last_seq, _, pruned_seq, pruned_hash = head(vern, "training")
    assert pruned_seq > before[2] and last_seq > before[0]
    [(seq, prev_hash, changes)] = vern.sql(
        "training", "SELECT seq, prev_hash, changes FROM audit_entries WHERE operation = 'prune' AND seq > :seq",
        seq=before[0])
    changes = json.loads(changes) if isinstance(changes, str) else changes
    assert (changes["through_seq"], changes["through_hash"], changes["retention_days"]) == (pruned_seq, pruned_hash,
                                                                                            365)
    [(previous,)] = vern.sql("training", "SELECT hash FROM audit_entries WHERE seq = :seq", seq=seq - 1)
    assert pruned_seq < seq - 1 and prev_hash == previous  # the recent course is kept; chained onto it
    assert wait_for(lambda: kept_checkpoint(vern, "training") >= last_seq, timeout=30)
    assert verify(retained, "training") == 0
    printed = capsys.readouterr().out
    assert "training: intact" in printed and "checkpoint of entry" in printed, printed


def test_the_api_says_whether_each_chain_holds_against_reportings_checkpoints(vern):
    code = f"audit-{uuid.uuid4().hex[:8]}"
    coordinator = vern.client(("pko", "isk"), code)
    created_in_every_service(coordinator)
    auditor = vern.client(("auditor",), code)
    for service in ("incidents", "risk", "privacy_register", "training", "reporting"):
        verified = ok(auditor.get(f"/audit/{service}/verification")).json()
        assert verified["intact"] is True and verified["problems"] == [], verified
        assert verified["service"] == service and verified["entries"] >= 1
    ok(coordinator.get("/audit/incidents/verification"), 403)  # the auditor's and the admin's only
    ok(auditor.get("/audit/nonsense/verification"), 404)
