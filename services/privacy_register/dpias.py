"""The DPIA (art. 35) from draft to the agency head's decision, and prior consultation (art. 36).

The PKO writes it, the DPO gives advice (35(2)), the agency head approves or rejects it.
Approved with high residual risk, Datatilsynet must be consulted before the processing starts.
"""
import uuid

from services.privacy_register import domain
from services.privacy_register.models import Dpia, ProcessingActivity
from services.privacy_register.register import NAMES as PROCESSING_NAMES
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.privacy_register import (DPIA_COMPLETED, PRIOR_CONSULTATION_OUTCOME,
                                               PRIOR_CONSULTATION_REQUIRED)
from shared.errors import Conflict
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork

NAMES = ("DPIA", "DPIA-en")
CONTENT = ("description", "necessity_proportionality", "risks", "measures", "data_subject_views")


def create_dpia(uow: UnitOfWork, principal: Principal, command: dict) -> Dpia:
    command = dict(command)
    processing = own_agency(uow.session, principal, ProcessingActivity, command.pop("processing_id"),
                            PROCESSING_NAMES)
    now = utcnow()
    dpia = Dpia(id=str(uuid.uuid4()), agency=processing.agency, processing=processing, title=command.pop("title"),
                status="draft", author=principal.sub, reviewer=command.pop("reviewer", None), created_at=now,
                updated_at=now, history=[_entry(now, principal.sub, None, "draft", None)])
    _set_content(dpia, command)
    uow.session.add(dpia)
    return dpia


def update_dpia(uow: UnitOfWork, principal: Principal, dpia_id: str, command: dict) -> Dpia:
    dpia = own_agency(uow.session, principal, Dpia, dpia_id, NAMES)
    if dpia.status != "draft":
        raise Conflict(f"The DPIA is {dpia.status}; take it back to draft to change it / "
                       f"DPIA-en er {dpia.status}; sett den tilbake til utkast for å endre den")
    command = dict(command)
    dpia.title = command.pop("title", dpia.title)
    dpia.reviewer = command.pop("reviewer", dpia.reviewer)
    _set_content(dpia, command)
    dpia.updated_at = utcnow()
    return dpia


def _set_content(dpia: Dpia, command: dict) -> None:
    content = {**(dpia.content or {}), **{key: value for key, value in command.items() if key in CONTENT}}
    content.setdefault("risks", [])
    dpia.content = content
    dpia.residual_risk = domain.residual_risk(content["risks"])


def give_advice(uow: UnitOfWork, principal: Principal, dpia_id: str, advice: str) -> Dpia:
    """The DPO's advice (art. 35(2)); it can be given or revised until the DPIA is decided."""
    dpia = own_agency(uow.session, principal, Dpia, dpia_id, NAMES)
    if dpia.status not in ("draft", "in_review"):
        raise Conflict(f"The DPIA is already {dpia.status} / DPIA-en er allerede {dpia.status}")
    dpia.dpo_advice = {"advice": advice, "given_by": principal.sub, "given_at": utcnow().isoformat()}
    dpia.updated_at = utcnow()
    return dpia


def change_status(uow: UnitOfWork, principal: Principal, dpia_id: str, command: dict) -> Dpia:
    """Submit for review (the content must be there), take back, or revise an approved one."""
    dpia = own_agency(uow.session, principal, Dpia, dpia_id, NAMES)
    target = command["status"]
    _ensure_can_move(dpia, target)
    if target == "in_review":
        _ensure_ready_for_review(dpia)
        dpia.submitted_at = utcnow()
    _move(dpia, target, principal.sub, command.get("note"))
    return dpia


def decide(uow: UnitOfWork, principal: Principal, dpia_id: str, command: dict) -> Dpia:
    """The agency head approves or rejects a DPIA in review; approval needs the DPO's advice."""
    dpia = own_agency(uow.session, principal, Dpia, dpia_id, NAMES)
    target = command["decision"]
    _ensure_can_move(dpia, target)
    if target == "approved" and dpia.dpo_advice is None:
        raise Conflict("The DPO's advice is required first (art. 35(2)) / Personvernombudets råd må foreligge")
    now = _move(dpia, target, principal.sub, command.get("note"))
    dpia.approver = principal.sub
    if target == "rejected":
        return dpia
    dpia.dpo_advice_followed, dpia.reason_not_followed = command["dpo_advice_followed"], command["reason_not_followed"]
    dpia.approved_at, dpia.outdated_at, dpia.outdated_because = now, None, None
    dpia.approved_processing_version = dpia.processing.version
    uow.publish(DPIA_COMPLETED, dpia.id, dpia.agency, {**_reference(dpia), "approved_at": now,
                                                       "approved_by": principal.sub,
                                                       "dpo_advice_followed": dpia.dpo_advice_followed})
    if dpia.residual_risk == "high":
        high = [risk["title"] for risk in dpia.content["risks"] if _residual_level(risk) == "high"]
        dpia.prior_consultation = {"required": True, "required_at": now.isoformat(), "outcome": None}
        uow.publish(PRIOR_CONSULTATION_REQUIRED, dpia.id, dpia.agency, {
            **_reference(dpia), "high_risks": high, "dpo_contact_needed": True, "approved_at": now,
            "required_at": now})
    return dpia


def record_consultation_outcome(uow: UnitOfWork, principal: Principal, dpia_id: str, command: dict) -> Dpia:
    dpia = own_agency(uow.session, principal, Dpia, dpia_id, NAMES)
    if not (dpia.prior_consultation or {}).get("required"):
        raise Conflict("No prior consultation is required for this DPIA / Forhåndsdrøfting er ikke påkrevd")
    now = utcnow()
    dpia.prior_consultation = {**dpia.prior_consultation, "outcome": command["outcome"],
                               "submitted_on": command["submitted_on"].isoformat(),
                               "answered_on": command["answered_on"].isoformat(), "reference": command["reference"],
                               "recorded_at": now.isoformat(), "recorded_by": principal.sub}
    uow.publish(PRIOR_CONSULTATION_OUTCOME, dpia.id, dpia.agency, {
        **_reference(dpia), **command, "recorded_at": now, "recorded_by": principal.sub})
    return dpia


def get_dpia(uow: UnitOfWork, principal: Principal, dpia_id: str) -> Dpia:
    return _visible(uow, principal, dpia_id)


def list_dpias(uow: UnitOfWork, principal: Principal, status=None, processing_id=None, outdated=None, page=1,
               page_size=25) -> dict:
    query = visible(Dpia, principal)
    if status:
        query = query.where(Dpia.status == status)
    if processing_id:
        query = query.where(Dpia.processing_id == processing_id)
    if outdated is not None:
        query = query.where(Dpia.outdated_at.is_not(None) if outdated else Dpia.outdated_at.is_(None))
    return fetch_page(uow.session, query.order_by(Dpia.created_at.desc()), page, page_size)


def as_view(dpia: Dpia) -> dict:
    """The DPIA as the API and the document show it: content flattened, each risk with its levels."""
    content = dpia.content or {}
    risks = [{**risk, "level": domain.dpia_risk_level(risk["likelihood"], risk["severity"]),
              "residual_level": _residual_level(risk)} for risk in content.get("risks", [])]
    columns = {column: getattr(dpia, column) for column in dpia.__mapper__.columns.keys()}
    return {**columns, **{key: content.get(key) for key in CONTENT}, "risks": risks,
            "processing_name": dpia.processing.name, "outdated": dpia.outdated_at is not None}


def document_data(dpia: Dpia) -> dict:
    """What dpia_document.render_docx needs (JSON-ready)."""
    shown = as_view(dpia)
    record = dpia.processing.record
    times = {key: shown[key].isoformat() if shown[key] else None
             for key in ("created_at", "submitted_at", "approved_at")}
    advice = dict(dpia.dpo_advice) if dpia.dpo_advice else None
    if advice is not None:
        advice.update(followed=dpia.dpo_advice_followed, reason_not_followed=dpia.reason_not_followed)
    return {**{key: shown[key] for key in ("id", "title", "status", "outdated", "description",
                                           "necessity_proportionality", "risks", "measures", "residual_risk",
                                           "data_subject_views", "author", "reviewer", "approver",
                                           "prior_consultation", "history")},
            **times, "dpo_advice": advice,
            "processing": {"id": dpia.processing.id, "name": dpia.processing.name,
                           "purposes": record.get("purposes") or [], "controller": record.get("controller"),
                           "legal_bases": record.get("legal_bases") or []}}


def _residual_level(risk: dict) -> str:
    return domain.dpia_risk_level(risk.get("residual_likelihood") or risk["likelihood"],
                                  risk.get("residual_severity") or risk["severity"])


def _ensure_ready_for_review(dpia: Dpia) -> None:
    content = dpia.content or {}
    missing = [key for key in ("description", "necessity_proportionality", "risks", "measures") if not content.get(key)]
    if missing:
        raise Conflict("Art. 35(7) needs every part before review / Art. 35 nr. 7 krever alle deler før "
                       f"gjennomgang: {', '.join(missing)}", {"missing": missing})


def _ensure_can_move(dpia: Dpia, target: str) -> None:
    if not domain.can_move(dpia.status, target):
        raise Conflict(f"Cannot go from {dpia.status} to {target} / Kan ikke gå fra {dpia.status} til {target}")


def _move(dpia: Dpia, target: str, by: str, note: str | None):
    now = utcnow()
    dpia.history = [*dpia.history, _entry(now, by, dpia.status, target, note)]
    dpia.status, dpia.updated_at = target, now
    return now


def _entry(at, by, from_status, to_status, note) -> dict:
    return {"at": at.isoformat(), "by": by, "from_status": from_status, "to_status": to_status, "note": note}


def _visible(uow: UnitOfWork, principal: Principal, dpia_id: str) -> Dpia:
    return get_visible(uow.session, principal, Dpia, dpia_id, NAMES)


def _reference(dpia: Dpia) -> dict:
    return {"dpia_id": dpia.id, "processing_id": dpia.processing_id, "processing_name": dpia.processing.name,
            "title": dpia.title, "residual_risk": dpia.residual_risk}

