"""The agency head's inbox (and the coordinators'): each task with the control its action asks for
(task_actions), and the decisions only the agency head may make.
"""
from datetime import date
from urllib.parse import urlencode

from services.gateway.web import (forms, inbox_list, lists, privacy_forms, report_forms, risk_forms, task_actions,
                                  task_facts)
from services.gateway.web.base import PageBase
from services.gateway.web.i18n import N_
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import now, panel
from shared.errors import BadInput, Conflict

DECIDED = ("risk", "dpia_approved", "dpia_rejected", "report")  # ?decided=…: which notice the inbox shows
# ?done=…: which notice the inbox shows
DONE = {"1": N_("inbox.acknowledged"), "on_behalf": N_("inbox.done_on_behalf"), "done": N_("inbox.done_done")}


class InboxPages(PageBase):
    @page("GET", "/inbox", action="task.read", api=("GET /api/v1/notification-tasks",))
    def web_inbox(self, request, view):
        return self._inbox(view)

    def _inbox(self, view, values=None, errors=None, form_id=None, order=(), status=200):
        # a form posted from a filtered page comes back to it (its `back` field), with its errors
        filters = lists.kept_filters(view.query, inbox_list.INBOX_LIST) or inbox_list.back_filters(view.form)
        listing = lists.listing(lambda query: self.notifications.list_tasks(inbox_list.rpc_filters(query)), filters,
                                inbox_list.INBOX_LIST, "/inbox")
        moment = now()
        subjects = self._subjects(view, listing["items"])
        tasks = [{**self._card(view, task, moment), **_facts(task, subjects)} for task in listing["items"]]
        # the latest done beside the open ones, unless the list itself shows the done tasks
        done = [] if filters.get("status") == "completed" else \
            self.notifications.list_tasks({"status": "completed", "page_size": 10})["items"]
        # what awaits the agency head's approval, beside the tasks (a DPIA in review, a draft report)
        dpias = view.may("privacy.approve") and panel(
            lambda: self.privacy_register.list_dpias({"status": "in_review", "page_size": 20})["items"])
        # a draft report with its content as the PDF lays it out: the agency head reads what they seal
        drafts = view.may("report.approve") and panel(
            lambda: [{**r, "period": f"{_day(r['period_start'])} – {_day(r['period_end'])}",
                      "blocks": report_forms.blocks(self.reporting.get_report(r["id"]), view.lang)}
                     for r in self.reporting.list_reports({})["items"] if r["status"] == "draft"])
        decided = view.query.get("decided")
        return view.render("inbox.html", status=status, listing=listing, groups=inbox_list.grouped(tasks),
                           shown=inbox_list.shown_range(listing), filters=filters, back=urlencode(filters),
                           choices=inbox_list.FILTER_CHOICES, done=done, dpias=dpias or [],
                           drafts=drafts or [], values=values or {}, errors=errors or {}, error_form=form_id,
                           error_order=list(order), completed=DONE.get(view.query.get("done", "")),
                           decided=decided if decided in DECIDED else None)

    def _subjects(self, view, tasks) -> dict:
        """Each subject the page's tasks are about, read once, if the user may read it (None otherwise, or
        when its service does not answer: the card then shows the reference alone)."""
        found = {}
        for task in tasks:
            key = (task.get("subject_type"), task.get("subject_id"))
            reader = task_facts.SUBJECT_READERS.get(key[0])
            if key in found or not reader or not key[1] or not view.may(reader[0]):
                continue
            read = getattr(getattr(self, reader[1]), reader[2])
            found[key] = panel(lambda: read(key[1]))
        return found

    def _card(self, view, task, moment):
        """A task with its control (none once done) and the time to its due time in words."""
        if task["status"] != "open":
            return {**task, "control": None, "time_left": None}
        control = task_actions.control(task, view.principal.roles, view.may("task.complete"))
        return {**self._with_risk_state(view, task), "control": control,
                "time_left": inbox_list.time_left(moment, task.get("due_at"), view.lang)}

    def _with_risk_state(self, view, task):
        """A risk's task with where the risk stands: the decision form only while it awaits one."""
        if task.get("subject_type") != "risk" or not view.may("risk.decide"):
            return task
        risk = view.may("risk.read") and panel(lambda: self.risk.get_risk(task["subject_id"]))
        state, decision = risk_forms.decision_state(risk or None)
        if decision and decision.get("valid_until"):
            decision = {**decision, "valid_until_day": _day(decision["valid_until"])}
        return {**task, "risk_state": state, "risk_decision": decision}

    @page("POST", "/inbox/risks/<string:risk_id>/decision", action="risk.decide",
          api=("POST /api/v1/risks/{risk_id}/decision",))
    def web_decide_risk(self, request, view, risk_id):
        task_id = view.form.get("task_id", "")
        payload, errors = risk_forms.risk_decision_payload(view.form)
        if not errors:
            try:
                self.risk.decide(risk_id, payload)
                return view.redirect(inbox_list.back_to_inbox(view.form, decided="risk"))
            except BadInput as error:
                errors = forms.service_errors(error.details, risk_forms.RISK_DECISION_FIELDS)
            except Conflict as error:
                errors = {"_form": [error.message]}
        order = [f"{name}-{task_id}" for name in risk_forms.RISK_DECISION_FIELDS]
        return self._inbox(view, view.form, forms.suffixed(errors, task_id), task_id, order, status=400)

    @page("POST", "/inbox/dpias/<string:dpia_id>/decision", action="privacy.approve",
          api=("POST /api/v1/dpias/{dpia_id}/decision",))
    def web_decide_dpia(self, request, view, dpia_id):
        payload, errors = privacy_forms.dpia_decision_payload(view.form)
        if not errors:
            try:
                self.privacy_register.decide_dpia(dpia_id, payload)
                return view.redirect(inbox_list.back_to_inbox(view.form, decided=f"dpia_{payload['decision']}"))
            except BadInput as error:
                errors = forms.service_errors(error.details, privacy_forms.DPIA_DECISION_FIELDS)
            except Conflict as error:
                # e.g. approval before the DPO's advice (art. 35(2)): it is the decision that does not fit
                errors = {"decision": [error.message]}
        order = [f"{name}-{dpia_id}" for name in privacy_forms.DPIA_DECISION_FIELDS]
        return self._inbox(view, view.form, forms.suffixed(errors, dpia_id), dpia_id, order, status=400)

    @page("POST", "/inbox/reports/<string:report_id>/approval", action="report.approve",
          api=("POST /api/v1/reports/{report_id}/approval",))
    def web_approve_report(self, request, view, report_id):
        """Only with the box "I have read the report" ticked; the service checks `read_confirmed` again."""
        payload, errors = report_forms.approval_payload(view.form, report_id)
        if not errors:
            try:
                self.reporting.approve_report(report_id, payload)
                return view.redirect(inbox_list.back_to_inbox(view.form, decided="report"))
            except BadInput as error:
                errors = forms.suffixed(forms.service_errors(error.details, (report_forms.READ_FIELD,)), report_id)
            except Conflict as error:
                errors = {"_form": [error.message]}
        order = [f"{report_forms.READ_FIELD}-{report_id}"]
        return self._inbox(view, view.form, errors, report_id, order, status=400)

    @page("POST", "/inbox/<string:task_id>/complete", action="task.complete",
          api=("POST /api/v1/notification-tasks/{task_id}/complete",))
    def web_complete_task(self, request, view, task_id):
        """Acknowledge (one's own task, or another's on their behalf with a note) or mark done. A task
        done elsewhere (Datatilsynet's: by recording the notification) is refused by the service (409)."""
        on_behalf = view.form.get("on_behalf") == "1"
        action = view.form.get("action") or None
        payload, errors = task_actions.completion_payload(view.form, task_id, on_behalf, action)
        if not errors:
            try:
                self.notifications.complete_task(task_id, payload)
                done = "on_behalf" if on_behalf else "done" if action in ("triage", "follow_up") else "1"
                return view.redirect(inbox_list.back_to_inbox(view.form, done=done))
            except BadInput as error:
                errors = forms.suffixed(forms.service_errors(error.details, ("note",)), task_id)
            except Conflict as error:
                errors = {"_form": [error.message]}
        return self._inbox(view, view.form, errors, task_id, [f"note-{task_id}"], status=400)


def _facts(task: dict, subjects: dict) -> dict:
    """The card's fields from its subject; the message (ids made short) only when no subject could be read."""
    subject = subjects.get((task.get("subject_type"), task.get("subject_id")))
    return {"facts": task_facts.facts(task, subject),
            "readable_message": None if subject else task_facts.readable(task.get("message"))}


def _day(iso: str) -> str:
    """A period's date as Norwegians write it (31.12.2026), the same in both languages."""
    return date.fromisoformat(iso).strftime("%d.%m.%Y")
