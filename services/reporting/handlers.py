"""Reporting use cases: the agency directory, notification tasks from events, completing tasks."""
from dataclasses import dataclass

from sqlalchemy import case, delete, select

from services.reporting import acknowledgement, domain, messages, tasks
from services.reporting.models import AckLink, Agency, Contact, Delivery, NotificationTask, RoutingRule
from services.reporting.tasks import TaskOrder, create_task, task_reference
from shared.auth import Principal
from shared.claims import claim
from shared.clock import utcnow
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.contracts.privacy_register import PRIOR_CONSULTATION_REQUIRED
from shared.contracts.reporting import NOTIFICATION_TASK_ACKNOWLEDGED, NOTIFICATION_TASK_COMPLETED
from shared.contracts.risk import UNACCEPTABLE_RISK_IDENTIFIED
from shared.errors import Conflict, Gone, NotFound
from shared.events import Event, EventType
from shared.pagination import fetch_page
from shared.store import UnitOfWork


def load_directory(uow: UnitOfWork, directory: dict) -> int:
    """Insert or update every agency of the file with its contacts; returns how many agencies."""
    session = uow.session
    _replace_contacts(session, domain.DEFAULT_AGENCY, directory["defaults"]["contacts"])
    for entry in directory["agencies"]:
        agency = session.get(Agency, entry["code"]) or Agency(code=entry["code"])
        agency.name = entry["name"]
        agency.parent_department = entry["parent_department"]
        session.add(agency)
        _replace_contacts(session, entry["code"], entry["contacts"])
    return len(directory["agencies"])


def _replace_contacts(session, agency_code: str, contacts: dict) -> None:
    session.execute(delete(Contact).where(Contact.agency_code == agency_code))
    session.flush()
    for role, contact in contacts.items():
        session.add(Contact(agency_code=agency_code, role=role, **contact))


@dataclass(frozen=True)
class Fanout:
    """How a routable event becomes tasks: what they are about, and which messages they get."""
    event_type: EventType
    subject_type: str
    subject_field: str  # the fact that names the subject
    messages: str  # template family: f"{messages}_{role}" if it exists, else f"{messages}_default"


INCIDENT_FANOUT = Fanout(INCIDENT_ESCALATED, "incident", "incident_id", "incident_escalated")
RISK_FANOUT = Fanout(UNACCEPTABLE_RISK_IDENTIFIED, "risk", "risk_id", "unacceptable_risk")
CONSULTATION_FANOUT = Fanout(PRIOR_CONSULTATION_REQUIRED, "dpia", "dpia_id", "prior_consultation")


def create_tasks_for_escalated_incident(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return create_tasks(uow, event, INCIDENT_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def create_tasks_for_unacceptable_risk(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The agency head must accept the risk or fund measures; others are told as the rules say."""
    return create_tasks(uow, event, RISK_FANOUT)


def create_tasks_for_prior_consultation(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The PKO submits the consultation to Datatilsynet; art. 36(3)(d) asks for the DPO's contact details."""
    return create_tasks(uow, event, CONSULTATION_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def create_tasks(uow: UnitOfWork, event: Event, fanout: Fanout, **extra_facts) -> list[NotificationTask]:
    """A task per recipient of the routing rules in force for the event's agency."""
    facts = {**event.data, "agency": event.agency, "agency_name": _agency_name(uow.session, event.agency),
             **extra_facts}
    now = utcnow()
    orders = [TaskOrder(
        agency=event.agency, recipient_role=rule.recipient_role, source_event_id=event.id,
        source_event_type=event.type, subject_type=fanout.subject_type, subject_id=facts[fanout.subject_field],
        template=messages.template_for(fanout.messages, rule.recipient_role, rule.template),
        facts=domain.as_json_facts(facts), rule_channel=rule.channel, due_at=domain.due_time(rule, facts),
        reminders=domain.reminder_times(rule, facts, now), overdue_roles=rule.overdue_roles)
        for rule in domain.recipients(rules_in_force(uow.session, event.agency, fanout.event_type.key), facts)]
    return [create_task(uow, order) for order in orders]


def rules_in_force(session, agency: str, event_type: str) -> list[domain.Rule]:
    def rules_of(agency_code):
        rows = session.scalars(select(RoutingRule).where(
            RoutingRule.agency_code == agency_code, RoutingRule.event_type == event_type,
            RoutingRule.active.is_(True)).order_by(RoutingRule.id)).all()
        return [domain.Rule(row.recipient_role, row.conditions or {}, row.channel, row.due_field, row.due_hours,
                            row.template, tuple(row.reminder_hours or ()), tuple(row.overdue_roles or ()))
                for row in rows]

    return domain.rules_in_force(rules_of(agency), rules_of(domain.DEFAULT_AGENCY))


def _dpo_contact(session, agency: str) -> str | None:
    """The contact point of art. 33(3)(b) and 36(3)(d): the agency's data protection officer."""
    ombud = tasks.find_contact(session, agency, "ombud")
    return f"{ombud.name} <{ombud.address}>" if ombud and ombud.address else None


def _agency_name(session, code: str) -> str | None:
    agency = session.get(Agency, code)
    return agency.name if agency else None


def find_contact(uow: UnitOfWork, principal: Principal, agency: str, role: str) -> Contact:
    """Who holds `role` for `agency` (or the municipality's default), for callers who may see that agency."""
    if agency != principal.agency and not principal.sees_all_agencies:
        raise NotFound(f"Agency {agency} not found / Virksomheten finnes ikke")
    contact = tasks.find_contact(uow.session, agency, role)
    if contact is None:
        raise NotFound(f"No {role} in the directory for {agency} / Ingen {role} i katalogen for {agency}")
    return contact


def visible_tasks(principal: Principal):
    """Another agency's tasks do not exist for the caller; people outside the coordinating roles
    see only their own role's inbox."""
    query = select(NotificationTask)
    if not principal.sees_all_agencies:
        query = query.where(NotificationTask.agency == principal.agency)
    if not domain.sees_every_task(principal.roles):
        query = query.where(NotificationTask.recipient_role.in_(sorted(principal.roles)))
    return query


def list_tasks(uow: UnitOfWork, principal: Principal, incident_id=None, risk_id=None, dpia_id=None,
               subject_type=None, status=None, role=None, overdue=None, page=1, page_size=25) -> dict:
    """The caller's inbox, most urgent first: open before done, then the earliest due time."""
    query = visible_tasks(principal)
    for about, subject_id in (("incident", incident_id), ("risk", risk_id), ("dpia", dpia_id)):
        if subject_id:
            query = query.where(NotificationTask.subject_type == about, NotificationTask.subject_id == subject_id)
    if subject_type:
        query = query.where(NotificationTask.subject_type == subject_type)
    if status:
        query = query.where(NotificationTask.status == status)
    if role:
        query = query.where(NotificationTask.recipient_role == role)
    if overdue is not None:
        late = (NotificationTask.status == "open") & (NotificationTask.due_at < utcnow())
        query = query.where(late if overdue else ~late)
    query = query.order_by(case((NotificationTask.status == "open", 0), else_=1),
                           NotificationTask.due_at.is_(None), NotificationTask.due_at,
                           NotificationTask.created_at.desc(), NotificationTask.recipient_role)
    return fetch_page(uow.session, query, page, page_size)


def acknowledge(uow: UnitOfWork, token: str) -> NotificationTask:
    """Confirm receipt with a message's link: once, before it expires, for that message's task only."""
    now = utcnow()
    link = uow.session.get(AckLink, acknowledgement.token_hash(token))
    if link is None:
        raise NotFound("Unknown acknowledgement link / Ukjent bekreftelseslenke")
    problem = acknowledgement.link_problem(link.expires_at, link.used_at, now)
    if problem:
        raise (Gone if link.used_at is None else Conflict)(problem)
    if not claim(uow.session, AckLink, AckLink.token_hash == link.token_hash, AckLink.used_at.is_(None),
                 used_at=now):  # the same link clicked twice at once
        raise Conflict("This link has already been used / Lenken er allerede brukt")
    task = uow.session.get(NotificationTask, link.task_id)
    if task.acknowledged_at is None:
        sent = uow.session.get(Delivery, link.delivery_id) if link.delivery_id else None
        task.acknowledged_at, task.acknowledged_via = now, "link"
        task.acknowledged_by = sent.address if sent else task.recipient_address
        uow.publish(NOTIFICATION_TASK_ACKNOWLEDGED, task.id, task.agency, {
            **task_reference(task), "message_id": link.delivery_id or "", "acknowledged_at": now})
    return task


def complete_authority_tasks(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """Datatilsynet has been notified (in the incidents service): its task is done, so no more reminders."""
    done = open_tasks(uow.session, event.agency, "incident", event.data["incident_id"], recipient_role="datatilsynet")
    for task in done:
        _complete(uow, task, event.data["submitted_at"], "incidents",
                  f"Meldt til Datatilsynet / Notified to Datatilsynet ({event.data['phase']})")
    return done


def close_decision_on_acceptance(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    data = event.data
    return _close_risk_tasks(uow, event, data["accepted_at"], data["accepted_by"],
                             domain.acceptance_note(data["justification"]))


def close_decision_on_treatment(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    data = event.data
    return _close_risk_tasks(uow, event, data["decided_at"], data["decided_by"],
                             domain.treatment_note(data["justification"]))


def close_decision_on_resolution(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    data = event.data
    return _close_risk_tasks(uow, event, data["resolved_at"], "risk",
                             domain.resolution_note(data["resolution"]))


def _close_risk_tasks(uow: UnitOfWork, event: Event, at, by: str, note: str) -> list[NotificationTask]:
    """The decision is made, or no longer needed: every open task about the risk is done, so the
    reminders and the overdue escalation stop."""
    return _complete_all(uow, open_tasks(uow.session, event.agency, "risk", event.data["risk_id"]), at, by, note)


def close_prior_consultation(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """Datatilsynet has answered (or the consultation was withdrawn): nothing is left to submit or chase."""
    data = event.data
    return _complete_all(uow, open_tasks(uow.session, event.agency, "dpia", data["dpia_id"]), data["recorded_at"],
                         data["recorded_by"], domain.consultation_note(data["outcome"], data["reference"]))


def open_tasks(session, agency: str, subject_type: str, subject_id: str,
               recipient_role: str | None = None) -> list[NotificationTask]:
    """An event closes only its own agency's tasks."""
    query = select(NotificationTask).where(NotificationTask.agency == agency,
                                           NotificationTask.subject_type == subject_type,
                                           NotificationTask.subject_id == subject_id,
                                           NotificationTask.status == "open")
    if recipient_role:
        query = query.where(NotificationTask.recipient_role == recipient_role)
    return list(session.scalars(query.order_by(NotificationTask.created_at)).all())


def complete_task(uow: UnitOfWork, principal: Principal, task_id: str, note: str | None) -> NotificationTask:
    task = uow.session.scalars(visible_tasks(principal).where(NotificationTask.id == task_id)).first()
    if task is None:
        raise NotFound(f"Notification task {task_id} not found / Varslingsoppgaven finnes ikke")
    if task.status == "completed":
        raise Conflict("Task already completed / Oppgaven er allerede utført")
    return _complete(uow, task, utcnow(), principal.sub, note)


def _complete_all(uow: UnitOfWork, found: list[NotificationTask], at, by: str, note: str) -> list[NotificationTask]:
    for task in found:
        _complete(uow, task, at, by, note)
    return found


def _complete(uow: UnitOfWork, task: NotificationTask, now, by: str, note: str | None) -> NotificationTask:
    task.status, task.completed_at, task.completed_by, task.completion_note = "completed", now, by, note
    uow.publish(NOTIFICATION_TASK_COMPLETED, task.id, task.agency, {
        **task_reference(task), "completed_at": now, "completed_by": by,
        "late": task.due_at is not None and now > task.due_at,
    })
    return task
