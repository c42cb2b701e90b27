"""What several pages share: where each role starts, the dashboard's panels, the 72-hour clock."""
from datetime import datetime
from urllib.parse import urlsplit

from services.gateway.web import clocks, forms
from services.gateway.web.page_route import LOGIN_PATH
from shared.clock import today as oslo_today, utcnow
from shared.contracts.incidents import SEVERITIES
from shared.errors import BadInput, Conflict, VernError

SEVERITY_ORDER = (*reversed(SEVERITIES), None)  # the dashboard lists the worst first, unassessed last


def home_for(principal) -> str:
    """Where each role starts: the employee reports, the agency head reads the inbox."""
    if principal is None:
        return LOGIN_PATH
    roles = principal.roles
    if roles & {"pko", "isk", "ombud", "auditor", "admin"}:
        return "/dashboard"
    if "central" in roles:
        return "/municipality"
    if "leader" in roles:
        return "/inbox"
    return "/report"


def safe_next(target: str | None) -> str | None:
    """`next` after sign-in: only a path on this site, never an open redirect to another one.

    A browser drops tabs and line breaks anywhere in a URL and reads a backslash as a slash (WHATWG
    URL Standard), so `/<tab>/evil.example` would take it to `//evil.example`: a control character, a
    backslash or anything that parses with a scheme or a host is refused (also a line break, which
    cannot go into a Location header at all)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if any(character < " " or "\x7f" <= character <= "\x9f" or character == "\\" for character in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def now():
    return utcnow()


def today():
    """The date in Oslo, as the services count days (a year's view turns at midnight there, not in UTC)."""
    return oslo_today()


def panel(call):
    """A dashboard panel's data, or None when its service does not answer: the rest still shows."""
    try:
        return call()
    except VernError:
        return None


def clock(incident: dict, lang: str) -> dict:
    """The 72-hour clock of an incident whose notification is pending: words and urgency."""
    deadline = datetime.fromisoformat(incident["authority_deadline"])
    moment = now()
    return {"text": clocks.clock_text(moment, deadline, lang), "urgency": clocks.urgency(moment, deadline),
            "deadline": incident["authority_deadline"]}


def submit(view, parse, call, success: str, again, errors_of=None):
    """Every form post's shape: parse the form, call the service, redirect to `success`; on an error show
    the page `again(values, errors)` with the input kept, the service's messages beside their fields
    (`errors_of(details)`) and a refusal (Conflict) with its reasons in the summary."""
    payload, errors = parse(view.form)
    if not errors:
        try:
            call(payload)
            return view.redirect(success)
        except BadInput as error:
            errors = (errors_of or (lambda details: forms.service_errors(details, ())))(error.details)
        except Conflict as error:
            errors = forms.conflict_errors(error)
    return again(view.form, errors)


def submit_and_open(view, parse, create, address_of, again, errors_of=None):
    """`submit` for a form that makes a record: on success open the new record's page, `address_of(created)`."""
    created = {}
    response = submit(view, parse, lambda payload: created.update(create(payload)), "", again, errors_of)
    return view.redirect(address_of(created)) if created else response
