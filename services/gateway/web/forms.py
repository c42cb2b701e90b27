"""What every page's form needs: times and dates as people type them, list fields, and the services'
errors mapped back onto the form's fields.

Checks in the *_forms modules only catch what a person forgot (a required field, a date typed
wrongly), in their language; the services validate again and their messages are shown beside the
field they name.
"""
import re
from datetime import datetime, timezone

from services.gateway.web.i18n import N_
from services.gateway.web.rendering import OSLO

_DIGITS = re.compile(r"[0-9]{1,10}")
_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y kl. %H:%M", "%d.%m.%Y")


def parse_local_time(value: str) -> datetime | None:
    """A time as a browser's datetime-local field or a person types it, in Oslo time, as UTC."""
    value = (value or "").strip()
    for pattern in _FORMATS:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=OSLO).astimezone(timezone.utc)
        except ValueError:
            continue
    return None


def local_input_value(moment: datetime) -> str:
    """The value a datetime-local field shows for a moment (Oslo time, to the minute)."""
    return moment.astimezone(OSLO).strftime("%Y-%m-%dT%H:%M")


def parse_date(value: str) -> str | None:
    """A date as a browser's date field (2026-12-31) or a person (31.12.2026) writes it, as ISO."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None


def lines(value: str) -> list[str]:
    """A list field (one item a line, or separated by semicolons), without empty items."""
    return [item.strip() for part in (value or "").splitlines() for item in part.split(";") if item.strip()]


def prefixed_values(form: dict, prefix: str, names: tuple[str, ...]) -> dict:
    """One form's fields on a page of several (<prefix>-<name>), stripped, by their own names."""
    return {name: form.get(f"{prefix}-{name}", "").strip() for name in names}


def digits(value: str | None) -> int | None:
    """A whole number written with the digits 0-9 (at most ten of them), else None. str.isdigit() also
    says yes to "²" and "١", which int() then refuses or reads as another number, and int() refuses
    more than 4300 digits: either was a 500."""
    return int(value) if value and _DIGITS.fullmatch(value) else None


def whole_number(form: dict, name: str, errors: dict, required: bool = False) -> int | None:
    """A count as people type it (1 200, with a space or a no-break space); empty: None (or an error)."""
    raw = form.get(name, "").strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        if required:
            errors[name] = [N_("err.number_required")]
        return None
    number = digits(raw)
    if number is None:
        errors[name] = [N_("err.number_invalid")]
    return number


def optional_date(form: dict, name: str, errors: dict) -> str | None:
    """A date field that may stay empty (None); typed wrongly, it is an error."""
    raw = form.get(name, "").strip()
    if not raw:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        errors[name] = [N_("err.date_invalid")]
    return parsed


def one_of(form: dict, name: str, allowed: tuple[str, ...]) -> tuple[dict, dict]:
    """(the payload of a one-select form, such as a row's status, errors): only what the select offers."""
    value = form.get(name, "")
    return {name: value}, ({} if value in allowed else {"_form": [N_("err.status_required")]})


def optional_fields(form: dict, names: tuple[str, ...]) -> dict:
    """The fields filled in, stripped; an empty field is left out (the API's default applies)."""
    return {name: form.get(name, "").strip() for name in names if form.get(name, "").strip()}


def service_errors(details, known_fields: tuple[str, ...]) -> dict:
    """A service's BadInput details ({field: [messages]}) as form errors; others go to the summary."""
    errors: dict[str, list[str]] = {}
    if not isinstance(details, dict):
        return {"_form": [str(details)]} if details else {}
    for name, messages in details.items():
        messages = messages if isinstance(messages, list) else [str(messages)]
        flat = [m if isinstance(m, str) else str(m) for m in messages]
        errors.setdefault(name if name in known_fields else "_form", []).extend(flat)
    return errors


def flat_messages(messages) -> list[str]:
    if isinstance(messages, dict):
        return [m for inner in messages.values() for m in flat_messages(inner)]
    return messages if isinstance(messages, list) else [str(messages)]


def date_field(form: dict, name: str, field: str, payload: dict, errors: dict,
               missing: str = N_("err.date_required")) -> None:
    """A required date: parsed into payload[field], or an error on the form's field `name`."""
    raw = form.get(name, "").strip()
    if not raw:
        errors[name] = [missing]
    elif parse_date(raw) is None:
        errors[name] = [N_("err.date_invalid")]
    else:
        payload[field] = parse_date(raw)


def prefixed_errors(details, prefix: str, known_fields: tuple[str, ...]) -> dict:
    """A service's errors on a prefixed form (course_id's error is about the theme, the form's only choice)."""
    if isinstance(details, dict):
        details = {f"{prefix}-{'theme' if name == 'course_id' else name}": flat_messages(messages)
                   for name, messages in details.items()}
    return service_errors(details, tuple(f"{prefix}-{name}" for name in known_fields))


def suffixed(errors: dict, suffix: str) -> dict:
    """One form of many on a page: its fields' ids (and so the summary's links) end with -<suffix>."""
    return {name if name.startswith("_") else f"{name}-{suffix}": messages for name, messages in errors.items()}


def conflict_errors(error) -> dict:
    """A refusal (a transition not allowed, work outstanding) as the form's summary: the reason and each detail."""
    details = error.details if isinstance(error.details, dict) else {}
    return {"_form": [error.message, *(m for ms in details.values() for m in (ms if isinstance(ms, list) else [ms]))]}
