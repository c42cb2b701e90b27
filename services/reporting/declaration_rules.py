"""The agency head's self-declaration, statement by statement, as plain functions over reporting's facts.

Each rule returns a verdict: the answer (`yes`, `no`, `no_data`), the rule behind it as one sentence in
bokmål and English (what was counted; the words are the reporting catalogue's `declaration.*` texts),
and the records it counted, so the agency head can open what
they seal. "no_data" is the answer whenever a statement about records rests on none: a register with
no active processing is not "complete", it is empty. A statement about something the agency must do
each period (a risk assessment, training, an exercise, a management review) answers "no" when nothing
was done: the absence is the answer (GDPR art. 5(2): what is not documented cannot be demonstrated).
"""
from datetime import date, datetime, timedelta

from services.reporting.report_figures import BREACH, dpia_status, in_period, unacceptable
from services.reporting.texts import N_, PerLanguage, both, nboth

YES, NO, NO_DATA = "yes", "no", "no_data"
ANSWERS = (YES, NO, NO_DATA)
NOTIFICATION_DEADLINE = timedelta(hours=72)  # GDPR art. 33(1)


def verdict(answer: str, rule_nb: str, rule_en: str, records: list[dict]) -> dict:
    return {"answer": answer, "rule_nb": rule_nb, "rule_en": rule_en, "records": records}


def record(subject_type: str, id_, title, ok: bool | None, detail_nb: str | None = None,
           detail_en: str | None = None) -> dict:
    """A record the answer counted: `ok` False is one that makes the answer "no", None one still open."""
    return {"subject_type": subject_type, "id": str(id_), "title": title, "ok": ok,
            "detail_nb": detail_nb, "detail_en": detail_en}


def _listed(records: list[dict], language: str) -> str:
    """The records an answer names, each with why, in one language: "Title (detail); ..."."""
    return "; ".join(f"{r['title']} ({r['detail_' + language]})" for r in records)


def _moment(value) -> datetime | None:
    if not value:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment


def _hours(since: datetime, until: datetime) -> int:
    return int((until - since).total_seconds() // 3600)


def _joined(separator: str, *parts: tuple[str, str]) -> tuple[str, str]:
    """Sentences in both languages, (bokmål, English) each, as one sentence in each."""
    return separator.join(nb for nb, _ in parts), separator.join(en for _, en in parts)


# --- breaches: decided within 72 hours (art. 33(1) and (5)) ---

def breach_outcome(breach: dict, now: datetime) -> tuple[str, str, str]:
    """`in_time`, `late` or `pending`, with what happened in bokmål and English.

    In time: notified to Datatilsynet within 72 hours of awareness, or documented as not notifiable
    (a decision `not_required`) within them. Late: notified after, documented as not notifiable after,
    or 72 hours passed with neither. The latest decision stands (a breach reassessed and then decided
    notifiable must be notified)."""
    aware = _moment(breach.get("aware_at")) or _moment(breach.get("reported_at"))
    deadline = _moment(breach.get("deadline")) or aware + NOTIFICATION_DEADLINE
    aware = deadline - NOTIFICATION_DEADLINE
    notified = _moment(breach.get("notified_at"))
    if notified:
        late = breach.get("notified_late")
        late = notified > deadline if late is None else late
        hours = _hours(aware, notified)
        if late:
            return "late", *both("declaration.breach.notified_late", hours=hours)
        return "in_time", *both("declaration.breach.notified", hours=hours)
    decided = _moment(breach.get("decided_at"))
    if breach.get("decision") == "not_required" and decided:
        hours = _hours(aware, decided)
        if decided <= deadline:
            return "in_time", *both("declaration.breach.not_notifiable", hours=hours)
        return "late", *both("declaration.breach.not_notifiable_late", hours=hours)
    if now > deadline:
        if breach.get("decision") == "required":
            return "late", *both("declaration.breach.required_not_notified")
        return "late", *both("declaration.breach.no_decision")
    return "pending", *both("declaration.breach.pending")


def breaches_decided_in_time(incidents: list[dict], start: date, end: date, now: datetime) -> dict:
    # a report rejected as no incident after all owes no decision
    breaches = sorted((i for i in incidents if i.get("kind") == BREACH and i.get("status") != "rejected"
                       and in_period(i.get("reported_at"), start, end)),
                      key=lambda i: (i.get("reported_at") or "", i["id"]))
    if not breaches:
        return verdict(NO_DATA, *both("declaration.breaches.none"), [])
    outcomes = {"in_time": 0, "late": 0, "pending": 0}
    records = []
    for breach in breaches:
        outcome, detail_nb, detail_en = breach_outcome(breach, now)
        outcomes[outcome] += 1
        records.append(record("incident", breach["id"], breach.get("title"),
                              {"in_time": True, "late": False}.get(outcome), detail_nb, detail_en))
    decided = outcomes["in_time"] + outcomes["late"]
    waiting = both("declaration.breaches.waiting", pending=outcomes["pending"])
    if not decided:
        return verdict(NO_DATA, *_joined("; ", both("declaration.breaches.none_decided"), waiting), records)
    parts = [nboth("declaration.breaches.decided", decided, in_time=outcomes["in_time"])]
    if outcomes["late"]:
        parts.append(both("declaration.breaches.late", late=outcomes["late"]))
    if outcomes["pending"]:
        parts.append(waiting)
    return verdict(NO if outcomes["late"] else YES, *_joined("; ", *parts), records)


# --- the record of processing activities (art. 30) ---

def active(processings: list[dict]) -> list[dict]:
    return sorted((p for p in processings if p.get("status") == "active"), key=lambda p: (p.get("name") or "", p["id"]))


def missing_items(processing: dict, language: str) -> str:
    """`Formål (art. 30(1)(b)), Kategorier av mottakere (art. 30(1)(d))`, from the register's own list."""
    items = []
    for item in processing.get("missing") or []:
        name = item.get(f"label_{language}") or item.get("key") or "?"
        items.append(f"{name} (art. {item['article']})" if item.get("article") else name)
    return ", ".join(items)


def ropa_complete(processings: list[dict]) -> dict:
    current = active(processings)
    if not current:
        return verdict(NO_DATA, *both("declaration.ropa.none"), [])
    records, incomplete_nb, incomplete_en = [], [], []
    for processing in current:
        name = processing.get("name") or processing["id"]
        if processing.get("complete"):
            records.append(record("processing", processing["id"], name, True))
            continue
        missing_nb, missing_en = missing_items(processing, "nb"), missing_items(processing, "en")
        detail_nb, detail_en = both("declaration.ropa.missing", items=PerLanguage(nb=missing_nb, en=missing_en)) \
            if missing_nb else both("declaration.ropa.incompletely_described")
        records.append(record("processing", processing["id"], name, False, detail_nb, detail_en))
        incomplete_nb.append(f"{name} ({detail_nb})")
        incomplete_en.append(f"{name} ({detail_en})")
    complete = len(current) - len(incomplete_nb)
    parts = [both("declaration.ropa.rule", complete=complete, total=len(current))]
    if incomplete_nb:
        listed = PerLanguage(nb="; ".join(incomplete_nb), en="; ".join(incomplete_en))
        parts.append(both("declaration.ropa.incomplete", items=listed))
    return verdict(NO if incomplete_nb else YES, *_joined(". ", *parts), records)


# --- DPIA where the screening required one (art. 35) ---

DPIA_DETAILS = {"approved": N_("declaration.dpia.approved"), "required": N_("declaration.dpia.required"),
                "outdated": N_("declaration.dpia.outdated")}


def dpias_in_place(processings: list[dict]) -> dict:
    screened = [p for p in active(processings) if dpia_status(p) in DPIA_DETAILS]
    if not screened:
        return verdict(NO_DATA, *both("declaration.dpia.none"), [])
    records = [record("processing", p["id"], p.get("name") or p["id"], dpia_status(p) == "approved",
                      *both(DPIA_DETAILS[dpia_status(p)])) for p in screened]
    lacking = [r for r in records if not r["ok"]]
    in_place = len(records) - len(lacking)
    parts = [both("declaration.dpia.rule", in_place=in_place, total=len(records))]
    if lacking:
        parts.append(both("declaration.dpia.lacking", items=PerLanguage(nb=_listed(lacking, "nb"),
                                                                          en=_listed(lacking, "en"))))
    return verdict(NO if lacking else YES, *_joined(". ", *parts), records)


# --- a data processor agreement with every processor (art. 28(3)) ---

def processor_agreements_in_place(processings: list[dict]) -> dict:
    # the register announces coverage for every processing with processors, and only for those
    with_processors = [p for p in active(processings) if p.get("agreement_coverage_at")]
    if not with_processors:
        return verdict(NO_DATA, *both("declaration.processors.none"), [])
    records = []
    for processing in with_processors:
        lacking = processing.get("processors_without_agreement") or []
        names = ", ".join(lacking)
        records.append(record("processing", processing["id"], processing.get("name") or processing["id"],
                              not lacking, *(both("declaration.processors.without_agreement", names=names)
                                             if lacking else (None, None))))
    lacking = [r for r in records if not r["ok"]]
    covered = len(records) - len(lacking)
    parts = [both("declaration.processors.rule", covered=covered, total=len(records))]
    if lacking:
        parts.append((_listed(lacking, "nb"), _listed(lacking, "en")))
    return verdict(NO if lacking else YES, *_joined(". ", *parts), records)


# --- risk assessed in the period, every unacceptable risk decided (art. 24, 32; ISO/IEC 27001 6.1, 8.2) ---

def risk_assessed_and_decided(assessments: list[dict], risks: list[dict], start: date, end: date) -> dict:
    approved = sorted((a for a in assessments if in_period(a.get("approved_at"), start, end)),
                      key=lambda a: (a.get("approved_at"), a["id"]))
    open_now = sorted((r for r in risks if unacceptable(r)), key=lambda r: (r.get("identified_at"), r["id"]))
    undecided = [r for r in open_now if not r.get("decision")]
    records = [record("assessment", a["id"], a.get("title"), True,
                      *both("declaration.approved_on", day=a["approved_at"][:10])) for a in approved]
    records += [record("risk", r["id"], r.get("title"), bool(r.get("decision")),
                       *(both("declaration.risk.decided") if r.get("decision")
                         else both("declaration.risk.undecided")))
                for r in open_now]
    assessed = nboth("declaration.risk.assessed", len(approved)) if approved \
        else both("declaration.risk.none_assessed")
    decided = both("declaration.risk.decided_count", decided=len(open_now) - len(undecided), total=len(open_now)) \
        if open_now else both("declaration.risk.none_open")
    answer = YES if approved and not undecided else NO
    return verdict(answer, *_joined("; ", assessed, decided), records)


# --- held in the period: training, an exercise, a management review ---

def _held(items: list[dict], subject_type: str, start: date, end: date, held_key: str,
          none: tuple[str, str]) -> dict:
    """`held_key`: a counted text ("{n} training campaigns completed in the period")."""
    held = sorted((i for i in items if in_period(i.get("completed_at"), start, end)),
                  key=lambda i: (i.get("completed_at"), i["id"]))
    if not held:
        return verdict(NO, *none, [])
    records = [record(subject_type, i["id"], i.get("title"), True,
                      *both("declaration.completed_on", day=i["completed_at"][:10])) for i in held]
    return verdict(YES, *nboth(held_key, len(held)), records)


def training_conducted(campaigns: list[dict], start: date, end: date) -> dict:
    return _held(campaigns, "campaign", start, end, N_("declaration.training.held"),
                 both("declaration.training.none"))


def exercise_held(exercises: list[dict], start: date, end: date) -> dict:
    return _held(exercises, "exercise", start, end, N_("declaration.exercise.held"),
                 both("declaration.exercise.none"))


def management_review_held(reviews: list[dict]) -> dict:
    """`reviews`: the approved management reviews covering the period (`id`, `version`, `approved_at`)."""
    if not reviews:
        return verdict(NO, *both("declaration.review.none"), [])
    title = " / ".join(both("declaration.review.title"))  # the record's one title, in both languages
    records = [record("report", r["id"], f"{title} v{r['version']}", True,
                      *both("declaration.approved_on", day=str(r["approved_at"])[:10]))
               for r in reviews]
    return verdict(YES, *nboth("declaration.review.held", len(reviews)), records)


def evidence(found: dict, start: date, end: date, now: datetime, reviews: list[dict]) -> dict:
    """Every statement's verdict from the facts by subject type (`read_model.states`), by statement key."""
    return {
        "ropa_complete": ropa_complete(found.get("processing", [])),
        "dpias_in_place": dpias_in_place(found.get("processing", [])),
        "processor_agreements_in_place": processor_agreements_in_place(found.get("processing", [])),
        "risk_assessed_and_decided": risk_assessed_and_decided(found.get("assessment", []), found.get("risk", []),
                                                               start, end),
        "breaches_notified_in_time": breaches_decided_in_time(found.get("incident", []), start, end, now),
        "training_conducted": training_conducted(found.get("campaign", []), start, end),
        "exercise_held": exercise_held(found.get("exercise", []), start, end),
        "management_review_held": management_review_held(reviews),
    }
