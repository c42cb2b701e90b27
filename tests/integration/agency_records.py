"""One real record of every kind a route's path can name, created through the API as one agency.

Keyed by the path parameter that names the record (`incident_id`, `code`, ...), so a route's path
is filled by its parameter names; `CONTEXTUAL` names the few parameters whose meaning depends on
the collection they sit under (a `measure_id` of an incident is not one of a risk)."""
from datetime import timedelta

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_escalation import assess, report, tasks_when
from tests.integration.test_governance import advice_request, routine
from tests.integration.test_privacy_register import complete_record, screen, written_dpia
from tests.integration.test_risk import new_assessment, new_risk
from tests.integration.test_training import close_incident, course

# (first path segment after /api/v1, parameter) -> the key of `create_records`
CONTEXTUAL = {
    ("incidents", "measure_id"): "incident_measure_id",
    ("risks", "measure_id"): "risk_measure_id",
    ("webhooks", "delivery_id"): "webhook_delivery_id",
}


# what `create_records` returns: every record a path parameter may name
RECORD_KEYS = frozenset({
    "incident_id", "incident_measure_id", "task_id", "assessment_id", "risk_id", "risk_measure_id",
    "processing_id", "dpia_id", "agreement_id", "course_id", "campaign_id", "exercise_id", "suggestion_id",
    "document_id", "advice_id", "activity_id", "code", "rule_id", "report_id", "subscription_id",
    "webhook_delivery_id", *(f"{owner}_attachment_id" for owner in (
        "incident", "incident_measure", "risk", "risk_measure", "dpia", "exercise", "document"))})
# the collection an attachment sits under -> the record kind that owns it
ATTACHMENT_OWNERS = {"incidents": "incident", "risks": "risk", "dpias": "dpia", "training": "exercise",
                     "governing-documents": "document"}
UPLOAD = {"file": ("bevis.txt", b"Referat fra kontrollen\n", "text/plain")}


def ok(response, status=200):
    assert response.status_code == status, f"{response.request.method} {response.url}: {response.text}"
    return response.json()


def record_key(path: str, parameter: str) -> str:
    """`path` without the /api/v1 prefix: which record a path parameter names."""
    collection = path.lstrip("/").split("/", 1)[0]
    if parameter == "attachment_id":  # an evidence file of the record (or of its measure) the path names
        return f"{ATTACHMENT_OWNERS[collection]}{'_measure' if '/measures/' in path else ''}_attachment_id"
    return CONTEXTUAL.get((collection, parameter), parameter)


def create_records(vern, agency: str) -> dict:
    coordinator = vern.client(("pko", "isk"), agency)
    subscription = _subscription(vern.client(("admin",), agency))  # first: the events below are its deliveries
    records = {**_incidents(coordinator), **_risk(coordinator), **_privacy(coordinator), **_training(coordinator),
               **_governance(coordinator), **_delivery(coordinator, subscription)}
    return {**records, **_attachments(coordinator, records)}


def _attachments(coordinator, records: dict) -> dict:
    """One evidence file on every kind of record that keeps them."""
    under = {"incident": f"/incidents/{records['incident_id']}",
             "incident_measure": f"/incidents/{records['incident_id']}/measures/{records['incident_measure_id']}",
             "risk": f"/risks/{records['risk_id']}",
             "risk_measure": f"/risks/{records['risk_id']}/measures/{records['risk_measure_id']}",
             "dpia": f"/dpias/{records['dpia_id']}", "exercise": f"/training/exercises/{records['exercise_id']}",
             "document": f"/governing-documents/{records['document_id']}"}
    return {f"{owner}_attachment_id": ok(coordinator.post(f"{path}/attachments", files=UPLOAD), 201)["id"]
            for owner, path in under.items()}


def _subscription(admin) -> dict:
    # .invalid never resolves (RFC 6761): the deliveries stay pending, retried, which is all the routes need
    return ok(admin.post("/webhooks/subscriptions", json={"url": "https://receiver.invalid/vern",
                                                          "event_types": ["incidents.*"]}), 201)


def _delivery(coordinator, subscription: dict) -> dict:
    delivery, *_ = wait_for(lambda: ok(coordinator.get(
        f"/webhooks/subscriptions/{subscription['id']}/deliveries"))["items"], timeout=20)
    return {"subscription_id": subscription["id"], "webhook_delivery_id": delivery["id"]}


def _incidents(coordinator) -> dict:
    # a serious breach: reporting opens notification tasks, and the authority notification applies
    incident = report(coordinator, kind="personal_data_breach", category="data_loss")
    assess(coordinator, incident["id"], "high", personal_data=True)
    measure = ok(coordinator.post(f"/incidents/{incident['id']}/measures",
                                  json={"title": "Bytt passord", "owner": "isk"}), 201)
    task = tasks_when(coordinator, incident["id"], 1)[0]
    return {"incident_id": incident["id"], "incident_measure_id": measure["id"], "task_id": task["id"]}


def _risk(coordinator) -> dict:
    assessment = new_assessment(coordinator)
    risk = new_risk(coordinator, assessment["id"], 2, 2)
    measure = ok(coordinator.post(f"/risks/{risk['id']}/measures", json={
        "title": "Personlige kontoer", "owner": "systemeier",
        "due_date": (oslo_today() + timedelta(days=60)).isoformat()}), 201)
    return {"assessment_id": assessment["id"], "risk_id": risk["id"], "risk_measure_id": measure["id"]}


def _privacy(coordinator) -> dict:
    processing = ok(coordinator.post("/processing-activities", json=complete_record()), 201)
    screen(coordinator, processing["id"])
    dpia = written_dpia(coordinator, processing["id"])
    agreement = ok(coordinator.post("/processor-agreements", json={
        "processor": "Skolesystemer AS", "processing_ids": [processing["id"]], "status": "signed",
        "signed_on": "2025-01-15", "expires_on": (oslo_today() + timedelta(days=300)).isoformat()}), 201)
    return {"processing_id": processing["id"], "dpia_id": dpia["id"], "agreement_id": agreement["id"]}


def _training(coordinator) -> dict:
    taught = course(coordinator, code="ISO-1")
    campaign = ok(coordinator.post("/training/campaigns", json={
        "title": "Personvernuka", "topic": "privacy", "course_id": taught["id"],
        "starts_on": (oslo_today() + timedelta(days=30)).isoformat(),
        "ends_on": (oslo_today() + timedelta(days=60)).isoformat()}), 201)
    exercise = ok(coordinator.post("/training/exercises", json={
        "title": "Bortfall av nett", "type": "tabletop", "scenario": "Nettet er nede en dag",
        "held_on": oslo_today().isoformat()}), 201)
    for n in range(3):  # three closed phishing incidents within 30 days: training suggests a campaign
        close_incident(coordinator, "phishing", f"Nettfiske {n}")
    suggestion, = wait_for(lambda: ok(coordinator.get("/training/campaign-suggestions"))["items"], timeout=20)
    return {"course_id": taught["id"], "campaign_id": campaign["id"], "exercise_id": exercise["id"],
            "suggestion_id": suggestion["id"]}


def _governance(coordinator) -> dict:
    document = ok(coordinator.post("/governing-documents", json=routine()), 201)
    advice = ok(coordinator.post("/advice", json=advice_request()), 201)
    activity = ok(coordinator.post("/annual-plan", json={
        "year": oslo_today().year, "area": "security", "kind": "risk_assessment", "title": "ROS for fagsystemene",
        "owner_role": "isk", "due_month": 12}), 201)
    requirement = ok(coordinator.post("/requirements", json={
        "code": "eget-krav", "title_nb": "Eget krav", "text_nb": "Virksomhetens eget krav."}), 201)
    rule = ok(coordinator.post("/routing-rules", json={
        "event_type": "incidents.incident_escalated", "recipient_role": "leader",
        "conditions": {"severity": "critical"}}), 201)
    report_ = ok(coordinator.post("/reports", json={
        "kind": "management_review", "period_start": f"{oslo_today().year}-01-01",
        "period_end": f"{oslo_today().year}-12-31"}), 201)
    return {"document_id": document["id"], "advice_id": advice["id"], "activity_id": activity["id"],
            "code": requirement["code"], "rule_id": rule["id"], "report_id": report_["id"]}
