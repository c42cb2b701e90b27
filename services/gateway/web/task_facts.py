"""A task card's facts as fields: what the task is about (the incident's reference, title, severity and
72-hour deadline; the risk's name and levels), read from the subject the user may read, never from the
e-mail's text. Pure functions: the inbox fetches each subject once and hands it here.
"""
import re

# a UUID anywhere in a text: a message shows the short reference instead (as the receipt does)
UUID = re.compile(r"\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)


def reference(subject_id: str | None) -> str:
    """The reference people read: the id's first eight characters in capitals (receipt.html's)."""
    return (subject_id or "")[:8].upper()


def readable(text: str | None) -> str:
    """A message without long ids: each UUID becomes its reference."""
    return UUID.sub(lambda found: found.group(1).upper(), text or "")


def facts(task: dict, subject: dict | None) -> list[dict]:
    """The card's fields, each {"key": label key, "value": ..., "kind": how to show it}: "text", "label"
    (a vocabulary word, with `prefix`), "time" (Oslo time) or "yes_no". Without the subject (another
    service, or not the user's to read) the card shows the reference alone."""
    fields = [{"key": "inbox.fact_reference", "value": reference(task.get("subject_id")), "kind": "text"}]
    if not subject:
        return fields
    if task.get("subject_type") == "incident":
        fields += [
            {"key": "col.title", "value": subject.get("title"), "kind": "text"},
            {"key": "col.kind", "value": subject.get("kind"), "kind": "label", "prefix": "kind"},
            {"key": "col.severity", "value": subject.get("severity"), "kind": "label", "prefix": "severity"},
            {"key": "col.status", "value": subject.get("status"), "kind": "label", "prefix": "status"},
        ]
        if subject.get("authority_notification") == "pending" and subject.get("authority_deadline"):
            fields.append({"key": "inbox.fact_deadline", "value": subject["authority_deadline"], "kind": "time"})
    elif task.get("subject_type") == "risk":
        if subject.get("reference"):
            fields[0] = {**fields[0], "value": f"{subject['reference']} ({fields[0]['value']})"}
        fields += [
            {"key": "inbox.fact_risk", "value": subject.get("title"), "kind": "text"},
            {"key": "col.level", "value": subject.get("level"), "kind": "label", "prefix": "level"},
            {"key": "inbox.fact_residual", "value": subject.get("residual_level"), "kind": "label",
             "prefix": "level"},
            {"key": "risks.acceptable", "value": subject.get("acceptable"), "kind": "yes_no"},
        ]
        if subject.get("assessment_title"):
            fields.append({"key": "col.assessment", "value": subject["assessment_title"], "kind": "text"})
    return [field for field in fields if field["value"] is not None and field["value"] != ""]


# the subject each task type is about, the action needed to read it and the RPC that reads it
SUBJECT_READERS = {"incident": ("incident.read", "incidents", "get_incident"),
                   "risk": ("risk.read", "risk", "get_risk")}
