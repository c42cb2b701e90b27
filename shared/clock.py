"""The one place that reads the time, so rules and timers can be tested with a moved clock.

Tests move Vern's time with `shifted(timedelta(hours=73))`; production never does.
"""
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")  # the time zone people in the agencies read and write
_offset = timedelta(0)


def utcnow() -> datetime:
    return datetime.now(timezone.utc) + _offset


def today() -> date:
    """The date in Oslo: due dates and review dates are days as the agencies count them."""
    return utcnow().astimezone(OSLO).date()


@contextmanager
def shifted(by: timedelta):
    """Run the enclosed code (and every service in this process) `by` later than the wall clock."""
    global _offset
    previous, _offset = _offset, _offset + by
    try:
        yield
    finally:
        _offset = previous
