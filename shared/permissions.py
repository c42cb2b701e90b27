"""Who may do what: one table of action -> roles, used by the gateway and re-checked by services."""
from shared.errors import Forbidden
from shared.principal import Principal

COORDINATORS = {"pko", "isk"}
READERS = COORDINATORS | {"leader", "ombud", "central", "auditor", "admin"}

PERMISSIONS: dict[str, frozenset] = {
    "incident.report": frozenset({"employee"} | COORDINATORS | {"leader", "admin"}),
    # employees may read the incidents they reported themselves (their receipt)
    "incident.read": frozenset(READERS | {"employee"}),
    "incident.assess": frozenset(COORDINATORS),
    # case work: life cycle, handler, notes, measures, corrections, closing, notifications
    "incident.handle": frozenset(COORDINATORS),
    "incident.overview": frozenset(READERS),
    "risk.read": frozenset(READERS),
    # assessments, risks, measures and drafts: the coordinators carry out the risk work
    "risk.edit": frozenset(COORDINATORS),
    "risk.criteria": frozenset(COORDINATORS | {"leader", "admin"}),
    # approving assessments and deciding unacceptable risks is the agency head's alone
    "risk.approve": frozenset({"leader"}),
    "risk.decide": frozenset({"leader"}),
    "privacy.read": frozenset(READERS),
    # the record of processing, screenings, agreements and DPIAs are the privacy coordinator's
    "privacy.edit": frozenset({"pko"}),
    "privacy.advise": frozenset({"ombud"}),  # art. 35(2): the DPO's advice on a DPIA
    "privacy.approve": frozenset({"leader"}),
    # courses, campaigns with their figures, exercises and suggestions
    "training.read": frozenset(READERS),
    # who took what and who is overdue: person-level (pseudonymous) data, the coordinators' and the auditor's
    "training.people": frozenset(COORDINATORS | {"auditor", "admin"}),
    # the coordinators plan and record courses, campaigns, completions and exercises
    "training.edit": frozenset(COORDINATORS),
    # the coordinators' own competence (their role cards): the central team publishes the municipality's
    # courses and events for them; each agency's coordinators or admin record who of theirs took part;
    # who took part is named, so it is read by those who record it, the central team and the auditor
    "training.coordinator_publish": frozenset({"central"}),
    "training.coordinator_record": frozenset(COORDINATORS | {"admin"}),
    "training.coordinator_read": frozenset(COORDINATORS | {"central", "auditor", "admin"}),
    # reports for leadership: coordinators draft and write, the agency head writes and approves
    "report.read": frozenset(READERS),
    "report.write": frozenset(COORDINATORS | {"leader"}),
    "report.approve": frozenset({"leader"}),
    # governing documents and routines, the advice log and the requirements overview (the annual cycle)
    "governance.read": frozenset(READERS),
    "governance.edit": frozenset(COORDINATORS),
    # the agency head may attest that a routine was complied with, as the coordinators may
    "governance.attest": frozenset(COORDINATORS | {"leader"}),
    # the annual plan (årsplan): readers follow it; the coordinators plan, change, copy and add evidence
    "plan.read": frozenset(READERS),
    "plan.edit": frozenset(COORDINATORS),
    "task.read": frozenset(READERS),
    "task.complete": frozenset(COORDINATORS | {"leader", "admin"}),
    "routing.read": frozenset(READERS | {"operator"}),
    # an agency's own rules: its admin and coordinators; the municipality's defaults (`*`): the operator
    "routing.manage": frozenset(COORDINATORS | {"admin", "operator"}),
    "directory.load": frozenset({"admin"}),
    # a service's event log, replayed by the operator's `vern reporting rebuild` (all agencies)
    "events.replay": frozenset({"admin"}),
    "directory.read": frozenset(READERS),
    # the audit trail (who changed what): the auditor's and the admin's, each for their own agency
    "audit.read": frozenset({"auditor", "admin"}),
    # webhook subscriptions send case facts to other systems: the coordinators and the auditor see where
    # they flow; the admin sets integrations up, and so does the central team, whose subscriptions alone
    # may take every agency's events (it reads every agency already)
    "webhooks.read": frozenset(COORDINATORS | {"central", "auditor", "admin"}),
    "webhooks.manage": frozenset({"admin", "central"}),
    "health.read": frozenset(READERS | {"employee"}),
}


def allowed(principal: Principal, action: str) -> bool:
    return principal.has_any(PERMISSIONS[action])


def check(principal: Principal, action: str) -> None:
    if not allowed(principal, action):
        raise Forbidden(f"Not allowed: {action} / Ikke tilgang: {action}")
