"""The risk register across assessments: filters, the heat map, measures to follow up, the export."""
from sqlalchemy import exists, func

from services.risk import criteria, domain, matrix
from services.risk.models import Assessment, Measure, Risk
from services.risk.scoping import get_visible, visible
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


# The export's words, as the risk pages show them: values in the request's language, never codes.
EXPORT_LABELS = {
    "scope": {"overall": ("overordnet", "overall"), "system": ("system", "system"), "process": ("prosess", "process"),
              "project": ("prosjekt", "project"), "procurement": ("anskaffelse", "procurement")},
    "level": {"low": ("lav", "low"), "medium": ("middels", "medium"), "high": ("høy", "high")},
    "treatment": {"reduce": ("redusere", "reduce"), "avoid": ("unngå", "avoid"),
                  "share": ("dele (overføre)", "share (transfer)"), "accept": ("akseptere", "accept")},
    "status": {"draft": ("forslag", "draft"), "open": ("åpen", "open"), "closed": ("lukket", "closed"),
               "dismissed": ("avvist", "dismissed")},
    "measure_status": {"proposed": ("foreslått", "proposed"), "decided": ("vedtatt", "decided"),
                       "in_progress": ("pågår", "in progress"), "continuous": ("varig (løpende)", "continuous"),
                       "done": ("fullført", "done"), "cancelled": ("avbrutt", "cancelled")},
    "affects": {"confidentiality": ("konfidensialitet", "confidentiality"), "integrity": ("integritet", "integrity"),
                "availability": ("tilgjengelighet", "availability"), "privacy": ("personvern", "privacy")},
    "answer": {"yes": ("ja", "yes"), "no": ("nei", "no")},
}


def _word(vocabulary: str, value, lang: str) -> str:
    """A code in words; a value the table does not know (a newer code) is shown as it is."""
    if value is None or value == "":
        return ""
    words = EXPORT_LABELS[vocabulary].get(value)
    return words[0 if lang == "nb" else 1] if words else str(value)


def _day(value, lang: str) -> str:
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if lang == "nb" else value.isoformat()


def _measures(risk, lang: str) -> str:
    return "; ".join(f"{m.title} ({m.owner}, {_day(m.due_date, lang)}, {_word('measure_status', m.status, lang)})"
                     for m in risk.measures)


# (key, heading in bokmål, heading in English, value(risk, lang)); likelihood and consequence are the
# steps 1-5 of the criteria (sannsynlighet / konsekvens), the level is the matrix cell's (lav/middels/høy).
EXPORT_COLUMNS = (
    ("assessment", "Vurdering", "Assessment", lambda r, lang: r.assessment.title if r.assessment else ""),
    ("scope", "Hva slags vurdering", "Kind of assessment",
     lambda r, lang: _word("scope", r.assessment.scope, lang) if r.assessment else ""),
    ("reference", "Ref.", "Ref.", lambda r, lang: r.reference or ""),
    ("title", "Risiko", "Risk", lambda r, lang: r.title),
    ("scenario", "Uønsket hendelse", "Unwanted event", lambda r, lang: r.scenario or ""),
    ("threat", "Trussel", "Threat", lambda r, lang: r.threat or ""),
    ("vulnerability", "Sårbarhet", "Vulnerability", lambda r, lang: r.vulnerability or ""),
    ("asset", "Verdi", "Asset", lambda r, lang: r.asset or ""),
    ("affects", "Påvirker", "Affects", lambda r, lang: ", ".join(_word("affects", a, lang) for a in r.affects or ())),
    ("existing_controls", "Eksisterende tiltak", "Existing controls", lambda r, lang: r.existing_controls or ""),
    ("likelihood", "Sannsynlighet (1–5)", "Likelihood (1–5)", lambda r, lang: r.likelihood),
    ("consequence", "Konsekvens (1–5)", "Consequence (1–5)", lambda r, lang: r.consequence),
    ("level", "Risikonivå", "Risk level", lambda r, lang: _word("level", r.level, lang)),
    ("treatment", "Behandling", "Treatment", lambda r, lang: _word("treatment", r.treatment, lang)),
    ("residual_likelihood", "Sannsynlighet etter tiltak", "Likelihood after the measures",
     lambda r, lang: domain.residual(r.residual_likelihood, r.likelihood)),
    ("residual_consequence", "Konsekvens etter tiltak", "Consequence after the measures",
     lambda r, lang: domain.residual(r.residual_consequence, r.consequence)),
    ("residual_level", "Restrisikonivå", "Residual risk level", lambda r, lang: _word("level", r.residual_level, lang)),
    ("acceptable", "Akseptabel", "Acceptable",
     lambda r, lang: "" if r.acceptable is None else _word("answer", "yes" if r.acceptable else "no", lang)),
    ("owner", "Risikoeier", "Risk owner", lambda r, lang: r.owner or ""),
    ("status", "Status", "Status", lambda r, lang: _word("status", r.status, lang)),
    ("measures", "Tiltak", "Measures", _measures),
    ("review_date", "Neste gjennomgang", "Next review", lambda r, lang: _day(r.review_date, lang)),
    ("needs_reassessment", "Må revurderes", "Needs reassessment",
     lambda r, lang: _word("answer", "yes", lang) if r.needs_reassessment else ""),
    ("id", "Id", "Id", lambda r, lang: r.id),
)
EXPORT_TITLES = ("Risikoregister", "Risk register")


def export_rows(risks, lang: str = "nb") -> dict:
    """The risks as a table with headings and values in one language (nb or en)."""
    index = 0 if lang == "nb" else 1
    return {"title": EXPORT_TITLES[index], "columns": [column[1 + index] for column in EXPORT_COLUMNS],
            "rows": [[value(risk, lang) for *_, value in EXPORT_COLUMNS] for risk in risks]}


def export_table(uow: UnitOfWork, principal: Principal, lang: str = "nb", **filters) -> dict:
    """The filtered register as rows in the request's language, for the gateway to write as CSV or XLSX."""
    risks = uow.session.scalars(register_query(principal, **filters).limit(EXPORT_LIMIT)).all()
    return export_rows(risks, lang)

