"""Governing documents and routines (each with its reviews and attestations), the advice log and the
requirements overview with the agency's own answers (the reporting service's governance RPCs, the
actions of /api/v1/governing-documents, /api/v1/advice and /api/v1/requirements)."""
from services.gateway.web import attachment_forms, governance_forms as gf, lists
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, submit, submit_and_open
from shared.errors import NotFound

DOCUMENTS = "/api/v1/governing-documents"
DOCUMENT = "/api/v1/governing-documents/{document_id}"
ADVICE = "/api/v1/advice"


class GovernancePages(PageBase):
    # --- governing documents and routines ---

    @page("GET", "/governing-documents", action="governance.read", api=(f"GET {DOCUMENTS}",))
    def web_governing_documents(self, request, view):
        return self._documents_page(view, {}, {})

    def _documents_page(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, gf.DOCUMENT_LIST)
        documents = lists.listing(self.reporting.list_documents, filters, gf.DOCUMENT_LIST, "/governing-documents")
        return view.render("governing_documents.html", opts=gf.option_maker(view.lang), status=status,
                           filters=filters, documents=gf.counted(documents),
                           choices=gf.DOCUMENT_FILTER_CHOICES, values=values, errors=errors, forms=gf,
                           done=view.query.get("done"))

    @page("POST", "/governing-documents", action="governance.edit", api=(f"POST {DOCUMENTS}",))
    def web_create_governing_document(self, request, view):
        return submit_and_open(view, gf.document_payload, self.reporting.create_document,
                               lambda created: f"/governing-documents/{created['id']}?done=created",
                               lambda values, errors: self._documents_page(view, values, errors, status=400),
                               gf.prefixed("document", gf.DOCUMENT_FIELDS))

    @page("GET", "/governing-documents/<int:document_id>", action="governance.read",
          api=(f"GET {DOCUMENT}", f"GET {DOCUMENT}/attestations"))
    def web_governing_document(self, request, view, document_id):
        return self._document_page(view, document_id, {}, {})

    def _document_page(self, view, document_id, values, errors, status=200):
        document = self.reporting.get_document(document_id)
        attestations = self.reporting.list_attestations(document_id)["items"]
        attachments = attachment_forms.listing(lambda: self.reporting.list_attachments({"record_id": str(document_id)}))
        return view.render("governing_document.html", opts=gf.option_maker(view.lang), status=status,
                           document=document, attestations=attestations, attachments=attachments,
                           values={**gf.document_values(document), **values}, errors=errors, forms=gf,
                           done=view.query.get("done"))

    # Evidence attachments of the document (shared/attachments): the approved text, the signed decision.
    @page("POST", "/governing-documents/<int:document_id>/attachments", action="governance.edit", upload=True,
          api=(f"POST {DOCUMENT}/attachments",))
    def web_upload_document_attachment(self, request, view, document_id):
        return attachment_forms.upload_then(
            view, request, self.attachment_max_bytes,
            lambda body: self.reporting.upload_attachment({"record_id": str(document_id)}, body),
            f"/governing-documents/{document_id}?done=attached#attachments",
            self._document_with_errors(view, document_id))

    @page("GET", "/governing-documents/<int:document_id>/attachments/<string:attachment_id>",
          action="governance.read", api=(f"GET {DOCUMENT}/attachments/{{attachment_id}}",))
    def web_download_document_attachment(self, request, view, document_id, attachment_id):
        return attachment_forms.download(
            self.reporting.attachment_content({"record_id": str(document_id)}, attachment_id), self.attachment_max_bytes)

    @page("POST", "/governing-documents/<int:document_id>/attachments/<string:attachment_id>/removal",
          action="governance.edit", api=(f"POST {DOCUMENT}/attachments/{{attachment_id}}/removal",))
    def web_remove_document_attachment(self, request, view, document_id, attachment_id):
        return attachment_forms.remove_then(
            view, lambda body: self.reporting.remove_attachment({"record_id": str(document_id)}, attachment_id, body),
            f"/governing-documents/{document_id}?done=attachment_removed#attachments",
            self._document_with_errors(view, document_id))

    def _document_with_errors(self, view, document_id):
        return lambda errors: self._document_page(view, document_id, view.form, errors, status=400)

    def _document_action(self, view, document_id, parse, call, done, errors_of):
        return submit(view, parse, call, f"/governing-documents/{document_id}?done={done}",
                      lambda values, errors: self._document_page(view, document_id, values, errors, status=400),
                      errors_of)

    @page("POST", "/governing-documents/<int:document_id>", action="governance.edit", api=(f"PATCH {DOCUMENT}",))
    def web_update_governing_document(self, request, view, document_id):
        document = self.reporting.get_document(document_id)
        return self._document_action(view, document_id, lambda form: gf.document_change(form, document),
                                     lambda payload: self.reporting.update_document(document_id, payload),
                                     "updated", gf.prefixed("edit", gf.DOCUMENT_FIELDS))

    @page("POST", "/governing-documents/<int:document_id>/reviews", action="governance.edit",
          api=(f"POST {DOCUMENT}/reviews",))
    def web_review_governing_document(self, request, view, document_id):
        return self._document_action(view, document_id, gf.review_payload,
                                     lambda payload: self.reporting.record_review(document_id, payload),
                                     "reviewed", gf.prefixed("review", gf.REVIEW_FIELDS))

    @page("POST", "/governing-documents/<int:document_id>/attestations", action="governance.attest",
          api=(f"POST {DOCUMENT}/attestations",))
    def web_attest_governing_document(self, request, view, document_id):
        return self._document_action(view, document_id, gf.attestation_payload,
                                     lambda payload: self.reporting.attest(document_id, payload),
                                     "attested", gf.prefixed("attest", gf.ATTEST_FIELDS))

    # --- the advice log ---

    @page("GET", "/advice", action="governance.read", api=(f"GET {ADVICE}",))
    def web_advice_log(self, request, view):
        return self._advice_log(view, {}, {})

    def _advice_log(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, gf.ADVICE_LIST)
        advice = lists.listing(self.reporting.list_advice, filters, gf.ADVICE_LIST, "/advice")
        return view.render("advice_log.html", opts=gf.option_maker(view.lang), status=status, filters=filters,
                           advice=gf.counted(advice),
                           choices=gf.ADVICE_FILTER_CHOICES, values=values, errors=errors, forms=gf,
                           done=view.query.get("done"))

    @page("POST", "/advice", action="governance.edit", api=(f"POST {ADVICE}",))
    def web_create_advice(self, request, view):
        return submit_and_open(view, gf.advice_payload, self.reporting.create_advice,
                               lambda created: f"/advice/{created['id']}?done=created",
                               lambda values, errors: self._advice_log(view, values, errors, status=400),
                               gf.prefixed("advice", gf.ADVICE_FIELDS))

    @page("GET", "/advice/<int:advice_id>", action="governance.read", api=(f"GET {ADVICE}/{{advice_id}}",))
    def web_advice(self, request, view, advice_id):
        return self._advice_page(view, advice_id, {}, {})

    def _advice_page(self, view, advice_id, values, errors, status=200):
        entry = self.reporting.get_advice(advice_id)
        return view.render("advice.html", opts=gf.option_maker(view.lang), status=status, entry=entry, values={**gf.advice_values(entry), **values},
                           errors=errors, forms=gf, done=view.query.get("done"))

    @page("POST", "/advice/<int:advice_id>", action="governance.edit", api=(f"PATCH {ADVICE}/{{advice_id}}",))
    def web_update_advice(self, request, view, advice_id):
        entry = self.reporting.get_advice(advice_id)
        return submit(view, lambda form: gf.advice_change(form, entry),
                      lambda payload: self.reporting.update_advice(advice_id, payload),
                      f"/advice/{advice_id}?done=updated",
                      lambda values, errors: self._advice_page(view, advice_id, values, errors, status=400),
                      gf.prefixed("edit", gf.ADVICE_FIELDS))

    # --- the requirements overview ---

    @page("GET", "/requirements", action="governance.read", api=("GET /api/v1/requirements",))
    def web_requirements(self, request, view):
        return self._requirements_page(view, {}, {})

    def _requirements_page(self, view, values, errors, status=200):
        overview = self.reporting.list_requirements({})
        return view.render("requirements.html", status=status, opts=gf.option_maker(view.lang), overview=overview,
                           values=values, errors=errors, forms=gf, done=view.query.get("done"))

    @page("POST", "/requirements", action="governance.edit", api=("POST /api/v1/requirements",))
    def web_add_own_requirement(self, request, view):
        return submit_and_open(view, gf.own_requirement_payload, self.reporting.add_requirement,
                               lambda created: f"/requirements/{created['code']}?done=created",
                               lambda values, errors: self._requirements_page(view, values, errors, status=400),
                               gf.prefixed("own", gf.OWN_REQUIREMENT_FIELDS))

    @page("GET", "/requirements/<string:code>", action="governance.read", api=("GET /api/v1/requirements",))
    def web_requirement(self, request, view, code):
        return self._requirement_page(view, code, None, {})

    def _requirement_page(self, view, code, values, errors, status=200):
        requirement = next((item for item in self.reporting.list_requirements({})["items"] if item["code"] == code),
                           None)
        if requirement is None:
            raise NotFound(f"No requirement {code}")
        # the documents the answer may name: the agency's (a first page is plenty for a choice by number)
        documents = panel(lambda: self.reporting.list_documents({"page_size": 100}))
        return view.render("requirement.html", opts=gf.option_maker(view.lang), status=status, requirement=requirement,
                           title=requirement["title_en"] if view.lang == "en" and requirement.get("title_en")
                           else requirement["title_nb"],
                           values={**gf.overlay_values(requirement), **(values or {})}, errors=errors,
                           documents=(documents or {}).get("items", []), forms=gf, done=view.query.get("done"))

    @page("POST", "/requirements/<string:code>", action="governance.edit", api=("PUT /api/v1/requirements/{code}",))
    def web_set_requirement_overlay(self, request, view, code):
        return submit(view, gf.overlay_payload,
                      lambda payload: self.reporting.set_requirement_overlay(code, payload),
                      f"/requirements/{code}?done=saved",
                      lambda values, errors: self._requirement_page(view, code, values, errors, status=400),
                      gf.prefixed("overlay", gf.OVERLAY_FIELDS))
