"""The incident journal: one append-only line per change, note and decision."""
from datetime import date, datetime

from services.incidents.models import Incident, JournalEntry
from shared.clock import utcnow


def record(incident: Incident, by: str, entry_type: str, text: str | None = None, **details) -> JournalEntry:
    entry = JournalEntry(entry_type=entry_type, text=text, details=_json_safe(details), at=utcnow(), by=by)
    incident.journal.append(entry)
    return entry


def _json_safe(value):
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
