"""The audit trail: who changed what in a service's records, filtered by record, person and period and
paged (the `audit_entries` RPC behind GET /api/v1/audit/{service}); on request, the service's hash
chain walked and held against the signed checkpoints reporting keeps (`audit_verification`, behind
GET /api/v1/audit/{service}/verification), as `vern audit verify` does."""
from services.gateway.web import governance_forms as gf, lists
from services.gateway.web.base import PageBase
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel
from shared.errors import BadInput

# the paging links keep the service and the period as well as the filters the RPC takes
PAGED = lists.ListSpec({**gf.AUDIT_LIST.fields, "service": "service", "since": "since", "until": "until"},
                       anchor="#entries")
NO_ENTRIES = {"items": [], "total": 0, "page": 1, "page_size": gf.AUDIT_PAGE_SIZE, "pages": 1, "error": None,
              "previous": None, "next": None}


class AuditPages(PageBase):
    @page("GET", "/audit", action="audit.read",
          api=("GET /api/v1/audit/{service}", "GET /api/v1/audit/{service}/verification"))
    def web_audit_trail(self, request, view):
        services = gf.audited(self.deployed_services) or list(gf.AUDITED_SERVICES)
        service = gf.audit_service(view.query, services)
        filters, query, errors = gf.audit_filters(view.query)
        filters["service"] = service
        trail = getattr(self, service)
        entries = NO_ENTRIES if errors else lists.listing(lambda _: trail.audit_entries(query), filters, PAGED,
                                                          "/audit", gf.AUDIT_PAGE_SIZE)
        entries = gf.counted(entries)
        for entry in entries["items"]:
            entry["rows"] = gf.changed_fields(entry)
        verification = self._verification(service) if view.query.get("verify") == "1" else None
        return view.render("audit.html", opts=gf.option_maker(view.lang), entries=entries, filters=filters,
                           errors=errors, service=service, services=services, verification=verification)

    def _verification(self, service):
        """The chain held against every checkpoint reporting keeps of it; without reporting's answer, against
        none (the page says so)."""
        kept = panel(lambda: self.reporting.audit_checkpoints({"service": service})) \
            if "reporting" in self.deployed_services else None
        try:
            result = getattr(self, service).audit_verification({"checkpoints": (kept or {}).get("items", [])})
        except BadInput as problem:
            return {"error": lists.refusal(problem)}
        return {**result, "checkpoints_kept": kept is not None}
