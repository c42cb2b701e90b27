from services.gateway.openapi import openapi_document, openapi_path, routes
from services.gateway.service import GatewayService
from shared.permissions import PERMISSIONS

EXPECTED = {
    ("GET", "/api/v1/health"), ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/auth/login"), ("GET", "/api/v1/auth/callback"), ("POST", "/api/v1/incidents"),
    ("GET", "/api/v1/incidents"), ("GET", "/api/v1/incidents/{incident_id}"),
    ("POST", "/api/v1/incidents/{incident_id}/assessment"), ("GET", "/api/v1/notification-tasks"),
    ("POST", "/api/v1/incidents/{incident_id}/breach-assessment"),
    ("POST", "/api/v1/incidents/{incident_id}/breach-decision"),
    ("POST", "/api/v1/notification-tasks/{task_id}/complete"),
    ("GET", "/api/v1/incident-categories"), ("GET", "/api/v1/incidents/statistics"),
    ("PATCH", "/api/v1/incidents/{incident_id}"), ("POST", "/api/v1/incidents/{incident_id}/status"),
    ("PUT", "/api/v1/incidents/{incident_id}/handler"), ("POST", "/api/v1/incidents/{incident_id}/notes"),
    ("POST", "/api/v1/incidents/{incident_id}/measures"),
    ("PATCH", "/api/v1/incidents/{incident_id}/measures/{measure_id}"),
    ("POST", "/api/v1/incidents/{incident_id}/close"), ("POST", "/api/v1/incidents/{incident_id}/reopen"),
    ("GET", "/api/v1/incidents/{incident_id}/authority-notification"),
    ("POST", "/api/v1/incidents/{incident_id}/authority-notifications"),
    ("POST", "/api/v1/incidents/{incident_id}/subject-communications"),
    ("GET", "/api/v1/ack/{token}"), ("POST", "/api/v1/ack/{token}"),
    ("GET", "/api/v1/progress/{token}"), ("POST", "/api/v1/progress/{token}"),
    ("GET", "/api/v1/routing-rules"), ("POST", "/api/v1/routing-rules"),
    ("PUT", "/api/v1/routing-rules/{rule_id}"), ("DELETE", "/api/v1/routing-rules/{rule_id}"),
    ("GET", "/api/v1/risk-matrix"), ("PUT", "/api/v1/risk-matrix"), ("GET", "/api/v1/risk-matrix/versions"),
    ("POST", "/api/v1/risk-assessments"), ("GET", "/api/v1/risk-assessments"),
    ("GET", "/api/v1/risk-assessments/{assessment_id}"), ("PATCH", "/api/v1/risk-assessments/{assessment_id}"),
    ("POST", "/api/v1/risk-assessments/{assessment_id}/status"),
    ("POST", "/api/v1/risk-assessments/{assessment_id}/approval"),
    ("POST", "/api/v1/risk-assessments/{assessment_id}/risks"),
    ("GET", "/api/v1/risks"), ("GET", "/api/v1/risks/export"), ("GET", "/api/v1/risks/heat-map"),
    ("GET", "/api/v1/risk-measures"), ("GET", "/api/v1/risks/{risk_id}"), ("PATCH", "/api/v1/risks/{risk_id}"),
    ("POST", "/api/v1/risks/{risk_id}/adoption"), ("POST", "/api/v1/risks/{risk_id}/dismissal"),
    ("POST", "/api/v1/risks/{risk_id}/measures"), ("PATCH", "/api/v1/risks/{risk_id}/measures/{measure_id}"),
    ("POST", "/api/v1/risks/{risk_id}/decision"),
    ("POST", "/api/v1/processing-activities"), ("GET", "/api/v1/processing-activities"),
    ("GET", "/api/v1/processing-activities/export"), ("GET", "/api/v1/processing-activities/{processing_id}"),
    ("PATCH", "/api/v1/processing-activities/{processing_id}"),
    ("GET", "/api/v1/processing-activities/{processing_id}/history"),
    ("PUT", "/api/v1/processing-activities/{processing_id}/privacy-assessment"),
    ("POST", "/api/v1/processing-activities/{processing_id}/screening"),
    ("GET", "/api/v1/processing-activities/{processing_id}/screenings"),
    ("GET", "/api/v1/processor-agreements"), ("POST", "/api/v1/processor-agreements"),
    ("PATCH", "/api/v1/processor-agreements/{agreement_id}"),
    ("POST", "/api/v1/dpias"), ("GET", "/api/v1/dpias"), ("GET", "/api/v1/dpias/{dpia_id}"),
    ("PATCH", "/api/v1/dpias/{dpia_id}"), ("GET", "/api/v1/dpias/{dpia_id}/document"),
    ("POST", "/api/v1/dpias/{dpia_id}/dpo-advice"), ("POST", "/api/v1/dpias/{dpia_id}/status"),
    ("POST", "/api/v1/dpias/{dpia_id}/decision"), ("POST", "/api/v1/dpias/{dpia_id}/prior-consultation"),
    ("GET", "/api/v1/training/courses"), ("POST", "/api/v1/training/courses"),
    ("GET", "/api/v1/training/courses/{course_id}"), ("PATCH", "/api/v1/training/courses/{course_id}"),
    ("PUT", "/api/v1/training/participants"), ("GET", "/api/v1/training/participants"),
    ("POST", "/api/v1/training/completions"), ("GET", "/api/v1/training/completions"),
    ("POST", "/api/v1/training/completions/import"), ("GET", "/api/v1/training/figures"),
    ("GET", "/api/v1/training/overdue"), ("GET", "/api/v1/training/campaigns"),
    ("POST", "/api/v1/training/campaigns"), ("GET", "/api/v1/training/campaigns/{campaign_id}"),
    ("PATCH", "/api/v1/training/campaigns/{campaign_id}"),
    ("POST", "/api/v1/training/campaigns/{campaign_id}/launch"),
    ("POST", "/api/v1/training/campaigns/{campaign_id}/complete"),
    ("GET", "/api/v1/training/campaigns/{campaign_id}/enrolments"),
    ("POST", "/api/v1/training/campaigns/{campaign_id}/enrolments"),
    ("POST", "/api/v1/training/campaigns/{campaign_id}/participation"),
    ("GET", "/api/v1/training/campaign-suggestions"),
    ("POST", "/api/v1/training/campaign-suggestions/{suggestion_id}/accept"),
    ("POST", "/api/v1/training/campaign-suggestions/{suggestion_id}/dismiss"),
    ("GET", "/api/v1/training/exercises"), ("POST", "/api/v1/training/exercises"),
    ("GET", "/api/v1/training/exercises/{exercise_id}"), ("PATCH", "/api/v1/training/exercises/{exercise_id}"),
    ("POST", "/api/v1/training/exercises/{exercise_id}/complete"),
    ("GET", "/api/v1/training/coordinator-courses"), ("POST", "/api/v1/training/coordinator-courses"),
    ("GET", "/api/v1/training/coordinator-participations"), ("POST", "/api/v1/training/coordinator-participations"),
    ("POST", "/api/v1/reports"), ("GET", "/api/v1/reports"), ("GET", "/api/v1/reports/comparison"),
    ("GET", "/api/v1/reports/{report_id}"), ("PATCH", "/api/v1/reports/{report_id}"),
    ("POST", "/api/v1/reports/{report_id}/approval"), ("GET", "/api/v1/reports/{report_id}/document"),
    ("GET", "/api/v1/governing-documents"), ("POST", "/api/v1/governing-documents"),
    ("GET", "/api/v1/governing-documents/{document_id}"), ("PATCH", "/api/v1/governing-documents/{document_id}"),
    ("POST", "/api/v1/governing-documents/{document_id}/reviews"),
    ("GET", "/api/v1/governing-documents/{document_id}/attestations"),
    ("POST", "/api/v1/governing-documents/{document_id}/attestations"),
    ("GET", "/api/v1/advice"), ("POST", "/api/v1/advice"), ("GET", "/api/v1/advice/summary"),
    ("GET", "/api/v1/advice/{advice_id}"), ("PATCH", "/api/v1/advice/{advice_id}"),
    ("GET", "/api/v1/requirements"), ("POST", "/api/v1/requirements"), ("PUT", "/api/v1/requirements/{code}"),
    ("GET", "/api/v1/annual-plan"), ("POST", "/api/v1/annual-plan"), ("POST", "/api/v1/annual-plan/copy"),
    ("GET", "/api/v1/annual-plan/{activity_id}"), ("PATCH", "/api/v1/annual-plan/{activity_id}"),
    ("POST", "/api/v1/annual-plan/{activity_id}/evidence"),
    ("GET", "/api/v1/audit/{service}"),
    ("GET", "/api/v1/audit/{service}/verification"),
    ("POST", "/api/v1/webhooks/subscriptions"), ("GET", "/api/v1/webhooks/subscriptions"),
    ("GET", "/api/v1/webhooks/subscriptions/{subscription_id}"),
    ("PATCH", "/api/v1/webhooks/subscriptions/{subscription_id}"),
    ("DELETE", "/api/v1/webhooks/subscriptions/{subscription_id}"),
    ("POST", "/api/v1/webhooks/subscriptions/{subscription_id}/rotate-secret"),
    ("GET", "/api/v1/webhooks/subscriptions/{subscription_id}/deliveries"),
    ("POST", "/api/v1/webhooks/subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver"),
    # evidence attachments (shared/attachments)
    ("GET", "/api/v1/incidents/{incident_id}/attachments"),
    ("POST", "/api/v1/incidents/{incident_id}/attachments"),
    ("GET", "/api/v1/incidents/{incident_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/incidents/{incident_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/incidents/{incident_id}/measures/{measure_id}/attachments"),
    ("POST", "/api/v1/incidents/{incident_id}/measures/{measure_id}/attachments"),
    ("GET", "/api/v1/incidents/{incident_id}/measures/{measure_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/incidents/{incident_id}/measures/{measure_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/risks/{risk_id}/attachments"),
    ("POST", "/api/v1/risks/{risk_id}/attachments"),
    ("GET", "/api/v1/risks/{risk_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/risks/{risk_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/risks/{risk_id}/measures/{measure_id}/attachments"),
    ("POST", "/api/v1/risks/{risk_id}/measures/{measure_id}/attachments"),
    ("GET", "/api/v1/risks/{risk_id}/measures/{measure_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/risks/{risk_id}/measures/{measure_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/dpias/{dpia_id}/attachments"),
    ("POST", "/api/v1/dpias/{dpia_id}/attachments"),
    ("GET", "/api/v1/dpias/{dpia_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/dpias/{dpia_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/training/exercises/{exercise_id}/attachments"),
    ("POST", "/api/v1/training/exercises/{exercise_id}/attachments"),
    ("GET", "/api/v1/training/exercises/{exercise_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/training/exercises/{exercise_id}/attachments/{attachment_id}/removal"),
    ("GET", "/api/v1/governing-documents/{document_id}/attachments"),
    ("POST", "/api/v1/governing-documents/{document_id}/attachments"),
    ("GET", "/api/v1/governing-documents/{document_id}/attachments/{attachment_id}"),
    ("POST", "/api/v1/governing-documents/{document_id}/attachments/{attachment_id}/removal"),
}


def test_every_route_is_documented():
    document = openapi_document(GatewayService)
    documented = {(method.upper(), path) for path, operations in document["paths"].items() for method in operations}
    assert documented == EXPECTED
    assert document["openapi"].startswith("3.")


def test_schemas_come_from_marshmallow():
    document = openapi_document(GatewayService)
    report = document["paths"]["/api/v1/incidents"]["post"]
    body = report["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/ReportIncident")
    schema = document["components"]["schemas"]["ReportIncident"]
    assert set(schema["required"]) >= {"title", "kind", "aware_at"}
    assert schema["properties"]["kind"]["enum"] == ["security_incident", "personal_data_breach", "deviation",
                                                    "near_miss"]
    assert {"400", "401", "403", "201"} <= set(report["responses"])


def test_every_protected_route_names_a_known_action():
    for _, entrypoint in routes(GatewayService):
        assert entrypoint.action is None or entrypoint.action in PERMISSIONS


def test_werkzeug_arguments_become_openapi_parameters():
    assert openapi_path("/a/<string:incident_id>/b/<x>") == "/a/{incident_id}/b/{x}"


def test_the_document_is_valid_openapi():
    from openapi_spec_validator import validate
    validate(openapi_document(GatewayService))  # raises naming the first violation


def test_an_int_path_argument_is_an_integer_within_a_stored_id():
    parameters = openapi_document(GatewayService)["paths"]["/api/v1/advice/{advice_id}"]["get"]["parameters"]
    assert parameters == [{"in": "path", "name": "advice_id", "required": True,
                           "schema": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}}]


def test_a_refused_file_is_answered_with_its_report_and_other_errors_with_the_error_schema():
    responses = openapi_document(GatewayService)["paths"]["/api/v1/training/completions/import"]["post"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ImportResult")
    assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_security_only_on_routes_with_an_action():
    document = openapi_document(GatewayService)
    for name, entrypoint in routes(GatewayService):
        operation = document["paths"][openapi_path(entrypoint.url)][entrypoint.method.lower()]
        assert ("security" in operation) == (entrypoint.action is not None), name
        assert operation["summary"] and operation["tags"] != ["default"], name
