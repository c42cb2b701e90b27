"""One DPIA as a readable Word document (DOCX), in bokmål or English.

Pure: takes the DPIA as a plain dict (shape in `render_docx`) and returns bytes.
The sections follow art. 35(7)(a)–(d), then the residual risk and art. 36, the
DPO's advice (art. 35(2)) and the data subjects' views (art. 35(9)), so a reader
(DPO, Datatilsynet) finds each required element where the law lists it.
"""
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from docx import Document
from docx.shared import Pt

from services.privacy_register.texts import CATALOGUE, N_, text

LANGUAGES = ("nb", "en")
# Times are stored in UTC; the reader is in Oslo.
LOCAL_TIME = ZoneInfo("Europe/Oslo")

# The DPIA's vocabularies are `dpia.status.<code>`, `dpia.level.<code>` and `dpia.outcome.<code>` in the
# catalogue (Datatilsynet's possible answers: shared.contracts.privacy_register.CONSULTATION_OUTCOMES).
VOCABULARIES = (N_("dpia.status.draft"), N_("dpia.status.in_review"), N_("dpia.status.approved"),
                N_("dpia.status.rejected"), N_("dpia.level.low"), N_("dpia.level.medium"), N_("dpia.level.high"),
                N_("dpia.outcome.no_objection"), N_("dpia.outcome.advice_given"),
                N_("dpia.outcome.processing_prohibited"), N_("dpia.outcome.withdrawn"))


def render_docx(dpia: dict, language: str = "nb") -> bytes:
    """The DPIA as DOCX bytes. Every key of the DPIA dict is present; values may be None or empty."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    writer = _Writer(language)
    writer.title(dpia)
    writer.facts(dpia)
    writer.description(dpia)
    writer.text_section(writer.t("dpia.section_b"), dpia.get("necessity_proportionality"))
    writer.risks(dpia.get("risks") or [])
    writer.text_section(writer.t("dpia.section_d"), dpia.get("measures"))
    writer.residual_risk(dpia.get("residual_risk"), dpia.get("prior_consultation"))
    writer.dpo_advice(dpia.get("dpo_advice"))
    writer.text_section(writer.t("dpia.section_views"), dpia.get("data_subject_views"))
    writer.history(dpia.get("history") or [])
    return writer.to_bytes()


class _Writer:
    """Adds the DPIA's parts to one document in the chosen language."""

    def __init__(self, language: str):
        self.language = language
        self.document = Document()
        self.document.core_properties.language = language

    def t(self, key: str, **values) -> str:
        return text(key, self.language, **values)

    # --- sections -----------------------------------------------------------

    def title(self, dpia: dict) -> None:
        self.document.add_heading(self.t("dpia.document_title"), level=0)
        self.document.core_properties.title = self.t("dpia.document_title")
        if _filled(dpia.get("title")):
            self.document.add_heading(str(dpia["title"]), level=1)
        if dpia.get("outdated"):
            # First thing a reader sees: an outdated DPIA must not be relied upon.
            self._bold_paragraph(self.t("dpia.outdated"))

    def facts(self, dpia: dict) -> None:
        processing = dpia.get("processing") or {}
        status = self._label("status", dpia.get("status"))
        if dpia.get("outdated"):
            status = f"{status} – UTDATERT / OUTDATED"
        rows = [
            (self.t("dpia.processing"), self._value(processing.get("name"))),
            (self.t("dpia.purposes"), self._joined(processing.get("purposes"))),
            (self.t("dpia.controller"), self._value(processing.get("controller"))),
            (self.t("dpia.status"), status),
            (self.t("dpia.author"), self._value(dpia.get("author"))),
            (self.t("dpia.reviewer"), self._value(dpia.get("reviewer"))),
            (self.t("dpia.approver"), self._value(dpia.get("approver"))),
            (self.t("dpia.created_at"), self._when(dpia.get("created_at"))),
            (self.t("dpia.submitted_at"), self._when(dpia.get("submitted_at"))),
            (self.t("dpia.approved_at"), self._when(dpia.get("approved_at"))),
        ]
        self.document.add_heading(self.t("dpia.facts"), level=1)
        self._key_value_table(rows)

    def description(self, dpia: dict) -> None:
        self.text_section(self.t("dpia.section_a"), dpia.get("description"))
        processing = dpia.get("processing") or {}
        legal_bases = processing.get("legal_bases") or []
        if legal_bases:
            self.document.add_heading(self.t("dpia.legal_bases"), level=2)
            for basis in legal_bases:
                self.document.add_paragraph(self._legal_basis_line(basis), style="List Bullet")

    def text_section(self, heading: str, written) -> None:
        self.document.add_heading(heading, level=1)
        self.document.add_paragraph(self._value(written))

    def risks(self, risks: list[dict]) -> None:
        self.document.add_heading(self.t("dpia.section_c"), level=1)
        if not risks:
            self.document.add_paragraph(self.t("dpia.no_risks"))
            return
        self.document.add_paragraph(self.t("dpia.risk_scale"))
        header = [self.t("dpia.risk"), self.t("dpia.inherent"), self.t("dpia.measures"), self.t("dpia.residual")]
        rows = [self._risk_row(risk) for risk in risks]
        self._table(header, rows)

    def residual_risk(self, level, consultation) -> None:
        self.document.add_heading(self.t("dpia.section_residual"), level=1)
        self.document.add_paragraph(
            self.t("dpia.overall_residual", level=self._label("level", level)))
        consultation = consultation or {}
        if level == "high":
            self._bold_paragraph(self.t("dpia.consultation_required"))
        elif consultation.get("required"):
            # Art. 36(5): national law may require consultation whatever the residual risk.
            self._bold_paragraph(self.t("dpia.consultation_required_other"))
        elif level is not None:
            self.document.add_paragraph(self.t("dpia.consultation_not_required"))
        if level == "high" or consultation.get("required"):
            self._consultation(consultation)

    def dpo_advice(self, advice) -> None:
        self.document.add_heading(self.t("dpia.section_dpo"), level=1)
        if not advice:
            self.document.add_paragraph(self.t("dpia.no_dpo_advice"))
            return
        rows = [
            (self.t("dpia.advice"), self._value(advice.get("advice"))),
            (self.t("dpia.given_by"), self._value(advice.get("given_by"))),
            (self.t("dpia.given_at"), self._when(advice.get("given_at"))),
            (self.t("dpia.followed"), self._yes_no(advice.get("followed"))),
        ]
        if advice.get("followed") is False:
            # The controller must document why it departs from the DPO's advice.
            rows.append((self.t("dpia.reason_not_followed"), self._value(advice.get("reason_not_followed"))))
        self._key_value_table(rows)

    def history(self, entries: list[dict]) -> None:
        self.document.add_heading(self.t("dpia.section_history"), level=1)
        if not entries:
            self.document.add_paragraph(self.t("dpia.no_history"))
            return
        header = [self.t("dpia.at"), self.t("dpia.by"), self.t("dpia.from_status"), self.t("dpia.to_status"),
                  self.t("dpia.note")]
        rows = [[
            self._when(entry.get("at")),
            self._value(entry.get("by")),
            self._label("status", entry.get("from_status")),
            self._label("status", entry.get("to_status")),
            self._value(entry.get("note")),
        ] for entry in entries]
        self._table(header, rows)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # --- parts --------------------------------------------------------------

    def _consultation(self, consultation: dict) -> None:
        self.document.add_heading(self.t("dpia.consultation"), level=2)
        self._key_value_table([
            (self.t("dpia.submitted_on"), self._when(consultation.get("submitted_on"))),
            (self.t("dpia.answered_on"), self._when(consultation.get("answered_on"))),
            (self.t("dpia.outcome"), self._label("outcome", consultation.get("outcome"))),
            (self.t("dpia.reference"), self._value(consultation.get("reference"))),
        ])

    def _risk_row(self, risk: dict) -> list[str]:
        title = self._value(risk.get("title"))
        if _filled(risk.get("description")):
            title = f"{title}\n{risk['description']}"
        inherent = self._score(risk.get("likelihood"), risk.get("severity"), risk.get("level"))
        residual = self._score(risk.get("residual_likelihood"), risk.get("residual_severity"),
                               risk.get("residual_level"))
        return [title, inherent, self._value(risk.get("measures")), residual]

    def _score(self, likelihood, severity, level) -> str:
        return f"{self._value(likelihood)} × {self._value(severity)} → {self._label('level', level)}"

    def _legal_basis_line(self, basis: dict) -> str:
        return self.t("dpia.legal_basis_line",
                      **{key: self._value(basis.get(key))
               for key in ("purpose", "article6", "article9", "article10", "reference")})

    def _key_value_table(self, rows: list[tuple[str, str]]) -> None:
        table = self.document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].text = value

    def _table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, header):
            cell.paragraphs[0].add_run(label).bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                cell.text = value

    def _bold_paragraph(self, text: str) -> None:
        run = self.document.add_paragraph().add_run(text)
        run.bold = True
        run.font.size = Pt(12)

    # --- values -------------------------------------------------------------

    def _value(self, value) -> str:
        return str(value).strip() if _filled(value) else self.t("dpia.missing")

    def _joined(self, values) -> str:
        filled = [str(value).strip() for value in values or [] if _filled(value)]
        return "; ".join(filled) if filled else self.t("dpia.missing")

    def _label(self, vocabulary: str, value) -> str:
        if not _filled(value):
            return self.t("dpia.missing")
        key = f"dpia.{vocabulary}.{value}"
        return self.t(key) if key in CATALOGUE else str(value)

    def _yes_no(self, value) -> str:
        if value is None:
            return self.t("dpia.missing")
        return self.t("dpia.yes") if value else self.t("dpia.no")

    def _when(self, value) -> str:
        """An ISO date or time as a reader expects it; the raw text if it is not ISO."""
        if not _filled(value):
            return self.t("dpia.missing")
        return _format_iso(str(value))


def _format_iso(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:          # a date without a time
        return date.fromisoformat(value).isoformat()
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TIME)
    return moment.strftime("%Y-%m-%d %H:%M")


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True
