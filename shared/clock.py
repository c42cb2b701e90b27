"""The one place that reads the time, so rules can be tested with a fixed clock."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
