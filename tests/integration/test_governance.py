"""The annual cycle through the gateway, over the real RabbitMQ: governing documents and routines,
reviews, attestations, the overdue-review event, the advice log and the requirements overview."""
import json
import uuid
from datetime import date, timedelta

from shared.clock import today as oslo_today
from services.reporting.governance_rules import add_months
from tests.integration.harness import wait_for


def agency() -> str:
    return f"gov-{uuid.uuid4().hex[:8]}"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def overdue_events(vern, document_id):
    rows = vern.sql("reporting", "SELECT envelope FROM outbox_events WHERE routing_key = :key",
                    key="document_review_overdue")
    found = [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]
    return [e for e in found if e["subject"] == str(document_id)]


def routine(**overrides) -> dict:
    return {"title": "Rutine for tilgangskontroll", "kind": "access_control_routine", "area": "both",
            "owner": "isk", "version": "2.1", "approved_on": (oslo_today() - timedelta(days=30)).isoformat(),
            "link": "https://styring.oslo.kommune.no/rutiner/tilgang", "status": "in_force", **overrides}


def test_a_document_is_reviewed_and_an_overdue_review_is_announced_once(vern):
    code = agency()
    isk = vern.client(("isk",), code)
    approved = oslo_today() - timedelta(days=30)
    document = ok(isk.post("/governing-documents", json=routine()), 201)
    assert document["review_interval_months"] == 12 and document["next_review_on"] == \
        add_months(approved, 12).isoformat()
    assert document["review_overdue"] is False and document["latest_attestation"] is None

    reviewed = ok(isk.post(f"/governing-documents/{document['id']}/reviews", json={
        "reviewed_on": oslo_today().isoformat(), "version": "2.2", "note": "Oppdatert etter ny IAM-løsning"}), 201)
    assert reviewed["version"] == "2.2" and reviewed["last_reviewed_on"] == oslo_today().isoformat()
    assert reviewed["next_review_on"] == add_months(oslo_today(), 12).isoformat()
    assert [r["note"] for r in reviewed["reviews"]] == ["Oppdatert etter ny IAM-løsning"]

    # Approved 14 months ago with a yearly review: two months overdue.
    old = ok(isk.post("/governing-documents", json=routine(
        title="Beredskapsplan for IKT", kind="preparedness_routine", area="security",
        approved_on=add_months(oslo_today(), -14).isoformat())), 201)
    assert old["review_overdue"] is True
    draft = ok(isk.post("/governing-documents", json=routine(
        title="Utkast til policy", kind="policy", status="draft",
        approved_on=add_months(oslo_today(), -14).isoformat())), 201)
    assert draft["review_overdue"] is False, "a draft is not reviewed"
    overdue = ok(isk.get("/governing-documents", params={"review_overdue": "true"}))["items"]
    assert [d["id"] for d in overdue] == [old["id"]]
    assert {d["id"] for d in ok(isk.get("/governing-documents", params={"review_overdue": "false"}))["items"]} == \
        {document["id"], draft["id"]}

    announced = wait_for(lambda: overdue_events(vern, old["id"]))
    wait_for(lambda: False, timeout=0.8)
    assert len(overdue_events(vern, old["id"])) == 1 == len(announced)
    assert announced[0]["data"]["next_review_on"] == old["next_review_on"] and announced[0]["agency"] == code
    assert overdue_events(vern, document["id"]) == [] and overdue_events(vern, draft["id"]) == []

    ok(isk.post(f"/governing-documents/{old['id']}/reviews", json={"reviewed_on": oslo_today().isoformat()}), 201)
    assert ok(isk.get("/governing-documents", params={"review_overdue": "true"}))["total"] == 0
    in_future = isk.post(f"/governing-documents/{old['id']}/reviews",
                         json={"reviewed_on": (oslo_today() + timedelta(days=3)).isoformat()})
    assert in_future.status_code == 400 and "reviewed_on" in in_future.json()["error"]["fields"]
    assert isk.post(f"/governing-documents/{draft['id']}/reviews",
                    json={"reviewed_on": oslo_today().isoformat()}).status_code == 409


def test_attestations_need_a_comment_unless_complied_and_the_leader_may_attest_but_not_edit(vern):
    code = agency()
    pko, leader = vern.client(("pko",), code), vern.client(("leader",), code)
    document = ok(pko.post("/governing-documents", json=routine(title="Rutine for behandling av personopplysninger",
                                                                kind="routine", area="privacy")), 201)
    path = f"/governing-documents/{document['id']}/attestations"
    no_comment = leader.post(path, json={"period": "2026", "result": "partly"})
    assert no_comment.status_code == 400 and "comment" in no_comment.json()["error"]["fields"]
    bad_period = leader.post(path, json={"period": "2026-H3", "result": "complied"})
    assert bad_period.status_code == 400 and "period" in bad_period.json()["error"]["fields"]
    assert ok(pko.get(path))["items"] == []

    first = ok(pko.post(path, json={"period": "2026-H1", "result": "complied"}), 201)
    assert first["comment"] is None and first["attested_by"]
    second = ok(leader.post(path, json={"period": "2026", "result": "partly",
                                        "comment": "Tilgangsgjennomgang i to enheter ble ikke gjort."}), 201)
    assert second["result"] == "partly"
    assert [a["id"] for a in ok(pko.get(path))["items"]] == [second["id"], first["id"]]
    assert ok(pko.get(f"/governing-documents/{document['id']}"))["latest_attestation"]["id"] == second["id"]

    assert leader.patch(f"/governing-documents/{document['id']}", json={"version": "3.0"}).status_code == 403
    assert leader.post("/governing-documents", json=routine()).status_code == 403
    assert vern.client(("ombud",), code).post(path, json={"period": "2026", "result": "complied"}).status_code == 403
    changed = ok(pko.patch(f"/governing-documents/{document['id']}", json={"review_interval_months": 6}))
    assert changed["next_review_on"] == add_months(date.fromisoformat(document["approved_on"]), 6).isoformat()


def test_another_agency_gets_404_and_the_central_team_reads(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    document = ok(pko.post("/governing-documents", json=routine()), 201)
    entry = ok(pko.post("/advice", json=advice_request()), 201)
    stranger = vern.client(("pko",), agency())
    assert stranger.get(f"/governing-documents/{document['id']}").status_code == 404
    assert stranger.patch(f"/governing-documents/{document['id']}", json={"version": "9.0"}).status_code == 404
    assert stranger.post(f"/governing-documents/{document['id']}/attestations",
                         json={"period": "2026", "result": "complied"}).status_code == 404
    assert stranger.get(f"/governing-documents/{document['id']}/attestations").status_code == 404
    assert stranger.get(f"/advice/{entry['id']}").status_code == 404
    assert stranger.patch(f"/advice/{entry['id']}", json={"status": "closed"}).status_code == 404
    assert document["id"] not in [d["id"] for d in ok(stranger.get("/governing-documents"))["items"]]
    central = vern.client(("central",), "fin")
    assert ok(central.get(f"/governing-documents/{document['id']}"))["agency"] == code
    assert central.patch(f"/governing-documents/{document['id']}", json={"version": "9.0"}).status_code == 403


def advice_request(**overrides) -> dict:
    return {"title": "Nytt fagsystem for byggesak", "question": "Trengs DPIA og databehandleravtale?",
            "requested_by": "Prosjektkontoret", "kind": "procurement", "area": "privacy",
            "requested_on": "2026-02-03", **overrides}


def test_the_advice_log_with_links_and_the_yearly_summary(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    entry = ok(pko.post("/advice", json=advice_request(
        requirements_set=["DPIA før oppstart", "Oslo kommunes mal for databehandleravtale"],
        processor_agreement_needed=True, dpia_ids=["d-1"], agreement_ids=["17"])), 201)
    assert entry["status"] == "open" and entry["risk_assessment_ids"] == [] and entry["dpia_ids"] == ["d-1"]
    no_advice = pko.patch(f"/advice/{entry['id']}", json={"status": "given"})
    assert no_advice.status_code == 400 and {"advice_given", "given_on"} <= set(no_advice.json()["error"]["fields"])
    given = ok(pko.patch(f"/advice/{entry['id']}", json={
        "status": "given", "advice_given": "Gjennomfør DPIA; bruk kommunens mal.", "given_on": "2026-02-20",
        "risk_assessment_ids": ["ra-9"]}))
    assert given["status"] == "given" and given["risk_assessment_ids"] == ["ra-9"]
    assert ok(pko.get(f"/advice/{entry['id']}"))["given_on"] == "2026-02-20"

    ok(pko.post("/advice", json=advice_request(title="Skylagring for prosjektet", kind="project", area="security",
                                               requested_on="2026-05-10")), 201)
    ok(pko.post("/advice", json=advice_request(title="Ny skjemaløsning", kind="project", area="privacy",
                                               requested_on="2026-09-01")), 201)
    ok(pko.post("/advice", json=advice_request(title="I fjor", kind="other", area="both",
                                               requested_on="2025-12-31")), 201)
    summary = ok(pko.get("/advice/summary", params={"year": 2026}))
    assert summary["total"] == 3
    assert summary["by_area"] == {"privacy": 2, "security": 1, "both": 0}
    assert summary["by_kind"] == {"project": 2, "procurement": 1, "other": 0}
    cells = {(c["area"], c["kind"]): c["count"] for c in summary["by_area_and_kind"]}
    assert cells[("privacy", "project")] == 1 and cells[("privacy", "procurement")] == 1
    assert [e["title"] for e in ok(pko.get("/advice", params={"year": 2026, "area": "privacy"}))["items"]] == \
        ["Ny skjemaløsning", "Nytt fagsystem for byggesak"]
    assert ok(pko.get("/advice", params={"status": "given"}))["total"] == 1
    assert pko.get("/advice/summary").status_code == 400


def test_the_requirements_overview_is_seeded_and_overlaid(vern):
    code = agency()
    pko, auditor = vern.client(("pko",), code), vern.client(("auditor",), code)
    overview = ok(auditor.get("/requirements"))
    codes = [r["code"] for r in overview["items"]]
    assert {"gdpr", "personopplysningsloven", "sikkerhetsloven", "eforvaltningsforskriften-15",
            "forvaltningsloven-13", "kommuneloven-25", "oslo-kommune"} <= set(codes)
    security_act = next(r for r in overview["items"] if r["code"] == "sikkerhetsloven")
    assert security_act["where_relevant"] is True and security_act["applies"] is False
    assert all(r["source"] == "municipality" and r["title_nb"] and r["text_en"] for r in overview["items"])
    assert all(r["legal_source"] and r["sectors"] for r in overview["items"])
    assert {"offentleglova", "arkivlova", "sivilbeskyttelsesloven", "pasientjournalloven", "normen",
            "barnevernsloven", "opplaeringslova", "nsm-grunnprinsipper"} <= set(codes)
    health = {r["code"]: r for r in ok(auditor.get("/requirements", params={"sectors": "health"}))["items"]}
    assert "pasientjournalloven" in health and "gdpr" in health and "barnevernsloven" not in health
    assert health["pasientjournalloven"]["applies"] is True, "a health agency's own sector's law applies to it"
    assert next(r for r in overview["items"] if r["code"] == "pasientjournalloven")["applies"] is False
    # the directory says: health (reporting learns it from the notifications service's agency_listed)
    listed = wait_for(lambda: (found := ok(vern.client(("auditor",), "other").get("/requirements")))["sectors"]
                      == ["health"] and found)
    assert listed and listed["sectors"] == ["health"]
    assert {"pasientjournalloven", "normen", "gdpr"} <= {r["code"] for r in listed["items"]}
    assert "opplaeringslova" not in {r["code"] for r in listed["items"]}
    unknown_sector = auditor.get("/requirements", params={"sectors": "health,hospital"})
    assert unknown_sector.status_code == 400 and "sectors" in unknown_sector.json()["error"]["fields"]

    document = ok(pko.post("/governing-documents", json=routine(title="Styringssystem for informasjonssikkerhet",
                                                                kind="policy", area="security")), 201)
    overlay = ok(pko.put("/requirements/eforvaltningsforskriften-15", json={
        "applies": True, "how_met": "Styringssystem etter ISO/IEC 27001, årlig ledelsens gjennomgang.",
        "document_ids": [document["id"]], "responsible_role": "isk"}))
    assert overlay["document_ids"] == [document["id"]] and overlay["responsible_role"] == "isk"
    ok(pko.put("/requirements/sikkerhetsloven", json={"applies": True, "how_met": "Etaten er omfattet ved vedtak."}))
    merged = {r["code"]: r for r in ok(pko.get("/requirements"))["items"]}
    assert merged["sikkerhetsloven"]["applies"] is True and merged["sikkerhetsloven"]["applies_default"] is False
    assert merged["eforvaltningsforskriften-15"]["how_met"].startswith("Styringssystem")
    assert merged["gdpr"]["how_met"] is None

    other = vern.client(("pko",), agency())
    theirs = {r["code"]: r for r in ok(other.get("/requirements"))["items"]}
    assert theirs["sikkerhetsloven"]["applies"] is False, "an overlay is the agency's own"
    foreign = other.put("/requirements/gdpr", json={"applies": True, "document_ids": [document["id"]]})
    assert foreign.status_code == 400 and "document_ids" in foreign.json()["error"]["fields"]
    central = vern.client(("central",), "fin")
    assert ok(central.get("/requirements", params={"agency": code}))["agency"] == code

    own = ok(pko.post("/requirements", json={
        "code": "arkivloven", "title_nb": "Arkivlova", "text_nb": "Arkivverdig materiale skal bevares og avleveres.",
        "how_met": "Arkivplan", "responsible_role": "arkivleder"}), 201)
    assert own["source"] == "agency" and own["applies"] is True and own["title_en"] == "Arkivlova"
    assert own["sectors"] == ["all"] and own["legal_source"] is None
    assert pko.post("/requirements", json={"code": "gdpr", "title_nb": "Dobbel", "text_nb": "Finnes fra før"}
                    ).status_code == 409
    assert pko.post("/requirements", json={"code": "arkivloven", "title_nb": "Dobbel", "text_nb": "Finnes fra før"}
                    ).status_code == 409
    assert "arkivloven" not in {r["code"] for r in ok(other.get("/requirements"))["items"]}
    assert other.put("/requirements/arkivloven", json={"applies": True}).status_code == 404
    assert auditor.put("/requirements/gdpr", json={"applies": True}).status_code == 403


def test_bad_input_names_the_fields_and_stores_nothing(vern):
    code = agency()
    pko = vern.client(("pko",), code)
    bad = pko.post("/governing-documents", json={
        "title": "X", "kind": "manual", "area": "everything", "owner": "", "version": "two",
        "review_interval_months": 61, "link": "not a link", "status": "active"})
    assert bad.status_code == 400
    assert {"title", "kind", "area", "owner", "version", "review_interval_months", "link", "status"} <= \
        set(bad.json()["error"]["fields"])
    unapproved = pko.post("/governing-documents", json=routine(approved_on=None))
    assert unapproved.status_code == 400 and "approved_on" in unapproved.json()["error"]["fields"]
    assert ok(pko.get("/governing-documents"))["total"] == 0
    missing = pko.post("/advice", json={})
    assert missing.status_code == 400
    assert {"title", "question", "requested_by", "kind", "area", "requested_on"} <= \
        set(missing.json()["error"]["fields"])
    early = pko.post("/advice", json=advice_request(status="given", advice_given="Ja", given_on="2026-01-01"))
    assert early.status_code == 400 and "given_on" in early.json()["error"]["fields"]
    links = pko.post("/advice", json=advice_request(dpia_ids=[""]))
    assert links.status_code == 400 and "dpia_ids" in links.json()["error"]["fields"]
    assert ok(pko.get("/advice"))["total"] == 0
    document = ok(pko.post("/governing-documents", json=routine()), 201)
    assert pko.patch(f"/governing-documents/{document['id']}", json={}).status_code == 400
    retire_unapproved = pko.patch(f"/governing-documents/{document['id']}", json={"approved_on": None})
    assert retire_unapproved.status_code == 400 and "approved_on" in retire_unapproved.json()["error"]["fields"]
    assert ok(pko.get(f"/governing-documents/{document['id']}"))["approved_on"] == document["approved_on"]
    bad_code = pko.post("/requirements", json={"code": "Has Spaces", "title_nb": "Tittel", "text_nb": "Tekst"})
    assert bad_code.status_code == 400 and "code" in bad_code.json()["error"]["fields"]
    assert pko.put("/requirements/gdpr", json={"how_met": "x"}).status_code == 400
