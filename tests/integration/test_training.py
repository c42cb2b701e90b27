"""Training, campaigns and exercises through the gateway, over the real RabbitMQ and a real database."""
import json
import random
import uuid
from datetime import datetime, timedelta, timezone

from shared.clock import shifted, today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_case_work import PATH_TO_RESOLVED, walk_to
from tests.integration.test_risk import rpc_consumers

UNITS = ("Skole A", "Skole B", "Bydelskontor", "Etatsledelsen")
ROLES = ("lærer", "saksbehandler", "leder")


def agency() -> str:
    return f"trn-{uuid.uuid4().hex[:8]}"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def events(vern, routing_key, subject=None):
    rows = vern.sql("training", "SELECT envelope FROM outbox_events WHERE routing_key = :key", key=routing_key)
    found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [e for e in found if subject is None or e["subject"] == subject]


def directory(count=120, since="2020-01-01"):
    """A pseudonymous directory: ids, units and roles, the way an agency's HR export gives them."""
    return [{"participant_id": f"u-{n:04d}", "unit": UNITS[n % len(UNITS)], "role": ROLES[n % len(ROLES)],
             "since": since} for n in range(1, count + 1)]


def course(pko, code="PV-101", **overrides):
    return ok(pko.post("/training/courses", json={
        "code": code, "title": "Personvern for alle ansatte", "topic": "privacy", "duration_minutes": 30,
        "material_url": "https://laring.oslo.kommune.no/personvern", "pass_mark": 80, **overrides}), 201)


def csv_file(rows, header="BrukerID;Kurskode;Fullført;Poeng;Enhet") -> bytes:
    """An e-learning platform's export as Norwegian Excel saves it: semicolons, BOM, CRLF, dd.mm.yyyy."""
    return ("\ufeff" + header + "\r\n" + "".join(";".join(map(str, row)) + "\r\n" for row in rows)).encode()


def five_hundred_rows(courses):
    rnd = random.Random(7)
    start = oslo_today() - timedelta(days=200)
    people = [f"u-{n:04d}" for n in range(1, 201)]
    rows = set()
    while len(rows) < 500:
        rows.add((rnd.choice(people), rnd.choice(courses), start + timedelta(days=rnd.randrange(190))))
    return [(person, code, day.strftime("%d.%m.%Y"), f"{rnd.randint(60, 99)},{rnd.choice((0, 5))}",
             UNITS[int(person[2:]) % len(UNITS)]) for person, code, day in sorted(rows)]


def post_csv(client, content: bytes, **params):
    return client.post("/training/completions/import", data=content, params=params,
                       headers={"Content-Type": "text/csv"})


def completion_count(vern, code):
    return vern.sql("training", "SELECT count(*) FROM completions WHERE agency = :a", a=code)[0][0]


def test_a_campaign_is_planned_launched_reminded_and_completed_with_its_figures(vern):
    code = agency()
    pko, leader, central = vern.client(("pko",), code), vern.client(("leader",), code), vern.client(("central",), "fin")
    loaded = ok(pko.put("/training/participants", json={"participants": directory(12)}))
    assert loaded == {"added": 12, "moved": 0, "unchanged": 0, "deactivated": 0}
    privacy = course(pko)
    campaign = ok(pko.post("/training/campaigns", json={
        "title": "Personvernuka for skolene", "topic": "privacy", "course_id": privacy["id"],
        "starts_on": (oslo_today() - timedelta(days=15)).isoformat(),
        "ends_on": (oslo_today() + timedelta(days=15)).isoformat(), "target_units": ["Skole A", "Skole B"],
        "target_rate": 80, "reminders": {"count": 2, "spacing_days": 7}}), 201)
    assert campaign["status"] == "planned"

    # the timer launches it (it started two weeks ago) and, late, sends the latest reminder due, once
    launched = wait_for(lambda: ok(pko.get(f"/training/campaigns/{campaign['id']}"))["status"] == "running")
    assert launched
    shown = wait_for(lambda: (c := ok(pko.get(f"/training/campaigns/{campaign['id']}")))["reminders_sent"] == 2 and c)
    assert shown["figures"]["enrolled"] == 6 and {u["unit"] for u in shown["figures"]["by_unit"]} == {
        "Skole A", "Skole B"}
    launch_event, = events(vern, "campaign_launched", campaign["id"])
    assert launch_event["data"]["enrolled"] == 6 and launch_event["type"] == "no.vern.training.campaign_launched.v1"
    reminder, = events(vern, "campaign_reminder_due", campaign["id"])
    assert (reminder["data"]["reminder"], reminder["data"]["of"]) == (2, 2)
    assert len(reminder["data"]["participant_ids"]) == 6

    enrolled = [e["participant_id"] for e in ok(pko.get(f"/training/campaigns/{campaign['id']}/enrolments"))["items"]]
    for person, score in zip(enrolled[:4], (95, 81, 80, 55)):  # the last fails the quiz
        ok(pko.post("/training/completions", json={"course_id": privacy["id"], "participant_id": person,
                                                   "completed_on": oslo_today().isoformat(), "score": score}), 201)
    live = ok(leader.get(f"/training/campaigns/{campaign['id']}"))["figures"]
    assert (live["completed"], live["completion_rate"], live["target_met"]) == (3, 50.0, False)

    finished = ok(pko.post(f"/training/campaigns/{campaign['id']}/complete"))
    assert finished["status"] == "completed" and finished["figures"]["completion_rate"] == 50.0
    done, = wait_for(lambda: events(vern, "campaign_completed", campaign["id"]))
    assert (done["data"]["enrolled"], done["data"]["completed"], done["data"]["target_met"]) == (6, 3, False)
    assert sum(u["enrolled"] for u in done["data"]["by_unit"]) == 6
    assert {r["role"] for r in done["data"]["by_role"]} <= set(ROLES)

    # figures are frozen: a later completion does not change a completed campaign
    ok(pko.post("/training/completions", json={"course_id": privacy["id"], "participant_id": enrolled[5],
                                               "completed_on": oslo_today().isoformat(), "score": 99}), 201)
    assert ok(pko.get(f"/training/campaigns/{campaign['id']}"))["figures"]["completed"] == 3
    assert pko.patch(f"/training/campaigns/{campaign['id']}", json={"title": "Ny tittel"}).status_code == 409

    # the leader and the central team read the figures, not who took what; only coordinators plan
    assert central.get(f"/training/campaigns/{campaign['id']}").status_code == 200
    assert leader.get(f"/training/campaigns/{campaign['id']}/enrolments").status_code == 403
    assert leader.get("/training/completions").status_code == 403
    assert leader.post("/training/campaigns", json={}).status_code == 403
    assert vern.client(("pko",), agency()).get(f"/training/campaigns/{campaign['id']}").status_code == 404


def test_a_real_looking_file_of_500_rows_imports_and_importing_it_again_adds_nothing(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    ok(pko.put("/training/participants", json={"participants": directory(200)}))
    for course_code, topic in (("PV-101", "privacy"), ("IS-201", "security"), ("IS-202", "security")):
        course(pko, course_code, topic=topic, pass_mark=70)
    content = csv_file(five_hundred_rows(["PV-101", "IS-201", "is-202"]))

    result = ok(post_csv(pko, content, file_name="laringsportal-2026.csv"))
    assert (result["rows"], result["imported"], result["errors"], result["stored"]) == (500, 500, [], True)
    assert ok(pko.get("/training/completions", params={"page_size": 1}))["total"] == 500
    assert ok(pko.get("/training/completions", params={"page_size": 1}))["items"][0]["source"] == \
        "import:laringsportal-2026.csv"

    again = ok(post_csv(pko, content))
    assert (again["imported"], again["already_recorded"], again["stored"]) == (0, 500, False)
    assert completion_count(vern, code) == 500


def test_a_file_with_bad_rows_is_refused_whole_by_default_or_its_valid_rows_kept_when_asked(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    ok(pko.put("/training/participants", json={"participants": directory(200)}))
    course(pko, "PV-101")
    course(pko, "IS-201", topic="security")
    rows = five_hundred_rows(["PV-101", "IS-201"])
    rows[5] = (rows[5][0], "KURS-SOM-IKKE-FINNES", *rows[5][2:])       # line 7: unknown course
    rows[121] = (rows[121][0], rows[121][1], "31.02.2026", *rows[121][3:])  # line 123: no such date
    rows[300] = ("u-9999", *rows[300][1:4], "")                          # line 302: unknown, no unit: whole row out
    content = csv_file(rows)

    refused = post_csv(pko, content)
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert [(e["line"], e["field"]) for e in body["errors"]] == [
        (7, "course"), (123, "completed_on"), (302, "participant_id")]
    assert "KURS-SOM-IKKE-FINNES" in body["errors"][0]["message"]
    assert (body["stored"], body["imported"], body["rejected"]) == (False, 0, 3)
    assert completion_count(vern, code) == 0

    checked = ok(post_csv(pko, content, mode="valid_rows", dry_run="true"))
    assert (checked["would_import"], checked["stored"]) == (497, False) and completion_count(vern, code) == 0

    kept = ok(post_csv(pko, content, mode="valid_rows"))
    assert (kept["imported"], kept["rejected"], len(kept["errors"]), kept["stored"]) == (497, 3, 3, True)
    assert completion_count(vern, code) == 497
    # nothing of a rejected row was stored: not its completion, not its unknown participant
    assert vern.sql("training", "SELECT count(*) FROM participants WHERE agency = :a AND participant_id = 'u-9999'",
                    a=code)[0][0] == 0

    bad_header = post_csv(pko, csv_file([("u-1", "2026-01-01")], header="BrukerID;Dato"))
    assert bad_header.status_code == 422 and bad_header.json()["errors"][0] == {
        "line": 1, "field": "course", "message": bad_header.json()["errors"][0]["message"]}
    assert post_csv(pko, b"").status_code == 400
    assert post_csv(pko, content, mode="some").json()["error"]["fields"] == {"mode": ["Must be one of: "
                                                                                    "all_or_nothing, valid_rows."]}


def test_who_is_overdue_for_mandatory_training_is_shown_and_announced_once_by_two_instances(vern):
    second = vern.start_process("training")
    try:
        assert wait_for(lambda: rpc_consumers(vern, "training") >= 2, timeout=30), "the second instance started"
        code = agency()
        pko, leader = vern.client(("pko",), code), vern.client(("leader",), code)
        long_ago = "2019-06-01"
        ok(pko.put("/training/participants", json={"participants": [
            {"participant_id": "p-valid", "unit": "Skole A", "role": "lærer", "since": long_ago},
            {"participant_id": "p-expired", "unit": "Skole A", "role": "lærer", "since": long_ago},
            {"participant_id": "p-never", "unit": "Skole B", "role": "lærer", "since": long_ago},
            {"participant_id": "p-new", "unit": "Skole B", "role": "lærer", "since": oslo_today().isoformat()},
            {"participant_id": "p-office", "unit": "Bydelskontor", "role": "saksbehandler", "since": long_ago}]}))
        # the history first, then the course becomes mandatory (else the timer rightly announces everyone)
        yearly = course(pko, "IS-AARLIG", title="Årlig informasjonssikkerhet", topic="security",
                        validity_months=12, audience_units=["Skole A", "Skole B"], pass_mark=None)
        for person, on in (("p-valid", oslo_today() - timedelta(days=100)),
                           ("p-expired", oslo_today() - timedelta(days=400))):
            ok(pko.post("/training/completions", json={"course_id": yearly["id"], "participant_id": person,
                                                       "completed_on": on.isoformat()}), 201)
        # mandatory since 60 days: its 30 days' grace from then has passed (made mandatory today, nobody
        # would be overdue yet). The second instance's own clock is not moved: it finds the same, as
        # became_mandatory_on is stored
        with shifted(-timedelta(days=60)):
            ok(pko.patch(f"/training/courses/{yearly['id']}", json={"mandatory": True}))

        figures, = ok(leader.get("/training/figures"))["courses"]
        assert (figures["in_audience"], figures["compliant"], figures["due"], figures["overdue"]) == (4, 1, 1, 2)
        assert figures["completion_rate"] == 25.0
        assert {u["unit"]: u["overdue"] for u in figures["by_unit"]} == {"Skole A": 1, "Skole B": 1}
        behind = ok(pko.get("/training/overdue"))["items"]
        assert {(o["participant_id"], o["last_completed_on"] is not None) for o in behind} == {
            ("p-expired", True), ("p-never", False)}
        assert leader.get("/training/overdue").status_code == 403

        announced = wait_for(lambda: len(events(vern, "training_overdue")) >= 2 and events(vern, "training_overdue"),
                             timeout=20)
        wait_for(lambda: False, timeout=1.0)  # both instances get several more turns
    finally:
        second.terminate()
        second.wait(10)
    mine = [e for e in events(vern, "training_overdue") if e["agency"] == code]
    assert sorted(e["data"]["participant_id"] for e in mine) == ["p-expired", "p-never"]
    assert all(e["data"]["course_id"] == yearly["id"] for e in announced if e["agency"] == code)

    # a move out of the audience ends the duty; a completion brings the other back in order
    ok(pko.put("/training/participants", json={"participants": [
        {"participant_id": "p-never", "unit": "Bydelskontor", "role": "saksbehandler"}]}))
    ok(pko.post("/training/completions", json={"course_id": yearly["id"], "participant_id": "p-expired",
                                               "completed_on": oslo_today().isoformat()}), 201)
    assert ok(pko.get("/training/overdue"))["items"] == []
    people = ok(pko.get("/training/participants", params={"page_size": 100}))["items"]
    moved = next(p for p in people if p["participant_id"] == "p-never")
    assert [p["unit"] for p in moved["placements"]] == ["Skole B", "Bydelskontor"]


def test_a_completed_exercise_with_two_findings_yields_two_draft_risks(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    exercise = ok(isk.post("/training/exercises", json={
        "title": "Bortfall av sak- og arkivsystemet", "type": "tabletop",
        "scenario": "Løsepengevirus gjør sak- og arkivsystemet utilgjengelig i tre døgn.",
        "held_on": (oslo_today() - timedelta(days=2)).isoformat(), "services_exercised": ["Byggesak", "Postmottak"],
        "routines_exercised": ["Beredskapsplan IKT", "Reserverutine for postmottak"],
        "participant_roles": ["isk", "leder", "systemeier", "IKT-drift"]}), 201)
    assert exercise["status"] == "planned"
    assert isk.post(f"/training/exercises/{exercise['id']}/complete", json={}).status_code == 400  # no evaluation

    observed = ok(isk.patch(f"/training/exercises/{exercise['id']}", json={
        "observations": ["Varslingslisten var ikke oppdatert", "Reserverutinen ble funnet etter 40 minutter"],
        "findings": [
            {"title": "Reserverutinen for postmottak er ukjent", "severity": "high",
             "description": "Ingen visste hvor papirskjemaene lå.", "proposed_measure": "Øv reserverutinen årlig"},
            {"title": "Varslingslisten er utdatert", "severity": "medium",
             "proposed_measure": "Eier oppdaterer listen kvartalsvis"}]}))
    assert [f["finding_id"] for f in observed["findings"]] == ["F1", "F2"]
    completed = ok(isk.post(f"/training/exercises/{exercise['id']}/complete", json={
        "evaluation": "Øvelsen avdekket at reserverutinene ikke er kjent. To funn følges opp."}))
    assert completed["status"] == "completed" and completed["follow_up_status"] == "open"

    drafts = wait_for(lambda: len(found := ok(isk.get("/risks", params={"status": "draft"}))["items"]) >= 2 and found)
    assert sorted(d["title"] for d in drafts) == ["Reserverutinen for postmottak er ukjent",
                                                  "Varslingslisten er utdatert"]
    assert {d["origin"]["exercise_id"] for d in drafts} == {exercise["id"]}
    assert {d["origin"]["proposed_measure"] for d in drafts} == {"Øv reserverutinen årlig",
                                                                 "Eier oppdaterer listen kvartalsvis"}
    published, = events(vern, "exercise_completed", exercise["id"])
    assert published["data"]["routines_exercised"] == ["Beredskapsplan IKT", "Reserverutine for postmottak"]

    # the findings went out: they are locked, the follow-up moves on
    assert isk.patch(f"/training/exercises/{exercise['id']}", json={"findings": []}).status_code == 409
    followed = ok(isk.patch(f"/training/exercises/{exercise['id']}", json={"follow_up_status": "in_progress"}))
    assert followed["follow_up_status"] == "in_progress"
    assert ok(isk.get("/training/exercises", params={"follow_up_status": "in_progress"}))["total"] == 1


def close_incident(client, category, title):
    now = datetime.now(timezone.utc)
    incident = ok(client.post("/incidents", json={
        "title": title, "description": "Meldt av ansatt.", "kind": "security_incident", "category": category,
        "occurred_at": (now - timedelta(hours=5)).isoformat(), "aware_at": (now - timedelta(hours=4)).isoformat()}),
        201)
    ok(client.post(f"/incidents/{incident['id']}/assessment", json={"severity": "low",
                                                                    "personal_data_involved": False}))
    walk_to(client, incident["id"], *PATH_TO_RESOLVED)
    ok(client.post(f"/incidents/{incident['id']}/close", json={
        "root_cause": "Ansatt klikket på lenke", "lessons_learned": "Mer opplæring i å kjenne igjen nettfisking"}))
    return incident["id"]


def test_three_phishing_incidents_closed_within_30_days_yield_one_campaign_suggestion(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    first_two = [close_incident(isk, "phishing", f"Nettfiske {n}") for n in (1, 2)]
    close_incident(isk, "misdirected_email_or_letter", "Feilsendt e-post")
    wait_for(lambda: vern.sql("training", "SELECT count(*) FROM closed_incidents WHERE agency = :a", a=code)[0][0] == 3)
    assert ok(isk.get("/training/campaign-suggestions"))["items"] == []  # two are not yet a pattern

    third = close_incident(isk, "phishing", "Nettfiske 3")
    suggestion, = wait_for(lambda: ok(isk.get("/training/campaign-suggestions"))["items"])
    assert (suggestion["theme"], suggestion["topic"], suggestion["status"]) == ("phishing", "security", "open")
    assert sorted(suggestion["incident_ids"]) == sorted([*first_two, third])

    fourth = close_incident(isk, "phishing", "Nettfiske 4")
    wait_for(lambda: fourth in ok(isk.get("/training/campaign-suggestions"))["items"][0]["incident_ids"])
    wait_for(lambda: False, timeout=1.0)  # the timer's sweep gets several turns
    assert len(ok(isk.get("/training/campaign-suggestions"))["items"]) == 1
    assert len(events(vern, "campaign_suggested", suggestion["id"])) == 1
    assert [e for e in events(vern, "campaign_suggested") if e["agency"] == code] == events(
        vern, "campaign_suggested", suggestion["id"])

    accepted = ok(isk.post(f"/training/campaign-suggestions/{suggestion['id']}/accept", json={
        "starts_on": (oslo_today() + timedelta(days=7)).isoformat(),
        "ends_on": (oslo_today() + timedelta(days=37)).isoformat(), "target_roles": []}))
    assert accepted["status"] == "accepted"
    campaign = ok(isk.get(f"/training/campaigns/{accepted['campaign_id']}"))
    assert (campaign["theme"], campaign["topic"], campaign["status"], campaign["suggestion_id"]) == (
        "phishing", "security", "planned", suggestion["id"])
    assert isk.post(f"/training/campaign-suggestions/{suggestion['id']}/dismiss",
                    json={"reason": "Allerede planlagt"}).status_code == 409


def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    privacy = course(pko)
    assert pko.post("/training/courses", json={"code": "pv-101", "title": "Samme kode", "topic": "privacy"}
                    ).status_code == 409
    refused = pko.post("/training/campaigns", json={
        "title": "Baklengs", "topic": "privacy", "course_id": privacy["id"], "starts_on": "2026-12-01",
        "ends_on": "2026-11-01"})
    assert refused.status_code == 400 and set(refused.json()["error"]["fields"]) == {"ends_on"}
    assert set(pko.post("/training/campaigns", json={
        "title": "For mye", "topic": "privacy", "course_id": privacy["id"], "starts_on": "2026-12-01",
        "ends_on": "2026-12-02", "target_rate": 140}).json()["error"]["fields"]) == {"target_rate"}
    assert pko.post("/training/campaigns", json={"title": "Uten kurs", "topic": "security", "starts_on": "2026-12-01",
                                                 "ends_on": "2026-12-02"}).json()["error"]["fields"] == {
        "course_id": ["Give a course or a theme / Oppgi kurs eller tema."]}
    assert pko.post("/training/completions", json={"course_id": privacy["id"], "participant_id": "ukjent",
                                                   "completed_on": "2026-01-01"}).status_code == 400
    assert ok(pko.get("/training/campaigns"))["total"] == 0 and completion_count(vern, code) == 0

    later = ok(pko.post("/training/exercises", json={
        "title": "Strømbrudd", "type": "functional", "scenario": "Strømbrudd i rådhuset",
        "held_on": (oslo_today() + timedelta(days=10)).isoformat(), "evaluation": "Planlagt"}), 201)
    not_yet = pko.post(f"/training/exercises/{later['id']}/complete", json={})
    assert not_yet.status_code == 400 and "held_on" in not_yet.json()["error"]["fields"]
    assert events(vern, "exercise_completed", later["id"]) == []
