"""The governing documents' word search: a number finds the document by its number; any other word,
whatever its characters, is looked for in the title and owner, never a server error."""
import pytest

from services.reporting import documents
from services.reporting.governance_schemas import CreateGoverningDocumentSchema
from shared.auth import Principal
from shared.validation import load

ISK = Principal(sub="ida", roles=frozenset({"isk"}), agency="demo")


def found(reporting, q: str) -> list[int]:
    return [d.id for d in reporting.run(documents.list_documents, ISK, q=q, page=1, page_size=25)["items"]]


def test_a_document_is_found_by_its_number_and_by_its_words(use_case_database):
    reporting = use_case_database("reporting")
    document = reporting.run(documents.create_document, ISK,
                             load(CreateGoverningDocumentSchema(), CreateGoverningDocumentSchema.example))
    assert found(reporting, f"#{document.id}") == [document.id] and document.id in found(reporting, str(document.id))
    assert document.id in found(reporting, document.title.split()[0])


@pytest.mark.parametrize("q", ["³", "³ ëÁ\U000f0e9b", "#99999999999999999999", "١٢"])
def test_digits_that_are_not_a_document_number_are_words(use_case_database, q):
    assert found(use_case_database("reporting"), q) == []
