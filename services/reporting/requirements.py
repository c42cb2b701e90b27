"""The requirements overview (oversikt over krav): the municipality's list of laws and rules,
seeded by migration, merged with each agency's overlay; agencies may add requirements of their own."""
from sqlalchemy import select

from services.reporting import governance_rules as rules
from services.reporting.models import Agency, GoverningDocument, Requirement, RequirementOverlay
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import BadInput, Conflict, NotFound
from shared.service_database import UnitOfWork

MUNICIPALITY = "*"  # the common list every agency starts from
OVERLAY_FIELDS = ("applies", "how_met", "document_ids", "responsible_role")


def overview(uow: UnitOfWork, principal: Principal, agency: str | None = None,
             sectors: list[str] | None = None) -> dict:
    """Every requirement for the agency, with how it meets each; the central team may ask for any agency.
    With the agency's sectors (asked for, or else the directory's), only what applies to every agency and
    to those sectors."""
    target = agency if agency and principal.sees_all_agencies else principal.agency
    if sectors is None:  # not asked for: the agency's sectors in the directory, if it names any
        listed = uow.session.get(Agency, target)
        sectors = list(listed.sectors or []) if listed is not None else None
    requirements = uow.session.scalars(select(Requirement).where(Requirement.agency.in_((MUNICIPALITY, target)))
                                       .order_by(Requirement.agency == target, Requirement.id)).all()
    overlays = {row.code: row for row in uow.session.scalars(
        select(RequirementOverlay).where(RequirementOverlay.agency == target)).all()}
    shown = [row for row in rules.own_first(list(requirements), target) if rules.shown_for(row.sectors, sectors)]
    return {"agency": target, "sectors": sectors or [],
            "items": [_merged(row, overlays.get(row.code), sectors) for row in shown]}


def set_overlay(uow: UnitOfWork, principal: Principal, code: str, command: dict) -> dict:
    requirement = _requirement(uow, principal.agency, code)
    _ensure_documents(uow, principal, command.get("document_ids") or [])
    overlay = uow.session.scalars(select(RequirementOverlay).where(
        RequirementOverlay.agency == principal.agency, RequirementOverlay.code == code)).first()
    if overlay is None:
        overlay = RequirementOverlay(agency=principal.agency, code=code)
        uow.session.add(overlay)
    for field in OVERLAY_FIELDS:
        setattr(overlay, field, command.get(field) if field != "document_ids" else command.get(field) or [])
    overlay.updated_at, overlay.updated_by = utcnow(), principal.sub
    uow.session.flush()
    return _merged(requirement, overlay)


def add_requirement(uow: UnitOfWork, principal: Principal, command: dict) -> dict:
    code = command["code"]
    if uow.session.scalars(select(Requirement.id).where(Requirement.agency.in_((MUNICIPALITY, principal.agency)),
                                                        Requirement.code == code)).first() is not None:
        raise Conflict(f"Requirement {code} already exists / Kravet {code} finnes allerede")
    overlay = {field: command.pop(field) for field in OVERLAY_FIELDS if field in command}
    requirement = Requirement(agency=principal.agency, code=code, title_nb=command["title_nb"],
                              title_en=command.get("title_en") or command["title_nb"], text_nb=command["text_nb"],
                              text_en=command.get("text_en") or command["text_nb"],
                              applies_default=overlay.get("applies", True), where_relevant=False,
                              legal_source=command.get("legal_source"), source_url=command.get("source_url"),
                              sectors=command.get("sectors") or ["all"], created_at=utcnow(), created_by=principal.sub)
    uow.session.add(requirement)
    uow.session.flush()
    return set_overlay(uow, principal, code, overlay)


def _requirement(uow: UnitOfWork, agency: str, code: str) -> Requirement:
    found = uow.session.scalars(select(Requirement).where(Requirement.agency.in_((MUNICIPALITY, agency)),
                                                          Requirement.code == code)
                                .order_by(Requirement.agency == agency)).all()
    found = found[-1] if found else None  # the agency's own before the municipality's of the same code
    if found is None:
        raise NotFound(f"Requirement {code} not found / Kravet finnes ikke")
    return found


def _ensure_documents(uow: UnitOfWork, principal: Principal, document_ids: list[int]) -> None:
    """Links only to the agency's own governing documents (another agency's do not exist for it)."""
    known = set(uow.session.scalars(select(GoverningDocument.id).where(
        GoverningDocument.agency == principal.agency, GoverningDocument.id.in_(document_ids))).all())
    unknown = [str(i) for i in document_ids if i not in known]
    if unknown:
        raise BadInput("Invalid input / Ugyldige data", {"document_ids": [
            f"Unknown governing documents / Ukjente dokumenter: {', '.join(unknown)}"]})


def _merged(requirement: Requirement, overlay: RequirementOverlay | None, sectors: list[str] | None = None) -> dict:
    applies_default = rules.applies_by_default(requirement.applies_default, requirement.sectors, sectors)
    return {
        "code": requirement.code, "source": "municipality" if requirement.agency == MUNICIPALITY else "agency",
        "title_nb": requirement.title_nb, "title_en": requirement.title_en, "text_nb": requirement.text_nb,
        "text_en": requirement.text_en, "where_relevant": requirement.where_relevant,
        "legal_source": requirement.legal_source, "source_url": requirement.source_url,
        "sectors": list(requirement.sectors or ["all"]),
        "applies_default": applies_default,
        "applies": overlay.applies if overlay else applies_default,
        "how_met": overlay.how_met if overlay else None,
        "document_ids": list(overlay.document_ids or []) if overlay else [],
        "responsible_role": overlay.responsible_role if overlay else None,
        "updated_at": overlay.updated_at if overlay else None,
        "updated_by": overlay.updated_by if overlay else None,
    }
