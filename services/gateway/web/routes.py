"""The web interface's pages, one mixin per area, mixed into GatewayService. What the mixins share
(the RPC proxies, the incident's case and breach pages) their bases declare: services/gateway/web/base.py.

Each page names the API route(s) it stands for (`api`); a unit test holds that the page requires the
same action as each of them. Panels that need other actions are shown only to those who have them
(`view.may`), and the services check every call again.
"""
from services.gateway.web.audit_pages import AuditPages
from services.gateway.web.breach_pages import BreachPages
from services.gateway.web.case_work_pages import CaseWorkPages
from services.gateway.web.course_pages import CoursePages
from services.gateway.web.export_pages import ExportPages
from services.gateway.web.inbox_pages import InboxPages
from services.gateway.web.incident_pages import IncidentPages
from services.gateway.web.governance_pages import GovernancePages
from services.gateway.web.overview_pages import OverviewPages
from services.gateway.web.plan_pages import PlanPages
from services.gateway.web.privacy_pages import PrivacyPages
from services.gateway.web.processor_pages import ProcessorPages
from services.gateway.web.report_list_pages import ReportListPages
from services.gateway.web.report_pages import ReportPages
from services.gateway.web.risk_pages import RiskPages
from services.gateway.web.routing_pages import RoutingPages
from services.gateway.web.search_pages import SearchPages
from services.gateway.web.sign_in_pages import SignInPages
from services.gateway.web.training_detail_pages import TrainingDetailPages
from services.gateway.web.training_pages import TrainingPages
from services.gateway.web.webhook_pages import WebhookPages


class WebPages(SignInPages, IncidentPages, CaseWorkPages, BreachPages, InboxPages, RiskPages, PrivacyPages,
               TrainingPages, TrainingDetailPages, OverviewPages, ReportPages, ProcessorPages, CoursePages,
               RoutingPages, WebhookPages, ExportPages, SearchPages, PlanPages, GovernancePages,
               ReportListPages, AuditPages):
    """Every page; see each mixin."""
