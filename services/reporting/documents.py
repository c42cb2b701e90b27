"""Governing documents and routines (styrende dokumenter, rutiner): their review cycle, the warning
when a review is overdue, and attestations that a routine was complied with."""
import re
from datetime import date, datetime

from sqlalchemy import or_, select

from services.reporting import annual_plan
from services.reporting import governance_rules as rules
from services.reporting.models import Attestation, DocumentReview, GoverningDocument
from shared.auth import Principal
from shared.row_claims import claim
from shared.clock import today, utcnow
from shared.contracts.reporting import DOCUMENT_REVIEW_OVERDUE
from shared.errors import BadInput, Conflict
from shared.pagination import fetch_page
from shared.scoping import get_visible, own_agency, visible
from shared.service_database import UnitOfWork
from shared.text_search import every_word

# a document's number as people write it (12, #12): ASCII digits only ("³".isdigit() is true, and int()
# refuses it), and few enough to be a stored id
DOCUMENT_NUMBER = re.compile(r"#?[0-9]{1,9}")

NAMES = ("Governing document", "Dokumentet")


def create_document(uow: UnitOfWork, principal: Principal, command: dict) -> GoverningDocument:
    now = utcnow()
    document = GoverningDocument(agency=principal.agency, created_at=now, created_by=principal.sub, updated_at=now,
                                 **command)
    _derive(document)
    uow.session.add(document)
    uow.session.flush()
    return document


def update_document(uow: UnitOfWork, principal: Principal, document_id: int, command: dict) -> GoverningDocument:
    document = own_agency(uow.session, principal, GoverningDocument, document_id, NAMES)
    merged = {"status": document.status, "approved_on": document.approved_on, **command}
    if merged["status"] == "in_force" and not merged["approved_on"]:
        raise BadInput("Invalid input / Ugyldige data", {"approved_on": [
            "A document in force needs approved_on / Et gjeldende dokument trenger godkjenningsdato."]})
    for field, value in command.items():
        setattr(document, field, value)
    _derive(document)
    document.updated_at = utcnow()
    return document


def get_document(uow: UnitOfWork, principal: Principal, document_id: int) -> GoverningDocument:
    return get_visible(uow.session, principal, GoverningDocument, document_id, NAMES)


def list_documents(uow: UnitOfWork, principal: Principal, status=None, kind=None, area=None, review_overdue=None,
                   q=None, page=1, page_size=25) -> dict:
    query = visible(GoverningDocument, principal)
    for column, value in ((GoverningDocument.status, status), (GoverningDocument.kind, kind),
                          (GoverningDocument.area, area)):
        if value:
            query = query.where(column == value)
    if review_overdue is not None:
        late = ((GoverningDocument.status == "in_force") & GoverningDocument.next_review_on.is_not(None)
                & (GoverningDocument.next_review_on < today()))
        query = query.where(late if review_overdue else ~late)
    if q:
        # a number (12, #12) is also the document's own number, as the API's paths name it
        query = query.where(every_word(q, (GoverningDocument.title, GoverningDocument.owner), lambda word: (
            [GoverningDocument.id == int(word.lstrip("#"))] if DOCUMENT_NUMBER.fullmatch(word) else [])))
    query = query.order_by(GoverningDocument.next_review_on.is_(None), GoverningDocument.next_review_on,
                           GoverningDocument.id)
    return fetch_page(uow.session, query, page, page_size)


def record_review(uow: UnitOfWork, principal: Principal, document_id: int, command: dict) -> GoverningDocument:
    """A review moves the next review date on; a new version replaces the current one."""
    document = own_agency(uow.session, principal, GoverningDocument, document_id, NAMES)
    if document.status != "in_force":
        raise Conflict(f"Only a document in force is reviewed; this one is {document.status} / "
                       f"Bare et gjeldende dokument gjennomgås; dette er {document.status}")
    if document.approved_on and command["reviewed_on"] < document.approved_on:
        raise BadInput("Invalid input / Ugyldige data", {"reviewed_on": [
            "Must not be before approved_on / Kan ikke være før godkjenningen."]})
    if command["reviewed_on"] > today():
        raise BadInput("Invalid input / Ugyldige data", {"reviewed_on": [
            "Must not be in the future / Kan ikke være fram i tid."]})
    now = utcnow()
    review = DocumentReview(reviewed_by=principal.sub, recorded_at=now, **command)
    document.reviews.append(review)
    document.last_reviewed_on = max(command["reviewed_on"], document.last_reviewed_on or command["reviewed_on"])
    if command.get("version"):
        document.version = command["version"]
    _derive(document)
    document.updated_at = now
    uow.session.flush()
    annual_plan.on_document_review(uow, document, review)
    return document


def attest(uow: UnitOfWork, principal: Principal, document_id: int, command: dict) -> Attestation:
    document = own_agency(uow.session, principal, GoverningDocument, document_id, NAMES)
    if document.status == "draft":
        raise Conflict("A draft is not yet in force: nothing to attest / Et utkast gjelder ikke ennå")
    attestation = Attestation(document_id=document.id, agency=document.agency, attested_by=principal.sub,
                              attested_at=utcnow(), **command)
    uow.session.add(attestation)
    uow.session.flush()
    annual_plan.on_attestation(uow, document, attestation)
    return attestation


def attestations_of(uow: UnitOfWork, principal: Principal, document_id: int) -> list[Attestation]:
    document = get_document(uow, principal, document_id)
    return list(uow.session.scalars(select(Attestation).where(Attestation.document_id == document.id)
                                    .order_by(Attestation.attested_at.desc(), Attestation.id.desc())).all())


def as_view(uow: UnitOfWork, document: GoverningDocument) -> dict:
    latest = uow.session.scalars(select(Attestation).where(Attestation.document_id == document.id)
                                 .order_by(Attestation.attested_at.desc(), Attestation.id.desc()).limit(1)).first()
    return {**{column: getattr(document, column) for column in document.__mapper__.columns.keys()},
            "reviews": list(document.reviews), "latest_attestation": latest,
            "review_overdue": rules.review_overdue(document.status, document.next_review_on, today())}


def announce_overdue_reviews(uow: UnitOfWork, on: date, now: datetime) -> list[int]:
    """`document_review_overdue` once per document and review date, claimed by one instance only."""
    not_yet = or_(GoverningDocument.review_noticed_for.is_(None),
                  GoverningDocument.review_noticed_for != GoverningDocument.next_review_on)
    due = uow.session.scalars(select(GoverningDocument.id).where(
        GoverningDocument.status == "in_force", GoverningDocument.next_review_on < on, not_yet)).all()
    announced = []
    for document_id in due:
        if not claim(uow.session, GoverningDocument, GoverningDocument.id == document_id, not_yet,
                     review_noticed_for=GoverningDocument.next_review_on):
            continue
        document = uow.session.get(GoverningDocument, document_id)
        uow.publish(DOCUMENT_REVIEW_OVERDUE, str(document.id), document.agency, {
            "document_id": document.id, "title": document.title, "kind": document.kind, "area": document.area,
            "owner": document.owner, "version": document.version, "next_review_on": document.next_review_on,
            "noticed_at": now})
        announced.append(document.id)
    return announced


def _derive(document: GoverningDocument) -> None:
    document.next_review_on = rules.next_review_on(document.approved_on, document.last_reviewed_on,
                                                   document.review_interval_months or rules.DEFAULT_REVIEW_MONTHS)
