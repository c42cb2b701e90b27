"""What a report looks like on paper, as one pure function: the report's view (`reports.view`, as the
reporting service dumps it) becomes a neutral list of blocks (heading, paragraph, table, note), in
bokmål or English. The DOCX and PDF writers only draw those blocks, so every layout decision is here
and is tested without opening a file.

The layout is generic over the content: sections with the coordinators' text, figures (nested dicts
become tables), parts, a `table` of columns and rows, a source that is not deployed (its note is
printed), and a self-declaration's statements with its signature lines. A figure key without a label
is humanised, so a new figure never breaks a document.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime

from services.reporting import annual_plan_rules
from shared.clock import OSLO
from shared.decimals import decimal
from shared.vocabularies import VOCABULARIES

LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 the document's title, 1 a section, 2 a part, 3 a table's caption


@dataclass(frozen=True)
class Paragraph:
    text: str
    missing: bool = False  # a placeholder for words not written yet: drawn in italics


@dataclass(frozen=True)
class Table:
    rows: tuple  # of tuples of strings
    header: tuple | None = None  # column titles; without them the first column holds the labels


@dataclass(frozen=True)
class Note:
    text: str  # stands out: the draft marking, a broken seal, a source that is not deployed


TEXTS = {
    "nb": {
        "agency": "Virksomhet", "period": "Periode", "version": "Versjon", "status": "Status",
        "draft": "utkast", "approved": "godkjent",
        "draft_mark": "UTKAST – ikke godkjent",
        "draft_explained": "Tallene er slik de står når dokumentet lages, og kan endre seg til rapporten er "
                           "godkjent.",
        "approved_by": "Godkjent av", "approved_at": "Godkjent", "sha256": "Innholdets SHA-256",
        "seal": "Forsegling", "seal_holds": "holder (innholdet er uendret siden godkjenning)",
        "seal_broken": "holder IKKE – rapporten er endret etter godkjenning",
        "seal_broken_note": "Forseglingen holder ikke: rapporten er endret etter at den ble godkjent. "
                            "Ikke stol på denne utskriften; kontakt personvernkoordinator.",
        "check": "Kontroller en utskrift mot Vern: SHA-256 over skal være lik den Vern viser for rapporten.",
        "missing": "(ikke utfylt)", "none": "(ingen)", "empty": "–",
        "previous_decisions": "Beslutninger fra forrige ledelsesgjennomgang",
        "no_previous": "(ingen tidligere godkjent ledelsesgjennomgang)",
        "key_figures": "Nøkkeltall", "figure": "Tall", "value": "Verdi",
        "declaration": "Erklæring", "statement": "Bekreftelse", "answer": "Svar", "comment": "Kommentar",
        "basis": "Grunnlag", "no_source_note": "Kilden ({source}) er ikke tatt i bruk i denne virksomheten; "
                                               "bekreftelsen kan ikke besvares fra tall.",
        "weaknesses": "Svakheter og tiltak", "signature": "Underskrift",
        "place": "Sted", "date": "Dato", "agency_head": "Virksomhetsleder (underskrift)",
        "approved_in_vern": "Godkjent i Vern av",
        "read_confirmed": "Lest og bekreftet av",
        "yes": "Ja", "no": "Nei", "no_source": "Ingen kilde", "no_data": "Ingen data", "true": "ja", "false": "nei",
        "rule": "Regel", "records": "Poster som er telt",
        "record_ok": "i orden", "record_not_ok": "avvik", "record_open": "åpen",
    },
    "en": {
        "agency": "Agency", "period": "Period", "version": "Version", "status": "Status",
        "draft": "draft", "approved": "approved",
        "draft_mark": "DRAFT – not approved",
        "draft_explained": "The figures are as they stand when the document is made and may change until the "
                           "report is approved.",
        "approved_by": "Approved by", "approved_at": "Approved", "sha256": "Content SHA-256",
        "seal": "Seal", "seal_holds": "holds (the content is unchanged since approval)",
        "seal_broken": "does NOT hold – the report was altered after approval",
        "seal_broken_note": "The seal does not hold: the report was altered after it was approved. "
                            "Do not rely on this copy; contact the privacy coordinator.",
        "check": "To check a printed copy against Vern: the SHA-256 above must equal the one Vern shows "
                 "for the report.",
        "missing": "(not filled in)", "none": "(none)", "empty": "–",
        "previous_decisions": "Decisions of the previous management review",
        "no_previous": "(no earlier approved management review)",
        "key_figures": "Key figures", "figure": "Figure", "value": "Value",
        "declaration": "Declaration", "statement": "Statement", "answer": "Answer", "comment": "Comment",
        "basis": "Basis", "no_source_note": "The source ({source}) is not deployed in this agency; the "
                                            "statement cannot be answered from figures.",
        "weaknesses": "Weaknesses and measures", "signature": "Signature",
        "place": "Place", "date": "Date", "agency_head": "Agency head (signature)",
        "approved_in_vern": "Approved in Vern by",
        "read_confirmed": "Read and confirmed by",
        "yes": "Yes", "no": "No", "no_source": "No source", "no_data": "No data", "true": "yes", "false": "no",
        "rule": "Rule", "records": "Records counted",
        "record_ok": "in order", "record_not_ok": "not in order", "record_open": "open",
    },
}

# The figures of services/reporting/report_figures.py (and the sources of report_content.py)
FIGURE_LABELS = {
    # sources
    "incidents": ("Hendelser og avvik", "Incidents and deviations"),
    "risk": ("Risiko", "Risk"),
    "privacy_register": ("Personvern: behandlingsprotokoll og DPIA", "Privacy: record of processing and DPIAs"),
    "training": ("Opplæring og beredskapsøvelser", "Training and preparedness exercises"),
    # incidents
    "reported": ("Meldt i perioden", "Reported in the period"),
    "by_month": ("Per måned", "By month"),
    "by_kind": ("Per type", "By kind"),
    "by_category": ("Per kategori", "By category"),
    "by_severity": ("Per alvorlighetsgrad", "By severity"),
    "serious": ("Alvorlige", "Serious"),
    "closed": ("Lukket", "Closed"),
    "breaches": ("Brudd på personopplysningssikkerheten", "Personal data breaches"),
    "total": ("Totalt", "Total"),
    "notified": ("Meldt Datatilsynet", "Notified to Datatilsynet"),
    "within_72_hours": ("Meldt innen 72 timer", "Notified within 72 hours"),
    "late": ("Meldt for sent", "Notified late"),
    "late_ids": ("Meldt for sent (saker)", "Notified late (cases)"),
    "not_notified": ("Ikke meldt", "Not notified"),
    "not_notifiable": ("Dokumentert som ikke meldepliktig", "Documented as not notifiable"),
    # risk
    "assessments_approved": ("Godkjente risikovurderinger", "Risk assessments approved"),
    "risks_assessed": ("Vurderte risikoer", "Risks assessed"),
    "unacceptable_identified": ("Uakseptable risikoer identifisert", "Unacceptable risks identified"),
    "decisions": ("Beslutninger om uakseptabel risiko", "Decisions on unacceptable risks"),
    "resolved": ("Løst (innenfor akseptkriteriene)", "Resolved (within the acceptance criteria)"),
    "unacceptable_now": ("Uakseptable risikoer nå", "Unacceptable risks now"),
    "unacceptable_undecided_now": ("Uakseptable risikoer uten beslutning nå", "Unacceptable risks undecided now"),
    "measures_overdue": ("Tiltak over frist", "Measures overdue"),
    # privacy register
    "processing_activities": ("Behandlingsaktiviteter", "Processing activities"),
    "complete": ("Fullstendig beskrevet", "Completely described"),
    "incomplete": ("Ufullstendig beskrevet", "Incompletely described"),
    "special_categories": ("Med særlige kategorier (art. 9)", "With special categories (art. 9)"),
    "dpia_status": ("DPIA-status", "DPIA status"),
    "without_agreement": ("Behandlinger med databehandler uten gyldig avtale",
                          "Processing activities with a processor without a valid agreement"),
    "processors_without_agreement": ("Databehandlere uten gyldig avtale (antall behandlinger)",
                                     "Processors without a valid agreement (processing activities)"),
    # training
    "campaigns_completed": ("Kampanjer gjennomført", "Campaigns completed"),
    "campaigns_meeting_target": ("Kampanjer som nådde målet", "Campaigns meeting their target"),
    "enrolled": ("Påmeldte", "Enrolled"),
    "completed": ("Fullført", "Completed"),
    "completion_rate": ("Gjennomføringsgrad (%)", "Completion rate (%)"),
    "overdue_notices": ("Varsler om forfalt opplæring", "Overdue training notices"),
    "exercises_held": ("Beredskapsøvelser holdt", "Preparedness exercises held"),
    "exercise_findings": ("Funn fra øvelser etter alvorlighetsgrad", "Exercise findings by severity"),
    # annual plan (annual_plan_rules.figures)
    "planned": ("Planlagte aktiviteter", "Activities planned"),
    "done": ("Utført", "Done"),
    "done_on_time": ("Utført innen frist", "Done on time"),
    "done_late": ("Utført etter frist", "Done late"),
    "overdue": ("Forfalt", "Overdue"),
    "upcoming": ("Ikke forfalt ennå", "Not yet due"),
    "cancelled": ("Avlyst", "Cancelled"),
    "by_area": ("Per område", "By area"),
}

# The kinds of record a self-declaration's statement counts (`declaration_rules.record`)
SUBJECT_TYPES = {
    "incident": ("Brudd", "Breach"), "processing": ("Behandlingsaktivitet", "Processing activity"),
    "assessment": ("Risikovurdering", "Risk assessment"), "risk": ("Uakseptabel risiko", "Unacceptable risk"),
    "campaign": ("Opplæringskampanje", "Training campaign"), "exercise": ("Beredskapsøvelse", "Preparedness exercise"),
    "report": ("Rapport", "Report"),
}

# The codes counted under a figure (its keys are data, not figure names), by the figure's key
VALUE_LABELS = {
    # incident kinds and the annual plan's activity kinds: the codes do not overlap
    "by_kind": {**VOCABULARIES["kind"], **annual_plan_rules.KIND_TITLES},
    "by_area": annual_plan_rules.AREA_TITLES,
    "by_category": VOCABULARIES["category"],
    "by_severity": {**VOCABULARIES["severity"], "not_assessed": ("ikke vurdert", "not assessed")},
    "exercise_findings": VOCABULARIES["severity"],
    "decisions": {"accepted": ("akseptert", "accepted"), "treat": ("behandles med tiltak", "to be treated"),
                  "undecided": ("ikke besluttet", "undecided")},
    "dpia_status": {"approved": ("godkjent", "approved"), "required": ("påkrevd, ikke godkjent",
                                                                      "required, not approved"),
                    "outdated": ("utdatert", "outdated"),
                    "not_required_or_not_screened": ("ikke påkrevd eller ikke vurdert",
                                                     "not required or not screened")},
}

MONTHS = {"nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
                 "november", "desember"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December")}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def layout(view: dict, language: str = "nb") -> list:
    """The blocks of one report, in order."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    return _Layout(view, language).blocks()


def filename(view: dict, language: str, extension: str) -> str:
    """`management_review-2026-v2-nb.pdf`; a period that is not one calendar year shows its dates."""
    start, end = str(view.get("period_start")), str(view.get("period_end"))
    period = start[:4] if start[4:] == "-01-01" and end[4:] == "-12-31" and start[:4] == end[:4] \
        else f"{start}_{end}"
    return f"{view.get('kind', 'report')}-{period}-v{view.get('version', 1)}-{language}.{extension}"


def label(key: str, language: str, parent: str | None = None) -> str:
    """A figure's (or a counted code's) name; an unknown one humanised: `new_figure` -> `New figure`."""
    index = LANGUAGES.index(language)
    names = VALUE_LABELS.get(parent, {}).get(key) or FIGURE_LABELS.get(key)
    if names:
        return names[index]
    month = _MONTH.match(str(key))
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{MONTHS[language][int(month.group(2)) - 1]} {month.group(1)}"
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else str(key)


class _Layout:
    def __init__(self, view: dict, language: str):
        self.view = view
        self.language = language
        self.texts = TEXTS[language]
        self.out: list = []

    def blocks(self) -> list:
        view, content = self.view, self.view.get("content") or {}
        self.out.append(Heading(self._pick(view, "title") or label(view.get("kind", "report"), self.language), 0))
        self._facts()
        for section in content.get("sections") or []:
            self._section(section)
        if "statements" in content:
            self._statements(content["statements"])
            self.out.append(Heading(self.texts["weaknesses"], 1))
            self._text(content.get("weaknesses_and_measures"))
            self._signature()
        return self.out

    # --- the report's facts: what, whose, which version, approved or not ---

    def _facts(self) -> None:
        view, texts = self.view, self.texts
        approved = view.get("status") == "approved"
        if not approved:
            self.out.append(Note(texts["draft_mark"]))
        rows = [(texts["agency"], self._value(view.get("agency"))),
                (texts["period"], f"{self._date(view.get('period_start'))} – {self._date(view.get('period_end'))}"),
                (texts["version"], self._value(view.get("version"))),
                (texts["status"], texts.get(view.get("status"), self._value(view.get("status"))))]
        if approved:
            rows += [(texts["approved_by"], self._value(view.get("approved_by"))),
                     (texts["approved_at"], self._moment(view.get("approved_at"))),
                     *([(texts["read_confirmed"], f"{view['read_confirmed_by']}, "
                                                  f"{self._moment(view.get('read_confirmed_at'))}")]
                       if view.get("read_confirmed_by") else []),  # the reading step (not before it existed)
                     (texts["sha256"], self._value(view.get("content_sha256"))),
                     (texts["seal"], texts["seal_holds"] if view.get("seal_valid") else texts["seal_broken"])]
        self.out.append(Table(tuple(rows)))
        if not approved:
            self.out.append(Paragraph(texts["draft_explained"]))
        elif view.get("seal_valid"):
            self.out.append(Paragraph(texts["check"]))
        else:
            self.out.append(Note(texts["seal_broken_note"]))

    # --- sections ---

    def _section(self, section: dict, level: int = 1) -> None:
        title = self._pick(section, "title") or label(section.get("key", ""), self.language)
        key = section.get("key")
        if level == 1 and isinstance(key, str) and len(key) == 1:
            title = f"({key}) {title}"  # the inputs (a)-(g) of ISO/IEC 27001 9.3.2
        self.out.append(Heading(title, level))
        if "previous_decisions" in section:
            self.out.append(Heading(self.texts["previous_decisions"], level + 1))
            self._text(section["previous_decisions"], self.texts["no_previous"])
        self._body(section, level)
        if "text" in section:
            self._text(section["text"])

    def _body(self, part: dict, level: int) -> None:
        if part.get("available") is False:
            self.out.append(Note(str(part.get("note") or self.texts["no_source_note"].format(
                source=part.get("source", "?")))))
        if isinstance(part.get("figures"), dict):
            self._figures(part["figures"], level + 1)
        if isinstance(part.get("table"), dict):
            self._table(part["table"], part.get("labels") or {})
        for sub in part.get("parts") or []:
            self._section(sub, min(level + 1, 3))

    def _figures(self, figures: dict, level: int) -> None:
        """Numbers as rows of one table; each dict of counts as a table of its own under its name."""
        level = min(level, 3)
        plain = [(label(key, self.language), self._value(value)) for key, value in figures.items()
                 if not isinstance(value, dict)]
        if plain:
            self.out.append(Heading(self.texts["key_figures"], level))
            self.out.append(Table(tuple(plain)))
        for key, value in figures.items():
            if isinstance(value, dict):
                self._counts(key, value, level)

    def _counts(self, key: str, counts: dict, level: int, parent_title: str | None = None,
                parent_key: str | None = None) -> None:
        title = label(key, self.language, parent_key)
        title = f"{parent_title}: {title}" if parent_title else title
        self.out.append(Heading(title, level))
        rows = [(label(code, self.language, key), self._value(value)) for code, value in counts.items()
                if not isinstance(value, dict)]
        if rows:
            self.out.append(Table(tuple(rows)))
        elif not counts:
            self.out.append(Paragraph(self.texts["none"], missing=True))
        for code, value in counts.items():
            if isinstance(value, dict):
                self._counts(code, value, level, title, key)

    def _flat(self, figures: dict, parent: str | None = None, title: str | None = None):
        """The figures behind a statement as one table: `Personal data breaches: Notified late | 1`."""
        for key, value in figures.items():
            name = label(key, self.language, parent)
            name = f"{title}: {name}" if title else name
            if isinstance(value, dict):
                if value:
                    yield from self._flat(value, key, name)
                else:
                    yield name, self.texts["none"]
            else:
                yield name, self._value(value)

    def _table(self, table: dict, labels: dict) -> None:
        """`labels` (`{code: {"nb", "en"}}`) turns codes in the cells into words."""
        columns = table.get("columns") or []
        header = tuple(self._pick(column, "title") or label(column.get("key", ""), self.language)
                       for column in columns)

        def cell(value):
            words = labels.get(value) if isinstance(value, str) else None
            return words.get(self.language, value) if isinstance(words, dict) else self._value(value)

        rows = tuple(tuple(cell(row.get(column.get("key"))) for column in columns)
                     for row in table.get("rows") or [])
        if rows:
            self.out.append(Table(rows, header))
        else:
            self.out.append(Paragraph(self.texts["none"], missing=True))

    # --- a self-declaration ---

    def _statements(self, statements: list) -> None:
        texts = self.texts
        self.out.append(Heading(texts["declaration"], 1))
        self.out.append(Table(tuple((self._pick(s, "statement"), self._answer(s.get("answer"))) for s in statements),
                              (texts["statement"], texts["answer"])))
        for statement in statements:
            self.out.append(Heading(self._pick(statement, "statement"), 2))
            self.out.append(Table(((texts["answer"], self._answer(statement.get("answer"))),
                                   (texts["comment"], self._value(statement.get("comment"), texts["missing"])))))
            rule = self._pick(statement, "rule")
            if rule:  # the count behind the answer, as a sentence the agency head can check
                self.out.append(Paragraph(f"{texts['rule']}: {rule}."))
            if statement.get("answer") == "no_source":
                self.out.append(Note(texts["no_source_note"].format(
                    source=label(statement.get("source") or "?", self.language))))
                continue
            if statement.get("records"):  # one line each, so that a long id stays whole on paper
                self.out.append(Heading(texts["records"], 3))
                self.out.extend(Paragraph(self._record(r)) for r in statement["records"])
            if isinstance(statement.get("figures"), dict):
                self.out.append(Heading(f"{texts['basis']}: {label(statement.get('source') or '', self.language)}",
                                        3))
                self.out.append(Table(tuple(self._flat(statement["figures"]))))

    def _record(self, found: dict) -> str:
        """`• Brudd «Elevliste på avveie» (id 3eb1…): avvik – meldt Datatilsynet for sent, etter 80 timer`"""
        texts = self.texts
        kind = SUBJECT_TYPES.get(found.get("subject_type"))
        kind = kind[LANGUAGES.index(self.language)] if kind else self._value(found.get("subject_type"))
        finding = {True: texts["record_ok"], False: texts["record_not_ok"]}.get(found.get("ok"), texts["record_open"])
        detail = self._pick(found, "detail")
        title = f" «{found['title']}»" if found.get("title") else ""
        return f"• {kind}{title} (id {found.get('id')}): {finding}" + (f" – {detail}" if detail else "")

    def _signature(self) -> None:
        texts, view = self.texts, self.view
        line = "_" * 32
        approved = view.get("status") == "approved"
        place = (view.get("inputs") or {}).get("signature_place")
        self.out.append(Heading(texts["signature"], 1))
        rows = [(texts["place"], self._value(place, line)),
                (texts["date"], self._date(view.get("approved_at")) if approved else line),
                (texts["agency_head"], line)]
        if approved:
            rows.append((texts["approved_in_vern"], self._value(view.get("approved_by"))))
        self.out.append(Table(tuple(rows)))

    # --- values ---

    def _text(self, text, missing: str | None = None) -> None:
        if isinstance(text, str) and text.strip():
            for paragraph in re.split(r"\n\s*\n", text.strip()):
                self.out.append(Paragraph(paragraph.strip()))
        else:
            self.out.append(Paragraph(missing or self.texts["missing"], missing=True))

    def _pick(self, item: dict, stem: str) -> str:
        """`title_nb` or `title_en`, falling back to the other language."""
        other = LANGUAGES[1 - LANGUAGES.index(self.language)]
        return item.get(f"{stem}_{self.language}") or item.get(f"{stem}_{other}") or ""

    def _answer(self, answer) -> str:
        return self.texts.get(answer, self._value(answer)) if answer in ("yes", "no", "no_data", "no_source") \
            else self._value(answer)

    def _value(self, value, empty: str | None = None) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return empty or self.texts["empty"]
        if isinstance(value, bool):
            return self.texts["true" if value else "false"]
        if isinstance(value, float):
            return decimal(value, self.language)
        if isinstance(value, (list, tuple)):
            return ", ".join(self._value(item) for item in value) if value else empty or self.texts["empty"]
        if isinstance(value, dict):
            return "; ".join(f"{label(k, self.language)}: {self._value(v)}" for k, v in value.items()) \
                or self.texts["empty"]
        return str(value)

    def _date(self, value) -> str:
        if not value:
            return self.texts["empty"]
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        return day.strftime("%d.%m.%Y") if self.language == "nb" else day.isoformat()

    def _moment(self, value) -> str:
        """A time in Oslo, as a reader expects it."""
        if not value:
            return self.texts["empty"]
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(OSLO)
        return moment.strftime("%d.%m.%Y kl. %H:%M" if self.language == "nb" else "%Y-%m-%d %H:%M")
