"""A year of demo activity in agency `demo`, through the API of a running Vern (`make run`), ending in a
management review and a self-declaration the agency head approves, saved as PDF, DOCX and JSON.

    VERN_JWT_SECRET=$(cat var/jwt-secret) .venv/bin/python deploy/demo_year.py [--out docs/samples]

The samples in docs/samples/ (docs/domain/reports.md) are made with it. It only calls the HTTP API, as any client would."""
import argparse
import json
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shared.auth import issue_token  # noqa: E402
from shared.config import load_config, settings  # noqa: E402

YEAR = date.today().year
PERIOD = {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"}


class Api:
    def __init__(self, base: str, token: str):
        self.base, self.headers = base, {"Authorization": f"Bearer {token}"}

    def __call__(self, method: str, path: str, expect=(200, 201), **kwargs):
        response = requests.request(method, self.base + path, headers=self.headers, timeout=30, **kwargs)
        if response.status_code not in expect:
            raise SystemExit(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.headers.get("content-type", "").startswith("application/json") \
            else response.content


def record(name: str, processors: list[str], **extra) -> dict:
    return {"name": name, "description": f"{name} i virksomheten.", "status": "active", "controller": "Demoetaten",
            "controller_contact": "postmottak@demo.kommune.no", "dpo_contact": "personvernombud@demo.kommune.no",
            "purposes": [name], "legal_bases": [{"purpose": name, "article6": "e", "reference": "kommuneloven"}],
            "data_subject_categories": ["innbyggere"], "personal_data_categories": ["kontaktopplysninger"],
            "special_categories": [], "recipients": ["Ingen utenfor virksomheten"], "third_country_transfers": False,
            "retention": "Slettes etter fem år.", "security_measures": "Tilgangsstyring og logging.",
            "systems": ["sys-demo"], "processors": processors, "owner": "Fagavdelingen",
            "owner_role": "process_owner", "approx_data_subjects": 5000, **extra}


def a_year(pko: Api, leader: Api) -> None:
    for kind, title, due in (("risk_assessment", "ROS for fagsystemet", 3), ("exercise", "Beredskapsøvelse", 10),
                             ("campaign", "Personvernuka", 11), ("report", "Ledelsens gjennomgang", 12)):
        pko("POST", "/annual-plan", json={"year": YEAR, "area": "security" if kind != "campaign" else "privacy",
                                         "kind": kind, "title": title, "owner_role": "isk", "due_month": due})
    now = datetime.now(timezone.utc)
    kinds = ("deviation", "security_incident", "personal_data_breach", "near_miss")
    categories = ("phishing", "misdirected_email_or_letter", "lost_or_stolen_device", "unauthorised_access")
    incidents = [pko("POST", "/incidents", json={
        "title": f"Hendelse {n + 1}", "description": "Meldt av ansatt.", "kind": kinds[n % 4],
        "category": categories[n % 4], "occurred_at": (now - timedelta(hours=5)).isoformat(),
        "aware_at": (now - timedelta(hours=4)).isoformat()}) for n in range(12)]
    for n, incident in enumerate(incidents[:6]):
        pko("POST", f"/incidents/{incident['id']}/assessment", json={
            "severity": ("low", "medium", "high")[n % 3], "personal_data_involved": incident["kind"] == kinds[2]})
    pko("POST", f"/incidents/{incidents[2]['id']}/authority-notifications", json={"reference": "AR-2026-1"})

    assessment = pko("POST", "/risk-assessments", json={
        "scope": "system", "title": "ROS for fagsystemet", "assessed": "Fagsystemet og integrasjonene",
        "asset_ids": ["sys-demo"], "participants": ["isk", "systemeier"], "owner": "systemeier",
        "assessment_date": date.today().isoformat(), "next_review_date": (date.today() + timedelta(days=365)).isoformat()})
    pko("POST", f"/risk-assessments/{assessment['id']}/status", json={"status": "in_progress"})
    risks = [pko("POST", f"/risk-assessments/{assessment['id']}/risks", json={
        "title": title, "likelihood": likelihood, "consequence": consequence, "threat": "Angriper",
        "vulnerability": "Svak autentisering", "asset": "Fagsystemet", "affects": ["confidentiality"],
        "owner": "systemeier"}) for title, likelihood, consequence in (
        ("Løsepengevirus", 4, 5), ("Feilsendt e-post", 3, 2), ("Strømbrudd", 1, 3))]
    pko("POST", f"/risk-assessments/{assessment['id']}/status", json={"status": "completed"})
    leader("POST", f"/risk-assessments/{assessment['id']}/approval", json={"note": "Godkjent"})
    wait(lambda: pko("GET", f"/risks/{risks[0]['id']}").get("unacceptable_since"))
    leader("POST", f"/risks/{risks[0]['id']}/decision", json={
        "decision": "accept", "justification": "MFA innføres innen sommeren", "valid_until": f"{YEAR + 1}-06-30"})

    payroll = pko("POST", "/processing-activities", json=record("Lønn", ["Lønnsleverandør AS"]))
    # as agencies' records often are: retention and security measures not yet described (art. 30(1)(f), (g))
    pko("POST", "/processing-activities", json=record("Kundeservice", ["Skyleverandør AS"], retention=None,
                                                      security_measures=None))
    # the agency as processor (art. 30(2)): payroll run for another agency
    pko("POST", "/processing-activities", json={
        "name": "Lønnskjøring for Bydel Demo", "status": "active", "role": "processor",
        "processor_name": "Demoetaten", "processor_contact": "postmottak@demo.kommune.no",
        "dpo_contact": "personvernombud@demo.kommune.no",
        "controllers": [{"name": "Bydel Demo", "contact": "postmottak@bydel-demo.kommune.no"}],
        "processing_categories": ["Lønnsutbetaling", "Innrapportering av a-melding"], "third_country_transfers": False,
        "security_measures": "Tilgangsstyring per oppdragsgiver og logging.", "systems": ["sys-demo"]})
    pko("POST", "/processor-agreements", json={
        "processor": "Lønnsleverandør AS", "processing_ids": [payroll["id"]], "status": "signed",
        "signed_on": f"{YEAR}-01-15", "expires_on": f"{YEAR + 2}-01-14"})

    course = pko("POST", "/training/courses", json={"code": "PV-1", "title": "Personvern", "topic": "privacy"})
    pko("PUT", "/training/participants", json={"participants": [
        {"participant_id": f"ansatt-{n}", "unit": "Fagavdelingen", "role": "saksbehandler"} for n in range(10)]})
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    campaign = pko("POST", "/training/campaigns", json={
        "title": "Personvernuka", "topic": "privacy", "course_id": course["id"], "starts_on": tomorrow,
        "ends_on": tomorrow, "target_rate": 80})
    pko("POST", f"/training/campaigns/{campaign['id']}/launch")
    for n in range(8):
        pko("POST", "/training/completions", json={"course_id": course["id"], "participant_id": f"ansatt-{n}",
                                                   "completed_on": date.today().isoformat()})
    pko("POST", f"/training/campaigns/{campaign['id']}/complete")
    exercise = pko("POST", "/training/exercises", json={
        "title": "Bortfall av fagsystemet", "type": "tabletop", "scenario": "Fagsystemet er nede i to dager",
        "held_on": date.today().isoformat(), "findings": [
            {"title": "Reserverutinen er ukjent", "severity": "high"},
            {"title": "Kontaktlisten er utdatert", "severity": "low"}]})
    pko("POST", f"/training/exercises/{exercise['id']}/complete", json={"evaluation": "To funn følges opp."})


def wait(probe, seconds=30):
    deadline = time.monotonic() + seconds
    while not (found := probe()):
        if time.monotonic() > deadline:
            raise SystemExit("gave up waiting for the events to arrive")
        time.sleep(0.5)
    return found


def reports(pko: Api, leader: Api, out: Path) -> None:
    review = pko("POST", "/reports", json={"kind": "management_review", **PERIOD, "inputs": {
        "a": "Tiltakene fra fjorårets gjennomgang er gjennomført, unntatt MFA for eksterne.",
        "b": "Ny leverandør av fagsystemet; ny personopplysningslov er ventet.",
        "c": "Byrådsavdelingen ber om kvartalsvis rapportering av brudd.",
        "e": "Personvernombudet ber om bedre opplæring i feilsendt e-post.",
        "g": "Automatisk varsling ved feilsendt e-post.",
        "decisions": "Innføre MFA for alle innen 1. juni; ny opplæringskampanje i mars."}})
    declaration = leader("POST", "/reports", json={"kind": "self_declaration", **PERIOD, "inputs": {
        "signature_place": "Oslo", "weaknesses_and_measures": "Databehandleravtale med Skyleverandør AS mangler; "
                                                              "inngås innen 1. mars.",
        "comment_processor_agreements_in_place": "Avtale med Skyleverandør AS er under forhandling."}})

    def arrived():
        parts = {p["key"]: p for s in pko("GET", f"/reports/{review['id']}")["content"]["sections"]
                 for p in s.get("parts", [])}
        return parts["training"]["figures"]["exercises_held"] == 1 and parts["incidents"]["figures"]["reported"] >= 12 \
            and parts["privacy_register"]["figures"]["processing_activities"] >= 2

    wait(arrived)
    # the review first: the declaration confirms it was held; the agency head confirms having read each
    leader("POST", f"/reports/{review['id']}/approval", json={"read_confirmed": True})
    leader("POST", f"/reports/{declaration['id']}/approval", json={"read_confirmed": True})
    out.mkdir(parents=True, exist_ok=True)
    for report, name in ((review, "management-review"), (declaration, "self-declaration")):
        (out / f"{name}.json").write_text(json.dumps(leader("GET", f"/reports/{report['id']}"), ensure_ascii=False,
                                                     indent=2) + "\n")
        for language in ("nb", "en"):
            for kind in ("pdf", "docx"):
                (out / f"{name}-{language}.{kind}").write_bytes(leader(
                    "GET", f"/reports/{report['id']}/document", params={"format": kind, "language": language}))
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(out / f"{name}-nb.pdf"), str(out / f"{name}-nb")], check=True)
    print(f"approved and saved in {out}: management review {review['id']}, self-declaration {declaration['id']}")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--base", default="http://127.0.0.1:8000/api/v1")
    options.add_argument("--agency", default="demo")
    options.add_argument("--out", default="var/samples")
    args = options.parse_args()
    secret = settings(load_config(None)).jwt_secret
    pko = Api(args.base, issue_token(secret, "demo-pko", ["pko", "isk"], args.agency))
    leader = Api(args.base, issue_token(secret, "demo-leder", ["leader"], args.agency))
    a_year(pko, leader)
    reports(pko, leader, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
