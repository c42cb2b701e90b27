"""The menu's open-task count: handed to a page's View before its worker runs, asked of the notifications
service once per page and only when the menu is drawn; none without an inbox or when the service fails."""
from types import SimpleNamespace

from services.gateway.web import rendering
from services.gateway.web.inbox_count import InboxCount
from services.gateway.web.page_route import View
from shared.auth import Principal
from shared.errors import ServiceUnavailable


class Notifications:
    def __init__(self, total=12, fail=False):
        self.total, self.fail, self.asked = total, fail, []

    def list_tasks(self, query):
        self.asked.append(query)
        if self.fail:
            raise ServiceUnavailable("notifications is down")
        return {"items": [], "total": self.total, "page": 1, "page_size": 1}


def page_view(roles, notifications):
    view = View(lang="nb", principal=Principal(sub="x", roles=frozenset(roles), agency="demo"), csrf_token="c",
                path="/risks")
    InboxCount().worker_setup(SimpleNamespace(kwargs={"view": view}, service=SimpleNamespace(notifications=notifications)))
    return view


def test_the_count_is_asked_once_and_only_when_drawn():
    notifications = Notifications()
    view = page_view({"leader"}, notifications)
    assert notifications.asked == []
    assert view.open_task_count() == 12 and view.open_task_count() == 12
    assert notifications.asked == [{"status": "open", "page_size": 1}]


def test_the_menu_says_innboks_with_the_count_and_no_count_without_an_inbox_or_a_service():
    leader = page_view({"leader"}, Notifications())
    html = rendering.render("error.html", {"lang": "nb", "principal": leader.principal, "view": leader,
                                           "csrf_token": "c", "message": "x"}, 200).get_data(as_text=True)
    assert ">Innboks (12)</a>" in html
    employee = page_view({"employee"}, Notifications())
    assert employee.open_task_count() is None
    failing = page_view({"leader"}, Notifications(fail=True))
    assert failing.open_task_count() is None
    html = rendering.render("error.html", {"lang": "en", "principal": failing.principal, "view": failing,
                                           "csrf_token": "c", "message": "x"}, 200).get_data(as_text=True)
    assert ">Inbox</a>" in html


def test_an_api_worker_without_a_view_is_left_alone():
    InboxCount().worker_setup(SimpleNamespace(kwargs={"request": object()}, service=None))
