"""The record of processing (art. 30), its DPIA screening, and the agency head's DPIA decision.
"""
from services.gateway.web.forms import flat_messages, lines, service_errors
from services.gateway.web.lists import ListSpec, choices
from services.privacy_register.schemas import ProcessingQuerySchema

ARTICLE_6 = ("a", "b", "c", "d", "e", "f")
PROCESSING_STATUSES = ("draft", "active")
PROCESSING_FIELDS = ("name", "purpose", "article6", "data_subject_categories", "personal_data_categories",
                     "recipients", "retention", "status")
PROCESSING_LIST = ListSpec({name: name for name in ("q", "status", "dpia_status", "complete", "missing_agreement")})
PROCESSING_FILTER_CHOICES = {name: choices(ProcessingQuerySchema, name) for name in ("status", "dpia_status")}
# the service's field (or nested list) → the form's field
_PROCESSING_ALIASES = {"purposes": "purpose", "legal_bases": "article6"}


def processing_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /processing-activities, errors): one purpose, its art. 6 basis, the lists by line."""
    errors: dict[str, list[str]] = {}
    name = form.get("name", "").strip()
    purpose = form.get("purpose", "").strip()
    article6 = form.get("article6", "")
    status = form.get("status", "draft")
    if len(name) < 3:
        errors["name"] = ["err.name_required"]
    if not purpose:
        errors["purpose"] = ["err.purpose_required"]
    if article6 not in ARTICLE_6:
        errors["article6"] = ["err.article6_required"]
    if status not in PROCESSING_STATUSES:
        errors["status"] = ["err.status_required"]
    payload = {"name": name, "status": status, "purposes": [purpose] if purpose else [],
               "legal_bases": [{"purpose": purpose, "article6": article6}] if purpose and article6 else [],
               **{field: lines(form.get(field, ""))
                  for field in ("data_subject_categories", "personal_data_categories", "recipients")}}
    retention = form.get("retention", "").strip()
    if retention:
        payload["retention"] = retention
    reference = form.get("legal_reference", "").strip()
    if reference and payload["legal_bases"]:
        payload["legal_bases"][0]["reference"] = reference
    return payload, errors


def processing_errors(details) -> dict:
    """The service's errors on the form's fields: a nested legal basis error goes to its select."""
    if isinstance(details, dict):
        details = {_PROCESSING_ALIASES.get(name, name): flat_messages(messages) for name, messages in details.items()}
    return service_errors(details, PROCESSING_FIELDS + ("legal_reference",))


def screening_payload(form: dict, criteria: tuple[str, ...]) -> tuple[dict, dict]:
    """(payload for POST /processing-activities/{id}/screening, errors): each WP248 criterion answered
    yes or no, each with a justification; the form's fields are criterion-<key> and justification-<key>."""
    errors: dict[str, list[str]] = {}
    answers, justifications = {}, {}
    for key in criteria:
        answer = form.get(f"criterion-{key}", "")
        if answer not in ("yes", "no"):
            errors[f"criterion-{key}"] = ["err.yes_no_required"]
        else:
            answers[key] = answer == "yes"
        why = form.get(f"justification-{key}", "").strip()
        if len(why) < 3:
            errors[f"justification-{key}"] = ["err.justification_required"]
        justifications[key] = why
    return {"criteria": answers, "justifications": justifications}, errors


def screening_errors(details, criteria: tuple[str, ...]) -> dict:
    known = tuple(f"{prefix}-{key}" for key in criteria for prefix in ("criterion", "justification"))
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
        errors["decision"] = ["err.dpia_decision_required"]
    if decision == "rejected" and len(note) < 10:
        errors["note"] = ["err.dpia_rejection_note"]
    payload = {"decision": decision, "note": note or None}
    if decision == "approved":
        payload["dpo_advice_followed"] = _YES_NO.get(form.get("dpo_advice_followed", ""))
        payload["reason_not_followed"] = form.get("reason_not_followed", "").strip() or None
    return payload, errors
