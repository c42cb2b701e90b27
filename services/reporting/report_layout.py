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
from services.reporting.texts import CATALOGUE, N_, text
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


# The names of figures and sources (services/reporting/report_figures.py, report_content.py) are
# `figure.<key>` in the catalogue, the kinds of record a statement counts `subject.<type>`, and the codes
# counted under a figure `value.<figure>.<code>`: built keys, so they are marked here for `pybabel extract`.
FIGURES = (N_("figure.incidents"), N_("figure.risk"), N_("figure.privacy_register"), N_("figure.training"),
           N_("figure.reported"), N_("figure.by_month"), N_("figure.by_kind"), N_("figure.by_category"),
           N_("figure.by_severity"), N_("figure.serious"), N_("figure.closed"), N_("figure.breaches"),
           N_("figure.total"), N_("figure.notified"), N_("figure.within_72_hours"), N_("figure.late"),
           N_("figure.late_ids"), N_("figure.not_notified"), N_("figure.not_notifiable"),
           N_("figure.assessments_approved"), N_("figure.risks_assessed"), N_("figure.unacceptable_identified"),
           N_("figure.decisions"), N_("figure.resolved"), N_("figure.unacceptable_now"),
           N_("figure.unacceptable_undecided_now"), N_("figure.measures_overdue"),
           N_("figure.processing_activities"), N_("figure.complete"), N_("figure.incomplete"),
           N_("figure.special_categories"), N_("figure.dpia_status"), N_("figure.without_agreement"),
           N_("figure.processors_without_agreement"), N_("figure.campaigns_completed"),
           N_("figure.campaigns_meeting_target"), N_("figure.enrolled"), N_("figure.completed"),
           N_("figure.completion_rate"), N_("figure.overdue_notices"), N_("figure.exercises_held"),
           N_("figure.exercise_findings"), N_("figure.planned"), N_("figure.done"), N_("figure.done_on_time"),
           N_("figure.done_late"), N_("figure.overdue"), N_("figure.upcoming"), N_("figure.cancelled"),
           N_("figure.by_area"))
SUBJECT_TYPES = (N_("subject.incident"), N_("subject.processing"), N_("subject.assessment"), N_("subject.risk"),
                 N_("subject.campaign"), N_("subject.exercise"), N_("subject.report"))
OWN_VALUES = (N_("value.by_severity.not_assessed"), N_("value.decisions.accepted"), N_("value.decisions.treat"),
              N_("value.decisions.undecided"), N_("value.dpia_status.approved"), N_("value.dpia_status.required"),
              N_("value.dpia_status.outdated"), N_("value.dpia_status.not_required_or_not_screened"))
MONTHS = (N_("month.01"), N_("month.02"), N_("month.03"), N_("month.04"), N_("month.05"), N_("month.06"),
          N_("month.07"), N_("month.08"), N_("month.09"), N_("month.10"), N_("month.11"), N_("month.12"))

# The codes counted under a figure whose words are another module's vocabulary (its keys are data, not
# figure names), by the figure's key; the catalogue's `value.<figure>.<code>` come first
VALUE_LABELS = {
    # incident kinds and the annual plan's activity kinds: the codes do not overlap
    "by_kind": {**VOCABULARIES["kind"], **annual_plan_rules.KIND_TITLES},
    "by_area": annual_plan_rules.AREA_TITLES,
    "by_category": VOCABULARIES["category"],
    "by_severity": VOCABULARIES["severity"],
    "exercise_findings": VOCABULARIES["severity"],
}

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
    if f"value.{parent}.{key}" in CATALOGUE:
        return text(f"value.{parent}.{key}", language)
    names = VALUE_LABELS.get(parent, {}).get(key)
    if names:
        return names[LANGUAGES.index(language)]
    if f"figure.{key}" in CATALOGUE:
        return text(f"figure.{key}", language)
    month = _MONTH.match(str(key))
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{text(f'month.{month.group(2)}', language)} {month.group(1)}"
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else str(key)


def subject_type(code, language: str) -> str:
    """The kind of record a statement counted (`incident` -> `Brudd`); an unknown one as given."""
    key = f"subject.{code}"
    return text(key, language) if key in CATALOGUE else str(code)


class _Layout:
    def __init__(self, view: dict, language: str):
        self.view = view
        self.language = language
        self.out: list = []

    def t(self, key: str, **values) -> str:
        return text(key, self.language, **values)

    def _status(self, status) -> str:
        return {"draft": self.t("report.draft"), "approved": self.t("report.approved")}.get(status) \
            or self._value(status)

    def blocks(self) -> list:
        view, content = self.view, self.view.get("content") or {}
        self.out.append(Heading(self._pick(view, "title") or label(view.get("kind", "report"), self.language), 0))
        self._facts()
        for section in content.get("sections") or []:
            self._section(section)
        if "statements" in content:
            self._statements(content["statements"])
            self.out.append(Heading(self.t("report.weaknesses"), 1))
            self._text(content.get("weaknesses_and_measures"))
            self._signature()
        return self.out

    # --- the report's facts: what, whose, which version, approved or not ---

    def _facts(self) -> None:
        view = self.view
        approved = view.get("status") == "approved"
        if not approved:
            self.out.append(Note(self.t("report.draft_mark")))
        rows = [(self.t("report.agency"), self._value(view.get("agency"))),
                (self.t("report.period"),
                 f"{self._date(view.get('period_start'))} – {self._date(view.get('period_end'))}"),
                (self.t("report.version"), self._value(view.get("version"))),
                (self.t("report.status"), self._status(view.get("status")))]
        if approved:
            rows += [(self.t("report.approved_by"), self._value(view.get("approved_by"))),
                     (self.t("report.approved_at"), self._moment(view.get("approved_at"))),
                     *([(self.t("report.read_confirmed"), f"{view['read_confirmed_by']}, "
                                                  f"{self._moment(view.get('read_confirmed_at'))}")]
                       if view.get("read_confirmed_by") else []),  # the reading step (not before it existed)
                     (self.t("report.sha256"), self._value(view.get("content_sha256"))),
                     (self.t("report.seal"), self.t("report.seal_holds") if view.get("seal_valid")
                      else self.t("report.seal_broken"))]
        self.out.append(Table(tuple(rows)))
        if not approved:
            self.out.append(Paragraph(self.t("report.draft_explained")))
        elif view.get("seal_valid"):
            self.out.append(Paragraph(self.t("report.check")))
        else:
            self.out.append(Note(self.t("report.seal_broken_note")))

    # --- sections ---

    def _section(self, section: dict, level: int = 1) -> None:
        title = self._pick(section, "title") or label(section.get("key", ""), self.language)
        key = section.get("key")
        if level == 1 and isinstance(key, str) and len(key) == 1:
            title = f"({key}) {title}"  # the inputs (a)-(g) of ISO/IEC 27001 9.3.2
        self.out.append(Heading(title, level))
        if "previous_decisions" in section:
            self.out.append(Heading(self.t("report.previous_decisions"), level + 1))
            self._text(section["previous_decisions"], self.t("report.no_previous"))
        self._body(section, level)
        if "text" in section:
            self._text(section["text"])

    def _body(self, part: dict, level: int) -> None:
        if part.get("available") is False:
            self.out.append(Note(str(part.get("note") or self.t("report.no_source_note",
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
            self.out.append(Heading(self.t("report.key_figures"), level))
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
            self.out.append(Paragraph(self.t("report.none"), missing=True))
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
                    yield name, self.t("report.none")
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
            self.out.append(Paragraph(self.t("report.none"), missing=True))

    # --- a self-declaration ---

    def _statements(self, statements: list) -> None:
        self.out.append(Heading(self.t("report.declaration"), 1))
        self.out.append(Table(tuple((self._pick(s, "statement"), self._answer(s.get("answer"))) for s in statements),
                              (self.t("report.statement"), self.t("report.answer"))))
        for statement in statements:
            self.out.append(Heading(self._pick(statement, "statement"), 2))
            self.out.append(Table(((self.t("report.answer"), self._answer(statement.get("answer"))),
                                   (self.t("report.comment"),
                                    self._value(statement.get("comment"), self.t("report.missing"))))))
            rule = self._pick(statement, "rule")
            if rule:  # the count behind the answer, as a sentence the agency head can check
                self.out.append(Paragraph(self.t("report.rule") + f": {rule}."))
            if statement.get("answer") == "no_source":
                self.out.append(Note(self.t("report.no_source_note",
                                            source=label(statement.get("source") or "?", self.language))))
                continue
            if statement.get("records"):  # one line each, so that a long id stays whole on paper
                self.out.append(Heading(self.t("report.records"), 3))
                self.out.extend(Paragraph(self._record(r)) for r in statement["records"])
            if isinstance(statement.get("figures"), dict):
                source = label(statement.get("source") or "", self.language)
                self.out.append(Heading(self.t("report.basis") + f": {source}", 3))
                self.out.append(Table(tuple(self._flat(statement["figures"]))))

    def _record(self, found: dict) -> str:
        """`• Brudd «Elevliste på avveie» (id 3eb1…): avvik – meldt Datatilsynet for sent, etter 80 timer`"""
        kind = subject_type(found.get("subject_type"), self.language) if found.get("subject_type") \
            else self._value(None)
        finding = {True: self.t("report.record_ok"), False: self.t("report.record_not_ok")}.get(
            found.get("ok"), self.t("report.record_open"))
        detail = self._pick(found, "detail")
        title = f" «{found['title']}»" if found.get("title") else ""
        return f"• {kind}{title} (id {found.get('id')}): {finding}" + (f" – {detail}" if detail else "")

    def _signature(self) -> None:
        view = self.view
        line = "_" * 32
        approved = view.get("status") == "approved"
        place = (view.get("inputs") or {}).get("signature_place")
        self.out.append(Heading(self.t("report.signature"), 1))
        rows = [(self.t("report.place"), self._value(place, line)),
                (self.t("report.date"), self._date(view.get("approved_at")) if approved else line),
                (self.t("report.agency_head"), line)]
        if approved:
            rows.append((self.t("report.approved_in_vern"), self._value(view.get("approved_by"))))
        self.out.append(Table(tuple(rows)))

    # --- values ---

    def _text(self, text, missing: str | None = None) -> None:
        if isinstance(text, str) and text.strip():
            for paragraph in re.split(r"\n\s*\n", text.strip()):
                self.out.append(Paragraph(paragraph.strip()))
        else:
            self.out.append(Paragraph(missing or self.t("report.missing"), missing=True))

    def _pick(self, item: dict, stem: str) -> str:
        """`title_nb` or `title_en`, falling back to the other language."""
        other = LANGUAGES[1 - LANGUAGES.index(self.language)]
        return item.get(f"{stem}_{self.language}") or item.get(f"{stem}_{other}") or ""

    def _answer(self, answer) -> str:
        return {"yes": self.t("report.yes"), "no": self.t("report.no"), "no_data": self.t("report.no_data"),
                "no_source": self.t("report.no_source")}.get(answer) or self._value(answer)

    def _value(self, value, empty: str | None = None) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return empty or self.t("report.empty")
        if isinstance(value, bool):
            return self.t("report.true") if value else self.t("report.false")
        if isinstance(value, float):
            return decimal(value, self.language)
        if isinstance(value, (list, tuple)):
            return ", ".join(self._value(item) for item in value) if value else empty or self.t("report.empty")
        if isinstance(value, dict):
            return "; ".join(f"{label(k, self.language)}: {self._value(v)}" for k, v in value.items()) \
                or self.t("report.empty")
        return str(value)

    def _date(self, value) -> str:
        if not value:
            return self.t("report.empty")
        try:
            day = date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        return day.strftime("%d.%m.%Y") if self.language == "nb" else day.isoformat()

    def _moment(self, value) -> str:
        """A time in Oslo, as a reader expects it."""
        if not value:
            return self.t("report.empty")
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(OSLO)
        return moment.strftime("%d.%m.%Y kl. %H:%M" if self.language == "nb" else "%Y-%m-%d %H:%M")
