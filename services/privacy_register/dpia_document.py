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

LANGUAGES = ("nb", "en")
# Times are stored in UTC; the reader is in Oslo.
LOCAL_TIME = ZoneInfo("Europe/Oslo")

TEXTS = {
    "nb": {
        "document_title": "Vurdering av personvernkonsekvenser (DPIA)",
        "missing": "ikke utfylt",
        "outdated": "UTDATERT / OUTDATED – behandlingen er endret etter at vurderingen ble godkjent; "
                    "vurderingen må gjennomgås på nytt (art. 35(11)).",
        "facts": "Fakta",
        "processing": "Behandling",
        "purposes": "Formål",
        "controller": "Behandlingsansvarlig",
        "status": "Status",
        "author": "Utarbeidet av",
        "reviewer": "Gjennomgått av",
        "approver": "Godkjent av",
        "created_at": "Opprettet",
        "submitted_at": "Sendt til gjennomgang",
        "approved_at": "Godkjent",
        "section_a": "Systematisk beskrivelse av behandlingen og formålene (art. 35(7)(a))",
        "legal_bases": "Behandlingsgrunnlag",
        "legal_basis_line": ("{purpose}: art. 6 {article6}; art. 9 {article9}; art. 10 {article10}; "
                             "henvisning {reference}"),
        "section_b": "Vurdering av nødvendighet og forholdsmessighet (art. 35(7)(b))",
        "section_c": "Vurdering av risikoen for de registrertes rettigheter og friheter (art. 35(7)(c))",
        "risk_scale": "Sannsynlighet og konsekvens på skala 1–4; risiko = sannsynlighet × konsekvens → nivå.",
        "risk": "Risiko",
        "inherent": "Sannsynlighet × konsekvens → nivå",
        "measures": "Tiltak",
        "residual": "Restrisiko",
        "no_risks": "Ingen risikoer er registrert.",
        "section_d": "Tiltak for å håndtere risikoene (art. 35(7)(d))",
        "section_residual": "Restrisiko og forhåndsdrøftelse med Datatilsynet (art. 36)",
        "overall_residual": "Samlet restrisiko: {level}.",
        "consultation_required": "Restrisikoen er høy: forhåndsdrøftelse med Datatilsynet er påkrevd "
                                 "før behandlingen starter (art. 36(1)).",
        "consultation_not_required": "Restrisikoen er ikke høy; forhåndsdrøftelse etter art. 36(1) er ikke påkrevd.",
        "consultation_required_other": "Forhåndsdrøftelse med Datatilsynet er registrert som påkrevd (art. 36).",
        "consultation": "Forhåndsdrøftelse",
        "submitted_on": "Mottatt av Datatilsynet",
        "answered_on": "Svar fra Datatilsynet",
        "outcome": "Utfall",
        "reference": "Saksnummer",
        "section_dpo": "Råd fra personvernombudet (art. 35(2))",
        "advice": "Råd",
        "given_by": "Gitt av",
        "given_at": "Gitt",
        "followed": "Rådet er fulgt",
        "reason_not_followed": "Begrunnelse for ikke å følge rådet",
        "no_dpo_advice": "Personvernombudets råd er ikke registrert.",
        "section_views": "De registrertes synspunkter (art. 35(9))",
        "section_history": "Historikk",
        "at": "Tidspunkt",
        "by": "Av",
        "from_status": "Fra",
        "to_status": "Til",
        "note": "Merknad",
        "no_history": "Ingen historikk er registrert.",
        "yes": "ja",
        "no": "nei",
    },
    "en": {
        "document_title": "Data protection impact assessment (DPIA)",
        "missing": "not filled in",
        "outdated": "UTDATERT / OUTDATED – the processing has changed since the assessment was approved; "
                    "the assessment must be reviewed (art. 35(11)).",
        "facts": "Facts",
        "processing": "Processing",
        "purposes": "Purposes",
        "controller": "Controller",
        "status": "Status",
        "author": "Author",
        "reviewer": "Reviewer",
        "approver": "Approver",
        "created_at": "Created",
        "submitted_at": "Submitted for review",
        "approved_at": "Approved",
        "section_a": "Systematic description of the processing and its purposes (art. 35(7)(a))",
        "legal_bases": "Legal bases",
        "legal_basis_line": ("{purpose}: art. 6 {article6}; art. 9 {article9}; art. 10 {article10}; "
                             "reference {reference}"),
        "section_b": "Assessment of necessity and proportionality (art. 35(7)(b))",
        "section_c": "Assessment of the risks to the rights and freedoms of data subjects (art. 35(7)(c))",
        "risk_scale": "Likelihood and severity on a scale of 1–4; risk = likelihood × severity → level.",
        "risk": "Risk",
        "inherent": "Likelihood × severity → level",
        "measures": "Measures",
        "residual": "Residual risk",
        "no_risks": "No risks are recorded.",
        "section_d": "Measures envisaged to address the risks (art. 35(7)(d))",
        "section_residual": "Residual risk and prior consultation with Datatilsynet (art. 36)",
        "overall_residual": "Overall residual risk: {level}.",
        "consultation_required": "The residual risk is high: prior consultation with Datatilsynet is required "
                                 "before the processing starts (art. 36(1)).",
        "consultation_not_required": ("The residual risk is not high; prior consultation under art. 36(1) "
                                      "is not required."),
        "consultation_required_other": "Prior consultation with Datatilsynet is recorded as required (art. 36).",
        "consultation": "Prior consultation",
        "submitted_on": "Received by Datatilsynet",
        "answered_on": "Answered by Datatilsynet",
        "outcome": "Outcome",
        "reference": "Case number",
        "section_dpo": "Advice of the data protection officer (art. 35(2))",
        "advice": "Advice",
        "given_by": "Given by",
        "given_at": "Given",
        "followed": "Advice followed",
        "reason_not_followed": "Reason for not following the advice",
        "no_dpo_advice": "The DPO's advice is not recorded.",
        "section_views": "Views of the data subjects (art. 35(9))",
        "section_history": "History",
        "at": "Time",
        "by": "By",
        "from_status": "From",
        "to_status": "To",
        "note": "Note",
        "no_history": "No history is recorded.",
        "yes": "yes",
        "no": "no",
    },
}

STATUS_LABELS = {
    "nb": {"draft": "utkast", "in_review": "til gjennomgang", "approved": "godkjent", "rejected": "avvist"},
    "en": {"draft": "draft", "in_review": "in review", "approved": "approved", "rejected": "rejected"},
}
LEVEL_LABELS = {
    "nb": {"low": "lav", "medium": "middels", "high": "høy"},
    "en": {"low": "low", "medium": "medium", "high": "high"},
}
# Datatilsynet's possible answers (shared.contracts.privacy_register.CONSULTATION_OUTCOMES).
OUTCOME_LABELS = {
    "nb": {"no_objection": "ingen innvendinger", "advice_given": "skriftlige råd gitt",
           "processing_prohibited": "behandlingen er forbudt", "withdrawn": "trukket"},
    "en": {"no_objection": "no objection", "advice_given": "written advice given",
           "processing_prohibited": "processing prohibited", "withdrawn": "withdrawn"},
}


def render_docx(dpia: dict, language: str = "nb") -> bytes:
    """The DPIA as DOCX bytes. Every key of the DPIA dict is present; values may be None or empty."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    writer = _Writer(language)
    writer.title(dpia)
    writer.facts(dpia)
    writer.description(dpia)
    writer.text_section("section_b", dpia.get("necessity_proportionality"))
    writer.risks(dpia.get("risks") or [])
    writer.text_section("section_d", dpia.get("measures"))
    writer.residual_risk(dpia.get("residual_risk"), dpia.get("prior_consultation"))
    writer.dpo_advice(dpia.get("dpo_advice"))
    writer.text_section("section_views", dpia.get("data_subject_views"))
    writer.history(dpia.get("history") or [])
    return writer.to_bytes()


class _Writer:
    """Adds the DPIA's parts to one document in the chosen language."""

    def __init__(self, language: str):
        self.language = language
        self.texts = TEXTS[language]
        self.document = Document()
        self.document.core_properties.language = language

    # --- sections -----------------------------------------------------------

    def title(self, dpia: dict) -> None:
        self.document.add_heading(self.texts["document_title"], level=0)
        self.document.core_properties.title = self.texts["document_title"]
        if _filled(dpia.get("title")):
            self.document.add_heading(str(dpia["title"]), level=1)
        if dpia.get("outdated"):
            # First thing a reader sees: an outdated DPIA must not be relied upon.
            self._bold_paragraph(self.texts["outdated"])

    def facts(self, dpia: dict) -> None:
        processing = dpia.get("processing") or {}
        status = self._label(STATUS_LABELS, dpia.get("status"))
        if dpia.get("outdated"):
            status = f"{status} – UTDATERT / OUTDATED"
        rows = [
            ("processing", self._value(processing.get("name"))),
            ("purposes", self._joined(processing.get("purposes"))),
            ("controller", self._value(processing.get("controller"))),
            ("status", status),
            ("author", self._value(dpia.get("author"))),
            ("reviewer", self._value(dpia.get("reviewer"))),
            ("approver", self._value(dpia.get("approver"))),
            ("created_at", self._when(dpia.get("created_at"))),
            ("submitted_at", self._when(dpia.get("submitted_at"))),
            ("approved_at", self._when(dpia.get("approved_at"))),
        ]
        self.document.add_heading(self.texts["facts"], level=1)
        self._key_value_table([(self.texts[key], value) for key, value in rows])

    def description(self, dpia: dict) -> None:
        self.text_section("section_a", dpia.get("description"))
        processing = dpia.get("processing") or {}
        legal_bases = processing.get("legal_bases") or []
        if legal_bases:
            self.document.add_heading(self.texts["legal_bases"], level=2)
            for basis in legal_bases:
                self.document.add_paragraph(self._legal_basis_line(basis), style="List Bullet")

    def text_section(self, heading_key: str, text) -> None:
        self.document.add_heading(self.texts[heading_key], level=1)
        self.document.add_paragraph(self._value(text))

    def risks(self, risks: list[dict]) -> None:
        self.document.add_heading(self.texts["section_c"], level=1)
        if not risks:
            self.document.add_paragraph(self.texts["no_risks"])
            return
        self.document.add_paragraph(self.texts["risk_scale"])
        header = [self.texts[key] for key in ("risk", "inherent", "measures", "residual")]
        rows = [self._risk_row(risk) for risk in risks]
        self._table(header, rows)

    def residual_risk(self, level, consultation) -> None:
        self.document.add_heading(self.texts["section_residual"], level=1)
        self.document.add_paragraph(
            self.texts["overall_residual"].format(level=self._label(LEVEL_LABELS, level)))
        consultation = consultation or {}
        if level == "high":
            self._bold_paragraph(self.texts["consultation_required"])
        elif consultation.get("required"):
            # Art. 36(5): national law may require consultation whatever the residual risk.
            self._bold_paragraph(self.texts["consultation_required_other"])
        elif level is not None:
            self.document.add_paragraph(self.texts["consultation_not_required"])
        if level == "high" or consultation.get("required"):
            self._consultation(consultation)

    def dpo_advice(self, advice) -> None:
        self.document.add_heading(self.texts["section_dpo"], level=1)
        if not advice:
            self.document.add_paragraph(self.texts["no_dpo_advice"])
            return
        rows = [
            (self.texts["advice"], self._value(advice.get("advice"))),
            (self.texts["given_by"], self._value(advice.get("given_by"))),
            (self.texts["given_at"], self._when(advice.get("given_at"))),
            (self.texts["followed"], self._yes_no(advice.get("followed"))),
        ]
        if advice.get("followed") is False:
            # The controller must document why it departs from the DPO's advice.
            rows.append((self.texts["reason_not_followed"], self._value(advice.get("reason_not_followed"))))
        self._key_value_table(rows)

    def history(self, entries: list[dict]) -> None:
        self.document.add_heading(self.texts["section_history"], level=1)
        if not entries:
            self.document.add_paragraph(self.texts["no_history"])
            return
        header = [self.texts[key] for key in ("at", "by", "from_status", "to_status", "note")]
        rows = [[
            self._when(entry.get("at")),
            self._value(entry.get("by")),
            self._label(STATUS_LABELS, entry.get("from_status")),
            self._label(STATUS_LABELS, entry.get("to_status")),
            self._value(entry.get("note")),
        ] for entry in entries]
        self._table(header, rows)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # --- parts --------------------------------------------------------------

    def _consultation(self, consultation: dict) -> None:
        self.document.add_heading(self.texts["consultation"], level=2)
        self._key_value_table([
            (self.texts["submitted_on"], self._when(consultation.get("submitted_on"))),
            (self.texts["answered_on"], self._when(consultation.get("answered_on"))),
            (self.texts["outcome"], self._label(OUTCOME_LABELS, consultation.get("outcome"))),
            (self.texts["reference"], self._value(consultation.get("reference"))),
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
        return f"{self._value(likelihood)} × {self._value(severity)} → {self._label(LEVEL_LABELS, level)}"

    def _legal_basis_line(self, basis: dict) -> str:
        return self.texts["legal_basis_line"].format(
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
        return str(value).strip() if _filled(value) else self.texts["missing"]

    def _joined(self, values) -> str:
        filled = [str(value).strip() for value in values or [] if _filled(value)]
        return "; ".join(filled) if filled else self.texts["missing"]

    def _label(self, labels: dict, value) -> str:
        if not _filled(value):
            return self.texts["missing"]
        return labels[self.language].get(value, str(value))

    def _yes_no(self, value) -> str:
        if value is None:
            return self.texts["missing"]
        return self.texts["yes"] if value else self.texts["no"]

    def _when(self, value) -> str:
        """An ISO date or time as a reader expects it; the raw text if it is not ISO."""
        if not _filled(value):
            return self.texts["missing"]
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
