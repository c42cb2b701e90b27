"""The incident journal: one append-only line per change, note and decision."""
from datetime import date, datetime

from services.incidents.models import Incident, JournalEntry
from shared.clock import utcnow


def record(incident: Incident, by: str, entry_type: str, text: str | None = None, **details) -> JournalEntry:
    """Append a line to the journal of a loaded incident."""
    line = entry(by, entry_type, text, **details)
    incident.journal.append(line)
    return line


def entry(by: str, entry_type: str, text: str | None = None, at: datetime | None = None,
          incident_id: str | None = None, **details) -> JournalEntry:
    """A journal line; give `incident_id` when the incident itself is not loaded."""
    return JournalEntry(incident_id=incident_id, entry_type=entry_type, text=text, details=_json_safe(details),
                        at=at or utcnow(), by=by)


def _json_safe(value):
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
