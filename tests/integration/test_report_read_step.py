"""The agency head seals only what they have read: the API refuses an approval without
`read_confirmed: true`, naming the field, and leaves the draft as it was; with it, the report row and
the audit trail record who confirmed reading and when."""
import uuid

from shared.clock import today as oslo_today


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_an_approval_without_the_read_confirmation_is_refused_and_changes_nothing(vern):
    code = f"read-{uuid.uuid4().hex[:8]}"
    leader_sub = f"leder-{code}"
    coordinator = vern.client(("pko",), code)
    leader = vern.client(("leader",), code, sub=leader_sub)
    auditor = vern.client(("auditor",), code)
    year = oslo_today().year - 1
    draft = ok(coordinator.post("/reports", json={
        "kind": "self_declaration", "period_start": f"{year}-01-01", "period_end": f"{year}-12-31",
        "inputs": {"weaknesses_and_measures": "Databehandleravtalene må gjennomgås."}}), 201)

    for body in (None, {}, {"read_confirmed": False}, {"read_confirmed": "ja"}):
        refused = leader.post(f"/reports/{draft['id']}/approval", json=body)
        assert refused.status_code == 400, (body, refused.text)
        assert "read_confirmed" in refused.json()["error"]["fields"], refused.text
    missing = leader.post(f"/reports/{draft['id']}/approval", json={}).json()["error"]["fields"]["read_confirmed"]
    assert "Bekreft at du har lest rapporten" in " ".join(missing)

    unchanged = ok(leader.get(f"/reports/{draft['id']}"))
    assert (unchanged["status"], unchanged["approved_at"], unchanged["seal"], unchanged["read_confirmed_at"]) == (
        "draft", None, None, None)
    assert vern.sql("reporting", "SELECT status, seal, read_confirmed_by FROM reports WHERE id = :id",
                    id=draft["id"])[0] == ("draft", None, None)
    trail = ok(auditor.get("/audit/reporting", params={"entity": "reports", "entity_id": draft["id"]}))["items"]
    assert [entry["operation"] for entry in trail] == ["insert"]  # the refusals wrote nothing

    # a coordinator may not approve, read or not
    assert coordinator.post(f"/reports/{draft['id']}/approval", json={"read_confirmed": True}).status_code == 403

    approved = ok(leader.post(f"/reports/{draft['id']}/approval", json={"read_confirmed": True}))
    assert (approved["status"], approved["seal_valid"]) == ("approved", True)
    assert approved["read_confirmed_by"] == leader_sub == approved["approved_by"]
    assert approved["read_confirmed_at"] == approved["approved_at"]
    trail = ok(auditor.get("/audit/reporting", params={"entity": "reports", "entity_id": draft["id"]}))["items"]
    sealed = [entry for entry in trail if entry["operation"] == "update"]
    assert len(sealed) == 1 and sealed[0]["actor"] == leader_sub
    assert sealed[0]["changes"]["read_confirmed_by"]["after"] == leader_sub
    assert sealed[0]["changes"]["read_confirmed_at"]["after"]
