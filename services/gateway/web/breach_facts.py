"""The breach page's facts for the notification to Datatilsynet (art. 33(3)): the form that fills in
what the draft still lacks, and the draft's missing items named in the page's language.

The form posts through the same RPC as PATCH /incidents/{id} (incidents.update_incident) and sends
only what changed, so an untouched field is never journalled and a field the service does not know
yet is never sent empty. Clearing a field sends null (or an empty list).
"""
from datetime import datetime

from services.gateway.web import i18n
from services.gateway.web.forms import local_input_value, parse_local_time, whole_number
from services.incidents import domain

PREFIX = "facts"
TEXT_MAX = 5_000
SUBJECT_CATEGORIES = domain.DATA_SUBJECT_CATEGORIES
DATA_CATEGORIES = domain.PERSONAL_DATA_CATEGORIES
TIME_FIELDS = ("detected_at",)
NUMBER_FIELDS = ("approx_data_subjects", "approx_records")
LIST_FIELDS = {"data_subject_categories": SUBJECT_CATEGORIES, "personal_data_categories": DATA_CATEGORIES}
TEXT_FIELDS = ("likely_consequences", "data_whereabouts", "actions_taken")
# in the form's order: the service's field names; the form's are facts-<name>
NAMES = ("detected_at", "approx_data_subjects", "approx_records", "data_subject_categories",
         "personal_data_categories", "likely_consequences", "data_whereabouts", "actions_taken")
FIELDS = tuple(f"{PREFIX}-{name}" for name in NAMES)

# a missing item of the draft (section.field) → the form field that fills it in, or the page part that does
_FILLED_BY = {
    "description.detected_at": "#facts-detected_at",
    "description.data_subjects": "#facts-approx_data_subjects",
    "description.records": "#facts-approx_records",
    "description.relation": "#facts-data_subject_categories",
    "description.personal_data": "#facts-personal_data_categories",
    "description.whereabouts": "#facts-data_whereabouts",
    "consequences.likely_consequences": "#facts-likely_consequences",
    "consequences.assessment": "#breach",
    "information.informed": "#communication",
}


def form_values(incident: dict) -> dict:
    """The form filled in with what the incident already says (times in Oslo time, as typed)."""
    values = {}
    detected = incident.get("detected_at")
    values[f"{PREFIX}-detected_at"] = local_input_value(_moment(detected)) if detected else ""
    for name in NUMBER_FIELDS:
        number = incident.get(name)
        values[f"{PREFIX}-{name}"] = "" if number is None else str(number)
    for name in LIST_FIELDS:
        for chosen in incident.get(name) or ():
            values[f"{PREFIX}-{name}-{chosen}"] = "on"
    for name in TEXT_FIELDS:
        values[f"{PREFIX}-{name}"] = incident.get(name) or ""
    return values


def facts_payload(form: dict, incident: dict) -> tuple[dict, dict]:
    """(payload for PATCH /incidents/{id} with the fields that changed, errors by the form's fields)."""
    errors: dict[str, list[str]] = {}
    given: dict = {}
    for name in TIME_FIELDS:
        raw = form.get(f"{PREFIX}-{name}", "").strip()
        parsed = parse_local_time(raw) if raw else None
        if raw and parsed is None:
            errors[f"{PREFIX}-{name}"] = [i18n.N_("err.datetime_invalid")]
        given[name] = parsed.isoformat().replace("+00:00", "Z") if parsed else None
    for name in NUMBER_FIELDS:
        given[name] = whole_number(form, f"{PREFIX}-{name}", errors)
    for name, choices in LIST_FIELDS.items():
        given[name] = [choice for choice in choices if form.get(f"{PREFIX}-{name}-{choice}") == "on"]
    for name in TEXT_FIELDS:
        text = form.get(f"{PREFIX}-{name}", "").strip()
        if len(text) > TEXT_MAX:
            errors[f"{PREFIX}-{name}"] = [i18n.N_("err.text_too_long")]
        given[name] = text or None
    payload = {name: value for name, value in given.items() if _changed(name, value, incident)}
    if not errors and not payload:
        errors["_form"] = [i18n.N_("err.facts_unchanged")]
    return payload, errors


def _changed(name: str, value, incident: dict) -> bool:
    if name not in incident:  # a field the service does not return (yet): sent only when filled in
        return value not in (None, [])
    before = incident[name]
    if name in TIME_FIELDS:
        return (_moment(before) if before else None) != (_moment(value) if value else None)
    if name in LIST_FIELDS:
        return set(before or ()) != set(value)
    if name in TEXT_FIELDS:
        return (before or None) != value
    return before != value


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def missing_items(draft: dict, lang: str, incident_id: str) -> list[dict]:
    """The draft's missing items, each with a label in the page's language and where to fill it in.

    `missing` holds each item's key (section.field), as a text or as {key, label_nb, label_en}. The
    service's own labels (the item's label_<lang>, or missing_labels_<lang>) come first; else this
    table's (draft_field.<section>.<field>); else the draft's label of the field in the other language,
    marked as such. A raw key (description.detected_at) is never shown."""
    missing = draft.get("missing") or []
    given = draft.get(f"missing_labels_{lang}")
    given = given if isinstance(given, list) and len(given) == len(missing) else [None] * len(missing)
    by_field = {f"{s.get('key')}.{f.get('key')}": f for s in draft.get("sections") or [] for f in s.get("fields") or []}
    items = []
    for item, label in zip(missing, given):
        known = item if isinstance(item, dict) else {"key": str(item)}
        key = known.get("key", "")
        own = known.get(f"label_{lang}") or label
        label, label_lang = (own, None) if own else _label(key, lang, {**by_field.get(key, {}), **known})
        items.append({"key": key, "label": label, "lang": label_lang, "href": _where(key, incident_id)})
    return items


def _label(key: str, lang: str, labels: dict) -> tuple[str, str | None]:
    own = f"draft_field.{key}"
    if own in i18n.KEYS:
        return i18n.text(own, lang), None
    for other in ("nb", "en"):
        if labels.get(f"label_{other}"):
            return labels[f"label_{other}"], (None if other == lang else other)
    field = key.rsplit(".", 1)[-1].replace("_", " ")
    return field[:1].upper() + field[1:], (None if lang == "en" else "en")


def _where(key: str, incident_id: str) -> str | None:
    if key.endswith("actions_taken") or key == "measures.taken":  # what was done right away counts as taken
        return "#facts-actions_taken"
    if key.startswith("measures."):
        return f"/incidents/{incident_id}#measures"
    return _FILLED_BY.get(key)
