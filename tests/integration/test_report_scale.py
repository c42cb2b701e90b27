"""A year of generated activity at scale, over RabbitMQ with every service running: hundreds of
incidents, risks and processing activities, tens of campaigns and exercises. The reports' figures,
kept by reporting from the events alone, equal what is counted here from the services' own listings."""
import random
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone

import eventlet

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_privacy_register import complete_record
from tests.integration.test_reports import KINDS, PERIOD, ok
from tests.integration.test_risk import complete, new_assessment, new_risk

INCIDENTS, ASSESSMENTS, RISKS_EACH, PROCESSINGS, CAMPAIGNS, EXERCISES = 300, 10, 20, 150, 20, 6
CATEGORIES = ("phishing", "misdirected_email_or_letter", "lost_or_stolen_device", "malware_ransomware")
SEVERITIES = ("low", "medium", "high")
PARALLEL = 8  # requests in flight, as many coordinators at work would send them


def in_parallel(function, items):
    return list(eventlet.GreenPool(PARALLEL).imap(function, items))


def listed(client, path, **params) -> list:
    """Every item of a listing, page by page: the services' own count."""
    items, page = [], 1
    while True:
        found = ok(client.get(path, params={**params, "page": page, "page_size": 100}))
        items += found["items"]
        if len(items) >= found["total"]:
            return items
        page += 1


def generate_incidents(client, chance):
    now = datetime.now(timezone.utc)

    def one(n):
        kind = chance.choice(KINDS)
        aware_hours_ago = chance.choice((1, 5, 30, 80)) if kind == "personal_data_breach" else 1
        incident = ok(client.post("/incidents", json={
            "title": f"Hendelse {n}", "description": "Generert aktivitet.", "kind": kind,
            "category": chance.choice(CATEGORIES),
            "occurred_at": (now - timedelta(hours=aware_hours_ago + 1)).isoformat(),
            "aware_at": (now - timedelta(hours=aware_hours_ago)).isoformat()}), 201)
        return incident, aware_hours_ago, chance.random()

    return in_parallel(one, range(INCIDENTS))


def work_on_incident(client, entry):
    incident, aware_hours_ago, roll = entry
    path = f"/incidents/{incident['id']}"
    if roll < 0.5:
        ok(client.post(f"{path}/assessment", json={
            "severity": SEVERITIES[int(roll * 6) % 3],
            "personal_data_involved": incident["kind"] == "personal_data_breach"}))
    if incident["kind"] == "personal_data_breach" and roll < 0.7:
        late = {"delay_reason": "Oppdaget sent i ferien."} if aware_hours_ago > 72 else {}
        ok(client.post(f"{path}/authority-notifications", json={"reference": "AR-1", **late}), 201)
    if roll > 0.9 and incident["kind"] != "personal_data_breach":  # a breach closes only once notified
        for status in ("triage", "investigating", "contained", "resolved"):
            ok(client.post(f"{path}/status", json={"status": status}))
        ok(client.post(f"{path}/close", json={"root_cause": "Menneskelig feil.",
                                              "lessons_learned": "Opplæring."}))


def generate_risks(coordinator, leader, chance):
    def one(n):
        assessment = new_assessment(coordinator, title=f"ROS {n}")
        risks = [new_risk(coordinator, assessment["id"], chance.randint(1, 5), chance.randint(1, 5),
                          title=f"Risiko {n}.{r}") for r in range(RISKS_EACH)]
        complete(coordinator, assessment["id"])
        if n % 5:  # most are approved by the agency head; two wait
            ok(leader.post(f"/risk-assessments/{assessment['id']}/approval", json={"note": "Godkjent"}))
        return risks

    return [risk for risks in in_parallel(one, range(ASSESSMENTS)) for risk in risks]


def decide_some_unacceptable_risks(coordinator, leader):
    unacceptable = wait_for(lambda: [r for r in listed(coordinator, "/risks", level="high")
                                     if r.get("unacceptable_since")] or None)
    for risk in unacceptable[::3]:
        ok(leader.post(f"/risks/{risk['id']}/decision", json={
            "decision": "accept", "justification": "Tiltak er bestilt", "valid_until": f"{oslo_today().year + 1}-06-30"}),
           201)


def generate_processing(pko, chance):
    def one(n):
        body = complete_record(name=f"Behandling {n}") if chance.random() < 0.7 else {
            "name": f"Utkast {n}", "status": "draft"}
        ok(pko.post("/processing-activities", json=body), 201)

    in_parallel(one, range(PROCESSINGS))


def generate_training(pko, chance):
    courses = [ok(pko.post("/training/courses", json={"code": f"K-{n}", "title": f"Kurs {n}", "topic": topic}), 201)
               for n, topic in enumerate(("privacy", "security", "both", "privacy"))]
    ok(pko.put("/training/participants", json={"participants": [
        {"participant_id": f"p-{n}", "unit": ("Skole A", "Skole B", "Etat")[n % 3], "role": ("lærer", "leder")[n % 2]}
        for n in range(60)]}))
    tomorrow = (oslo_today() + timedelta(days=1)).isoformat()

    def campaign(n):
        course = courses[n % len(courses)]
        created = ok(pko.post("/training/campaigns", json={
            # starting tomorrow, so that the timer cannot launch it first; launching moves the start to today
            "title": f"Kampanje {n}", "topic": course["topic"], "course_id": course["id"], "starts_on": tomorrow,
            "ends_on": tomorrow, "target_rate": chance.choice((30, 60, 90))}), 201)
        return created

    campaigns = in_parallel(campaign, range(CAMPAIGNS))
    for created in campaigns:
        ok(pko.post(f"/training/campaigns/{created['id']}/launch"))
    done = set()
    for course in courses:
        for n in chance.sample(range(60), chance.randint(5, 50)):
            if (course["id"], n) not in done:
                done.add((course["id"], n))
                ok(pko.post("/training/completions", json={"course_id": course["id"], "participant_id": f"p-{n}",
                                                           "completed_on": oslo_today().isoformat()}), 201)
    in_parallel(lambda c: ok(pko.post(f"/training/campaigns/{c['id']}/complete")), campaigns)

    def exercise(n):
        created = ok(pko.post("/training/exercises", json={
            "title": f"Øvelse {n}", "type": "tabletop", "scenario": "Nettet er nede", "held_on": oslo_today().isoformat(),
            "findings": [{"title": f"Funn {f}", "severity": chance.choice(("low", "medium", "high"))}
                         for f in range(chance.randint(0, 4))]}), 201)
        if n % 3:
            ok(pko.post(f"/training/exercises/{created['id']}/complete", json={"evaluation": "Evaluert."}))

    in_parallel(exercise, range(EXERCISES))


def accepted(risk: dict) -> bool:
    return any(decision["kind"] == "accept" for decision in risk["decisions"])


def dig(found: dict, path: tuple):
    for key in path:
        found = found.get(key) if isinstance(found, dict) else None
    return found


def management_review_parts(client, report_id) -> dict:
    content = ok(client.get(f"/reports/{report_id}"))["content"]
    return {part["key"]: part["figures"] for section in content["sections"] for part in section.get("parts", [])}


def test_a_generated_year_gives_reports_equal_to_the_services_own_listings(vern):
    code = f"year-{uuid.uuid4().hex[:8]}"
    chance = random.Random(8)
    coordinator, leader = vern.client(("pko", "isk"), code), vern.client(("leader",), code)
    in_parallel(lambda entry: work_on_incident(coordinator, entry), generate_incidents(coordinator, chance))
    generate_risks(coordinator, leader, chance)
    decide_some_unacceptable_risks(coordinator, leader)
    generate_processing(coordinator, chance)
    generate_training(coordinator, chance)

    # what the services themselves list
    incidents = listed(coordinator, "/incidents")
    assessments = listed(coordinator, "/risk-assessments")
    risks = listed(coordinator, "/risks")
    processing = listed(coordinator, "/processing-activities")
    campaigns = [ok(coordinator.get(f"/training/campaigns/{c['id']}"))
                 for c in listed(coordinator, "/training/campaigns", status="completed")]
    exercises = [ok(coordinator.get(f"/training/exercises/{e['id']}"))
                 for e in listed(coordinator, "/training/exercises", status="completed")]
    statistics = ok(coordinator.get("/incidents/statistics"))
    assert len(incidents) == INCIDENTS and len(processing) == PROCESSINGS and len(campaigns) == CAMPAIGNS
    # besides those assessed, the exercises' findings became draft risks in the risk service
    assert sum(1 for r in risks if (r.get("assessment_title") or "").startswith("ROS ")) == ASSESSMENTS * RISKS_EACH

    review = ok(coordinator.post("/reports", json={"kind": "management_review", **PERIOD}), 201)
    # the facts arrive over the bus; wait until the last of each kind is in
    expected = {("incidents", "reported"): INCIDENTS,
                ("incidents", "closed"): sum(1 for i in incidents if i["status"] == "closed"),
                ("incidents", "breaches", "notified"): statistics["breaches_notified"],
                ("risk", "assessments_approved"): ASSESSMENTS - ASSESSMENTS // 5,
                ("risk", "decisions", "accepted"): sum(1 for r in risks if accepted(r)),
                ("privacy_register", "processing_activities"): PROCESSINGS,
                ("training", "campaigns_completed"): CAMPAIGNS,
                ("training", "exercises_held"): len(exercises)}

    def arrived():
        """The figures once the last fact of each kind is in (they arrive over the bus)."""
        parts = management_review_parts(coordinator, review["id"])
        return {path: dig(parts, path) for path in expected}

    wait_for(lambda: arrived() == expected, timeout=60, interval=0.5)
    assert arrived() == expected
    parts = management_review_parts(coordinator, review["id"])

    figures = parts["incidents"]
    assert figures["by_kind"] == dict(Counter(i["kind"] for i in incidents))
    assert figures["by_category"] == dict(Counter(i["category"] for i in incidents))
    assert figures["by_severity"] == dict(Counter(i["severity"] or "not_assessed" for i in incidents))
    assert figures["serious"] == sum(1 for i in incidents if i["serious"])
    breaches = [i for i in incidents if i["kind"] == "personal_data_breach"]
    assert figures["breaches"]["total"] == len(breaches)
    assert figures["breaches"]["late"] == sum(1 for i in breaches if i["authority_notification"] == "late")
    assert figures["breaches"]["within_72_hours"] == statistics["breaches_notified_within_72h"]
    assert figures["breaches"]["not_notified"] == sum(1 for i in breaches if i["authority_notification"] == "pending")
    assert figures["by_month"] == statistics["per_month"]

    figures = parts["risk"]
    approved = [a for a in assessments if a["status"] == "approved"]
    assert figures["assessments_approved"] == len(approved)
    approved_ids = {a["id"] for a in approved}
    assert figures["risks_assessed"] == sum(1 for r in risks if r["assessment_id"] in approved_ids)
    # high is above Oslo's acceptance criteria: each high risk was announced as unacceptable, once
    unacceptable = [r for r in risks if r["level"] == "high"]
    assert figures["unacceptable_identified"] == len(unacceptable) > 0
    assert figures["unacceptable_undecided_now"] == sum(1 for r in unacceptable if not r["decisions"])

    figures = parts["privacy_register"]
    assert figures["complete"] == sum(1 for p in processing if p["complete"])
    assert figures["incomplete"] == sum(1 for p in processing if not p["complete"])

    figures = parts["training"]
    assert figures["enrolled"] == sum(c["figures"]["enrolled"] for c in campaigns)
    assert figures["completed"] == sum(c["figures"]["completed"] for c in campaigns)
    assert figures["campaigns_meeting_target"] == sum(1 for c in campaigns if c["figures"]["target_met"])
    assert figures["exercise_findings"] == dict(sorted(Counter(
        finding["severity"] for e in exercises for finding in e["findings"]).items()))

    # the incident summary and the self-declaration read the same facts
    summary = ok(coordinator.post("/reports", json={"kind": "incident_summary", **PERIOD}), 201)
    assert summary["content"]["sections"][0]["figures"] == parts["incidents"]
    declaration = ok(leader.post("/reports", json={"kind": "self_declaration", **PERIOD}), 201)
    answers = {s["key"]: s["answer"] for s in declaration["content"]["statements"]}
    assert answers["breaches_notified_in_time"] == "no"  # some breaches were late or are not notified
    assert answers["training_conducted"] == answers["exercise_held"] == "yes"
