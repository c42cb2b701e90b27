"""The risk register across assessments: filters, the heat map, measures to follow up, the export."""
from sqlalchemy import exists

from services.risk import criteria, domain, matrix
from services.risk.models import Assessment, Measure, Risk
from services.risk.scoping import get_visible, visible
from shared.auth import Principal
from shared.clock import today
from shared.pagination import fetch_page
from shared.store import UnitOfWork

EXPORT_LIMIT = 10_000


def register_query(principal: Principal, assessment_id=None, scope=None, level=None, residual_level=None,
                   acceptable=None, status=None, owner=None, overdue=None, needs_reassessment=None, agency=None):
    query = visible(Risk, principal).outerjoin(Assessment, Risk.assessment_id == Assessment.id)
    query = query.where(Risk.status != "dismissed") if status is None else query.where(Risk.status == status)
    exact = {Risk.assessment_id: assessment_id, Assessment.scope: scope, Risk.level: level,
             Risk.residual_level: residual_level, Risk.acceptable: acceptable, Risk.owner: owner,
             Risk.needs_reassessment: needs_reassessment, Risk.agency: agency}
    for column, wanted in exact.items():
        if wanted is not None:
            query = query.where(column == wanted)
    if overdue is not None:
        query = query.where(_overdue() if overdue else ~_overdue())
    return query.order_by(Risk.residual_score.desc().nulls_last(), Risk.created_at)


def _overdue():
    """A measure past its due date, or the risk's review date passed."""
    on = today()
    late_measure = exists().where(Measure.risk_id == Risk.id, Measure.due_date < on,
                                  Measure.status.not_in(domain.MEASURE_FINISHED))
    return late_measure | (Risk.review_date.is_not(None) & (Risk.review_date < on))


def list_register(uow: UnitOfWork, principal: Principal, page=1, page_size=25, **filters) -> dict:
    return fetch_page(uow.session, register_query(principal, **filters), page, page_size)


def list_measures(uow: UnitOfWork, principal: Principal, status=None, overdue=None, owner=None, page=1,
                  page_size=25) -> dict:
    """Status of measures across the register, the most pressing due date first."""
    query = visible(Measure, principal)
    if status:
        query = query.where(Measure.status == status)
    if owner:
        query = query.where(Measure.owner == owner)
    if overdue is not None:
        late = (Measure.due_date < today()) & Measure.status.not_in(domain.MEASURE_FINISHED)
        query = query.where(late if overdue else ~late)
    return fetch_page(uow.session, query.order_by(Measure.due_date, Measure.id), page, page_size)


def heat_map(uow: UnitOfWork, principal: Principal, assessment_id: str | None = None) -> dict:
    """Counts per cell before and after treatment, on one assessment's matrix or the agency's current one."""
    if assessment_id:
        shown = get_visible(uow.session, principal, Assessment, assessment_id).matrix
        risks = register_query(principal, assessment_id=assessment_id, status="open")
    else:
        shown = criteria.current(uow.session, principal.agency)
        risks = register_query(principal, status="open", agency=principal.agency)
    grid = criteria.as_matrix(shown)
    rated = uow.session.scalars(risks).all()
    # A risk rated on a matrix of another grid has no cell here; it is counted, not placed.
    fitting = [risk for risk in rated if risk.assessment and risk.assessment.matrix.cells == shown.cells]
    not_shown = len(rated) - len(fitting)
    return {"matrix": shown, "not_shown": not_shown,
            "inherent": matrix.heat_map(grid, [(r.likelihood, r.consequence) for r in fitting]),
            "residual": matrix.heat_map(grid, [(domain.residual(r.residual_likelihood, r.likelihood),
                                                domain.residual(r.residual_consequence, r.consequence))
                                               for r in fitting])}


EXPORT_COLUMNS = (
    ("Vurdering / Assessment", lambda r: r.assessment.title if r.assessment else ""),
    ("Omfang / Scope", lambda r: r.assessment.scope if r.assessment else ""),
    ("Ref.", lambda r: r.reference or ""),
    ("Risiko / Risk", lambda r: r.title),
    ("Uønsket hendelse / Scenario", lambda r: r.scenario or ""),
    ("Trussel / Threat", lambda r: r.threat or ""),
    ("Sårbarhet / Vulnerability", lambda r: r.vulnerability or ""),
    ("Verdi / Asset", lambda r: r.asset or ""),
    ("Påvirker / Affects", lambda r: ", ".join(r.affects or ())),
    ("Eksisterende tiltak / Existing controls", lambda r: r.existing_controls or ""),
    ("S / L", lambda r: r.likelihood),
    ("K / C", lambda r: r.consequence),
    ("Risiko / Level", lambda r: r.level or ""),
    ("Behandling / Treatment", lambda r: r.treatment or ""),
    ("Rest-S / Residual L", lambda r: domain.residual(r.residual_likelihood, r.likelihood)),
    ("Rest-K / Residual C", lambda r: domain.residual(r.residual_consequence, r.consequence)),
    ("Restrisiko / Residual level", lambda r: r.residual_level or ""),
    ("Akseptabel / Acceptable", lambda r: {True: "ja / yes", False: "nei / no"}.get(r.acceptable, "")),
    ("Risikoeier / Owner", lambda r: r.owner or ""),
    ("Status", lambda r: r.status),
    ("Tiltak / Measures", lambda r: "; ".join(f"{m.title} ({m.owner}, {m.due_date.isoformat()}, {m.status})"
                                              for m in r.measures)),
    ("Neste gjennomgang / Review date", lambda r: r.review_date.isoformat() if r.review_date else ""),
    ("Må revurderes / Needs reassessment", lambda r: "ja / yes" if r.needs_reassessment else ""),
    ("Id", lambda r: r.id),
)


def export_table(uow: UnitOfWork, principal: Principal, **filters) -> dict:
    """The filtered register as rows, for the gateway to write as CSV or XLSX."""
    risks = uow.session.scalars(register_query(principal, **filters).limit(EXPORT_LIMIT)).all()
    return {"title": "Risikoregister / Risk register", "columns": [name for name, _ in EXPORT_COLUMNS],
            "rows": [[value(risk) for _, value in EXPORT_COLUMNS] for risk in risks]}

