"""Routing rules are data an agency edits through the API; a change applies to new events only."""
import uuid

from tests.integration.test_escalation import assess, report, tasks, tasks_after_a_while, tasks_when

ESCALATED = "incidents.incident_escalated"


def fresh_agency_clients(vern):
    agency = f"r{uuid.uuid4().hex[:8]}"
    return agency, vern.client(("pko",), agency)


def test_an_agency_starts_with_the_defaults_and_its_own_rule_replaces_them_for_new_events(vern):
    agency, pko = fresh_agency_clients(vern)
    defaults = pko.get("/routing-rules", params={"event_type": ESCALATED}).json()["items"]
    assert {rule["recipient_role"] for rule in defaults} == {"leader", "ombud", "central", "parent_department",
                                                             "datatilsynet"}
    assert all(rule["agency"] == "*" and rule["in_force"] for rule in defaults)
    datatilsynet = next(rule for rule in defaults if rule["recipient_role"] == "datatilsynet")
    # escalated by the missed-deadline event to the agency head and the PKO, not by its own due time
    assert datatilsynet["reminder_hours"] == [24, 48, 66] and datatilsynet["overdue_roles"] == []
    assert datatilsynet["conditions"] == {"personal_data_involved": True}
    leaders = [rule for rule in defaults if rule["recipient_role"] == "leader"]
    assert sorted(rule["overdue_roles"][0] for rule in leaders) == ["isk", "pko"]
    assert {rule["due_hours"] for rule in leaders} == {24}

    before = report(pko)
    assess(pko, before["id"], "high")
    assert len(tasks_when(pko, before["id"], 3)) == 3

    created = pko.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "leader",
                                               "conditions": {"severity": "critical"}})
    assert created.status_code == 201, created.text
    rule = created.json()
    assert rule["agency"] == agency and rule["created_by"] and rule["in_force"]
    listed = pko.get("/routing-rules", params={"event_type": ESCALATED}).json()["items"]
    assert [r["id"] for r in listed if r["in_force"]] == [rule["id"]], "the agency's rules replace the defaults"

    high = report(pko)
    assess(pko, high["id"], "high")
    critical = report(pko)
    assess(pko, critical["id"], "critical")
    assert [t["recipient_role"] for t in tasks_when(pko, critical["id"], 1)] == ["leader"]
    assert tasks_after_a_while(pko, high["id"]) == []
    assert len(tasks(pko, before["id"])) == 3, "tasks made before the change stay as they were"


def test_a_changed_rule_is_kept_as_history_and_a_retired_one_gives_the_defaults_back(vern):
    agency, pko = fresh_agency_clients(vern)
    rule = pko.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "leader"}).json()
    changed = pko.put(f"/routing-rules/{rule['id']}", json={
        "event_type": ESCALATED, "recipient_role": "leader", "due_field": "aware_at", "due_hours": 24,
        "reminder_hours": [12], "overdue_roles": ["central"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["id"] != rule["id"] and changed.json()["due_hours"] == 24
    history = pko.get("/routing-rules", params={"include_retired": "true", "event_type": ESCALATED}).json()["items"]
    old = next(r for r in history if r["id"] == rule["id"])
    assert old["active"] is False and old["retired_at"] and not old["in_force"]

    incident = report(pko)
    assess(pko, incident["id"], "high")
    leader = tasks_when(pko, incident["id"], 1)[0]
    assert leader["due_at"] is not None and len(leader["reminders"]) in (0, 1)

    retired = pko.delete(f"/routing-rules/{changed.json()['id']}")
    assert retired.status_code == 200 and retired.json()["active"] is False
    in_force = [r for r in pko.get("/routing-rules", params={"event_type": ESCALATED}).json()["items"]
                if r["in_force"]]
    assert {r["agency"] for r in in_force} == {"*"} and len(in_force) == 8  # the role cards' table


def test_only_the_agencys_own_coordinators_and_admin_edit_its_rules_and_only_the_operator_the_defaults(vern):
    agency, pko = fresh_agency_clients(vern)
    rule = pko.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud"}).json()
    leader = vern.client(("leader",), agency)
    assert leader.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud"}).status_code == 403
    other = vern.client(("pko",), "other")
    assert other.delete(f"/routing-rules/{rule['id']}").status_code == 404
    assert rule["id"] not in [r["id"] for r in other.get("/routing-rules").json()["items"]]
    defaults = pko.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud", "agency": "*"})
    assert defaults.status_code == 403
    default_id = next(r["id"] for r in pko.get("/routing-rules").json()["items"] if r["agency"] == "*")
    assert pko.delete(f"/routing-rules/{default_id}").status_code == 403
    admin = vern.client(("admin",), agency)
    assert admin.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud", "agency": "*"}
                      ).status_code == 403, "an agency's admin does not set the whole municipality's defaults"
    own = admin.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "leader",
                                             "conditions": {"kind": "near_miss"}})
    assert own.status_code == 201 and own.json()["agency"] == agency
    assert admin.delete(f"/routing-rules/{own.json()['id']}").status_code == 200

    # another agency's admin or coordinators, with or without the central team's role, cannot route this
    # agency's notifications (before: an admin of `other` silenced the next five tasks of `demo`)
    before = sorted(r["id"] for r in pko.get("/routing-rules", params={"include_retired": "true"}).json()["items"])
    for roles in (("admin",), ("pko", "isk"), ("central", "admin"), ("central", "pko")):
        outsider = vern.client(roles, "fin" if "central" in roles else "other")  # central: the central agency's
        refused = outsider.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud",
                                                         "agency": agency, "conditions": {"kind": "near_miss"}})
        assert refused.status_code == 403, (roles, refused.text)
        assert outsider.delete(f"/routing-rules/{rule['id']}").status_code == 404, roles
    assert sorted(r["id"] for r in pko.get("/routing-rules", params={"include_retired": "true"}).json()["items"]
                  ) == before

    operator = vern.client(("operator",), agency)
    assert operator.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud"}
                         ).status_code == 403, "the operator is not a role in any agency"
    added = operator.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "ombud", "agency": "*",
                                                  "conditions": {"kind": "near_miss"}})
    assert added.status_code == 201 and added.json()["agency"] == "*"
    assert operator.delete(f"/routing-rules/{added.json()['id']}").status_code == 200


def test_a_bad_rule_is_refused_naming_each_field_and_nothing_is_stored(vern):
    agency, pko = fresh_agency_clients(vern)
    response = pko.post("/routing-rules", json={
        "event_type": "incidents.nothing", "recipient_role": "mayor", "channel": "pigeon",
        "template": "no_such_template", "due_hours": 5, "conditions": {"colour": "red"}})
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"event_type", "recipient_role", "channel", "template", "conditions"} <= set(fields)
    incomplete = pko.post("/routing-rules", json={"event_type": ESCALATED, "recipient_role": "leader",
                                                  "due_hours": 5})
    assert incomplete.status_code == 400 and set(incomplete.json()["error"]["fields"]) == {"due_hours"}
    assert [r for r in pko.get("/routing-rules").json()["items"] if r["agency"] == agency] == []
