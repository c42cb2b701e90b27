"""The list's search finds an incident by the reference on the employee's receipt (the start of its id, as
receipt.html shows it: eight characters in capitals), and an employee's list holds only their own reports."""
import pytest

from services.incidents import overview
from services.incidents.schemas import IncidentListQuerySchema
from tests.unit.incidents.test_use_cases import EMPLOYEE, PKO, report


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


def found(incidents, caller, **query) -> list[str]:
    filters = IncidentListQuerySchema().load(query)
    page, page_size = filters.pop("page", 1), filters.pop("page_size", 25)
    with incidents.unit_of_work(caller) as uow:
        return [i.id for i in overview.list_incidents(uow, caller, page, page_size, **filters)["items"]]


def test_the_receipts_reference_finds_the_report_and_only_it(incidents):
    mine = report(incidents, caller=EMPLOYEE)
    other = report(incidents)
    reference = mine.id[:8].upper()
    assert found(incidents, PKO, q=reference) == [mine.id]
    assert found(incidents, PKO, q=f" {reference.lower()} ") == [mine.id]
    assert found(incidents, PKO, q=mine.id) == [mine.id]
    assert found(incidents, PKO, q=other.id[:8]) == [other.id]
    assert sorted(found(incidents, PKO, q="phishing")) == sorted([mine.id, other.id])  # words still search text


def test_only_a_word_like_an_id_is_read_as_a_reference():
    assert overview.is_reference("93495295") and overview.is_reference("9b2e4c71-3f5a")
    assert not overview.is_reference("9349529") and not overview.is_reference("phishing")
    assert not overview.is_reference("-9349529")


def test_an_employees_list_holds_their_own_reports_only(incidents):
    mine = report(incidents, caller=EMPLOYEE)
    report(incidents)
    assert found(incidents, EMPLOYEE) == [mine.id]


def test_a_page_of_the_list_is_its_summaries_without_loading_any_collection(incidents):
    """The list loads the incidents' own columns only (raiseload: a summary needing a collection would fail)."""
    from services.incidents.schemas import IncidentPageSchema

    mine = report(incidents)
    with incidents.unit_of_work(PKO) as uow:
        page = IncidentPageSchema().dump(overview.list_incidents(uow, PKO, 1, 25))
    summary = next(item for item in page["items"] if item["id"] == mine.id)
    assert summary["title"] == mine.title and summary["authority_overdue"] is False and page["total"] >= 1
