"""The record of processing activities (art. 30), the DPIA screening, and the DPIA itself (art. 35).
"""
from services.gateway.web import attachment_forms, forms, lists, privacy_forms, processor_forms
from services.gateway.web.base import PageBase
from services.gateway.web.i18n import N_
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, today
from services.privacy_register import screening_rules
from shared.errors import BadInput, Conflict

PATCH_PROCESSING = "PATCH /api/v1/processing-activities/{processing_id}"


class PrivacyPages(PageBase):
    @page("GET", "/processing", action="privacy.read", api=("GET /api/v1/processing-activities",))
    def web_processing(self, request, view):
        return self._processing_list(view, {"status": "draft"}, {})

    @page("POST", "/processing", action="privacy.edit", api=("POST /api/v1/processing-activities",))
    def web_register_processing(self, request, view):
        payload, errors = privacy_forms.processing_payload(view.form)
        if not errors:
            try:
                activity = self.privacy_register.register_processing(payload)
                return view.redirect(f"/processing/{activity['id']}?created=1")
            except BadInput as error:
                errors = privacy_forms.processing_errors(error.details)
        return self._processing_list(view, view.form, errors, status=400)

    def _processing_list(self, view, values, errors, status=200):
        values = {"role": "controller", **values}
        rows = privacy_forms.row_count(values, "transfer")
        controller_rows = privacy_forms.row_count(values, "controller")
        filters = lists.kept_filters(view.query, privacy_forms.PROCESSING_LIST)
        return view.render("processing.html", status=status, values=values, errors=errors, filters=filters,
                           activities=lists.listing(self.privacy_register.list_processing, filters,
                                                    privacy_forms.PROCESSING_LIST, "/processing"),
                           filter_choices=privacy_forms.PROCESSING_FILTER_CHOICES,
                           statuses=privacy_forms.PROCESSING_STATUSES, transfer_rows=rows,
                           controller_rows=controller_rows, order=privacy_forms.processing_order(rows, controller_rows),
                           **_choices())

    @page("GET", "/processing/<string:processing_id>", action="privacy.read",
          api=("GET /api/v1/processing-activities/{processing_id}",
               "GET /api/v1/processing-activities/{processing_id}/history",
               "GET /api/v1/processing-activities/{processing_id}/screenings"))
    def web_processing_activity(self, request, view, processing_id):
        return self._processing_page(view, processing_id, None, {})

    @page("POST", "/processing/<string:processing_id>/screening", action="privacy.edit",
          api=("POST /api/v1/processing-activities/{processing_id}/screening",))
    def web_screen_processing(self, request, view, processing_id):
        payload, errors = privacy_forms.screening_payload(view.form, screening_rules.CRITERIA,
                                                          tuple(screening_rules.DATATILSYNET_LIST))
        if not errors:
            try:
                self.privacy_register.screen_processing(processing_id, payload)
                return view.redirect(f"/processing/{processing_id}?screened=1#screening")
            except BadInput as error:
                errors = privacy_forms.screening_errors(error.details, screening_rules.CRITERIA)
        return self._processing_page(view, processing_id, view.form, errors, status=400)

    @page("POST", "/processing/<string:processing_id>/status", action="privacy.edit", api=(PATCH_PROCESSING,))
    def web_processing_status(self, request, view, processing_id):
        """Draft → active → retired (and back): the same PATCH, only the status."""
        payload, errors = privacy_forms.processing_status_payload(view.form)
        if not errors:
            try:
                self.privacy_register.update_processing(processing_id, payload)
                return view.redirect(f"/processing/{processing_id}?status_changed=1")
            except (BadInput, Conflict) as error:
                errors = {"_form": forms.service_errors(error.details, ()).get("_form", [error.message])}
        return self._processing_page(view, processing_id, None, errors, status=400)

    def _processing_page(self, view, processing_id, values, errors, dpia_title=None, status=200):
        activity = self.privacy_register.get_processing(processing_id)
        index = 1 if view.lang == "en" else 0
        criteria = [(key, screening_rules.CRITERION_LABELS[key][index]) for key in screening_rules.CRITERIA]
        list_items = [(item, labels[index]) for item, labels in screening_rules.DATATILSYNET_LIST.items()]
        order = [f"{prefix}-{key}" for key in screening_rules.CRITERIA for prefix in ("criterion", "justification")]
        order += ["datatilsynet_list", "dpia-title"]
        if values is None:  # a new screening starts from the last one's answers (e.g. when it is reopened)
            last = activity["screening"] and panel(
                lambda: self.privacy_register.list_screenings(processing_id)["items"][:1])
            values = privacy_forms.screening_values(last[0]) if last else {}
        history = panel(lambda: self.privacy_register.processing_history(processing_id)["items"])
        agreements = panel(lambda: processor_forms.agreements_naming(
            self.privacy_register.list_agreements()["items"], processing_id, today()))
        return view.render("processing_activity.html", status=status, activity=activity, criteria=criteria,
                           list_items=list_items, order=order, values=values, errors=errors, history=history or [],
                           agreements=agreements,
                           field_labels=privacy_forms.FIELD_LABELS,
                           dpia_title=f"DPIA: {activity['name']}" if dpia_title is None else dpia_title,
                           open_dpia=any(d["status"] in ("draft", "in_review") for d in activity["dpias"]),
                           notice=_notice(view.query, ("created", "screened", "updated", "status_changed")))

    # --- editing an activity ---

    @page("GET", "/processing/<string:processing_id>/edit", action="privacy.edit", api=(PATCH_PROCESSING,))
    def web_edit_processing(self, request, view, processing_id):
        activity = self.privacy_register.get_processing(processing_id)
        values = {**privacy_forms.processing_values(activity), "version": str(activity["version"])}
        return self._edit_page(view, activity, values, {})

    @page("POST", "/processing/<string:processing_id>/edit", action="privacy.edit", api=(PATCH_PROCESSING,))
    def web_update_processing(self, request, view, processing_id):
        activity = self.privacy_register.get_processing(processing_id)
        payload, errors = privacy_forms.processing_payload(view.form, with_status=False)
        values = dict(view.form)
        changed_by_others = []
        # The API takes no expected version, so the page compares the version the form was opened on:
        # someone else's change is shown, never overwritten, and the person's input stays in the form.
        if view.form.get("version") != str(activity["version"]):
            changed_by_others = _changed_since(self.privacy_register.processing_history(processing_id)["items"],
                                               view.form.get("version"))
            values, both = privacy_forms.merge_changes_since(values, payload, activity, changed_by_others)
            errors = {**errors, **both, "_form": [N_("err.processing_conflict")]}
            values["version"] = str(activity["version"])  # saving again, knowingly, takes the new version
        if not errors:
            payload = privacy_forms.keep_other_bases(payload, activity)
            payload["note"] = view.form.get("note", "").strip() or None
            try:
                self.privacy_register.update_processing(processing_id, payload)
                return view.redirect(f"/processing/{processing_id}?updated=1")
            except BadInput as error:
                errors = privacy_forms.processing_errors(error.details)
        return self._edit_page(view, activity, values, errors, changed_by_others, status=409 if changed_by_others
                               else 400)

    def _edit_page(self, view, activity, values, errors, changed_by_others=(), status=200):
        rows = privacy_forms.row_count(values, "transfer")
        controller_rows = privacy_forms.row_count(values, "controller")
        return view.render("processing_edit.html", status=status, activity=activity, values=values, errors=errors,
                           transfer_rows=rows, controller_rows=controller_rows,
                           order=privacy_forms.processing_order(rows, controller_rows),
                           changed_by_others=changed_by_others, field_labels=privacy_forms.FIELD_LABELS,
                           **_choices())

    # --- the DPIA ---

    @page("POST", "/processing/<string:processing_id>/dpias", action="privacy.edit", api=("POST /api/v1/dpias",))
    def web_create_dpia(self, request, view, processing_id):
        payload, errors = privacy_forms.dpia_create_payload(view.form, processing_id)
        if not errors:
            try:
                dpia = self.privacy_register.create_dpia(payload)
                return view.redirect(f"/dpias/{dpia['id']}?created=1")
            except BadInput as error:
                errors = privacy_forms.dpia_errors(error.details)
        # the form sits on the activity's page, where its field is dpia-title
        return self._processing_page(view, processing_id, None, forms.suffixed(
            {"dpia" if name == "title" else name: messages for name, messages in errors.items()}, "title"),
            dpia_title=view.form.get("title", ""), status=400)

    @page("GET", "/dpias/<string:dpia_id>", action="privacy.read", api=("GET /api/v1/dpias/{dpia_id}",))
    def web_dpia(self, request, view, dpia_id):
        dpia = self.privacy_register.get_dpia(dpia_id)
        return self._dpia_page(view, dpia, privacy_forms.dpia_values(dpia), {})

    @page("POST", "/dpias/<string:dpia_id>", action="privacy.edit",
          api=("PATCH /api/v1/dpias/{dpia_id}", "POST /api/v1/dpias/{dpia_id}/status"))
    def web_update_dpia(self, request, view, dpia_id):
        """Save the draft, or save it and submit it for review (nothing written is lost either way)."""
        submitting = view.form.get("action") == "submit"
        payload, errors = privacy_forms.dpia_payload(view.form, submitting)
        if not errors:
            try:
                self.privacy_register.update_dpia(dpia_id, payload)
                if not submitting:
                    return view.redirect(f"/dpias/{dpia_id}?saved=1")
                self.privacy_register.change_dpia_status(
                    dpia_id, {"status": "in_review", "note": view.form.get("note", "").strip() or None})
                return view.redirect(f"/dpias/{dpia_id}?submitted=1")
            except (BadInput, Conflict) as error:
                errors = privacy_forms.dpia_errors(error.details) or {"_form": [error.message]}
        return self._dpia_page(view, self.privacy_register.get_dpia(dpia_id), view.form, errors, status=400)

    @page("POST", "/dpias/<string:dpia_id>/status", action="privacy.edit",
          api=("POST /api/v1/dpias/{dpia_id}/status",))
    def web_dpia_status(self, request, view, dpia_id):
        """Take a DPIA in review back, or revise a decided one: back to draft."""
        try:
            self.privacy_register.change_dpia_status(dpia_id, {"status": "draft",
                                                               "note": view.form.get("note", "").strip() or None})
            return view.redirect(f"/dpias/{dpia_id}?reopened=1")
        except (BadInput, Conflict) as error:
            dpia = self.privacy_register.get_dpia(dpia_id)
            return self._dpia_page(view, dpia, privacy_forms.dpia_values(dpia), {"_form": [error.message]},
                                   status=400)

    @page("POST", "/dpias/<string:dpia_id>/dpo-advice", action="privacy.advise",
          api=("POST /api/v1/dpias/{dpia_id}/dpo-advice",))
    def web_dpo_advice(self, request, view, dpia_id):
        payload, errors = privacy_forms.dpo_advice_payload(view.form)
        if not errors:
            try:
                self.privacy_register.give_dpo_advice(dpia_id, payload)
                return view.redirect(f"/dpias/{dpia_id}?advised=1")
            except (BadInput, Conflict) as error:
                errors = forms.service_errors(error.details, ("advice",)) or {"_form": [error.message]}
        dpia = self.privacy_register.get_dpia(dpia_id)
        return self._dpia_page(view, dpia, {**privacy_forms.dpia_values(dpia), **view.form}, errors, status=400)

    def _dpia_page(self, view, dpia, values, errors, status=200):
        rows = privacy_forms.row_count(values, "risk")
        attachments = attachment_forms.listing(lambda: self.privacy_register.list_attachments({"record_id": dpia["id"]}))
        return view.render("dpia.html", status=status, dpia=dpia, values=values, errors=errors, risk_rows=rows,
                           order=privacy_forms.dpia_order(rows) + ["advice", *attachment_forms.ERROR_FIELDS],
                           scale=privacy_forms.DPIA_SCALE, attachments=attachments,
                           notice=_notice(view.query, ("created", "saved", "submitted", "reopened", "advised",
                                                       "attached", "attachment_removed")))

    # Evidence attachments of the DPIA (shared/attachments): the documentation its conclusions rest on.
    @page("POST", "/dpias/<string:dpia_id>/attachments", action="privacy.edit", upload=True,
          api=("POST /api/v1/dpias/{dpia_id}/attachments",))
    def web_upload_dpia_attachment(self, request, view, dpia_id):
        return attachment_forms.upload_then(
            view, request, self.attachment_max_bytes,
            lambda body: self.privacy_register.upload_attachment({"record_id": dpia_id}, body),
            f"/dpias/{dpia_id}?attached=1#attachments", self._dpia_with_errors(view, dpia_id))

    @page("GET", "/dpias/<string:dpia_id>/attachments/<string:attachment_id>", action="privacy.read",
          api=("GET /api/v1/dpias/{dpia_id}/attachments/{attachment_id}",))
    def web_download_dpia_attachment(self, request, view, dpia_id, attachment_id):
        return attachment_forms.download(
            self.privacy_register.attachment_content({"record_id": dpia_id}, attachment_id), self.attachment_max_bytes)

    @page("POST", "/dpias/<string:dpia_id>/attachments/<string:attachment_id>/removal", action="privacy.edit",
          api=("POST /api/v1/dpias/{dpia_id}/attachments/{attachment_id}/removal",))
    def web_remove_dpia_attachment(self, request, view, dpia_id, attachment_id):
        return attachment_forms.remove_then(
            view, lambda body: self.privacy_register.remove_attachment({"record_id": dpia_id}, attachment_id, body),
            f"/dpias/{dpia_id}?attachment_removed=1#attachments", self._dpia_with_errors(view, dpia_id))

    def _dpia_with_errors(self, view, dpia_id):
        def page_with(errors):
            dpia = self.privacy_register.get_dpia(dpia_id)
            return self._dpia_page(view, dpia, {**privacy_forms.dpia_values(dpia), **view.form}, errors, status=400)
        return page_with


def _choices() -> dict:
    return {"articles": privacy_forms.ARTICLE_6, "articles9": privacy_forms.ARTICLE_9,
            "special_categories": privacy_forms.SPECIAL_CATEGORIES, "safeguards": privacy_forms.SAFEGUARDS,
            "owner_roles": privacy_forms.OWNER_ROLES, "flags": privacy_forms.FLAGS, "roles": privacy_forms.ROLES}


def _notice(query: dict, names: tuple[str, ...]) -> str | None:
    """Which confirmation to show after a redirect (?created=1 and the like)."""
    return next((name for name in names if query.get(name) == "1"), None)


def _changed_since(history: list[dict], version: str | None) -> list[dict]:
    """The changes made after the version the person opened (history is newest first)."""
    opened = forms.digits(version) or 0
    return [entry for entry in history if entry["version"] >= opened]
