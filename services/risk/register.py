"""The risk register across assessments: filters, the heat map, measures to follow up, the export."""
from sqlalchemy import exists, func

from services.risk import criteria, domain, matrix
from services.risk.models import Assessment, Measure, Risk
from services.risk.scoping import get_visible, visible
from services.risk.texts import CATALOGUE, N_, text
from shared.auth import Principal
from shared.clock import today
from shared.pagination import fetch_page
from shared.service_database import UnitOfWork
from shared.text_search import escaped, every_word

EXPORT_LIMIT = 10_000


def register_query(principal: Principal, assessment_id=None, scope=None, level=None, residual_level=None,
                   acceptable=None, status=None, owner=None, overdue=None, needs_reassessment=None, agency=None,
                   q=None):
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
    if q:
        query = query.where(matches_words(q))
    return query.order_by(Risk.residual_score.desc().nulls_last(), Risk.created_at)


def matches_words(text: str):
    """Every word in the risk's title, scenario, threat, vulnerability or asset; or the risk's reference in
    its assessment (R-03), or the start of its id (eight characters or more, as a link shows it)."""
    def reference(word):
        by_id = [Risk.id.like(escaped(word) + "%", escape="\\")] if len(word) >= 8 else []
        return [func.lower(Risk.reference) == word, *by_id]
    return every_word(text, (Risk.title, Risk.scenario, Risk.threat, Risk.vulnerability, Risk.asset), reference)


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


# The export's words, as the risk pages show them: values in the request's language, never codes. A code
# in words is `export.<vocabulary>.<code>` in the risk catalogue, marked here for `pybabel extract`.
EXPORT_WORDS = (N_("export.scope.overall"), N_("export.scope.system"), N_("export.scope.process"),
                N_("export.scope.project"), N_("export.scope.procurement"), N_("export.level.low"),
                N_("export.level.medium"), N_("export.level.high"), N_("export.treatment.reduce"),
                N_("export.treatment.avoid"), N_("export.treatment.share"), N_("export.treatment.accept"),
                N_("export.status.draft"), N_("export.status.open"), N_("export.status.closed"),
                N_("export.status.dismissed"), N_("export.measure_status.proposed"),
                N_("export.measure_status.decided"), N_("export.measure_status.in_progress"),
                N_("export.measure_status.continuous"), N_("export.measure_status.done"),
                N_("export.measure_status.cancelled"), N_("export.affects.confidentiality"),
                N_("export.affects.integrity"), N_("export.affects.availability"), N_("export.affects.privacy"),
                N_("export.answer.yes"), N_("export.answer.no"))


def _word(vocabulary: str, value, lang: str) -> str:
    """A code in words; a value the table does not know (a newer code) is shown as it is."""
    if value is None or value == "":
        return ""
    key = f"export.{vocabulary}.{value}"
    return text(key, "nb" if lang == "nb" else "en") if key in CATALOGUE else str(value)


def _day(value, lang: str) -> str:
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if lang == "nb" else value.isoformat()


def _measures(risk, lang: str) -> str:
    return "; ".join(f"{m.title} ({m.owner}, {_day(m.due_date, lang)}, {_word('measure_status', m.status, lang)})"
                     for m in risk.measures)


# (the heading's key, value(risk, lang)); likelihood and consequence are the
# steps 1-5 of the criteria (sannsynlighet / konsekvens), the level is the matrix cell's (lav/middels/høy).
EXPORT_COLUMNS = (
    (N_("export.column.assessment"), lambda r, lang: r.assessment.title if r.assessment else ""),
    (N_("export.column.scope"),
     lambda r, lang: _word("scope", r.assessment.scope, lang) if r.assessment else ""),
    (N_("export.column.reference"), lambda r, lang: r.reference or ""),
    (N_("export.column.title"), lambda r, lang: r.title),
    (N_("export.column.scenario"), lambda r, lang: r.scenario or ""),
    (N_("export.column.threat"), lambda r, lang: r.threat or ""),
    (N_("export.column.vulnerability"), lambda r, lang: r.vulnerability or ""),
    (N_("export.column.asset"), lambda r, lang: r.asset or ""),
    (N_("export.column.affects"), lambda r, lang: ", ".join(_word("affects", a, lang) for a in r.affects or ())),
    (N_("export.column.existing_controls"), lambda r, lang: r.existing_controls or ""),
    (N_("export.column.likelihood"), lambda r, lang: r.likelihood),
    (N_("export.column.consequence"), lambda r, lang: r.consequence),
    (N_("export.column.level"), lambda r, lang: _word("level", r.level, lang)),
    (N_("export.column.treatment"), lambda r, lang: _word("treatment", r.treatment, lang)),
    (N_("export.column.residual_likelihood"),
     lambda r, lang: domain.residual(r.residual_likelihood, r.likelihood)),
    (N_("export.column.residual_consequence"),
     lambda r, lang: domain.residual(r.residual_consequence, r.consequence)),
    (N_("export.column.residual_level"), lambda r, lang: _word("level", r.residual_level, lang)),
    (N_("export.column.acceptable"),
     lambda r, lang: "" if r.acceptable is None else _word("answer", "yes" if r.acceptable else "no", lang)),
    (N_("export.column.owner"), lambda r, lang: r.owner or ""),
    (N_("export.column.status"), lambda r, lang: _word("status", r.status, lang)),
    (N_("export.column.measures"), _measures),
    (N_("export.column.review_date"), lambda r, lang: _day(r.review_date, lang)),
    (N_("export.column.needs_reassessment"),
     lambda r, lang: _word("answer", "yes", lang) if r.needs_reassessment else ""),
    (N_("export.column.id"), lambda r, lang: r.id),
)


def export_rows(risks, lang: str = "nb") -> dict:
    """The risks as a table with headings and values in one language (nb or en)."""
    words = "nb" if lang == "nb" else "en"
    return {"title": text("export.title", words), "columns": [text(key, words) for key, _ in EXPORT_COLUMNS],
            "rows": [[value(risk, lang) for _, value in EXPORT_COLUMNS] for risk in risks]}


def export_table(uow: UnitOfWork, principal: Principal, lang: str = "nb", **filters) -> dict:
    """The filtered register as rows in the request's language, for the gateway to write as CSV or XLSX."""
    risks = uow.session.scalars(register_query(principal, **filters).limit(EXPORT_LIMIT)).all()
    return export_rows(risks, lang)

