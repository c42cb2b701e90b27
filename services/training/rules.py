"""Training rules as plain functions: validity, who is due or overdue, completion figures,
campaign reminders and when repeated incidents call for a campaign. No I/O."""
import calendar
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DEFAULT_GRACE_DAYS = 30  # a newcomer to a course's audience has this long to take it

# The topic a campaign on a repeated incident category belongs to; unlisted categories are "both".
CATEGORY_TOPICS = {
    "phishing": "security", "malware_ransomware": "security", "lost_or_stolen_device": "security",
    "unauthorised_access": "security", "system_outage": "security", "physical_intrusion": "security",
    "misdirected_email_or_letter": "privacy", "excessive_access_rights": "privacy",
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (29 Feb + 12 -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def passed(score: float | None, pass_mark: float | None, reported: bool | None = None) -> bool:
    """A course with a quiz is passed at its pass mark; without one, completing it is passing it.
    A platform's own verdict (`reported`) stands when there is no score to judge by."""
    if pass_mark is not None and score is not None:
        return score >= pass_mark
    if reported is not None:
        return reported
    return pass_mark is None


def valid_until(completed_on: date, validity_months: int | None) -> date | None:
    """The last day a completion counts; None when it never runs out. As a period in months ends
    under fristloven § 4: on the same date, or the month's last day when it has no such date."""
    if validity_months is None:
        return None
    return add_months(completed_on, validity_months)


@dataclass(frozen=True)
class Audience:
    """Who a course is mandatory for: empty means every unit / every role."""
    units: frozenset = frozenset()
    roles: frozenset = frozenset()

    def includes(self, unit: str, role: str) -> bool:
        return (not self.units or unit in self.units) and (not self.roles or role in self.roles)


@dataclass(frozen=True)
class Placement:
    """Where a participant worked from a date: their unit and role."""
    unit: str
    role: str
    since: date


def in_audience_since(placements: list[Placement], audience: Audience) -> date | None:
    """The day the participant joined the audience and has stayed in it, through every change of
    unit or role; None when they are not in it now. A move inside the audience keeps the first date."""
    since = None
    for placement in sorted(placements, key=lambda p: p.since):
        if audience.includes(placement.unit, placement.role):
            since = since or placement.since
        else:
            since = None
    return since


def due_on(joined: date | None, last_passed: date | None, validity_months: int | None,
           grace_days: int = DEFAULT_GRACE_DAYS, became_mandatory: date | None = None) -> date | None:
    """The last day the participant may be without a valid completion; None when nothing is due.

    The grace runs from the later of joining the audience and the course becoming mandatory: a
    course made mandatory today gives the staff already there the same time a newcomer has, instead
    of making everyone overdue on day one. Completions belong to the person, so one taken before a
    change of unit still counts.
    """
    if joined is None:
        return None
    grace_ends = grace_start(joined, became_mandatory) + timedelta(days=grace_days)
    if last_passed is None:
        return grace_ends
    expiry = valid_until(last_passed, validity_months)
    if expiry is None:
        return None
    # a validity that ran out before the grace began leaves the person the newcomer's grace
    return max(expiry, grace_ends)


def grace_start(joined: date, became_mandatory: date | None) -> date:
    """When someone's grace for a mandatory course begins: max(joined the audience, became mandatory)."""
    return max(joined, became_mandatory) if became_mandatory else joined


def standing(due: date | None, on: date, has_valid: bool) -> str:
    """`compliant` (a valid completion), `due` (still within time), `overdue`, or `not_required`."""
    if has_valid:
        return "compliant"
    if due is None:
        return "not_required"
    return "overdue" if on > due else "due"


def rate(completed: int, enrolled: int) -> float:
    return round(100.0 * completed / enrolled, 1) if enrolled else 0.0


def figures(rows: list[tuple[str, str, bool]]) -> dict:
    """Completion figures from (unit, role, completed) per enrolled participant: overall, per unit, per role."""
    def grouped(index: int, key: str) -> list[dict]:
        enrolled, completed = Counter(), Counter()
        for row in rows:
            enrolled[row[index]] += 1
            completed[row[index]] += row[2]
        return [{key: group, "enrolled": enrolled[group], "completed": completed[group],
                 "completion_rate": rate(completed[group], enrolled[group])} for group in sorted(enrolled)]

    done = sum(1 for row in rows if row[2])
    return {"enrolled": len(rows), "completed": done, "completion_rate": rate(done, len(rows)),
            "by_unit": grouped(0, "unit"), "by_role": grouped(1, "role")}


def reminders_due(starts_on: date, count: int, spacing_days: int, sent: int, on: date) -> int:
    """How many of the campaign's reminders should have gone out by `on` (reminder n is due
    n * spacing days after the start), never fewer than already sent."""
    if spacing_days <= 0:
        return sent
    elapsed = (on - starts_on).days // spacing_days
    return max(sent, min(count, elapsed))


def reminder_date(starts_on: date, spacing_days: int, number: int) -> date:
    return starts_on + timedelta(days=spacing_days * number)


def cluster(items: list[tuple[datetime, str]], window: timedelta, threshold: int) -> list[str]:
    """The ids of the earliest `threshold` or more (time, id) items that fall within one `window`
    (sliding, not calendar); empty when there are none."""
    ordered = sorted(items)
    for first in range(len(ordered)):
        inside = [item_id for at, item_id in ordered[first:] if at - ordered[first][0] <= window]
        if len(inside) >= threshold:
            return inside
    return []


def topic_of_category(category: str) -> str:
    return CATEGORY_TOPICS.get(category, "both")
