"""The agency head's self-declaration, statement by statement, as plain functions over reporting's facts.

Each rule returns a verdict: the answer (`yes`, `no`, `no_data`), the rule behind it as one sentence in
bokmål and English (what was counted), and the records it counted, so the agency head can open what
they seal. "no_data" is the answer whenever a statement about records rests on none: a register with
no active processing is not "complete", it is empty. A statement about something the agency must do
each period (a risk assessment, training, an exercise, a management review) answers "no" when nothing
was done: the absence is the answer (GDPR art. 5(2): what is not documented cannot be demonstrated).
"""
from datetime import date, datetime, timedelta

from services.reporting.report_figures import BREACH, dpia_status, in_period, unacceptable

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


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


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
            return "late", f"meldt Datatilsynet for sent, etter {hours} timer", \
                f"notified to Datatilsynet late, after {hours} hours"
        return "in_time", f"meldt Datatilsynet etter {hours} timer", f"notified to Datatilsynet after {hours} hours"
    decided = _moment(breach.get("decided_at"))
    if breach.get("decision") == "not_required" and decided:
        hours = _hours(aware, decided)
        if decided <= deadline:
            return "in_time", f"dokumentert som ikke meldepliktig etter {hours} timer", \
                f"documented as not notifiable after {hours} hours"
        return "late", f"dokumentert som ikke meldepliktig for sent, etter {hours} timer", \
            f"documented as not notifiable late, after {hours} hours"
    if now > deadline:
        if breach.get("decision") == "required":
            return "late", "avgjort som meldepliktig, men ikke meldt innen 72 timer", \
                "decided notifiable, but not notified within 72 hours"
        return "late", "ingen avgjørelse etter 72 timer", "no decision after 72 hours"
    return "pending", "venter på avgjørelse; fristen er ikke ute", "awaiting a decision; the deadline has not passed"


def breaches_decided_in_time(incidents: list[dict], start: date, end: date, now: datetime) -> dict:
    # a report rejected as no incident after all owes no decision
    breaches = sorted((i for i in incidents if i.get("kind") == BREACH and i.get("status") != "rejected"
                       and in_period(i.get("reported_at"), start, end)),
                      key=lambda i: (i.get("reported_at") or "", i["id"]))
    if not breaches:
        return verdict(NO_DATA, "Ingen brudd registrert i perioden", "No breach recorded in the period", [])
    outcomes = {"in_time": 0, "late": 0, "pending": 0}
    records = []
    for breach in breaches:
        outcome, detail_nb, detail_en = breach_outcome(breach, now)
        outcomes[outcome] += 1
        records.append(record("incident", breach["id"], breach.get("title"),
                              {"in_time": True, "late": False}.get(outcome), detail_nb, detail_en))
    counted = outcomes["in_time"] + outcomes["late"]
    waiting_nb = f"{outcomes['pending']} venter på avgjørelse, fristen er ikke ute"
    waiting_en = f"{outcomes['pending']} awaiting a decision, the deadline has not passed"
    if not counted:
        return verdict(NO_DATA, f"Ingen brudd i perioden er avgjort eller over fristen; {waiting_nb}",
                       f"No breach in the period is decided or past its deadline; {waiting_en}", records)
    rule_nb = (f"{outcomes['in_time']} av {counted} brudd ble avgjort innen 72 timer: meldt i tide eller "
               "dokumentert som ikke meldepliktig")
    rule_en = (f"{outcomes['in_time']} of {counted} {'breach was' if counted == 1 else 'breaches were'} decided "
               "within 72 hours: notified in time or documented as not notifiable")
    if outcomes["late"]:
        rule_nb += f"; {outcomes['late']} for sent (meldt etter 72 timer eller uten avgjørelse etter 72 timer)"
        rule_en += f"; {outcomes['late']} late (notified after 72 hours or no decision after 72 hours)"
    if outcomes["pending"]:
        rule_nb, rule_en = f"{rule_nb}; {waiting_nb}", f"{rule_en}; {waiting_en}"
    return verdict(NO if outcomes["late"] else YES, rule_nb, rule_en, records)


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
        return verdict(NO_DATA, "Ingen aktive behandlingsaktiviteter i protokollen",
                       "No active processing activity in the record", [])
    records, incomplete_nb, incomplete_en = [], [], []
    for processing in current:
        name = processing.get("name") or processing["id"]
        if processing.get("complete"):
            records.append(record("processing", processing["id"], name, True))
            continue
        missing_nb, missing_en = missing_items(processing, "nb"), missing_items(processing, "en")
        detail_nb = f"mangler: {missing_nb}" if missing_nb else "ufullstendig beskrevet"
        detail_en = f"missing: {missing_en}" if missing_en else "incompletely described"
        records.append(record("processing", processing["id"], name, False, detail_nb, detail_en))
        incomplete_nb.append(f"{name} ({detail_nb})")
        incomplete_en.append(f"{name} ({detail_en})")
    complete = len(current) - len(incomplete_nb)
    rule_nb = f"{complete} av {len(current)} aktive behandlingsaktiviteter er fullstendig beskrevet etter art. 30(1)"
    rule_en = f"{complete} of {len(current)} active processing activities are completely described under art. 30(1)"
    if incomplete_nb:
        rule_nb += ". Ufullstendig: " + "; ".join(incomplete_nb)
        rule_en += ". Incomplete: " + "; ".join(incomplete_en)
    return verdict(NO if incomplete_nb else YES, rule_nb, rule_en, records)


# --- DPIA where the screening required one (art. 35) ---

DPIA_DETAILS = {"approved": ("DPIA godkjent", "DPIA approved"),
                "required": ("DPIA påkrevd, ikke godkjent", "DPIA required, not approved"),
                "outdated": ("DPIA utdatert", "DPIA outdated")}


def dpias_in_place(processings: list[dict]) -> dict:
    screened = [p for p in active(processings) if dpia_status(p) in DPIA_DETAILS]
    if not screened:
        return verdict(NO_DATA, "Ingen aktiv behandling der vurderingen krevde DPIA",
                       "No active processing activity whose screening required a DPIA", [])
    records = [record("processing", p["id"], p.get("name") or p["id"], dpia_status(p) == "approved",
                      *DPIA_DETAILS[dpia_status(p)]) for p in screened]
    lacking = [r for r in records if not r["ok"]]
    in_place = len(records) - len(lacking)
    rule_nb = f"{in_place} av {len(records)} aktive behandlinger som krever DPIA har en godkjent, gjeldende DPIA"
    rule_en = f"{in_place} of {len(records)} active processing activities that require a DPIA have an approved, " \
              "current one"
    if lacking:
        rule_nb += ". Mangler: " + _listed(lacking, "nb")
        rule_en += ". Lacking: " + _listed(lacking, "en")
    return verdict(NO if lacking else YES, rule_nb, rule_en, records)


# --- a data processor agreement with every processor (art. 28(3)) ---

def processor_agreements_in_place(processings: list[dict]) -> dict:
    # the register announces coverage for every processing with processors, and only for those
    with_processors = [p for p in active(processings) if p.get("agreement_coverage_at")]
    if not with_processors:
        return verdict(NO_DATA, "Ingen aktive behandlinger med databehandler registrert",
                       "No active processing activity with a processor recorded", [])
    records = []
    for processing in with_processors:
        lacking = processing.get("processors_without_agreement") or []
        names = ", ".join(lacking)
        records.append(record("processing", processing["id"], processing.get("name") or processing["id"],
                              not lacking, f"uten gyldig avtale: {names}" if lacking else None,
                              f"without a valid agreement: {names}" if lacking else None))
    lacking = [r for r in records if not r["ok"]]
    covered = len(records) - len(lacking)
    rule_nb = f"{covered} av {len(records)} aktive behandlinger med databehandler har gyldig avtale med alle"
    rule_en = f"{covered} of {len(records)} active processing activities with a processor have a valid agreement " \
              "with every one"
    if lacking:
        rule_nb += ". " + _listed(lacking, "nb")
        rule_en += ". " + _listed(lacking, "en")
    return verdict(NO if lacking else YES, rule_nb, rule_en, records)


# --- risk assessed in the period, every unacceptable risk decided (art. 24, 32; ISO/IEC 27001 6.1, 8.2) ---

def risk_assessed_and_decided(assessments: list[dict], risks: list[dict], start: date, end: date) -> dict:
    approved = sorted((a for a in assessments if in_period(a.get("approved_at"), start, end)),
                      key=lambda a: (a.get("approved_at"), a["id"]))
    open_now = sorted((r for r in risks if unacceptable(r)), key=lambda r: (r.get("identified_at"), r["id"]))
    undecided = [r for r in open_now if not r.get("decision")]
    records = [record("assessment", a["id"], a.get("title"), True, f"godkjent {a['approved_at'][:10]}",
                      f"approved {a['approved_at'][:10]}") for a in approved]
    records += [record("risk", r["id"], r.get("title"), bool(r.get("decision")),
                       *(("besluttet", "decided") if r.get("decision") else ("ikke besluttet", "undecided")))
                for r in open_now]
    assessed_nb = (_plural(len(approved), "risikovurdering", "risikovurderinger") + " godkjent i perioden"
                   if approved else "Ingen risikovurdering godkjent i perioden")
    assessed_en = (_plural(len(approved), "risk assessment", "risk assessments") + " approved in the period"
                   if approved else "No risk assessment approved in the period")
    if open_now:
        decided = len(open_now) - len(undecided)
        decided_nb = f"{decided} av {len(open_now)} uakseptable risikoer er besluttet av virksomhetsleder"
        decided_en = f"{decided} of {len(open_now)} unacceptable risks are decided by the agency head"
    else:
        decided_nb, decided_en = "ingen uakseptabel risiko står åpen", "no unacceptable risk is open"
    answer = YES if approved and not undecided else NO
    return verdict(answer, f"{assessed_nb}; {decided_nb}", f"{assessed_en}; {decided_en}", records)


# --- held in the period: training, an exercise, a management review ---

def _held(items: list[dict], subject_type: str, start: date, end: date, names: tuple[str, str, str, str],
          none: tuple[str, str]) -> dict:
    held = sorted((i for i in items if in_period(i.get("completed_at"), start, end)),
                  key=lambda i: (i.get("completed_at"), i["id"]))
    if not held:
        return verdict(NO, *none, [])
    records = [record(subject_type, i["id"], i.get("title"), True, f"fullført {i['completed_at'][:10]}",
                      f"completed {i['completed_at'][:10]}") for i in held]
    nb_one, nb_many, en_one, en_many = names
    return verdict(YES, _plural(len(held), nb_one, nb_many) + " fullført i perioden",
                   _plural(len(held), en_one, en_many) + " completed in the period", records)


def training_conducted(campaigns: list[dict], start: date, end: date) -> dict:
    return _held(campaigns, "campaign", start, end,
                 ("opplæringskampanje", "opplæringskampanjer", "training campaign", "training campaigns"),
                 ("Ingen opplæringskampanje fullført i perioden", "No training campaign completed in the period"))


def exercise_held(exercises: list[dict], start: date, end: date) -> dict:
    return _held(exercises, "exercise", start, end,
                 ("beredskapsøvelse", "beredskapsøvelser", "preparedness exercise", "preparedness exercises"),
                 ("Ingen beredskapsøvelse fullført i perioden", "No preparedness exercise completed in the period"))


def management_review_held(reviews: list[dict]) -> dict:
    """`reviews`: the approved management reviews covering the period (`id`, `version`, `approved_at`)."""
    if not reviews:
        return verdict(NO, "Ingen ledelsens gjennomgang for perioden er godkjent",
                       "No management review for the period is approved", [])
    records = [record("report", r["id"], f"Ledelsens gjennomgang / Management review v{r['version']}", True,
                      f"godkjent {str(r['approved_at'])[:10]}", f"approved {str(r['approved_at'])[:10]}")
               for r in reviews]
    return verdict(YES, _plural(len(reviews), "ledelsens gjennomgang", "ledelsens gjennomganger")
                   + " for perioden er godkjent",
                   _plural(len(reviews), "management review", "management reviews") + " for the period approved",
                   records)


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
