"""Notifications use cases: the agency directory, notification tasks from events, completing tasks."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, delete, select

from services.notifications import acknowledgement, delivery, domain, measure_life, messages, progress, tasks
from services.notifications.models import (AckLink, Agency, Contact, Delivery, NotificationTask, OwnerContact, Reminder,
                                       RoutingRule)
from services.notifications.tasks import TaskOrder, create_task, task_reference
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import utcnow
from shared.database import lock_until_commit
from shared.contracts.incidents import (AUTHORITY_DEADLINE_MISSED, BREACH_ASSESSED, BREACH_DECIDED, INCIDENT_ASSESSED,
                                       INCIDENT_ESCALATED, INCIDENT_REPORTED)
from shared.contracts.incidents import MEASURE_ASSIGNED as INCIDENT_MEASURE_ASSIGNED
from shared.contracts.privacy_register import PRIOR_CONSULTATION_REQUIRED
from shared.contracts.notifications import (AGENCY_LISTED, MEASURE_PROGRESS_REPORTED, NOTIFICATION_TASK_ACKNOWLEDGED,
                                            NOTIFICATION_TASK_COMPLETED, NOTIFICATION_TASK_OVERDUE)
from shared.contracts.reporting import DOCUMENT_REVIEW_OVERDUE
from shared.contracts.risk import MEASURE_ASSIGNED, MEASURE_OVERDUE, UNACCEPTABLE_RISK_IDENTIFIED
from shared.contracts.training import TRAINING_OVERDUE
from shared.errors import BadInput, Conflict, Gone, NotFound
from shared.events import Event, EventType
from shared.pagination import fetch_page
from shared.scoping import ensure_own_agency
from shared.service_database import UnitOfWork


def load_directory(uow: UnitOfWork, directory: dict) -> int:
    """Insert or update every agency of the file with its contacts; returns how many agencies. An agency that
    is new, or whose name, department or sectors changed, is announced (`agency_listed`): reporting names
    agencies and picks requirements by sector from it. An unchanged one is not, so loading the same file
    again publishes nothing."""
    session = uow.session
    now = utcnow()
    _replace_contacts(session, domain.DEFAULT_AGENCY, directory["defaults"]["contacts"])
    for entry in directory["agencies"]:
        agency = session.get(Agency, entry["code"]) or Agency(code=entry["code"])
        before = _listing(agency) if agency.name is not None else None
        agency.name = entry["name"]
        agency.parent_department = entry["parent_department"]
        agency.sectors = entry.get("sectors") or []
        session.add(agency)
        _replace_contacts(session, entry["code"], entry["contacts"])
        _replace_owner_contacts(session, entry["code"], entry.get("systems", []))
        if _listing(agency) != before:
            uow.publish(AGENCY_LISTED, agency.code, agency.code, {**_listing(agency), "listed_at": now})
    return len(directory["agencies"])


def _listing(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name, "parent_department": agency.parent_department,
            "sectors": list(agency.sectors or [])}


def _replace_owner_contacts(session, agency_code: str, systems: list) -> None:
    session.execute(delete(OwnerContact).where(OwnerContact.agency_code == agency_code))
    session.flush()
    for system in systems:
        for role, contact in system["contacts"].items():
            session.add(OwnerContact(agency_code=agency_code, system=system["key"], system_name=system["name"],
                                     role=role, **contact))


def _replace_contacts(session, agency_code: str, contacts: dict) -> None:
    session.execute(delete(Contact).where(Contact.agency_code == agency_code))
    session.flush()
    for role, contact in contacts.items():
        session.add(Contact(agency_code=agency_code, role=role, **contact))


@dataclass(frozen=True)
class Fanout:
    """How a routable event becomes tasks: what they are about, which messages they get, and the thread
    they belong to (one task per recipient, action and thread about a subject, updated as the case changes)."""
    event_type: EventType
    subject_type: str
    subject_field: str  # the fact that names the subject
    messages: str  # template family: f"{messages}_{role}" if it exists, else f"{messages}_default"
    thread: str

    def facts_of(self, data: dict) -> dict:
        """The event's data as facts; breach events name the ENISA band `breach_severity`, so `severity`
        is always the incident's scale (one scale in every message)."""
        if self.event_type in (BREACH_ASSESSED, BREACH_DECIDED):
            return {**data, "breach_severity": data["severity"], "severity": data.get("incident_severity")}
        if self.event_type is TRAINING_OVERDUE:
            return {**data, "title": data["course_title"]}
        if self.event_type in (MEASURE_ASSIGNED, INCIDENT_MEASURE_ASSIGNED):
            # an incident's measure may have no due date: a task without due time, reminders or escalation
            return {**data, **(domain.measure_due(data["due_date"]) if data.get("due_date") else {})}
        return dict(data)


INCIDENT_FANOUT = Fanout(INCIDENT_ESCALATED, "incident", "incident_id", "incident_escalated", "incident")
BREACH_ASSESSED_FANOUT = Fanout(BREACH_ASSESSED, "incident", "incident_id", "breach_notifiable", "incident")
BREACH_DECIDED_FANOUT = Fanout(BREACH_DECIDED, "incident", "incident_id", "breach_notifiable", "incident")
REPORTED_FANOUT = Fanout(INCIDENT_REPORTED, "incident", "incident_id", "breach_triage", "incident")
ASSESSED_FANOUT = Fanout(INCIDENT_ASSESSED, "incident", "incident_id", "breach_triage", "incident")
DEADLINE_MISSED_FANOUT = Fanout(AUTHORITY_DEADLINE_MISSED, "incident", "incident_id", "authority_deadline_missed",
                                "deadline_missed")
RISK_FANOUT = Fanout(UNACCEPTABLE_RISK_IDENTIFIED, "risk", "risk_id", "unacceptable_risk", "risk")
CONSULTATION_FANOUT = Fanout(PRIOR_CONSULTATION_REQUIRED, "dpia", "dpia_id", "prior_consultation", "dpia")
REVIEW_FANOUT = Fanout(DOCUMENT_REVIEW_OVERDUE, "document", "document_id", "review_overdue", "review_overdue")
MEASURE_FANOUT = Fanout(MEASURE_OVERDUE, "measure", "measure_id", "measure_overdue", "measure_overdue")
TRAINING_FANOUT = Fanout(TRAINING_OVERDUE, "course", "course_id", "training_overdue", "training_overdue")
MEASURE_OWNER_FANOUT = Fanout(MEASURE_ASSIGNED, "measure", "measure_id", "measure_assigned", "measure_owner")
INCIDENT_MEASURE_OWNER_FANOUT = Fanout(INCIDENT_MEASURE_ASSIGNED, "incident_measure", "measure_id", "measure_assigned",
                                       "measure_owner")
FANOUTS = (INCIDENT_FANOUT, BREACH_ASSESSED_FANOUT, BREACH_DECIDED_FANOUT, REPORTED_FANOUT, ASSESSED_FANOUT,
           DEADLINE_MISSED_FANOUT, RISK_FANOUT, CONSULTATION_FANOUT, REVIEW_FANOUT, MEASURE_FANOUT, TRAINING_FANOUT,
           MEASURE_OWNER_FANOUT, INCIDENT_MEASURE_OWNER_FANOUT)

def create_tasks_for_escalated_incident(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return create_tasks(uow, event, INCIDENT_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def create_tasks_for_reported_incident(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """A reported breach gets the PKO's triage task at once, so it never sits unseen (default rules)."""
    return create_tasks(uow, event, REPORTED_FANOUT)


def create_tasks_for_assessed_incident(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """An incident found to involve personal data, not yet assessed as a breach, gets the triage task too."""
    return create_tasks(uow, event, ASSESSED_FANOUT)


def follow_breach_assessment(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The breach has a recommendation: triage is done, and when it says notify, Datatilsynet's task runs
    (whatever the severity; art. 33 knows no "serious")."""
    _end_triage(uow, event)
    return create_tasks(uow, event, BREACH_ASSESSED_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def _end_triage(uow: UnitOfWork, event: Event) -> None:
    """Complete each triage recipient's task. Each event has its own queue, so the report may be handled after
    the assessment: a triage task not made yet is made here, already done and without a message, and the
    late report then finds it in the thread instead of asking for an assessment that exists."""
    data = event.data
    in_thread = thread_tasks(uow.session, event.agency, "incident", data["incident_id"], INCIDENT_FANOUT.thread)
    roles = {rule.recipient_role for fanout in (REPORTED_FANOUT, ASSESSED_FANOUT)
             for rule in _rules_for(uow.session, event, fanout)
             if (rule.action or domain.default_action(rule.recipient_role, "incident")) == "triage"}
    for role in sorted(roles):
        task = in_thread.get((role, "triage")) or create_task(uow, TaskOrder(
            agency=event.agency, recipient_role=role, source_event_id=event.id, source_event_type=event.type,
            subject_type="incident", subject_id=data["incident_id"], template="breach_triage",
            facts=domain.as_json_facts({**BREACH_ASSESSED_FANOUT.facts_of(data), "agency": event.agency}),
            rule_channel="manual", action="triage", thread=INCIDENT_FANOUT.thread))
        if task.status == "open":
            _complete(uow, task, data["assessed_at"], data["assessed_by"],
                      "Bruddet er vurdert (ENISA) / The breach was assessed (ENISA)")


def follow_breach_decision(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The coordinator decided: "notify" keeps (or re-opens) Datatilsynet's task; "not required" closes it
    with the documented reason (art. 33(5)), and the chasing of a missed deadline with it."""
    data = event.data
    if data["notify_authority"] == domain.NOT_REQUIRED:
        note = domain.not_required_note(data.get("justification"))
        closing = open_duty_tasks(uow.session, event.agency, data["incident_id"])
        for task in closing:
            _complete(uow, task, data["decided_at"], data["decided_by"], note)
            task.closed_reason = domain.NOT_REQUIRED
        return closing
    return create_tasks(uow, event, BREACH_DECIDED_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def follow_missed_deadline(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """72 hours passed with Datatilsynet neither notified nor ruled out: Datatilsynet's task is overdue, and
    the recipients of the event's rules (the agency head and the PKO by default) get a task each, unless the
    overdue escalation already gave them one for that task."""
    data = event.data
    authority_tasks = open_tasks(uow.session, event.agency, "incident", data["incident_id"], action="notify_authority")
    told = [rule.recipient_role for rule in _rules_for(uow.session, event, DEADLINE_MISSED_FANOUT)]
    for task in authority_tasks:
        if claim(uow.session, NotificationTask, NotificationTask.id == task.id, NotificationTask.overdue_at.is_(None),
                 overdue_at=data["noticed_at"]):
            uow.publish(NOTIFICATION_TASK_OVERDUE, task.id, task.agency, {
                **task_reference(task), "due_at": task.due_at, "noticed_at": data["noticed_at"],
                "escalated_to": told})
    follows = authority_tasks[0].id if authority_tasks else None
    return create_tasks(uow, event, DEADLINE_MISSED_FANOUT, follows_task_id=follows)


def create_tasks_for_unacceptable_risk(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The agency head must accept the risk or fund measures; others are told as the rules say."""
    return create_tasks(uow, event, RISK_FANOUT)


def create_tasks_for_prior_consultation(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """The PKO submits the consultation to Datatilsynet; art. 36(3)(d) asks for the DPO's contact details."""
    return create_tasks(uow, event, CONSULTATION_FANOUT, dpo_contact=_dpo_contact(uow.session, event.agency))


def create_tasks_for_overdue_review(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return create_tasks(uow, event, REVIEW_FANOUT)


def create_tasks_for_overdue_measure(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return create_tasks(uow, event, MEASURE_FANOUT)


def create_tasks_for_overdue_training(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return create_tasks(uow, event, TRAINING_FANOUT)


def create_tasks(uow: UnitOfWork, event: Event, fanout: Fanout, follows_task_id: str | None = None,
                 **extra_facts) -> list[NotificationTask]:
    """A task per recipient of the routing rules in force for the event's agency; a recipient who already
    has the task in this thread about the subject has it updated instead (and is told what changed)."""
    facts = {**fanout.facts_of(event.data), "agency": event.agency,
             "agency_name": _agency_name(uow.session, event.agency), **extra_facts}
    json_facts = domain.as_json_facts(facts)
    subject_id = str(facts[fanout.subject_field])
    now = utcnow()
    in_thread = thread_tasks(uow.session, event.agency, fanout.subject_type, subject_id, fanout.thread)
    made = []
    for rule in domain.recipients(_rules_for(uow.session, event, fanout), facts):
        action = rule.action or domain.default_action(rule.recipient_role, fanout.subject_type)
        existing = in_thread.get((rule.recipient_role, action))
        if existing is not None:
            made.append(tasks.update_task(uow, existing, event.type, json_facts))
            continue
        made.append(create_task(uow, TaskOrder(
            agency=event.agency, recipient_role=rule.recipient_role, source_event_id=event.id,
            source_event_type=event.type, subject_type=fanout.subject_type, subject_id=subject_id,
            template=messages.template_for(fanout.messages, rule.recipient_role, rule.template),
            facts=json_facts, rule_channel=rule.channel, due_at=domain.due_time(rule, facts),
            reminders=domain.reminder_times(rule, facts, now), overdue_roles=rule.overdue_roles,
            follows_task_id=follows_task_id, action=action, thread=fanout.thread, system=facts.get("owner_system"))))
    return made


def follow_measure_assignment(uow: UnitOfWork, event: Event, fanout: Fanout = MEASURE_OWNER_FANOUT
                              ) -> list[NotificationTask]:
    """A measure's owner gets a task with the measure's due date. When the owner or the due date changes,
    the task of an owner who no longer owns it closes, and the owner's task moves to the new due date
    (reminders and escalation counted again) and is sent again."""
    data = event.data
    subject_id = str(data["measure_id"])
    if not newest_in_measure_life(uow, event, fanout.subject_type, "assigned_at"):
        return []  # the measure was closed, or given to someone else, after this assignment
    facts = {**fanout.facts_of(data), "agency": event.agency, "agency_name": _agency_name(uow.session, event.agency)}
    in_thread = thread_tasks(uow.session, event.agency, fanout.subject_type, subject_id, fanout.thread)
    rules = {rule.recipient_role: rule for rule in domain.recipients(_rules_for(uow.session, event, fanout), facts)}
    moved = []
    for (role, _), task in in_thread.items():
        if role in rules:  # the owner's task, whether it was open, done or closed for another owner
            moved.append(_move_owner_task(uow, task, rules[role], facts))
        elif task.status == "open":
            _complete(uow, task, data["assigned_at"], data["assigned_by"], domain.REASSIGNED_NOTE)
            task.closed_reason = domain.REASSIGNED
    return moved or create_tasks(uow, event, fanout)


def _move_owner_task(uow: UnitOfWork, task: NotificationTask, rule: domain.Rule, facts: dict) -> NotificationTask:
    """The task follows the measure: its owner's contact, its facts, its due time and reminders; sent again."""
    now = utcnow()
    contact = tasks.find_contact(uow.session, task.agency, task.recipient_role, facts.get("owner_system"))
    task.recipient_name = contact.name if contact else None
    task.recipient_address = contact.address if contact else None
    task.language = contact.language if contact else "nb"
    task.facts = {**domain.as_json_facts(facts), "progress": (task.facts or {}).get("progress", [])}
    task.due_at = domain.due_time(rule, facts)
    task.overdue_at = None if task.due_at is None or task.due_at > now else task.overdue_at
    task.status, task.completed_at, task.completed_by, task.completion_note = "open", None, None, None
    task.closed_reason = None
    shown = messages.render(task.template, task.language, tasks.message_context(task))
    task.title, task.message = shown.subject[:300], shown.text
    for reminder in task.reminders:
        if reminder.status == "scheduled":
            reminder.status = "skipped"
    after = max((reminder.number for reminder in task.reminders), default=0)
    for number, send_at in domain.reminder_times(rule, facts, now):
        task.reminders.append(Reminder(number=after + number, send_at=send_at, status="scheduled"))
    task.channel = delivery.channel_for(rule.channel, task.recipient_address)
    if task.channel != "manual":
        tasks.queue_delivery(uow, task, task.channel, task.recipient_address, "notification")
    return task


def newest_in_measure_life(uow: UnitOfWork, event: Event, subject_type: str, moment: str) -> bool:
    """Records the assignment or the closing in the measure's life, locked: each event has its own queue,
    so a closing (or a newer assignment) may be handled before an assignment made earlier. False when
    something newer than this event is recorded already."""
    life = measure_life.locked_state(uow, subject_type, str(event.data["measure_id"]), event.agency)
    at = _moment(event.data[moment])
    assigned, closed = (_moment(life.state[key]) if life.state.get(key) else None for key in ("assigned_at", "closed_at"))
    if any(when is not None and when > at for when in (assigned, closed)) or (moment == "assigned_at" and closed == at):
        return False
    life.state = {**life.state, moment: at.isoformat()}
    life.updated_at = utcnow()
    return True


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def follow_incident_measure_assignment(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return follow_measure_assignment(uow, event, INCIDENT_MEASURE_OWNER_FANOUT)


def close_incident_measure_tasks(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    return close_measure_tasks(uow, event, INCIDENT_MEASURE_OWNER_FANOUT.subject_type)


def close_measure_tasks(uow: UnitOfWork, event: Event, subject_type: str = "measure") -> list[NotificationTask]:
    """The measure is done, continuous or cancelled: its owner's task, and the chasing of it, are over."""
    data = event.data
    newest_in_measure_life(uow, event, subject_type, "closed_at")  # an assignment handled later makes no task
    return _complete_all(uow, open_tasks(uow.session, event.agency, subject_type, str(data["measure_id"])),
                         data["closed_at"], data["closed_by"], domain.measure_closed_note(data["status"]))


def measure_progress_view(uow: UnitOfWork, secret: str, token: str) -> dict:
    """What the owner sees behind the link (no account: the signed link is the credential)."""
    return _progress_view(_progress_task(uow, secret, token))


def report_measure_progress(uow: UnitOfWork, secret: str, token: str, progress_made: str,
                            comment: str | None) -> dict:
    """The owner's report from the link goes to the service that owns the measure, which records it in the
    measure's history; the task keeps it too, for the coordinator's inbox. Refused once the task is closed."""
    task = _progress_task(uow, secret, token)
    if task.status != "open":
        raise Conflict("The measure is closed or has another owner; the link no longer reports progress / "
                       "Tiltaket er avsluttet eller har fått en annen eier; lenken kan ikke lenger brukes")
    now, comment = utcnow(), (comment or "").strip() or None
    facts = task.facts or {}
    by = f"{task.recipient_name} <{task.recipient_address}>" if task.recipient_address else task.recipient_role
    task.facts = {**facts, "progress": [*facts.get("progress", []),
                                        {"at": now.isoformat(), "progress": progress_made, "comment": comment}]}
    if task.acknowledged_at is None:
        task.acknowledged_at, task.acknowledged_via, task.acknowledged_by = now, "progress_link", by
    owner_id = facts.get("risk_id") or facts.get("incident_id") or ""
    uow.publish(MEASURE_PROGRESS_REPORTED, task.id, task.agency, {
        **task_reference(task), "measure_id": int(facts["measure_id"]), "owner_id": owner_id,
        "progress": progress_made, "comment": comment, "reported_at": now, "reported_by": by[:320]})
    return _progress_view(task)


def _progress_task(uow: UnitOfWork, secret: str, token: str) -> NotificationTask:
    task_id = progress.task_of(secret, token)
    task = uow.session.get(NotificationTask, task_id) if task_id else None
    if task is None or task.action != "carry_out":
        raise NotFound("Unknown progress link / Ukjent framdriftslenke")
    return task


def _progress_view(task: NotificationTask) -> dict:
    facts = task.facts or {}
    return {"task_id": task.id, "open": task.status == "open", "recipient_role": task.recipient_role,
            "recipient_name": task.recipient_name, "subject_type": task.subject_type,
            "measure_id": facts.get("measure_id"), "title": facts.get("title", ""),
            "owner_title": facts.get("risk_title") or facts.get("incident_title"),
            "due_date": facts.get("due_date"), "status": facts.get("status", ""),
            "progress": facts.get("progress", [])}


def thread_tasks(session, agency: str, subject_type: str, subject_id: str,
                 thread: str) -> dict[tuple[str, str], NotificationTask]:
    """The tasks of a thread about a subject, open or done, by (recipient role, action): one query per
    event, and one task per key (the unique key makes it so). Two events about the subject handled at once
    (the escalation and the breach assessment) wait for each other here, so the second finds the first's
    tasks and updates them instead of failing on the unique key and going round again."""
    lock_until_commit(session, f"notification-tasks:{agency}:{subject_type}:{subject_id}")
    rows = session.scalars(select(NotificationTask).where(
        NotificationTask.agency == agency, NotificationTask.subject_type == subject_type,
        NotificationTask.subject_id == subject_id, NotificationTask.thread == thread)).all()
    return {(task.recipient_role, task.action): task for task in rows}


def _rules_for(session, event: Event, fanout: Fanout) -> list[domain.Rule]:
    return rules_in_force(session, event.agency, fanout.event_type.key)


def rules_in_force(session, agency: str, event_type: str) -> list[domain.Rule]:
    def rules_of(agency_code):
        rows = session.scalars(select(RoutingRule).where(
            RoutingRule.agency_code == agency_code, RoutingRule.event_type == event_type,
            RoutingRule.active.is_(True)).order_by(RoutingRule.id)).all()
        return [domain.Rule(row.recipient_role, row.conditions or {}, row.channel, row.due_field, row.due_hours,
                            row.template, tuple(row.reminder_hours or ()), tuple(row.overdue_roles or ()),
                            row.action)
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
               subject_type=None, status=None, role=None, overdue=None, action=None, sort="due",
               page=1, page_size=25) -> dict:
    """The caller's inbox, most urgent first (open before done, then the earliest due time), or with
    `sort="newest"` the newest first."""
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
    if action:
        query = query.where(NotificationTask.action == action)
    if overdue is not None:
        late = (NotificationTask.status == "open") & (NotificationTask.due_at < utcnow())
        query = query.where(late if overdue else ~late)
    if sort == "newest":
        query = query.order_by(NotificationTask.created_at.desc(), NotificationTask.id)
    else:
        query = query.order_by(case((NotificationTask.status == "open", 0), else_=1),
                               NotificationTask.due_at.is_(None), NotificationTask.due_at,
                               NotificationTask.created_at.desc(), NotificationTask.recipient_role,
                               NotificationTask.id)
    return fetch_page(uow.session, query, page, page_size)


def acknowledge(uow: UnitOfWork, token: str, comment: str | None = None) -> NotificationTask:
    """Confirm receipt with a message's link: once, before it expires, for that message's task only. A task
    that asked only for this is done; a comment goes to the case's coordinator as a task of their own."""
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
    comment = (comment or "").strip() or None
    if task.acknowledged_at is None or comment:
        sent = uow.session.get(Delivery, link.delivery_id) if link.delivery_id else None
        by = sent.address if sent else task.recipient_address
        if task.acknowledged_at is None:
            task.acknowledged_at, task.acknowledged_via, task.acknowledged_by = now, "link", by
        if comment:
            task.comment = comment
            _pass_on_comment(uow, task, comment)
        uow.publish(NOTIFICATION_TASK_ACKNOWLEDGED, task.id, task.agency, {
            **task_reference(task), "message_id": link.delivery_id or "", "acknowledged_at": now,
            "comment": comment, "acknowledged_by_role": task.recipient_role})
    if task.status == "open" and task.action == "acknowledge":
        _complete(uow, task, now, task.acknowledged_by or task.recipient_role,
                  "Bekreftet med lenken i meldingen / Confirmed with the link in the message")
    return task


def _pass_on_comment(uow: UnitOfWork, task: NotificationTask, comment: str) -> NotificationTask:
    """The coordinator is the contact point of everyone told: a recipient's question becomes their task."""
    facts = task.facts or {}
    return create_task(uow, TaskOrder(
        agency=task.agency, recipient_role=domain.coordinator_for(facts), source_event_id=f"comment:{task.id}",
        source_event_type=NOTIFICATION_TASK_ACKNOWLEDGED.type, subject_type=task.subject_type,
        subject_id=task.subject_id, template="recipient_comment", follows_task_id=task.id, action="follow_up",
        facts={**{key: value for key, value in facts.items() if key != "follow_up"},
               "follow_up": {"comment": comment, "from_role": task.recipient_role}}))


def complete_authority_tasks(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    """Datatilsynet has been notified (in the incidents service): its task, and the chasing of a missed
    deadline, are done, so no more reminders."""
    data = event.data
    done = open_duty_tasks(uow.session, event.agency, data["incident_id"])
    for task in done:
        _complete(uow, task, data["submitted_at"], "incidents",
                  f"Meldt til Datatilsynet / Notified to Datatilsynet ({data['phase']})")
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


def open_duty_tasks(session, agency: str, incident_id: str) -> list[NotificationTask]:
    """The open tasks of the duty to notify Datatilsynet: its own task and the chasing of a missed deadline,
    which the notification, or a decision that none is required, ends together."""
    return [task for task in open_tasks(session, agency, "incident", incident_id)
            if task.action == "notify_authority" or task.thread == DEADLINE_MISSED_FANOUT.thread]


def open_tasks(session, agency: str, subject_type: str, subject_id: str, recipient_role: str | None = None,
               action: str | None = None) -> list[NotificationTask]:
    """An event closes only its own agency's tasks."""
    query = select(NotificationTask).where(NotificationTask.agency == agency,
                                           NotificationTask.subject_type == subject_type,
                                           NotificationTask.subject_id == subject_id,
                                           NotificationTask.status == "open")
    if recipient_role:
        query = query.where(NotificationTask.recipient_role == recipient_role)
    if action:
        query = query.where(NotificationTask.action == action)
    return list(session.scalars(query.order_by(NotificationTask.created_at)).all())


def complete_task(uow: UnitOfWork, principal: Principal, task_id: str, note: str | None) -> NotificationTask:
    task = uow.session.scalars(visible_tasks(principal).where(NotificationTask.id == task_id)).first()
    if task is None:
        raise NotFound(f"Notification task {task_id} not found / Varslingsoppgaven finnes ikke")
    ensure_own_agency(principal, task, NotificationTask.__tablename__, task_id,
                      ("Notification task", "Varslingsoppgaven"))
    if task.status == "completed":
        raise Conflict("Task already completed / Oppgaven er allerede utført")
    problem = domain.completion_problem(task.action, task.recipient_role, principal.roles, note)
    if problem and problem[0] == "note":
        raise BadInput(problem[1], {"note": [problem[1]]})
    if problem:
        raise Conflict(problem[1])
    now = utcnow()
    if task.action == "acknowledge" and task.acknowledged_at is None:
        on_behalf = task.recipient_role not in principal.roles
        task.acknowledged_at, task.acknowledged_by = now, principal.sub
        task.acknowledged_via = "on_behalf" if on_behalf else "inbox"
    return _complete(uow, task, now, principal.sub, note)


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
