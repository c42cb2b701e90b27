"""The record of processing (art. 30), its DPIA screening, and the agency head's DPIA decision.
"""
import re

from services.gateway.web.forms import digits, flat_messages, lines, optional_date, service_errors, whole_number
from services.gateway.web.i18n import N_
from services.gateway.web.lists import ListSpec, choices
from services.privacy_register import domain
from services.privacy_register.schemas import ProcessingQuerySchema

ARTICLE_6 = domain.ARTICLE_6
ARTICLE_9 = domain.ARTICLE_9
SPECIAL_CATEGORIES = domain.SPECIAL_CATEGORIES
SAFEGUARDS = domain.SAFEGUARDS
OWNER_ROLES = domain.OWNER_ROLES
ROLES = domain.ROLES
PROCESSING_STATUSES = ("draft", "active")  # a new activity; retiring one is a status change on its page
# single-line and multi-line text fields of the record, sent as given (blank: None)
TEXT_FIELDS = ("controller", "controller_contact", "dpo_contact", "responsible_unit", "owner", "processor_name",
               "processor_contact")
LONG_TEXT_FIELDS = ("description", "retention", "security_measures")
LIST_FIELDS = ("joint_controllers", "data_subject_categories", "personal_data_categories", "data_sources",
               "recipients", "processors", "systems", "processing_categories")
FLAGS = ("automated_decisions", "profiling", "monitoring", "new_technology")
TRANSFER_PARTS = ("country", "recipient", "safeguard", "documentation")
CONTROLLER_PARTS = ("name", "contact", "agency_code")  # a controller the agency processes for (art. 30(2))
# the form's fields in the order they appear (the error summary's order); rows are added per count
PROCESSING_FIELDS = ("name", "description", "role", "processor_name", "processor_contact", "controllers",
                     "processing_categories", "controller", "controller_contact", "joint_controllers",
                     "dpo_contact", "responsible_unit", "owner", "owner_role", "purpose", "article6",
                     "legal_reference", "data_subject_categories", "personal_data_categories",
                     "approx_data_subjects", "data_sources", "special_categories", "article9",
                     "criminal_offence_data", "article10", "recipients", "third_country_transfers", "transfers",
                     "processors", "systems", "retention", "security_measures", "flags", "last_reviewed", "status", "note")
# the record's fields as people read them (the missing art. 30 fields, the history of changes)
FIELD_LABELS = {"name": N_("processing.name"), "description": N_("processing.description"),
                "status": N_("col.status"), "controller": N_("processing.controller"),
                "controller_contact": N_("processing.controller_contact"),
                "joint_controllers": N_("processing.joint_controllers"), "dpo_contact": N_("processing.dpo_contact"),
                "responsible_unit": N_("processing.responsible_unit"), "owner": N_("processing.owner"),
                "owner_role": N_("processing.owner_role"), "purposes": N_("processing.purpose"),
                "legal_bases": N_("processing.article6"), "data_subject_categories": N_("processing.data_subjects"),
                "personal_data_categories": N_("processing.personal_data"),
                "approx_data_subjects": N_("processing.approx_data_subjects"),
                "data_sources": N_("processing.data_sources"),
                "special_categories": N_("processing.special_categories"),
                "criminal_offence_data": N_("processing.criminal_offence_data"),
                "recipients": N_("processing.recipients"),
                "third_country_transfers": N_("processing.third_country_transfers"),
                "transfers": N_("processing.transfers"), "processors": N_("processing.processors"),
                "systems": N_("processing.systems"), "retention": N_("processing.retention"),
                "security_measures": N_("processing.security_measures"),
                "last_reviewed": N_("processing.last_reviewed"), "role": N_("processing.role"),
                "processor_name": N_("processing.processor_name"),
                "processor_contact": N_("processing.processor_contact"), "controllers": N_("processing.controllers"),
                "processing_categories": N_("processing.processing_categories"),
                **{flag: f"flag.{flag}" for flag in FLAGS}}
PROCESSING_LIST = ListSpec({name: name for name in ("q", "status", "role", "dpia_status", "complete",
                                                     "missing_agreement")})
PROCESSING_FILTER_CHOICES = {name: choices(ProcessingQuerySchema, name) for name in ("status", "role", "dpia_status")}
# the service's field (or nested list) → the form's field
_PROCESSING_ALIASES = {"purposes": "purpose", "legal_bases": "article6", "automated_decisions": "flags",
                       "profiling": "flags", "monitoring": "flags", "new_technology": "flags"}
_BASIS_ALIASES = {"purpose": "purpose", "article6": "article6", "article9": "article9", "article10": "article10",
                  "reference": "legal_reference"}


def processing_payload(form: dict, with_status: bool = True) -> tuple[dict, dict]:
    """(the whole record for POST or PATCH /processing-activities, errors): one purpose with its legal
    basis, the lists by line, the transfers by row. Every field is sent, so an edit can also clear one."""
    errors: dict[str, list[str]] = {}
    name = form.get("name", "").strip()
    purpose = form.get("purpose", "").strip()
    article6 = form.get("article6", "")
    role = form.get("role") if form.get("role") in ROLES else "controller"
    if len(name) < 3:
        errors["name"] = [N_("err.name_required")]
    # as processor, the purposes and legal basis are the controllers' (art. 28(3)(a), 30(2))
    if not purpose and role == "controller":
        errors["purpose"] = [N_("err.purpose_required")]
    if article6 not in ARTICLE_6 and (role == "controller" or purpose):
        errors["article6"] = [N_("err.article6_required")]
    payload: dict = {"name": name, "role": role, "purposes": [purpose] if purpose else []}
    if with_status:
        payload["status"] = form.get("status", "draft")
        if payload["status"] not in PROCESSING_STATUSES:
            errors["status"] = [N_("err.status_required")]
    for field in TEXT_FIELDS + LONG_TEXT_FIELDS:
        payload[field] = form.get(field, "").strip() or None
    for field in LIST_FIELDS:
        payload[field] = lines(form.get(field, ""))
    payload["owner_role"] = form.get("owner_role") if form.get("owner_role") in OWNER_ROLES else None
    payload["special_categories"] = [c for c in SPECIAL_CATEGORIES if form.get(f"special-{c}")]
    payload["criminal_offence_data"] = bool(form.get("criminal_offence_data"))
    for flag in FLAGS:
        payload[flag] = bool(form.get(flag))
    basis = {"purpose": purpose, "article6": article6}
    article9 = form.get("article9", "")
    article10 = form.get("article10", "").strip()
    reference = form.get("legal_reference", "").strip()
    basis.update({"article9": article9 if article9 in ARTICLE_9 else None, "article10": article10 or None,
                  "reference": reference or None})
    payload["legal_bases"] = [basis] if purpose and article6 else []
    if payload["special_categories"] and not basis["article9"]:
        errors["article9"] = [N_("err.article9_required")]
    if payload["criminal_offence_data"] and not article10:
        errors["article10"] = [N_("err.article10_required")]
    payload["approx_data_subjects"] = whole_number(form, "approx_data_subjects", errors)
    payload["last_reviewed"] = optional_date(form, "last_reviewed", errors)
    payload["transfers"] = _transfers(form, errors)
    payload["controllers"] = _controllers(form, errors)
    answer = form.get("third_country_transfers", "")
    # listing a transfer answers the question; "no" with a transfer listed is a contradiction to fix
    payload["third_country_transfers"] = {"yes": True, "no": False}.get(answer, True if payload["transfers"] else None)
    if answer == "no" and payload["transfers"]:
        errors["third_country_transfers"] = [N_("err.transfers_contradict")]
    return payload, errors


def row_indexes(form: dict, prefix: str) -> list[int]:
    """The row numbers a form's repeated fields (<prefix>-<n>-<part>) carry, in order."""
    pattern = re.compile(rf"^{prefix}-(\d+)-")
    return sorted({int(m.group(1)) for key in form if (m := pattern.match(key))})


def row_count(values: dict, prefix: str) -> int:
    """Rows to show: those the values have, and one empty row to add another (no script needed)."""
    indexes = row_indexes(values, prefix)
    return (max(indexes) + 2) if indexes else 1


def _transfers(form: dict, errors: dict) -> list[dict]:
    """Each transfer row filled in; a row left empty is no transfer, a row half filled is an error."""
    transfers = []
    for index in row_indexes(form, "transfer"):
        row = {part: form.get(f"transfer-{index}-{part}", "").strip() for part in TRANSFER_PARTS}
        if not any(row.values()):
            continue
        if len(row["country"]) < 2:
            errors[f"transfer-{index}-country"] = [N_("err.country_required")]
        if not row["recipient"]:
            errors[f"transfer-{index}-recipient"] = [N_("err.recipient_required")]
        if row["safeguard"] not in SAFEGUARDS:
            errors[f"transfer-{index}-safeguard"] = [N_("err.safeguard_required")]
        transfers.append({**row, "documentation": row["documentation"] or None})
    return transfers


def _controllers(form: dict, errors: dict) -> list[dict]:
    """Each controller row filled in; a contact or code without a name is an error."""
    controllers = []
    for index in row_indexes(form, "controller"):
        row = {part: form.get(f"controller-{index}-{part}", "").strip() for part in CONTROLLER_PARTS}
        if not any(row.values()):
            continue
        if not row["name"]:
            errors[f"controller-{index}-name"] = [N_("err.controller_name_required")]
        controllers.append({part: value or None for part, value in row.items()})
    return controllers


def processing_values(activity: dict) -> dict:
    """A stored activity as the form's values (the reverse of processing_payload), to edit it."""
    bases = activity.get("legal_bases") or [{}]
    basis = bases[0]
    values = {"name": activity.get("name", ""), "status": activity.get("status", "draft"),
              "purpose": (activity.get("purposes") or [""])[0], "article6": basis.get("article6") or "",
              "legal_reference": basis.get("reference") or "", "article9": basis.get("article9") or "",
              "article10": basis.get("article10") or "", "owner_role": activity.get("owner_role") or "",
              "approx_data_subjects": "" if activity.get("approx_data_subjects") is None
              else str(activity["approx_data_subjects"]),
              "last_reviewed": activity.get("last_reviewed") or "",
              "third_country_transfers": {True: "yes", False: "no"}.get(activity.get("third_country_transfers"), "")}
    values.update({field: activity.get(field) or "" for field in TEXT_FIELDS + LONG_TEXT_FIELDS})
    values.update({field: "\n".join(activity.get(field) or []) for field in LIST_FIELDS})
    values.update({f"special-{c}": "on" for c in activity.get("special_categories") or []})
    values.update({flag: "on" for flag in FLAGS + ("criminal_offence_data",) if activity.get(flag)})
    for index, transfer in enumerate(activity.get("transfers") or []):
        values.update({f"transfer-{index}-{part}": transfer.get(part) or "" for part in TRANSFER_PARTS})
    values["role"] = activity.get("role") or "controller"
    for index, controller in enumerate(activity.get("controllers") or []):
        values.update({f"controller-{index}-{part}": controller.get(part) or "" for part in CONTROLLER_PARTS})
    return values


def keep_other_bases(payload: dict, activity: dict) -> dict:
    """The form edits the first purpose and its basis; more of them (registered through the API) stay."""
    payload = dict(payload)
    payload["purposes"] = payload["purposes"][:1] + (activity.get("purposes") or [])[1:]
    payload["legal_bases"] = payload["legal_bases"][:1] + (activity.get("legal_bases") or [])[1:]
    return payload


def merge_changes_since(values: dict, payload: dict, activity: dict, changes: list[dict]) -> tuple[dict, dict]:
    """After someone else saved while the person was writing: (the form's values, errors). A field the
    others changed and the person left as they saw it takes the new value; a field both changed keeps the
    person's input, with a message beside it. `changes` is the history since the person's version."""
    seen: dict = {}
    for entry in reversed(changes):  # oldest first: the value the person saw is the first "before"
        for field, change in entry["changes"].items():
            seen.setdefault(field, change["before"])
    current = processing_values(activity)
    merged, errors = dict(values), {}
    for field, before in seen.items():
        if field not in payload:
            continue  # not on the form (the status has its own buttons)
        if _blank_as_none(payload[field]) == _blank_as_none(before):
            for key in _form_keys(field, {**current, **values}):
                if key in current:
                    merged[key] = current[key]
                else:
                    merged.pop(key, None)  # e.g. a box the others unticked
        else:
            errors[_PROCESSING_ALIASES.get(field, field)] = [N_("err.changed_by_both")]
    return merged, errors


def _blank_as_none(value):
    return None if value in ("", [], {}) else value


def _form_keys(field: str, values: dict) -> list[str]:
    if field == "purposes":
        return ["purpose"]
    if field == "legal_bases":
        return ["purpose", "article6", "legal_reference", "article9", "article10"]
    if field == "special_categories":
        return [f"special-{c}" for c in SPECIAL_CATEGORIES]
    if field == "transfers":
        return [key for key in values if key.startswith("transfer-")]
    if field == "controllers":
        return [key for key in values if key.startswith("controller-")]
    return [field]


def processing_order(transfer_rows: int, controller_rows: int = 1) -> list[str]:
    """The form's field ids in page order, for the error summary."""
    rows = [f"transfer-{i}-{part}" for i in range(transfer_rows) for part in TRANSFER_PARTS]
    controllers = [f"controller-{i}-{part}" for i in range(controller_rows) for part in CONTROLLER_PARTS]
    fields = list(PROCESSING_FIELDS)
    at = fields.index("transfers") + 1
    fields[at:at] = rows
    at = fields.index("controllers") + 1
    fields[at:at] = controllers
    return fields


def processing_errors(details) -> dict:
    """The service's errors on the form's fields: a legal basis error goes to its part, a transfer's to its row."""
    if isinstance(details, dict):
        flat: dict[str, list] = {}
        for name, messages in details.items():
            if name == "legal_bases" and isinstance(messages, dict):
                for inner in messages.values():
                    for part, found in (inner.items() if isinstance(inner, dict) else [("article6", inner)]):
                        flat.setdefault(_BASIS_ALIASES.get(part, "article6"), []).extend(flat_messages(found))
            elif name in ("transfers", "controllers") and isinstance(messages, dict):
                row, first = ("transfer", "country") if name == "transfers" else ("controller", "name")
                for index, inner in messages.items():
                    for part, found in (inner.items() if isinstance(inner, dict) else [(first, inner)]):
                        flat.setdefault(f"{row}-{index}-{part}", []).extend(flat_messages(found))
            else:
                flat.setdefault(_PROCESSING_ALIASES.get(name, name), []).extend(flat_messages(messages))
        details = flat
    known = tuple(PROCESSING_FIELDS) + tuple(name for name in (details or {})
                                             if name.startswith(("transfer-", "controller-")))
    return service_errors(details, known)


def processing_status_payload(form: dict) -> tuple[dict, dict]:
    """A status change of the activity (draft, active, retired) through the same PATCH."""
    status = form.get("status", "")
    if status not in domain.STATUSES:
        return {}, {"_form": [N_("err.status_required")]}
    return {"status": status, "note": form.get("note", "").strip() or None}, {}


def screening_payload(form: dict, criteria: tuple[str, ...], list_items=()) -> tuple[dict, dict]:
    """(payload for POST /processing-activities/{id}/screening, errors): each WP248 criterion answered
    yes or no, each with a justification; the form's fields are criterion-<key> and justification-<key>,
    and a checkbox dt-<n> for each item of Datatilsynet's list that applies."""
    errors: dict[str, list[str]] = {}
    answers, justifications = {}, {}
    for key in criteria:
        answer = form.get(f"criterion-{key}", "")
        if answer not in ("yes", "no"):
            errors[f"criterion-{key}"] = [N_("err.yes_no_required")]
        else:
            answers[key] = answer == "yes"
        why = form.get(f"justification-{key}", "").strip()
        if len(why) < 3:
            errors[f"justification-{key}"] = [N_("err.justification_required")]
        justifications[key] = why
    chosen = [item for item in list_items if form.get(f"dt-{item}")]
    return {"criteria": answers, "justifications": justifications, "datatilsynet_list": chosen}, errors


def screening_errors(details, criteria: tuple[str, ...]) -> dict:
    known = tuple(f"{prefix}-{key}" for key in criteria for prefix in ("criterion", "justification"))
    known += ("datatilsynet_list",)
    if isinstance(details, dict):
        flat: dict = {}
        for name, inner in details.items():
            prefix = {"criteria": "criterion", "justifications": "justification"}.get(name)
            if prefix and isinstance(inner, dict):
                for key, messages in inner.items():
                    flat[f"{prefix}-{key}"] = flat_messages(messages)
            else:
                flat[name] = flat_messages(inner)
        details = flat
    return service_errors(details, known)


DPIA_DECISIONS = ("approved", "rejected")
DPIA_DECISION_FIELDS = ("decision", "dpo_advice_followed", "reason_not_followed", "note")
_YES_NO = {"yes": True, "no": False}


def dpia_decision_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /dpias/{id}/decision, errors): approve or reject, with a note. A rejection
    sends the DPIA back to its authors, so it must say why (the API leaves the note optional); whether
    the DPO's advice was followed is asked on approval, and the service requires a reason when not."""
    errors: dict[str, list[str]] = {}
    decision = form.get("decision", "")
    note = form.get("note", "").strip()
    if decision not in DPIA_DECISIONS:
        errors["decision"] = [N_("err.dpia_decision_required")]
    if decision == "rejected" and len(note) < 10:
        errors["note"] = [N_("err.dpia_rejection_note")]
    payload = {"decision": decision, "note": note or None}
    if decision == "approved":
        payload["dpo_advice_followed"] = _YES_NO.get(form.get("dpo_advice_followed", ""))
        payload["reason_not_followed"] = form.get("reason_not_followed", "").strip() or None
    return payload, errors


def screening_values(screening: dict) -> dict:
    """The last screening's answers as the form's values, so a reopened screening starts from them."""
    values = {f"criterion-{key}": "yes" if met else "no" for key, met in (screening.get("criteria") or {}).items()}
    values.update({f"justification-{key}": why for key, why in (screening.get("justifications") or {}).items()})
    values.update({f"dt-{item}": "on" for item in screening.get("datatilsynet_list") or []})
    return values


# --- the DPIA (art. 35(7)) ---

DPIA_TEXTS = ("description", "necessity_proportionality", "measures", "data_subject_views")
DPIA_SCALE = (1, 2, 3, 4)  # the CNIL method's four steps, as the service rates them
RISK_PARTS = ("title", "description", "likelihood", "severity", "measures", "residual_likelihood",
              "residual_severity")
# the parts art. 35(7) needs before review (the service checks the same)
DPIA_REQUIRED_FOR_REVIEW = ("description", "necessity_proportionality", "risks", "measures")
DPIA_FIELDS = ("title", "reviewer", "description", "necessity_proportionality", "risks", "measures",
               "data_subject_views", "note")


def dpia_create_payload(form: dict, processing_id: str) -> tuple[dict, dict]:
    title = form.get("title", "").strip()
    if len(title) < 3:
        return {}, {"title": [N_("err.name_required")]}
    return {"processing_id": processing_id, "title": title}, {}


def dpia_payload(form: dict, submitting: bool = False) -> tuple[dict, dict]:
    """(payload for PATCH /dpias/{id}, errors): the sections as written (blank: None), the risks by row.
    When submitting for review, a section left empty is named beside its field before anything is sent."""
    errors: dict[str, list[str]] = {}
    title = form.get("title", "").strip()
    if len(title) < 3:
        errors["title"] = [N_("err.name_required")]
    payload: dict = {"title": title, "reviewer": form.get("reviewer", "").strip() or None,
                     **{name: form.get(name, "").strip() or None for name in DPIA_TEXTS},
                     "risks": _risks(form, errors)}
    if submitting:
        for name in DPIA_REQUIRED_FOR_REVIEW:
            if not payload[name] and name not in errors:
                errors[name] = [N_("err.dpia_part_required")]
    return payload, errors


def _risks(form: dict, errors: dict) -> list[dict]:
    risks = []
    for index in row_indexes(form, "risk"):
        row = {part: form.get(f"risk-{index}-{part}", "").strip() for part in RISK_PARTS}
        if not any(row.values()):
            continue
        risk: dict = {"title": row["title"], "description": row["description"] or None,
                      "measures": row["measures"] or None}
        if len(row["title"]) < 3:
            errors[f"risk-{index}-title"] = [N_("err.name_required")]
        for part in ("likelihood", "severity", "residual_likelihood", "residual_severity"):
            value = digits(row[part]) if digits(row[part]) in DPIA_SCALE else None
            if value is None and not part.startswith("residual"):
                errors[f"risk-{index}-{part}"] = [N_("err.rating_required")]
            risk[part] = value
        risks.append(risk)
    return risks


def dpia_values(dpia: dict) -> dict:
    """A stored DPIA as the form's values."""
    values = {"title": dpia.get("title") or "", "reviewer": dpia.get("reviewer") or "",
              **{name: dpia.get(name) or "" for name in DPIA_TEXTS}}
    for index, risk in enumerate(dpia.get("risks") or []):
        values.update({f"risk-{index}-{part}": "" if risk.get(part) is None else str(risk[part])
                       for part in RISK_PARTS})
    return values


def dpia_order(risk_rows: int) -> list[str]:
    rows = [f"risk-{i}-{part}" for i in range(risk_rows) for part in RISK_PARTS]
    at = DPIA_FIELDS.index("risks") + 1
    return [*DPIA_FIELDS[:at], *rows, *DPIA_FIELDS[at:]]


def dpia_errors(details) -> dict:
    """The service's errors beside the DPIA's fields: a risk's to its row, the parts missing for review
    (a Conflict's details: {"missing": [...]}) each to its section."""
    if isinstance(details, dict):
        flat: dict[str, list] = {}
        for name, messages in details.items():
            if name == "missing" and isinstance(messages, list):
                for part in messages:
                    flat.setdefault(part, []).append(N_("err.dpia_part_required"))
            elif name == "risks" and isinstance(messages, dict):
                for index, inner in messages.items():
                    for part, found in (inner.items() if isinstance(inner, dict) else [("title", inner)]):
                        flat.setdefault(f"risk-{index}-{part}", []).extend(flat_messages(found))
            else:
                flat.setdefault(name, []).extend(flat_messages(messages))
        details = flat
    known = DPIA_FIELDS + tuple(name for name in (details or {}) if name.startswith("risk-"))
    return service_errors(details, known)


def dpo_advice_payload(form: dict) -> tuple[dict, dict]:
    advice = form.get("advice", "").strip()
    if len(advice) < 3:
        return {}, {"advice": [N_("err.advice_required")]}
    return {"advice": advice}, {}


def dpia_approval_payload(form: dict) -> dict:
    """The one decision the inbox offers on a DPIA in review: approve it (a note is optional)."""
    return {"decision": "approved", "note": form.get("note", "").strip() or None}
