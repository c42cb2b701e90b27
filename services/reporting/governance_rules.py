"""Rules of the annual cycle as plain functions: when a governing document is due for review,
when it is overdue, and what an attestation or an advice entry must hold. No I/O."""
import calendar
import re
from datetime import date

from shared.agency_directory import SECTORS  # noqa: F401  (whom a requirement applies to)
from shared.contracts.reporting import AREAS, DOCUMENT_KINDS

DOCUMENT_STATUSES = ("draft", "in_force", "retired")
ATTESTATION_RESULTS = ("complied", "partly", "not_complied")
ADVICE_KINDS = ("project", "procurement", "other")
ADVICE_STATUSES = ("open", "given", "closed")
DEFAULT_REVIEW_MONTHS = 12
# "2026", a half year "2026-H1" or a quarter "2026-Q3"
# Plain groups and [0-9], no (?P<name>): the pattern is also published in the OpenAPI document (ECMA regex).
PERIOD = re.compile(r"^([0-9]{4})(-(H[12]|Q[1-4]))?$")


def add_months(day: date, months: int) -> date:
    """Months counted as fristloven § 4 counts them: the same date `months` later, or the last day
    of that month when it has no such date (31 Aug + 6 -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_on(approved_on: date | None, last_reviewed_on: date | None, interval_months: int) -> date | None:
    """The next review: the interval after the last review, or after approval when never reviewed."""
    start = last_reviewed_on or approved_on
    return None if start is None else add_months(start, interval_months)


def review_overdue(status: str, due: date | None, on: date) -> bool:
    """Only a document in force is reviewed; it is overdue the day after its review date."""
    return status == "in_force" and due is not None and due < on


def comment_needed(result: str) -> bool:
    """An attestation that the routine was not (fully) complied with must say why."""
    return result != "complied"


def period_year(period: str) -> int | None:
    match = PERIOD.match(period or "")
    return int(match[1]) if match else None


def advice_problems(entry: dict) -> dict:
    """What an advice entry in its state lacks: {field: [message]}; empty when it is consistent."""
    problems = {}
    if entry.get("status") == "given":  # a request closed without advice (withdrawn) needs none
        for field in ("advice_given", "given_on"):
            if not entry.get(field):
                problems[field] = ["Required when the advice is given / Påkrevd når rådet er gitt."]
    given_on, requested_on = entry.get("given_on"), entry.get("requested_on")
    if given_on and requested_on and given_on < requested_on:
        problems["given_on"] = ["Must not be before requested_on / Kan ikke være før forespørselen."]
    return problems


# --- the requirements overview ---



def shown_for(requirement_sectors: list[str] | None, sectors: list[str] | None) -> bool:
    """Whether an agency of these sectors sees the requirement; without sectors it sees every one."""
    tags = requirement_sectors or ["all"]
    return not sectors or "all" in tags or bool(set(tags) & set(sectors))


def applies_by_default(applies_default: bool, requirement_sectors: list[str] | None,
                       sectors: list[str] | None) -> bool:
    """A sector's requirement applies to an agency that says it is of that sector; otherwise the default."""
    return applies_default or bool(sectors and set(requirement_sectors or ()) & set(sectors))


def own_first(rows: list, agency: str) -> list:
    """One row per code: an agency's own requirement hides the municipality's of the same code."""
    own = {row.code for row in rows if row.agency == agency}
    return [row for row in rows if row.agency == agency or row.code not in own]
