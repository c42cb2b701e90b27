"""Reporting use cases: the agency directory, notification tasks from events, completing tasks."""
import uuid

from sqlalchemy import delete, select

from services.reporting import delivery, domain
from services.reporting.models import Agency, Contact, Delivery, NotificationTask, RoutingRule
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.incidents import INCIDENT_ESCALATED
from shared.contracts.reporting import NOTIFICATION_TASK_COMPLETED, NOTIFICATION_TASK_CREATED
from shared.errors import Conflict, NotFound
from shared.events import Event
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


def create_tasks_for_escalated_incident(uow: UnitOfWork, event: Event) -> list[NotificationTask]:
    facts = {**event.data, "agency": event.agency}
    tasks = []
    for rule in domain.recipients(_rules(uow.session, event.agency, INCIDENT_ESCALATED.key), facts):
        due_at = domain.due_time(rule, facts)
        title, message = domain.incident_message(rule.recipient_role, facts, due_at)
        contact = _contact(uow.session, event.agency, rule.recipient_role)
        address = contact.address if contact else None
        task = NotificationTask(
            id=str(uuid.uuid4()), agency=event.agency, source_event_id=event.id,
            source_event_type=event.type, subject_type="incident", subject_id=facts["incident_id"],
            recipient_role=rule.recipient_role, channel=delivery.channel_for(rule.channel, address),
            title=title, message=message, recipient_name=contact.name if contact else None,
            recipient_address=address, due_at=due_at, status="open", created_at=utcnow())
        uow.session.add(task)
        schedule_delivery(uow, task)
        uow.publish(NOTIFICATION_TASK_CREATED, task.id, task.agency, {
            "task_id": task.id, "recipient_role": task.recipient_role, "channel": task.channel,
            "due_at": task.due_at, "subject_type": task.subject_type, "subject_id": task.subject_id,
            "source_event_id": event.id, "source_event_type": event.type, "created_at": task.created_at,
        })
        tasks.append(task)
    return tasks


def schedule_delivery(uow: UnitOfWork, task: NotificationTask) -> Delivery | None:
    """Queue the task's message for its channel; a manual task is only shown in the inbox."""
    if task.channel == "manual":
        return None
    queued = Delivery(id=str(uuid.uuid4()), task=task, channel=task.channel, address=task.recipient_address,
                      status="pending", attempts=0, next_attempt_at=task.created_at, created_at=task.created_at)
    uow.session.add(queued)
    return queued


def _rules(session, agency: str, event_type: str) -> list[domain.Rule]:
    def rules_of(agency_code):
        rows = session.scalars(select(RoutingRule).where(
            RoutingRule.agency_code == agency_code, RoutingRule.event_type == event_type,
            RoutingRule.active.is_(True)).order_by(RoutingRule.id)).all()
        return [domain.Rule(row.recipient_role, row.conditions or {}, row.channel, row.due_field, row.due_hours)
                for row in rows]

    return domain.rules_in_force(rules_of(agency), rules_of(domain.DEFAULT_AGENCY))


def _contact(session, agency: str, role: str) -> Contact | None:
    for code in (agency, domain.DEFAULT_AGENCY):
        contact = session.scalars(select(Contact).where(Contact.agency_code == code, Contact.role == role)).first()
        if contact:
            return contact
    return None


def find_contact(uow: UnitOfWork, principal: Principal, agency: str, role: str) -> Contact:
    """Who holds `role` for `agency` (or the municipality's default), for callers who may see that agency."""
    if agency != principal.agency and not principal.sees_all_agencies:
        raise NotFound(f"Agency {agency} not found / Virksomheten finnes ikke")
    contact = _contact(uow.session, agency, role)
    if contact is None:
        raise NotFound(f"No {role} in the directory for {agency} / Ingen {role} i katalogen for {agency}")
    return contact


def visible_tasks(principal: Principal):
    query = select(NotificationTask)
    if not principal.sees_all_agencies:
        query = query.where(NotificationTask.agency == principal.agency)
    return query


def list_tasks(uow: UnitOfWork, principal: Principal, incident_id=None, status=None, page=1, page_size=25) -> dict:
    query = visible_tasks(principal)
    if incident_id:
        query = query.where(NotificationTask.subject_type == "incident", NotificationTask.subject_id == incident_id)
    if status:
        query = query.where(NotificationTask.status == status)
    query = query.order_by(NotificationTask.created_at, NotificationTask.recipient_role)
    return fetch_page(uow.session, query, page, page_size)


def complete_task(uow: UnitOfWork, principal: Principal, task_id: str, note: str | None) -> NotificationTask:
    task = uow.session.scalars(visible_tasks(principal).where(NotificationTask.id == task_id)).first()
    if task is None:
        raise NotFound(f"Notification task {task_id} not found / Varslingsoppgaven finnes ikke")
    if task.status == "completed":
        raise Conflict("Task already completed / Oppgaven er allerede utført")
    now = utcnow()
    task.status, task.completed_at, task.completed_by, task.completion_note = "completed", now, principal.sub, note
    uow.publish(NOTIFICATION_TASK_COMPLETED, task.id, task.agency, {
        "task_id": task.id, "recipient_role": task.recipient_role, "subject_type": task.subject_type,
        "subject_id": task.subject_id, "completed_at": now, "completed_by": principal.sub,
        "late": task.due_at is not None and now > task.due_at,
    })
    return task
