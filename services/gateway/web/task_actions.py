"""What a notification task asks of the person who opens it, and so which control the inbox shows.

The notifications service says it in the task's `action`:
- acknowledge: the addressee confirms being informed ("Bekreft at jeg er orientert"). A coordinator
  may do it on behalf of the addressee (who was told by phone, say), and must then write a note;
- notify_authority: Datatilsynet's task is done by recording the notification sent, on the breach
  page, never by a button here (the service answers 409);
- decide: the decision the addressee makes (a risk's acceptance or treatment), as the inbox has it;
- triage, follow_up: work on the case, marked done when it is done.
A task without an action (made before the service said it) keeps the inbox's old button.
"""
from services.gateway.web.i18n import N_

NOTE_MIN, NOTE_MAX = 3, 5_000
OWN_NOTE = "Bekreftet i Vern / Confirmed in Vern"
DONE_NOTE = "Utført i Vern / Done in Vern"
# the control each action gets; on_behalf is an acknowledgement of another role's task
CONTROLS = {"acknowledge": "acknowledge", "notify_authority": "record_notification", "decide": "decide",
            "triage": "mark_done", "follow_up": "mark_done"}


def control(task: dict, roles, may_complete: bool) -> str | None:
    """The task's control for a person with these roles: acknowledge, on_behalf, record_notification,
    decide, mark_done, or None (nothing to do here)."""
    action = task.get("action")
    if action is None:
        return "acknowledge" if may_complete else None  # as before the service named actions
    chosen = CONTROLS.get(action)
    if chosen == "record_notification":
        return chosen  # a link to the breach page, for whoever may record it there
    if not may_complete:
        return None
    if chosen == "acknowledge" and task.get("recipient_role") not in roles:
        return "on_behalf"
    return chosen


def completion_payload(form: dict, task_id: str, on_behalf: bool, action: str | None = None) -> tuple[dict, dict]:
    """(payload for POST /notification-tasks/{id}/complete, errors): on another's behalf, a note of
    one's own (field note-<task id>); otherwise the inbox's own words."""
    if not on_behalf:
        return {"note": DONE_NOTE if action in ("triage", "follow_up") else OWN_NOTE}, {}
    note = form.get("note", "").strip()
    if len(note) < NOTE_MIN:
        return {"note": note}, {f"note-{task_id}": [N_("err.on_behalf_note_required")]}
    if len(note) > NOTE_MAX:
        return {"note": note}, {f"note-{task_id}": [N_("err.text_too_long")]}
    return {"note": note}, {}
