"""Evidence attachments of governing documents, on the reporting service's real unit of work."""
import pytest

from services.reporting import attachments, documents
from services.reporting.governance_schemas import CreateGoverningDocumentSchema
from shared.attachments import transport
from shared.attachments.provider import Attachments
from shared.attachments.schemas import UploadAttachmentSchema
from shared.attachments.store import LocalStore
from shared.auth import Principal
from shared.errors import NotFound
from shared.validation import load
from tests.unit.shared.test_attachments import DOCX

ISK = Principal(sub="ida", roles=frozenset({"isk"}), agency="demo")
OTHER = Principal(sub="per", roles=frozenset({"isk"}), agency="byr")


def test_a_governing_document_keeps_its_signed_version(use_case_database, tmp_path):
    reporting = use_case_database("reporting")
    files = Attachments(LocalStore(tmp_path / "reporting"), max_bytes=100_000)
    document = reporting.run(documents.create_document, ISK,
                             load(CreateGoverningDocumentSchema(), CreateGoverningDocumentSchema.example))
    record = {"record_id": str(document.id)}
    stored = reporting.run(attachments.USE_CASES.upload, ISK, files, record, load(UploadAttachmentSchema(), {
        "file": transport.encode(DOCX), "file_name": "rutine.docx"}))
    assert (stored.record_type, stored.media_type) == (
        "governing_document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    answer = reporting.run(attachments.USE_CASES.content, ISK, files, record, stored.id)
    assert transport.decode(answer["content"], 100_000) == DOCX
    for caller, wrong in ((OTHER, record), (ISK, {"record_id": "not-a-number"}), (ISK, {"record_id": "99999"})):
        with pytest.raises(NotFound):
            reporting.run(attachments.USE_CASES.listing, caller, files, wrong)
