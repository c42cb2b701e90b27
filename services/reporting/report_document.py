"""A report for leadership as a document to print, sign and archive: DOCX (python-docx) or PDF
(reportlab), in bokmål or English. Both writers only draw the blocks of `report_layout.layout`;
what the document says is decided there.

Pure: takes the report's view (as `GET /reports/{id}` returns it) and returns bytes. The gateway
fetches the view by RPC and renders the file itself, as it does for a DPIA.
"""
import io
import os
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable
from reportlab.platypus import TableStyle

from services.reporting.report_layout import LANGUAGES, Heading, Note, Paragraph, Table, filename, layout

MEDIA_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FORMATS = tuple(MEDIA_TYPES)
MARK_COLOUR = (0xB0, 0x00, 0x20)


def render(view: dict, file_format: str, language: str) -> bytes:
    if file_format not in FORMATS:
        raise ValueError(f"unsupported format {file_format!r}; use one of {FORMATS}")
    return (render_pdf if file_format == "pdf" else render_docx)(view, language)


def document_name(view: dict, file_format: str, language: str) -> str:
    return filename(view, language, file_format)


def running_text(view: dict, language: str) -> str:
    """The line on every page: which report, whose, which version, and a draft's marking."""
    title = view.get(f"title_{language}") or view.get("kind", "")
    version = ("versjon" if language == "nb" else "version") + f" {view.get('version', '')}"
    parts = [title, str(view.get("agency", "")), f"{view.get('period_start')} – {view.get('period_end')}", version]
    if view.get("status") != "approved":
        parts.append("UTKAST – ikke godkjent" if language == "nb" else "DRAFT – not approved")
    return " · ".join(parts)


# --- DOCX ---------------------------------------------------------------------------------------

def render_docx(view: dict, language: str = "nb") -> bytes:
    blocks = layout(view, language)
    document = Document()
    document.core_properties.language = language
    document.core_properties.title = blocks[0].text
    header = document.sections[0].header.paragraphs[0]
    header.add_run(running_text(view, language)).font.size = Pt(8)
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Note):
            run = document.add_paragraph().add_run(block.text)
            run.bold = True
            run.font.size = Pt(12)
            run.font.color.rgb = RGBColor(*MARK_COLOUR)
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif isinstance(block, Paragraph):
            document.add_paragraph().add_run(block.text).italic = block.missing
        elif isinstance(block, Table):
            _docx_table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, block: Table) -> None:
    columns = len(block.header or block.rows[0])
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if block.header:
        for cell, title in zip(table.add_row().cells, block.header):
            cell.paragraphs[0].add_run(title).bold = True
    for row in block.rows:
        for index, (cell, value) in enumerate(zip(table.add_row().cells, row)):
            run = cell.paragraphs[0].add_run(value)
            run.bold = block.header is None and index == 0  # a label column
    document.add_paragraph()


# --- PDF ----------------------------------------------------------------------------------------

# DejaVu Sans (Debian: fonts-dejavu-core) covers Sámi and every Latin letter a municipality writes; without
# it, the standard Helvetica (WinAnsi) still covers æ, ø and å.
DEJAVU = "/usr/share/fonts/truetype/dejavu"
_fonts: dict = {}


def _pdf_fonts() -> dict:
    if not _fonts:
        files = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf"}
        if all(os.path.exists(os.path.join(DEJAVU, name)) for name in files.values()):
            for style, name in files.items():
                pdfmetrics.registerFont(TTFont(f"Vern-{style}", os.path.join(DEJAVU, name)))
            _fonts.update({style: f"Vern-{style}" for style in files})
        else:
            _fonts.update(regular="Helvetica", bold="Helvetica-Bold", italic="Helvetica-Oblique")
    return _fonts


def _styles() -> dict:
    fonts = _pdf_fonts()
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=10, leading=13, spaceAfter=4)
    return {
        0: ParagraphStyle("title", parent=body, fontName=fonts["bold"], fontSize=18, leading=22, spaceAfter=10),
        1: ParagraphStyle("h1", parent=body, fontName=fonts["bold"], fontSize=13, leading=16, spaceBefore=10,
                          spaceAfter=4),
        2: ParagraphStyle("h2", parent=body, fontName=fonts["bold"], fontSize=11, leading=14, spaceBefore=6),
        3: ParagraphStyle("h3", parent=body, fontName=fonts["bold"], fontSize=10, leading=13, spaceBefore=4),
        "body": body,
        "missing": ParagraphStyle("missing", parent=body, fontName=fonts["italic"], textColor=colors.grey),
        "note": ParagraphStyle("note", parent=body, fontName=fonts["bold"], fontSize=11, leading=14,
                               textColor=colors.Color(*(c / 255 for c in MARK_COLOUR)), borderPadding=4,
                               borderColor=colors.Color(*(c / 255 for c in MARK_COLOUR)), borderWidth=1,
                               spaceBefore=6, spaceAfter=8),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontName=fonts["bold"], fontSize=9, leading=11, spaceAfter=0),
        # a long unbroken value (a SHA-256) may break anywhere rather than run off the page
        "long": ParagraphStyle("long", parent=body, fontSize=9, leading=11, spaceAfter=0, wordWrap="CJK"),
    }


def render_pdf(view: dict, language: str = "nb") -> bytes:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    blocks = layout(view, language)
    styles = _styles()
    buffer = io.BytesIO()
    margin = 20 * mm
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                 bottomMargin=margin, title=blocks[0].text, author="Vern", lang=language)
    width = A4[0] - 2 * margin
    story = []
    for block in blocks:
        if isinstance(block, Heading):
            story.append(PdfParagraph(escape(block.text), styles[min(block.level, 3)]))
        elif isinstance(block, Note):
            story.append(PdfParagraph(escape(block.text), styles["note"]))
        elif isinstance(block, Paragraph):
            text = escape(block.text).replace("\n", "<br/>")
            story.append(PdfParagraph(text, styles["missing" if block.missing else "body"]))
        elif isinstance(block, Table):
            story += [_pdf_table(block, styles, width), Spacer(1, 6)]
    draft = view.get("status") != "approved"
    footer = running_text(view, language)
    page_word = "Side" if language == "nb" else "Page"
    watermark = "UTKAST" if language == "nb" else "DRAFT"

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(_pdf_fonts()["regular"], 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(margin, 10 * mm, footer[:150])
        canvas.drawRightString(A4[0] - margin, 10 * mm, f"{page_word} {doc.page}")
        if draft:  # a draft cannot pass for an approved report, even torn from its first page
            canvas.setFont(_pdf_fonts()["bold"], 90)
            canvas.setFillColor(colors.Color(0.85, 0.1, 0.15, alpha=0.12))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, 0, watermark)
        canvas.restoreState()

    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _pdf_table(block: Table, styles: dict, width: float) -> PdfTable:
    def cell(text: str, style: str):
        long_word = any(len(word) > 30 for word in text.split())
        return PdfParagraph(escape(text).replace("\n", "<br/>"), styles["long" if long_word else style])

    rows = []
    if block.header:
        rows.append([cell(title, "label") for title in block.header])
    for row in block.rows:
        rows.append([cell(value, "label" if block.header is None and index == 0 else "cell")
                     for index, value in enumerate(row)])
    # each column as wide as its longest cell asks, within reason
    texts = ([block.header] if block.header else []) + list(block.rows)
    weights = [min(max(max(len(row[index]) for row in texts), 6), 60) for index in range(len(texts[0]))]
    widths = [width * weight / sum(weights) for weight in weights]
    table = PdfTable(rows, colWidths=widths, repeatRows=1 if block.header else 0, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if block.header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)))
    else:
        style.append(("BACKGROUND", (0, 0), (0, -1), colors.Color(0.96, 0.96, 0.96)))
    table.setStyle(TableStyle(style))
    return table
