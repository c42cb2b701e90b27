"""The 72-hour clock as words: "41 t igjen" / "41 h left", "over fristen med 3 t" / "overdue by 3 h"."""
from datetime import datetime

_HOUR = 3600


def hours_between(now: datetime, deadline: datetime) -> tuple[int, bool]:
    """Whole hours to the deadline (rounded down, so a clock never promises time it does not have)
    and whether it has passed; overdue time is rounded up, so one minute late reads as 1 h."""
    seconds = (deadline - now).total_seconds()
    if seconds >= 0:
        return int(seconds // _HOUR), False
    return int(-(seconds // _HOUR)), True


def clock_text(now: datetime, deadline: datetime, lang: str) -> str:
    hours, overdue = hours_between(now, deadline)
    if overdue:
        return f"over fristen med {hours} t" if lang == "nb" else f"overdue by {hours} h"
    if hours == 0:
        minutes = int((deadline - now).total_seconds() // 60)
        return f"{minutes} min igjen" if lang == "nb" else f"{minutes} min left"
    return f"{hours} t igjen" if lang == "nb" else f"{hours} h left"


def urgency(now: datetime, deadline: datetime) -> str:
    """A class for the clock's look; the text above always says the same in words (not colour alone)."""
    hours, overdue = hours_between(now, deadline)
    if overdue:
        return "overdue"
    return "urgent" if hours < 24 else "running"
