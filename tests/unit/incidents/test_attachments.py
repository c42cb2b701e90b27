"""Evidence attachments of incidents and their measures, on the incidents service's real unit of work:
stored under a generated key with the bytes checked, read with the incident's own checks, removed only
as a recorded (and audited) action."""
import hashlib

import pytest
from sqlalchemy import select

from services.incidents import attachments, casework
from services.incidents.models import Attachment
from services.incidents.schemas import AddMeasureSchema, CloseIncidentSchema
from shared.attachments import transport
from shared.attachments.provider import Attachments
from shared.attachments.schemas import UploadAttachmentSchema
from shared.attachments.store import LocalStore
from shared.errors import BadInput, Conflict, CrossAgencyWrite, Gone, NotFound
from shared.validation import load
from tests.unit.incidents.test_use_cases import CENTRAL, CLOSING, EMPLOYEE, OTHER_PKO, PKO, report, resolved
from tests.unit.shared.test_attachments import EXE, PDF

USE_CASES = attachments.USE_CASES


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


@pytest.fixture
def files(tmp_path):
    return Attachments(LocalStore(tmp_path / "attachments" / "incidents"), max_bytes=1000)


def upload(incidents, files, record, data=PDF, name="logg.pdf", caller=PKO):
    command = load(UploadAttachmentSchema(), {"file": transport.encode(data), "file_name": name,
                                              "description": "Utdrag av loggen"})
    return incidents.run(USE_CASES.upload, caller, files, record, command)


def test_an_upload_is_kept_under_a_generated_key_and_downloads_as_the_same_bytes(incidents, files, tmp_path):
    incident = report(incidents)
    stored = upload(incidents, files, {"record_id": incident.id}, name="../../etc/Møte\x1b.pdf")
    assert (stored.file_name, stored.media_type, stored.size_bytes, stored.uploaded_by) == (
        "Møte.pdf", "application/pdf", len(PDF), "kari")
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    [on_disk] = [path for path in (tmp_path / "attachments" / "incidents").rglob("*") if path.is_file()]
    assert on_disk.name == stored.storage_key and on_disk.read_bytes() == PDF
    answer = incidents.run(USE_CASES.content, PKO, files, {"record_id": incident.id},
                           stored.id)
    assert transport.decode(answer["content"], 1000) == PDF
    listing = incidents.run(USE_CASES.listing, PKO, files, {"record_id": incident.id})
    assert [a.id for a in listing["attachments"]] == [stored.id] and listing["max_bytes"] == 1000


def test_an_exe_renamed_pdf_and_an_oversized_file_are_refused_naming_the_field(incidents, files):
    incident = report(incidents)
    for data in (EXE, b"%PDF-" + b"x" * 1000):
        with pytest.raises(BadInput) as refused:
            upload(incidents, files, {"record_id": incident.id}, data=data, name="bevis.pdf")
        assert list(refused.value.details) == ["file"]
    assert incidents.read(select(Attachment)) == []


def test_another_agencys_incident_and_its_files_are_not_found(incidents, files):
    incident = report(incidents)
    stored = upload(incidents, files, {"record_id": incident.id})
    with pytest.raises(NotFound):
        incidents.run(USE_CASES.listing, OTHER_PKO, files, {"record_id": incident.id})
    with pytest.raises(NotFound):
        incidents.run(USE_CASES.content, OTHER_PKO, files, {"record_id": incident.id}, stored.id)
    with pytest.raises(NotFound):
        upload(incidents, files, {"record_id": incident.id}, caller=OTHER_PKO)
    with pytest.raises(CrossAgencyWrite):  # the central team reads it, but cannot add to it
        upload(incidents, files, {"record_id": incident.id}, caller=CENTRAL)
    other = report(incidents)  # an attachment id of another incident is not found under this one
    with pytest.raises(NotFound):
        incidents.run(USE_CASES.content, PKO, files, {"record_id": other.id}, stored.id)


def test_an_employee_reads_the_files_of_their_own_report_only(incidents, files):
    own, others = report(incidents, EMPLOYEE), report(incidents)
    upload(incidents, files, {"record_id": own.id})
    assert len(incidents.run(USE_CASES.listing, EMPLOYEE, files, {"record_id": own.id})["attachments"]) == 1
    with pytest.raises(NotFound):
        incidents.run(USE_CASES.listing, EMPLOYEE, files, {"record_id": others.id})


def test_a_removal_is_recorded_with_who_when_why_and_audited_and_the_file_stays_listed(incidents, files):
    incident = report(incidents)
    stored = upload(incidents, files, {"record_id": incident.id})
    removed = incidents.run(USE_CASES.remove, PKO, {"record_id": incident.id}, stored.id,
                            {"reason": "Feil fil lastet opp"})
    assert (removed.removed_by, removed.removal_reason) == ("kari", "Feil fil lastet opp") and removed.removed_at
    [listed] = incidents.run(USE_CASES.listing, PKO, files, {"record_id": incident.id})["attachments"]
    assert listed.removed_at is not None
    with pytest.raises(Gone):
        incidents.run(USE_CASES.content, PKO, files, {"record_id": incident.id}, stored.id)
    with pytest.raises(Conflict):
        incidents.run(USE_CASES.remove, PKO, {"record_id": incident.id}, stored.id, {"reason": "Igjen"})
    [audited] = [entry for entry in incidents.audit_entries("update") if entry.entity == "attachments"]
    assert (audited.actor, audited.entity_id, audited.agency) == ("kari", stored.id, "demo")
    assert audited.changes["removal_reason"]["after"] == "Feil fil lastet opp"
    assert [e.entity for e in incidents.audit_entries("delete")] == []


def test_a_measures_files_are_its_own_and_a_closed_incident_takes_none(incidents, files):
    incident = report(incidents)
    measure = incidents.run(casework.add_measure, PKO, incident.id,
                            load(AddMeasureSchema(), {"title": "Opplæring", "owner": "pko"}))
    stored = upload(incidents, files, {"record_id": incident.id, "measure_id": measure.id})
    assert (stored.record_type, stored.record_id) == ("incident_measure", str(measure.id))
    assert incidents.run(USE_CASES.listing, PKO, files, {"record_id": incident.id})["attachments"] == []
    with pytest.raises(NotFound):
        upload(incidents, files, {"record_id": incident.id, "measure_id": measure.id + 1})
    closed = resolved(incidents)
    incidents.run(casework.close_incident, PKO, closed.id, load(CloseIncidentSchema(), CLOSING))
    with pytest.raises(Conflict):
        upload(incidents, files, {"record_id": closed.id})
