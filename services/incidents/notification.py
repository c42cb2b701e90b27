"""The 72-hour duty: submissions to Datatilsynet, communication to data subjects, missed deadlines."""
from datetime import datetime

from sqlalchemy import select

from services.incidents import draft, duty, lifecycle
from services.incidents.handlers import ensure_personal_data, get_incident, own_incident, refresh_duty
from services.incidents.journal import entry, record
from services.incidents.models import AuthorityNotification, Incident, SubjectCommunication
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import utcnow
from shared.contracts.incidents import AUTHORITY_DEADLINE_MISSED, AUTHORITY_NOTIFICATION_SUBMITTED
from shared.errors import BadInput, Conflict
from shared.service_database import UnitOfWork

SYSTEM = "vern"


def personal_data_incident(uow: UnitOfWork, principal: Principal, incident_id: str) -> Incident:
    incident = own_incident(uow, principal, incident_id)
    lifecycle.ensure_editable(incident.status)
    ensure_personal_data(incident)
    return incident


def submit_authority_notification(uow: UnitOfWork, principal: Principal, incident_id: str,
                                  command: dict) -> AuthorityNotification:
    """Record a notification sent to Datatilsynet: the initial one, or a supplement (art. 33(4))."""
    incident = personal_data_incident(uow, principal, incident_id)
    if incident.authority_notification == "not_required":
        raise Conflict("The current decision (or, until one is made on the latest assessment, the "
                       "recommendation) is not to notify; record a decision to notify first / "
                       "Gjeldende beslutning (eller anbefaling) er å ikke melde; registrer en beslutning om å melde først")
    now = utcnow()
    submitted_at = command["submitted_at"] or now
    problems = duty.submission_problems(command["phase"], submitted_at, incident.authority_deadline,
                                        command["delay_reason"], bool(incident.authority_notifications), now)
    if problems:
        raise BadInput("The notification cannot be recorded as given / Meldingen kan ikke registreres slik", problems)
    late = submitted_at > incident.authority_deadline
    submission = AuthorityNotification(
        phase=command["phase"], phased=command["phased"], submitted_at=submitted_at, channel=command["channel"],
        reference=command["reference"], late=late, delay_reason=command["delay_reason"],
        summary=command["summary"], recorded_at=now, recorded_by=principal.sub)
    incident.authority_notifications.append(submission)
    refresh_duty(incident)
    record(incident, principal.sub, "authority_notification_submitted", command["summary"], phase=submission.phase,
           submitted_at=submitted_at, late=late, channel=submission.channel, reference=submission.reference,
           delay_reason=submission.delay_reason)
    uow.publish(AUTHORITY_NOTIFICATION_SUBMITTED, incident.id, incident.agency, {
        "incident_id": incident.id, "phase": submission.phase, "phased": submission.phased,
        "submitted_at": submitted_at, "deadline": incident.authority_deadline, "late": late,
        "channel": submission.channel, "reference": submission.reference, "delay_reason": submission.delay_reason,
    })
    return submission


def record_subject_communication(uow: UnitOfWork, principal: Principal, incident_id: str,
                                 command: dict) -> SubjectCommunication:
    """Record that the data subjects were told (art. 34), or the public notice of art. 34(3)(c)."""
    incident = personal_data_incident(uow, principal, incident_id)
    now = utcnow()
    communicated_at = command["communicated_at"] or now
    if communicated_at > now:
        raise BadInput("Cannot be in the future / Kan ikke være fram i tid",
                       {"communicated_at": ["Cannot be in the future."]})
    communication = SubjectCommunication(
        communicated_at=communicated_at, channel=command["channel"], subjects_reached=command["subjects_reached"],
        summary=command["summary"], recorded_at=now, recorded_by=principal.sub)
    incident.subject_communications.append(communication)
    refresh_duty(incident)
    record(incident, principal.sub, "subject_communication", command["summary"], channel=communication.channel,
           communicated_at=communicated_at, subjects_reached=communication.subjects_reached)
    return communication


def flag_missed_deadlines(uow: UnitOfWork, now: datetime) -> list[str]:
    """Announce, once per incident, a 72-hour deadline that passed with the notification still pending.

    Safe with any number of instances: each flag is claimed by a conditional UPDATE,
    and only the transaction whose UPDATE changed the row publishes.
    """
    candidates = uow.session.execute(
        select(Incident.id, Incident.agency, Incident.title, Incident.kind, Incident.aware_at,
               Incident.authority_deadline)
        .where(Incident.authority_notification == "pending", Incident.authority_deadline < now,
               Incident.authority_deadline_missed_at.is_(None))
        .order_by(Incident.authority_deadline).limit(500)).all()
    flagged = []
    for row in candidates:
        if not claim(uow.session, Incident, Incident.id == row.id, Incident.authority_deadline_missed_at.is_(None),
                     synchronize_session=False, authority_deadline_missed_at=now):
            continue  # another instance got there first
        uow.session.add(entry(SYSTEM, "authority_deadline_missed", at=now, incident_id=row.id,
                              deadline=row.authority_deadline))
        uow.publish(AUTHORITY_DEADLINE_MISSED, row.id, row.agency, {
            "incident_id": row.id, "title": row.title, "kind": row.kind, "aware_at": row.aware_at,
            "deadline": row.authority_deadline, "noticed_at": now,
        })
        flagged.append(row.id)
    return flagged


def authority_notification_draft(uow: UnitOfWork, principal: Principal, incident_id: str,
                                 contact: dict | None) -> dict:
    incident = get_incident(uow, principal, incident_id)
    ensure_personal_data(incident)
    return draft.authority_notification(incident, contact, utcnow())
