"""The annual plan (årsplan): planned activities, plan versus actual, and their evidence (the reporting
service)."""
from services.gateway.api.base import API, ApiBase
from services.gateway.http import route
from services.reporting.annual_plan_schemas import (CopyPlanSchema, CopyResultSchema, CreatePlanActivitySchema,
                                                    EvidenceInputSchema, PlanActivitySchema, PlanQuerySchema,
                                                    PlanSchema, UpdatePlanActivitySchema)


class PlanRoutes(ApiBase):
    @route("GET", f"{API}/annual-plan", action="plan.read", query=PlanQuerySchema, response=PlanSchema,
           tag="plan", summary="The year's plan with plan versus actual / Årsplanen med status mot plan")
    def list_plan(self, request, query):
        return self.reporting.list_plan(query)

    @route("POST", f"{API}/annual-plan", action="plan.edit", body=CreatePlanActivitySchema,
           response=PlanActivitySchema, status=201, tag="plan",
           summary="Plan an activity / Planlegg en aktivitet")
    def create_plan_activity(self, request, body):
        return self.reporting.create_plan_activity(body)

    @route("POST", f"{API}/annual-plan/copy", action="plan.edit", body=CopyPlanSchema, response=CopyResultSchema,
           status=201, tag="plan", may_conflict=True,
           summary="Copy a year's plan to another year, planned and without evidence / Kopier årsplanen")
    def copy_plan(self, request, body):
        return self.reporting.copy_plan(body)

    @route("GET", f"{API}/annual-plan/<int:activity_id>", action="plan.read", response=PlanActivitySchema,
           tag="plan", summary="One activity with its evidence / Én aktivitet med dokumentasjon")
    def get_plan_activity(self, request, activity_id):
        return self.reporting.get_plan_activity(activity_id)

    @route("PATCH", f"{API}/annual-plan/<int:activity_id>", action="plan.edit", body=UpdatePlanActivitySchema,
           response=PlanActivitySchema, tag="plan",
           summary="Change, reschedule or cancel (with a reason) / Endre, flytte eller avlyse")
    def update_plan_activity(self, request, activity_id, body):
        return self.reporting.update_plan_activity(activity_id, body)

    @route("POST", f"{API}/annual-plan/<int:activity_id>/evidence", action="plan.edit", body=EvidenceInputSchema,
           response=PlanActivitySchema, status=201, tag="plan", may_conflict=True,
           summary="Add proof that it was done; ticks it done / Legg til dokumentasjon")
    def add_plan_evidence(self, request, activity_id, body):
        return self.reporting.add_plan_evidence(activity_id, body)
