"""The record of processing activities (art. 30): register, change with history, read, assess.

A change keeps the record as it was (a version with each changed field before and after),
re-opens a screening whose answers it may touch, and marks an approved DPIA outdated.
"""
import uuid

from sqlalchemy import select

from services.privacy_register import coverage, domain, screening_rules
from services.privacy_register.models import Dpia, ProcessingActivity, ProcessingVersion, ProcessorAgreement, Screening
from services.privacy_register.schemas import ProcessingRecordSchema
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.contracts.privacy_register import DPIA_OUTDATED, PROCESSING_REGISTERED, PROCESSING_UPDATED
from shared.errors import BadInput
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork
from shared.text_search import escaped, every_word
from shared.validation import load

NAMES = ("Processing activity", "Behandlingen")


def no_directory(agency: str) -> dict:
    return {}


def register_processing(uow: UnitOfWork, principal: Principal, record: dict, contacts: dict | None = None
                        ) -> ProcessingActivity:
    """`contacts`: the agency directory's contacts (field -> text), judged with the record, never stored in it."""
    now = utcnow()
    stored = ProcessingRecordSchema().dump(record)
    missing = domain.missing_items(domain.with_directory(stored, contacts or {}))
    processing = ProcessingActivity(id=str(uuid.uuid4()), agency=principal.agency, version=1, record=stored,
                                    name=stored["name"], status=stored["status"], complete=not missing,
                                    created_at=now, created_by=principal.sub, updated_at=now,
                                    updated_by=principal.sub)
    uow.session.add(processing)
    uow.publish(PROCESSING_REGISTERED, processing.id, processing.agency, {
        **_reference(processing, missing), "registered_at": now, "registered_by": principal.sub})
    coverage.announce_changes(uow, [processing.id], today(), now)
    return processing


def update_processing(uow: UnitOfWork, principal: Principal, processing_id: str, command: dict,
                      contacts: dict | None = None) -> ProcessingActivity:
    processing = own_agency(uow.session, principal, ProcessingActivity, processing_id, NAMES)
    command = dict(command)
    note = command.pop("note", None)
    merged = _validated({**processing.record, **ProcessingRecordSchema().dump(command)})
    # the record as stored with the defaults of fields added since (role, ...): no change is made up
    changed = domain.changes(_validated(processing.record), merged)
    if not changed:
        return processing
    now = utcnow()
    processing.versions.append(ProcessingVersion(version=processing.version, record=processing.record,
                                                 changes=changed, changed_at=now, changed_by=principal.sub,
                                                 note=note))
    processing.record, processing.version = merged, processing.version + 1
    processing.name, processing.status = merged["name"], merged["status"]
    missing = domain.missing_items(domain.with_directory(merged, contacts or {}))
    processing.complete = not missing
    processing.updated_at, processing.updated_by = now, principal.sub
    uow.publish(PROCESSING_UPDATED, processing.id, processing.agency, {
        **_reference(processing, missing), "changed_fields": sorted(changed), "updated_at": now,
        "updated_by": principal.sub})
    _reopen_screening(uow, processing, set(changed))
    _outdate_dpias(uow, processing, sorted(changed), now)
    coverage.announce_changes(uow, [processing.id], today(), now)
    return processing


def _validated(record: dict) -> dict:
    """The whole record after a change must hold together (e.g. special categories and art. 9)."""
    return ProcessingRecordSchema().dump(load(ProcessingRecordSchema(), record))


def _reopen_screening(uow: UnitOfWork, processing: ProcessingActivity, changed: set) -> None:
    if not screening_rules.touches_screening(changed):
        return
    current = uow.session.scalars(select(Screening).where(Screening.processing_id == processing.id,
                                                          Screening.state == "current")).first()
    if current is not None:
        current.state = "reopened"
        current.reopened_because = sorted(changed)


def _outdate_dpias(uow: UnitOfWork, processing: ProcessingActivity, changed: list, now) -> None:
    """Art. 35(11): an approved DPIA no longer describes a processing that has changed."""
    approved = uow.session.scalars(select(Dpia).where(Dpia.processing_id == processing.id,
                                                      Dpia.status == "approved", Dpia.outdated_at.is_(None))).all()
    for dpia in approved:
        dpia.outdated_at, dpia.outdated_because = now, changed
        uow.publish(DPIA_OUTDATED, dpia.id, dpia.agency, {
            "dpia_id": dpia.id, "processing_id": processing.id, "processing_name": processing.name,
            "title": dpia.title, "residual_risk": dpia.residual_risk, "changed_fields": changed,
            "processing_version": processing.version, "outdated_at": now})


def get_processing(uow: UnitOfWork, principal: Principal, processing_id: str) -> ProcessingActivity:
    return get_visible(uow.session, principal, ProcessingActivity, processing_id, NAMES)


def history(uow: UnitOfWork, principal: Principal, processing_id: str) -> list[ProcessingVersion]:
    """Who changed what, newest first."""
    return list(reversed(get_processing(uow, principal, processing_id).versions))


def list_processing(uow: UnitOfWork, principal: Principal, status=None, complete=None, role=None,
                    missing_agreement=None, dpia_status=None, q=None, page=1, page_size=25,
                    contacts_of=no_directory) -> dict:
    """`contacts_of(agency)`: the directory's contacts of an agency, as `register_processing` takes them."""
    query = visible(ProcessingActivity, principal)
    if status:
        query = query.where(ProcessingActivity.status == status)
    if q:  # every word in the name, or the start of the record's id (eight characters or more, as links show it)
        query = query.where(every_word(q, (ProcessingActivity.name,), lambda word: [
            ProcessingActivity.id.like(escaped(word) + "%", escape="\\")] if len(word) >= 8 else []))
    query = query.order_by(ProcessingActivity.name)
    if missing_agreement is None and dpia_status is None and complete is None and role is None:
        found = fetch_page(uow.session, query, page, page_size)
        found["items"] = views(uow.session, found["items"], contacts_of)
        return found
    # Derived from agreements, screenings, DPIAs and the directory's contacts (completeness), or kept in
    # the record (role): filtered after building the views, so the list says what each entry shows.
    shown = [view for view in views(uow.session, uow.session.scalars(query).all(), contacts_of)
             if (missing_agreement is None or bool(view["processors_without_agreement"]) == missing_agreement)
             and (dpia_status is None or view["dpia_status"] == dpia_status)
             and (complete is None or view["complete"] == complete) and (role is None or view["role"] == role)]
    start = (page - 1) * page_size
    return {"items": shown[start:start + page_size], "page": page, "page_size": page_size, "total": len(shown)}


def views(session, processing_list: list[ProcessingActivity], contacts_of=no_directory) -> list[dict]:
    """Each processing with what is derived: completeness, agreements missing, screening and DPIA status."""
    if not processing_list:
        return []
    ids = [p.id for p in processing_list]
    agencies = {p.agency for p in processing_list}
    agreements = session.scalars(select(ProcessorAgreement).where(ProcessorAgreement.agency.in_(agencies))).all()
    screenings = {s.processing_id: s for s in session.scalars(select(Screening).where(
        Screening.processing_id.in_(ids), Screening.state != "superseded")).all()}
    dpias: dict[str, list] = {}
    for dpia in session.scalars(select(Dpia).where(Dpia.processing_id.in_(ids)).order_by(Dpia.created_at)).all():
        dpias.setdefault(dpia.processing_id, []).append(dpia)
    on = today()
    contacts = {agency: contacts_of(agency) for agency in sorted(agencies)}
    return [_view(p, [a for a in agreements if a.agency == p.agency], screenings.get(p.id), dpias.get(p.id, []), on,
                  contacts[p.agency]) for p in processing_list]


def view(session, processing: ProcessingActivity, contacts: dict | None = None) -> dict:
    return views(session, [processing], lambda agency: contacts or {})[0]


def _view(processing, agreements, current_screening, dpias, on, contacts) -> dict:
    stored = processing.record
    record = domain.with_directory({"role": "controller", **stored}, contacts)  # entries from before roles: controller
    missing = domain.missing_items(record)
    return {**record, "id": processing.id, "agency": processing.agency, "version": processing.version,
            "complete": not missing, "missing": missing,
            "from_directory": sorted(field for field in record if record[field] != stored.get(field)
                                     and field in domain.DIRECTORY_ROLES),
            "processors_without_agreement": domain.processors_without_agreement(
                processing.id, record.get("processors") or [], agreements, on),
            "screening": current_screening, "dpia_status": dpia_status(current_screening, dpias),
            "dpias": [{"id": d.id, "title": d.title, "status": d.status, "residual_risk": d.residual_risk,
                       "outdated": d.outdated_at is not None} for d in dpias],
            "privacy_assessment": processing.privacy_assessment, "created_at": processing.created_at,
            "created_by": processing.created_by, "updated_at": processing.updated_at,
            "updated_by": processing.updated_by}


def dpia_status(current_screening, dpias) -> str:
    """Where the processing stands with its DPIA, from its screening and its DPIAs."""
    if any(d.status == "approved" and d.outdated_at is not None for d in dpias):
        return "outdated"
    if any(d.status == "approved" for d in dpias):
        return "approved"
    if any(d.status in ("draft", "in_review") for d in dpias):
        return "in_progress"
    if current_screening is None:
        return "not_screened"
    if current_screening.state == "reopened":
        return "screening_reopened"
    return "required" if current_screening.result == "required" else "not_required"


def assess_privacy(uow: UnitOfWork, principal: Principal, processing_id: str, command: dict) -> ProcessingActivity:
    """The overall privacy assessment; a finding's measure is kept with its aspect."""
    processing = own_agency(uow.session, principal, ProcessingActivity, processing_id, NAMES)
    now = utcnow()
    aspects = {name: {**aspect, "measure_due": aspect["measure_due"].isoformat() if aspect.get("measure_due")
                      else None} for name, aspect in command["aspects"].items()}
    next_review = _months_later(today(), command["review_months"])
    processing.privacy_assessment = {"aspects": aspects, "assessed_at": now.isoformat(), "assessed_by": principal.sub,
                                     "review_months": command["review_months"], "next_review": next_review.isoformat()}
    return processing


def _months_later(start, months: int):
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, 28))


def _reference(processing: ProcessingActivity, missing: list[dict]) -> dict:
    return {"processing_id": processing.id, "name": processing.name, "version": processing.version,
            "status": processing.status, "special_categories": domain.has_special_categories(processing.record),
            "complete": not missing, "missing": missing, "role": processing.record.get("role") or "controller"}


def ensure_known(session, principal: Principal, processing_ids: list[str]) -> None:
    """Agreements may only name the caller's own processing activities."""
    known = set(session.scalars(select(ProcessingActivity.id).where(
        ProcessingActivity.agency == principal.agency, ProcessingActivity.id.in_(processing_ids))).all())
    unknown = [i for i in processing_ids if i not in known]
    if unknown:
        raise BadInput("Unknown processing activities / Ukjente behandlinger",
                       {"processing_ids": [f"Not in the register: {', '.join(unknown)}"]})
