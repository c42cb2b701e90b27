"""The inbox's query of the task list: a filter on what a task asks (`action`) and the two orders, on the
reporting service's real unit of work (tests/unit/uow.py); the page's total counts every match."""
import pytest
from marshmallow import ValidationError

from services.notifications import handlers
from services.notifications.schemas import TaskListQuerySchema
from tests.unit.notifications.test_use_cases import PKO, deliver, escalated_breach


@pytest.fixture
def incidents(use_case_database):
    return use_case_database("incidents")


@pytest.fixture
def reporting(use_case_database):
    return use_case_database("notifications")


def listed(reporting, **query) -> dict:
    with reporting.unit_of_work(PKO) as uow:
        page = handlers.list_tasks(uow, PKO, **TaskListQuerySchema().load(query))
        return {**page, "items": [(task.id, task.action, task.created_at) for task in page["items"]]}


def test_the_action_filter_keeps_only_the_tasks_asking_that_and_counts_them(incidents, reporting):
    for _ in range(2):
        deliver(reporting, escalated_breach(incidents))
    everything = listed(reporting, status="open", page_size=100)
    notify = listed(reporting, status="open", action="notify_authority", page_size=1)
    assert notify["total"] == 2 and len(notify["items"]) == 1
    assert {action for _, action, _ in notify["items"]} == {"notify_authority"}
    assert listed(reporting, status="open", action="acknowledge")["total"] == \
        sum(1 for _, action, _ in everything["items"] if action == "acknowledge")
    assert listed(reporting, action="decide")["total"] == 0


def test_newest_first_orders_by_creation_and_pages_never_repeat_a_task(incidents, reporting):
    for _ in range(3):
        deliver(reporting, escalated_breach(incidents))
    newest = listed(reporting, sort="newest", page_size=100)["items"]
    assert [created for _, _, created in newest] == sorted((c for _, _, c in newest), reverse=True)
    for order in ("due", "newest"):
        pages = [listed(reporting, sort=order, page=n, page_size=4)["items"] for n in (1, 2, 3, 4)]
        ids = [task_id for page in pages for task_id, _, _ in page]
        assert len(ids) == len(set(ids)) == len(newest)


def test_the_query_refuses_an_unknown_action_or_order():
    assert TaskListQuerySchema().load({})["sort"] == "due"
    with pytest.raises(ValidationError) as refused:
        TaskListQuerySchema().load({"action": "do", "sort": "oldest"})
    assert set(refused.value.messages) == {"action", "sort"}
