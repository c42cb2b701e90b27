"""What a benchmark user does: report a personal-data breach and assess it high with personal data.

The report gives the PKO a task (assess the breach within 24 hours). The assessment makes the incident
serious, so incidents publishes `incident_escalated` and the notifications service fans it out into five
more (agency head, DPO, central team, parent department, Datatilsynet): six tasks an escalation.
"""
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import requests

TASKS_PER_ESCALATION = 6
REPORT = {"title": "E-post med elevdata sendt til feil mottaker", "description": "Sendt til ekstern adresse.",
          "kind": "personal_data_breach", "category": "misdirected_email_or_letter"}
ASSESSMENT = {"severity": "high", "personal_data_involved": True}


@dataclass(frozen=True)
class Escalation:
    incident_id: str
    started: float  # wall clock before the report was sent
    assessed: float  # wall clock when the assessment's HTTP response had arrived
    report_s: float
    assess_s: float


def escalator(base_url: str, token: str):
    """An action for bench.load: one incident reported and made serious; raises unless both succeed."""
    headers = {"Authorization": f"Bearer {token}"}

    def escalate(session: requests.Session) -> Escalation:
        now = datetime.now(timezone.utc)
        body = {**REPORT, "occurred_at": (now - timedelta(hours=2)).isoformat(),
                "aware_at": (now - timedelta(hours=1)).isoformat()}
        started, clock = time.time(), time.perf_counter()
        reported = session.post(f"{base_url}/incidents", json=body, headers=headers, timeout=60)
        reported.raise_for_status()
        incident_id = reported.json()["id"]
        middle = time.perf_counter()
        assessed = session.post(f"{base_url}/incidents/{incident_id}/assessment", json=ASSESSMENT,
                                headers=headers, timeout=60)
        assessed.raise_for_status()
        done = time.perf_counter()
        if not assessed.json().get("serious"):
            raise AssertionError(f"incident {incident_id} was not assessed serious")
        return Escalation(incident_id, started, time.time(), middle - clock, done - middle)

    return escalate
