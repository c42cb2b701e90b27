"""The coordinators' own competence through the gateway, over the real RabbitMQ and a real database
(issue 25 items 6 and 7): the central team publishes a course for the coordinators, two agencies record
who took part, and the municipality view counts each agency's coverage; another agency's coordinators
are not a caller's to record."""
from datetime import timedelta

from shared.clock import today as oslo_today
from tests.integration.harness import wait_for
from tests.integration.test_training import agency, events, ok


def coverage(client, agencies: set, start):
    """The comparison's coordinator figures of `agencies` once reporting has folded what they recorded."""
    compared = ok(client.get("/reports/comparison", params={"period_start": start.isoformat(),
                                                            "period_end": oslo_today().isoformat()}))
    return compared, {a["agency"]: a["coordinators"] for a in compared["agencies"] if a["agency"] in agencies}


def test_central_publishes_agencies_record_and_the_municipality_view_counts_coverage(vern):
    first, second = agency(), agency()
    central = vern.client(("central",), "fin")
    held_on = oslo_today() - timedelta(days=2)
    published = ok(central.post("/training/coordinator-courses", json={
        "title": "Koordinatorsamling: nytt fra Datatilsynet", "kind": "event", "roles": ["pko", "isk"],
        "starts_on": held_on.isoformat(), "link": "https://intranett.oslo.kommune.no/samling"}), 201)
    assert published["agency"] == "fin"
    # every agency reads it; none but the central team publishes
    pko_1, isk_1 = vern.client(("pko",), first), vern.client(("isk",), first)
    admin_2 = vern.client(("admin",), second)
    listed = ok(pko_1.get("/training/coordinator-courses", params={"year": held_on.year, "role": "isk"}))
    assert published["id"] in [c["id"] for c in listed["items"]]
    refused = pko_1.post("/training/coordinator-courses", json={
        "title": "Egen samling", "kind": "event", "roles": ["pko"], "starts_on": held_on.isoformat()})
    assert refused.status_code == 403

    # the first agency's PKO and ISK each record themselves; the second's admin records its PKO, and its ISK
    # as not attending
    ok(pko_1.post("/training/coordinator-participations", json={
        "course_id": published["id"], "person": "Kari Nordmann", "role": "pko"}), 201)
    ok(isk_1.post("/training/coordinator-participations", json={
        "course_id": published["id"], "person": "ola.isk@example.kommune.no", "role": "isk"}), 201)
    ok(admin_2.post("/training/coordinator-participations", json={
        "course_id": published["id"], "person": "Per PKO", "role": "pko", "agency": second}), 201)
    ok(admin_2.post("/training/coordinator-participations", json={
        "course_id": published["id"], "person": "Siri ISK", "role": "isk", "attended": False}), 201)
    assert len(events(vern, "coordinator_participation_recorded", None)) >= 4

    def folded():
        compared, found = coverage(central, {first, second}, held_on)
        settled = len(found) == 2 and found[first]["isk_attended"] and found[second]["pko_attended"]
        return (compared, found) if settled else None

    settled = wait_for(folded, timeout=20)
    assert settled, coverage(central, {first, second}, held_on)
    compared, found = settled
    # other tests' central courses in the period may count too: the share follows the number held
    held = found[first]["pko_held"]
    assert held >= 1 and found[first]["isk_held"] >= 1
    assert found[first] == {"pko_held": held, "pko_attended": 1, "pko_share": round(100.0 / held, 1),
                            "isk_held": found[first]["isk_held"], "isk_attended": 1,
                            "isk_share": round(100.0 / found[first]["isk_held"], 1)}
    assert (found[second]["pko_attended"], found[second]["isk_attended"], found[second]["isk_share"]) == (1, 0, 0.0)
    total = compared["municipality"]["coordinators"]
    assert total["agencies"] == len(compared["agencies"]) and total["pko_attended"] >= 2
    assert total["isk_agencies_without"] >= 1  # the second agency's ISK did not attend
    # an agency sees its own coverage only, with the municipality's courses counted
    own = ok(pko_1.get("/reports/comparison", params={"period_start": held_on.isoformat(),
                                                      "period_end": oslo_today().isoformat()}))
    assert [a["agency"] for a in own["agencies"]] == [first]
    assert own["agencies"][0]["coordinators"]["pko_attended"] == 1


def test_a_cross_agency_participation_is_refused_with_404_and_nothing_is_recorded(vern):
    mine, theirs = agency(), agency()
    central = vern.client(("central",), "fin")
    published = ok(central.post("/training/coordinator-courses", json={
        "title": "Kurs i risikovurdering for ISK", "kind": "course", "roles": ["isk"],
        "starts_on": (oslo_today() - timedelta(days=1)).isoformat()}), 201)
    body = {"course_id": published["id"], "person": "Noen Andre", "role": "isk", "agency": theirs}
    for roles, agency_code in ((("isk",), mine), (("admin",), mine), (("central", "isk"), "fin")):
        refused = vern.client(roles, agency_code).post("/training/coordinator-participations", json=body)
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found", (roles, refused.text)
    assert vern.sql("training", "SELECT count(*) FROM coordinator_participations WHERE agency = :a", a=theirs)[0][0] == 0
    refusals = vern.sql("training", "SELECT count(*) FROM audit_entries WHERE agency = :a AND operation = 'refused'",
                        a=theirs)[0][0]
    assert refusals == 3
    # bad input names the field
    wrong = vern.client(("isk",), theirs).post("/training/coordinator-participations",
                                               json={**body, "role": "pko", "agency": None})
    assert wrong.status_code == 400 and "role" in wrong.json()["error"]["fields"]


def test_a_course_made_mandatory_through_the_api_leaves_nobody_overdue_on_day_one(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    ok(pko.put("/training/participants", json={"participants": [
        {"participant_id": f"u-{n}", "unit": "Skole A", "role": "lærer",
         "since": (oslo_today() - timedelta(days=900)).isoformat()} for n in range(4)]}))
    made = ok(pko.post("/training/courses", json={"code": "IS-NY", "title": "Ny obligatorisk sikkerhet",
                                                  "topic": "security", "mandatory": True, "grace_days": 30}), 201)
    assert made["became_mandatory_on"] == oslo_today().isoformat()
    figures = ok(pko.get("/training/figures", params={"course_id": made["id"]}))["courses"][0]
    assert (figures["in_audience"], figures["due"], figures["overdue"]) == (4, 4, 0)
    assert ok(pko.get("/training/overdue", params={"course_id": made["id"]}))["total"] == 0
