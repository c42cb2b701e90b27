"""Evidence attachments through the gateway, over the real RabbitMQ, on both databases: a multipart
upload, the list, a download of the same bytes, the refusals (another agency's file, a disallowed or
oversized file), and a removal that is recorded and audited. One journey per owning service."""
import uuid
from datetime import timedelta

import pytest

from shared.clock import today
from tests.integration.test_escalation import report
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_risk import new_assessment, new_risk

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json() if "json" in response.headers.get("Content-Type", "") else response


def agency() -> str:
    return f"att-{uuid.uuid4().hex[:8]}"


def upload(client, path, data=PDF, name="logg-utdrag.pdf", content_type="application/pdf", **form):
    return client.post(f"{path}/attachments", files={"file": (name, data, content_type)}, data=form)


def test_an_incidents_evidence_from_upload_to_recorded_removal(vern):
    code = agency()
    pko = vern.client(("pko",), code, sub="kari")
    incident = report(pko)
    path = f"/incidents/{incident['id']}"

    stored = ok(upload(pko, path, name="../../Møtereferat\x1b.pdf", description="Utdrag av e-postloggen"), 201)
    assert (stored["file_name"], stored["media_type"], stored["size_bytes"], stored["uploaded_by"]) == (
        "Møtereferat.pdf", "application/pdf", len(PDF), "kari")
    assert stored["description"] == "Utdrag av e-postloggen" and stored["removed"] is False
    listing = ok(pko.get(f"{path}/attachments"))
    assert [a["id"] for a in listing["attachments"]] == [stored["id"]] and listing["max_bytes"] == 1_000_000

    download = pko.get(f"{path}/attachments/{stored['id']}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == (
        "attachment; filename=\"Motereferat.pdf\"; filename*=UTF-8''M%C3%B8tereferat.pdf")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # the bytes are under a generated key, never under the name they came with
    [on_disk] = [p for p in (vern.folder / "attachments" / "incidents").rglob("*") if p.is_file() and
                 p.name == vern.sql("incidents", "SELECT storage_key FROM attachments WHERE id = :id",
                                    id=stored["id"])[0][0]]
    assert on_disk.read_bytes() == PDF

    removal = ok(pko.post(f"{path}/attachments/{stored['id']}/removal", json={"reason": "Feil fil lastet opp"}))
    assert (removal["removed"], removal["removed_by"], removal["removal_reason"]) == (True, "kari",
                                                                                     "Feil fil lastet opp")
    assert removal["removed_at"]
    assert pko.get(f"{path}/attachments/{stored['id']}").status_code == 410
    assert ok(pko.get(f"{path}/attachments"))["attachments"][0]["removed"] is True  # the record of it stays
    assert pko.post(f"{path}/attachments/{stored['id']}/removal", json={"reason": "Igjen"}).status_code == 409
    auditor = vern.client(("auditor",), code)
    entries = ok(auditor.get("/audit/incidents", params={"entity": "attachments", "entity_id": stored["id"]}))
    assert [(e["operation"], e["actor"]) for e in entries["items"]] == [("update", "kari"), ("insert", "kari")]
    assert entries["items"][0]["changes"]["removal_reason"]["after"] == "Feil fil lastet opp"


def test_another_agencys_file_is_not_found_and_nothing_is_written(vern):
    pko = vern.client(("pko",), agency())
    incident = report(pko)
    stored = ok(upload(pko, f"/incidents/{incident['id']}"), 201)
    stranger = vern.client(("pko",), agency())
    path = f"/incidents/{incident['id']}/attachments"
    for response in (stranger.get(path), stranger.get(f"{path}/{stored['id']}"),
                     upload(stranger, f"/incidents/{incident['id']}"),
                     stranger.post(f"{path}/{stored['id']}/removal", json={"reason": "Ikke min"})):
        assert response.status_code == 404, response.text
    other = report(pko)  # an attachment is found only under its own record
    assert pko.get(f"/incidents/{other['id']}/attachments/{stored['id']}").status_code == 404
    employee = vern.client(("employee",), pko_agency := vern.sql(
        "incidents", "SELECT agency FROM incidents WHERE id = :id", id=incident["id"])[0][0])
    assert employee.get(path).status_code == 404  # not the employee's own report
    assert upload(employee, f"/incidents/{incident['id']}").status_code == 403  # employees do not add evidence
    assert vern.sql("incidents", "SELECT count(*) FROM attachments WHERE agency = :a", a=pko_agency)[0][0] == 1


def test_a_disallowed_or_oversized_file_is_refused_naming_the_field(vern):
    pko = vern.client(("pko",), agency())
    path = f"/incidents/{report(pko)['id']}"
    renamed = upload(pko, path, data=EXE, name="faktura.pdf", content_type="application/pdf")
    assert renamed.status_code == 400 and "file" in renamed.json()["error"]["fields"], renamed.text
    oversized = upload(pko, path, data=b"%PDF-" + b"0" * 1_000_000)
    assert oversized.status_code == 400 and "file" in oversized.json()["error"]["fields"], oversized.text
    far_too_large = upload(pko, path, data=b"%PDF-" + b"0" * 1_200_000)
    assert far_too_large.status_code == 413 and "file" in far_too_large.json()["error"]["details"]
    missing = pko.post(f"{path}/attachments", data={"description": "uten fil"})
    assert missing.status_code == 400 and "file" in missing.json()["error"]["fields"]
    as_json = pko.post(f"{path}/attachments", json={"file": "JVBERi0="})
    assert as_json.status_code == 400 and "file" in as_json.json()["error"]["fields"]
    no_reason = pko.post(f"{path}/attachments/{uuid.uuid4()}/removal", json={})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["error"]["fields"]
    assert ok(pko.get(f"{path}/attachments"))["attachments"] == []


def test_an_incident_measures_evidence(vern):
    pko = vern.client(("pko",), agency())
    incident = report(pko)
    measure = ok(pko.post(f"/incidents/{incident['id']}/measures", json={"title": "Opplæring", "owner": "pko"}),
                 201)
    path = f"/incidents/{incident['id']}/measures/{measure['id']}"
    stored = ok(upload(pko, path, data=PNG, name="kursbevis.png", content_type="image/png"), 201)
    assert stored["record_type"] == "incident_measure"
    assert pko.get(f"{path}/attachments/{stored['id']}").content == PNG
    assert ok(pko.get(f"/incidents/{incident['id']}/attachments"))["attachments"] == []


def test_a_risk_and_its_measures_evidence(vern):
    code = agency()
    isk = vern.client(("isk",), code, sub="ida")
    risk = new_risk(isk, new_assessment(isk)["id"], 4, 4)
    measure = ok(isk.post(f"/risks/{risk['id']}/measures", json={
        "title": "Tilgangskontroll", "owner": "IKT", "due_date": (today() + timedelta(days=30)).isoformat()}), 201)
    on_risk = ok(upload(isk, f"/risks/{risk['id']}"), 201)
    measure_path = f"/risks/{risk['id']}/measures/{measure['id']}"
    on_measure = ok(upload(isk, measure_path, data=PNG, name="skjermbilde.png", content_type="image/png"), 201)
    leader = vern.client(("leader",), code)
    assert leader.get(f"/risks/{risk['id']}/attachments/{on_risk['id']}").content == PDF
    assert leader.get(f"{measure_path}/attachments/{on_measure['id']}").content == PNG
    assert upload(leader, f"/risks/{risk['id']}").status_code == 403  # the coordinators carry out the risk work
    stranger = vern.client(("isk",), agency())
    assert stranger.get(f"/risks/{risk['id']}/attachments/{on_risk['id']}").status_code == 404
    assert stranger.get(f"{measure_path}/attachments").status_code == 404
    ok(isk.post(f"{measure_path}/attachments/{on_measure['id']}/removal", json={"reason": "Erstattet av ny"}))
    entries = ok(vern.client(("auditor",), code).get("/audit/risk", params={"entity": "attachments"}))
    assert ("update", "ida") in [(e["operation"], e["actor"]) for e in entries["items"]]


def test_a_dpias_and_an_exercises_evidence(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    processing = ok(pko.post("/processing-activities", json=complete_record()), 201)
    dpia = ok(pko.post("/dpias", json={"processing_id": processing["id"], "title": "DPIA for elevadministrasjon"}),
              201)
    stored = ok(upload(pko, f"/dpias/{dpia['id']}"), 201)
    assert pko.get(f"/dpias/{dpia['id']}/attachments/{stored['id']}").content == PDF
    assert vern.client(("pko",), agency()).get(f"/dpias/{dpia['id']}/attachments").status_code == 404

    exercise = ok(pko.post("/training/exercises", json={
        "title": "Løsepengevirus i sak/arkiv", "type": "tabletop", "scenario": "Sak/arkiv krypteres.",
        "held_on": today().isoformat()}), 201)
    evidence = "deltaker;rolle\nIda;isk\n".encode()
    stored = ok(upload(pko, f"/training/exercises/{exercise['id']}", data=evidence, name="deltakere.csv",
                       content_type="text/csv"), 201)
    assert stored["media_type"] == "text/csv"
    assert pko.get(f"/training/exercises/{exercise['id']}/attachments/{stored['id']}").content == evidence


@pytest.mark.parametrize("path", ["/incidents/x/attachments", "/risks/x/attachments/not-a-uuid"])
def test_a_malformed_id_is_refused_or_not_found_never_a_server_error(vern, path):
    response = vern.client(("pko", "isk"), agency()).get(path)
    assert response.status_code in (400, 404), response.text


def test_a_governing_documents_evidence(vern):
    from services.reporting.governance_schemas import CreateGoverningDocumentSchema

    code = agency()
    isk = vern.client(("isk",), code)
    document = ok(isk.post("/governing-documents", json=CreateGoverningDocumentSchema.example), 201)
    path = f"/governing-documents/{document['id']}"
    stored = ok(upload(isk, path, name="signert-rutine.pdf"), 201)
    assert stored["record_type"] == "governing_document"
    assert vern.client(("leader",), code).get(f"{path}/attachments/{stored['id']}").content == PDF
    assert vern.client(("isk",), agency()).get(f"{path}/attachments").status_code == 404
    ok(isk.post(f"{path}/attachments/{stored['id']}/removal", json={"reason": "Ny versjon signert"}))
    assert ok(isk.get(f"{path}/attachments"))["attachments"][0]["removed_by"]
