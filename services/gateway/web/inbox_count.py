"""The open-task count beside "Innboks" in the menu of every page, for whoever has an inbox.

A nameko dependency rather than a call in each page: before a page's worker runs, it hands the page's
View a lazy count, asked of the notifications service (with the caller's token) only when the menu is drawn,
and once per page. A notifications service that does not answer leaves the menu without a count.
"""
from nameko.extensions import DependencyProvider

from services.gateway.web.page_route import View
from shared.errors import VernError


class InboxCount(DependencyProvider):
    def get_dependency(self, worker_ctx):
        return None

    def worker_setup(self, worker_ctx):
        view = worker_ctx.kwargs.get("view")
        if isinstance(view, View) and view.may("task.read"):
            view.open_task_count = _once(lambda: worker_ctx.service.notifications.list_tasks(
                {"status": "open", "page_size": 1})["total"])


def _once(count):
    answer = []

    def counted():
        if not answer:
            try:
                answer.append(count())
            except VernError:
                answer.append(None)
        return answer[0]

    return counted
