"""The inbox's list: filters and order read from the address and kept in the paging links, the service's
query with the open tasks by default, the groups by what is asked, and the time left in words."""
from datetime import datetime, timedelta, timezone

from services.gateway.web import inbox_list, lists
from services.notifications.schemas import TaskListQuerySchema
from tests.unit.gateway.test_inbox_tasks import Inbox, task, view

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def test_the_address_gives_the_services_query_and_unknown_fields_are_dropped():
    filters = lists.kept_filters({"action": "decide", "subject": "risk", "overdue": "true", "sort": "newest",
                                  "page": "2", "done": "1", "q": " "}, inbox_list.INBOX_LIST)
    assert filters == {"action": "decide", "subject": "risk", "overdue": "true", "sort": "newest", "page": "2"}
    query = inbox_list.rpc_filters(lists.rpc_query(filters, inbox_list.INBOX_LIST))
    assert query == {"status": "open", "action": "decide", "subject_type": "risk", "overdue": "true",
                     "sort": "newest", "page": "2", "page_size": 25}
    assert TaskListQuerySchema().load(query)["overdue"] is True  # what the service accepts
    assert inbox_list.rpc_filters({"status": "completed", "overdue": "false"}) == {"status": "completed"}


def test_the_filters_offer_what_the_service_accepts():
    assert inbox_list.FILTER_CHOICES["action"] == ("acknowledge", "notify_authority", "decide", "triage",
                                                   "follow_up", "carry_out")
    assert inbox_list.FILTER_CHOICES["sort"] == ("due", "newest")
    asked = {action for _, actions in inbox_list.ASKS for action in actions}
    assert asked == set(inbox_list.FILTER_CHOICES["action"])  # every action lands in a group


def test_tasks_are_grouped_by_what_is_asked_in_the_lists_order():
    tasks = [task("1", "notify_authority", "datatilsynet"), task("2", "acknowledge", "leader"),
             task("3", "decide", "leader"), task("4", None, "ombud"), task("5", "carry_out", "system_owner")]
    groups = [(ask, [t["id"] for t in items]) for ask, _, items in inbox_list.grouped(tasks)]
    assert groups == [("decide", ["3"]), ("acknowledge", ["2", "4"]), ("do", ["1", "5"])]
    assert inbox_list.grouped([task("2", "acknowledge", "leader")])[0][:2] == ("acknowledge", "inbox.group_acknowledge")


def test_the_time_left_reads_in_days_hours_or_minutes_and_overdue_in_words():
    def words(delta, lang="nb"):
        return inbox_list.time_left(NOW, (NOW + delta).isoformat(), lang)

    assert words(timedelta(days=12, hours=3)) == {"text": "12 dager igjen", "urgency": "running"}
    assert words(timedelta(hours=30), "en") == {"text": "30 h left", "urgency": "running"}
    assert words(timedelta(minutes=20))["text"] == "20 min igjen"
    assert words(-timedelta(minutes=1)) == {"text": "Over fristen med 1 t", "urgency": "overdue"}
    assert words(-timedelta(days=3), "en")["text"] == "Overdue by 3 days"
    assert inbox_list.time_left(NOW, None, "nb") is None


def test_the_count_names_the_tasks_shown_and_all_there_are():
    assert inbox_list.shown_range({"items": [1] * 25, "page": 2, "page_size": 25}) == (26, 50)
    assert inbox_list.shown_range({"items": [1, 2], "page": 3, "page_size": 25}) == (51, 52)
    assert inbox_list.shown_range({"items": [], "page": 1, "page_size": 25}) == (0, 0)


class ManyTasks:
    """A notifications service with 60 open tasks that answers the query it was asked."""

    def __init__(self):
        self.queries = []

    def list_tasks(self, query):
        self.queries.append(query)
        if query["status"] != "open":
            return {"items": [], "total": 0, "page": 1, "page_size": query["page_size"]}
        page, size = int(query["page"]), query["page_size"]
        items = [task(str(n), "acknowledge", "leader") for n in range((page - 1) * size, min(page * size, 60))]
        return {"items": items, "total": 60, "page": page, "page_size": size}

    def list_reports(self, query):
        return {"items": []}

    def complete_task(self, task_id, payload):
        return {}


def test_the_page_shows_the_count_and_its_paging_links_keep_the_filters():
    reporting = ManyTasks()
    html = Inbox(reporting).web_inbox(None, view({"leader"}, "en", query={
        "action": "acknowledge", "sort": "newest", "page": "2"})).get_data(as_text=True)
    assert "Showing 26–50 of 60 tasks" in html
    assert 'href="/inbox?action=acknowledge&amp;sort=newest&amp;page=3"' in html
    assert 'href="/inbox?action=acknowledge&amp;sort=newest&amp;page=1"' in html
    assert reporting.queries[0] == {"status": "open", "action": "acknowledge", "sort": "newest", "page": "2",
                                    "page_size": 25}
    assert '<option value="newest" selected>' in html and "To acknowledge" in html


def test_a_task_done_on_a_filtered_page_returns_to_that_page():
    form = {"back": "action=acknowledge&sort=newest&page=3&next=//evil.example"}
    assert inbox_list.back_to_inbox(form, done="1") == "/inbox?done=1&action=acknowledge&sort=newest&page=3"
    assert inbox_list.back_to_inbox({}, decided="risk") == "/inbox?decided=risk"
    reporting = ManyTasks()
    page = Inbox(reporting).web_inbox(None, view({"leader"}, query={"action": "acknowledge", "page": "2"}))
    assert '<input type="hidden" name="back" value="action=acknowledge&amp;page=2">' in page.get_data(as_text=True)
    response = Inbox(reporting).web_complete_task(None, view({"leader"}, form={
        "action": "acknowledge", "back": "action=acknowledge&page=2"}), "30")
    assert response.status_code == 303 and response.location.endswith("/inbox?done=1&action=acknowledge&page=2")
