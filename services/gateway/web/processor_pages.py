"""Data processor agreements (databehandleravtaler, art. 28) as records of their own, with when each
runs out; the overall privacy assessment of a processing activity; and the answer to a prior
consultation with Datatilsynet (art. 36) on a DPIA that needs one."""
from services.gateway.web import processor_forms
from services.gateway.web.base import PageBase
from services.gateway.web.forms import service_errors
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import submit, today
from shared.errors import NotFound
from shared.pagination import MAX_PAGE_SIZE

AGREEMENTS = "/api/v1/processor-agreements"
ASSESSMENT = "/api/v1/processing-activities/{processing_id}/privacy-assessment"
CONSULTATION = "/api/v1/dpias/{dpia_id}/prior-consultation"
MAX_PROCESSING_PAGES = 5  # the choices of an agreement's form: the agency's first 500 activities by name


def _prefixed(details):
    if isinstance(details, dict):
        details = {f"agreement-{name}": messages for name, messages in details.items()}
    return service_errors(details, tuple(f"agreement-{name}" for name in processor_forms.AGREEMENT_FIELDS))


class ProcessorPages(PageBase):
    @page("GET", "/processor-agreements", action="privacy.read", api=(f"GET {AGREEMENTS}",))
    def web_agreements(self, request, view):
        return self._agreements_page(view, {"agreement-status": "signed"}, {})

    @page("POST", "/processor-agreements", action="privacy.edit", api=(f"POST {AGREEMENTS}",))
    def web_create_agreement(self, request, view):
        processing = self._processing_names()
        return submit(view, lambda form: processor_forms.agreement_payload(form, set(processing)),
                      self.privacy_register.create_agreement, "/processor-agreements?saved=1",
                      lambda values, errors: self._agreements_page(view, values, errors, 400, processing), _prefixed)

    def _agreements_page(self, view, values, errors, status=200, processing=None):
        filters = processor_forms.agreement_filters(view.query)
        processing = self._processing_names() if processing is None else processing
        agreements = processor_forms.agreement_listing(self.privacy_register.list_agreements()["items"], filters,
                                                      today(), "/processor-agreements")
        return view.render("agreements.html", status=status, agreements=agreements, filters=filters,
                           values=values, errors=errors, processing=processing, forms=processor_forms,
                           saved=view.query.get("saved") == "1")

    @page("GET", "/processor-agreements/<int:agreement_id>", action="privacy.read", api=(f"GET {AGREEMENTS}",))
    def web_agreement(self, request, view, agreement_id):
        agreement = self._agreement(agreement_id)
        return self._agreement_page(view, agreement, processor_forms.agreement_values(agreement), {})

    @page("POST", "/processor-agreements/<int:agreement_id>", action="privacy.edit",
          api=(f"PATCH {AGREEMENTS}/{{agreement_id}}",))
    def web_update_agreement(self, request, view, agreement_id):
        agreement = self._agreement(agreement_id)
        processing = self._processing_names()
        return submit(view, lambda form: processor_forms.agreement_payload(form, set(processing)),
                      lambda payload: self.privacy_register.update_agreement(agreement_id, payload),
                      f"/processor-agreements/{agreement_id}?saved=1",
                      lambda values, errors: self._agreement_page(view, agreement, values, errors, 400, processing),
                      _prefixed)

    def _agreement_page(self, view, agreement, values, errors, status=200, processing=None):
        processing = self._processing_names() if processing is None else processing
        return view.render("agreement.html", status=status, agreement=agreement, values=values, errors=errors,
                           processing=processing, forms=processor_forms,
                           expiry=processor_forms.expiry_state(agreement, today()),
                           saved=view.query.get("saved") == "1")

    def _agreement(self, agreement_id: int) -> dict:
        found = [a for a in self.privacy_register.list_agreements()["items"] if a["id"] == agreement_id]
        if not found:
            raise NotFound("Not found / Finnes ikke")
        return found[0]

    def _processing_names(self) -> dict:
        """{id: name} of the agency's processing activities, for an agreement's form and its list."""
        names, number = {}, 1
        while number <= MAX_PROCESSING_PAGES:
            found = self.privacy_register.list_processing({"page": number, "page_size": MAX_PAGE_SIZE})
            names.update({item["id"]: item["name"] for item in found["items"]})
            if number * MAX_PAGE_SIZE >= found["total"]:
                break
            number += 1
        return dict(sorted(names.items(), key=lambda pair: pair[1].casefold()))

    # --- the overall privacy assessment ---

    @page("GET", "/processing/<string:processing_id>/assessment", action="privacy.read",
          api=("GET /api/v1/processing-activities/{processing_id}",))
    def web_privacy_assessment(self, request, view, processing_id):
        activity = self.privacy_register.get_processing(processing_id)
        values = processor_forms.assessment_values(activity["privacy_assessment"])
        return self._privacy_assessment_page(view, activity, values, {})

    @page("POST", "/processing/<string:processing_id>/assessment", action="privacy.edit", api=(f"PUT {ASSESSMENT}",))
    def web_assess_privacy(self, request, view, processing_id):
        activity = self.privacy_register.get_processing(processing_id)
        return submit(view, processor_forms.assessment_payload,
                      lambda payload: self.privacy_register.assess_privacy(processing_id, payload),
                      f"/processing/{processing_id}/assessment?saved=1",
                      lambda values, errors: self._privacy_assessment_page(view, activity, values, errors, 400),
                      processor_forms.assessment_errors)

    def _privacy_assessment_page(self, view, activity, values, errors, status=200):
        return view.render("privacy_assessment.html", status=status, activity=activity, values=values, errors=errors,
                           assessment=activity["privacy_assessment"], forms=processor_forms,
                           order=processor_forms.assessment_order(), saved=view.query.get("saved") == "1")

    # --- a prior consultation's answer ---

    @page("GET", "/dpias/<string:dpia_id>/prior-consultation", action="privacy.read",
          api=("GET /api/v1/dpias/{dpia_id}",))
    def web_prior_consultation(self, request, view, dpia_id):
        dpia = self.privacy_register.get_dpia(dpia_id)
        consultation = dpia.get("prior_consultation") or {}
        values = {name: consultation.get(name) or "" for name in processor_forms.CONSULTATION_FIELDS}
        return self._consultation_page(view, dpia, values, {})

    @page("POST", "/dpias/<string:dpia_id>/prior-consultation", action="privacy.edit", api=(f"POST {CONSULTATION}",))
    def web_record_prior_consultation(self, request, view, dpia_id):
        dpia = self.privacy_register.get_dpia(dpia_id)
        return submit(view, processor_forms.consultation_payload,
                      lambda payload: self.privacy_register.record_prior_consultation(dpia_id, payload),
                      f"/dpias/{dpia_id}/prior-consultation?saved=1",
                      lambda values, errors: self._consultation_page(view, dpia, values, errors, 400),
                      lambda details: service_errors(details, processor_forms.CONSULTATION_FIELDS))

    def _consultation_page(self, view, dpia, values, errors, status=200):
        return view.render("prior_consultation.html", status=status, dpia=dpia, values=values, errors=errors,
                           consultation=dpia.get("prior_consultation") or {}, forms=processor_forms,
                           saved=view.query.get("saved") == "1")
