"""The inbox's list: its filters and order kept in the address, the tasks grouped by what they ask,
and each task's time left (or overdue) in words.

The values offered come from the notifications service's TaskListQuerySchema (lists.choices), so the page
offers only what the service accepts. Without a status the inbox shows the open tasks.
"""
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from services.gateway.web import clocks
from services.gateway.web.i18n import N_, text
from services.gateway.web.lists import ListSpec, choices, kept_filters
from services.notifications.schemas import TaskListQuerySchema

# the page's query field -> the list RPC's parameter
INBOX_LIST = ListSpec(fields={"action": "action", "subject": "subject_type", "status": "status",
                              "overdue": "overdue", "sort": "sort"})
FILTER_CHOICES = {name: choices(TaskListQuerySchema, name) for name in ("action", "subject_type", "status", "sort")}
DEFAULT_STATUS = "open"
# what is asked, in the order the inbox shows it: the decisions first, then what to confirm, then the work
ASKS = (("decide", ("decide",)), ("acknowledge", ("acknowledge",)),
        ("do", ("notify_authority", "triage", "follow_up", "carry_out")))
GROUP_TITLES = {"decide": N_("inbox.group_decide"), "acknowledge": N_("inbox.group_acknowledge"),
                "do": N_("inbox.group_do")}
_HOURS_AS_DAYS = 48  # from two days on, a due time reads in days: "12 dager igjen", not "288 t igjen"


def rpc_filters(filters: dict) -> dict:
    """The page's filters with the inbox's own default (the open tasks); "overdue" is a tick box,
    so only "true" asks the service for overdue tasks."""
    chosen = {name: value for name, value in filters.items() if name != "overdue" or value == "true"}
    return {"status": DEFAULT_STATUS, **chosen}


def ask_of(task: dict) -> str:
    """decide, acknowledge or do; a task made before the service named actions is to be acknowledged."""
    action = task.get("action") or "acknowledge"
    return next((ask for ask, actions in ASKS if action in actions), "do")


def grouped(tasks: list) -> list:
    """[(ask, title key, tasks)] in the order of ASKS, each keeping the list's order; empty groups left out."""
    groups = [(ask, GROUP_TITLES[ask], [task for task in tasks if ask_of(task) == ask]) for ask, _ in ASKS]
    return [group for group in groups if group[2]]


def time_left(now: datetime, due_at: str | None, lang: str) -> dict | None:
    """The time to the task's due time, or past it, in words; with the urgency class (never colour alone)."""
    if not due_at:
        return None
    deadline = datetime.fromisoformat(due_at)
    hours, overdue = clocks.hours_between(now, deadline)
    if overdue:
        words = text("inbox.overdue_days", lang, days=hours // 24) if hours >= _HOURS_AS_DAYS \
            else text("inbox.overdue_hours", lang, hours=hours)
    elif hours >= _HOURS_AS_DAYS:
        words = text("inbox.left_days", lang, days=hours // 24)
    elif hours >= 1:
        words = text("inbox.left_hours", lang, hours=hours)
    else:
        words = text("inbox.left_minutes", lang, minutes=int((deadline - now).total_seconds() // 60))
    return {"text": words, "urgency": clocks.urgency(now, deadline)}


def shown_range(listing: dict) -> tuple[int, int]:
    """The first and last number of the tasks on this page (0, 0 for none): "26–50 av 274"."""
    if not listing["items"]:
        return 0, 0
    first = (listing["page"] - 1) * listing["page_size"] + 1
    return first, first + len(listing["items"]) - 1


def back_filters(form: dict) -> dict:
    """The filters and page a form was posted from (its hidden `back` field), only the inbox's own."""
    return kept_filters(dict(parse_qsl(form.get("back", ""))), INBOX_LIST)


def back_to_inbox(form: dict, **notice) -> str:
    """Where a task's form returns: the inbox with its notice, on the page and filters it was posted from."""
    return "/inbox?" + urlencode({**notice, **back_filters(form)})
