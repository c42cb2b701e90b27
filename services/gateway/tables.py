"""A register's rows ({title, columns, rows}) as a CSV or XLSX download."""
import csv
import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from werkzeug.wrappers import Response

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# A CSV cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP): quote
# it. Spreadsheets also skip whitespace and line breaks before a formula, so those are looked past.
FORMULA_START = ("=", "+", "-", "@")


def download(table: dict, file_format: str, filename: str) -> Response:
    content = to_xlsx(table) if file_format == "xlsx" else to_csv(table)
    return Response(content, mimetype=MEDIA_TYPES[file_format], headers={
        "Content-Disposition": f'attachment; filename="{filename}.{file_format}"'})


def to_csv(table: dict) -> bytes:
    """UTF-8 with a byte order mark and semicolons: what Excel in a Norwegian locale opens correctly."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(table["columns"])
    writer.writerows([[_safe(value) for value in row] for row in table["rows"]])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def to_xlsx(table: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "-", table.get("title") or "Vern")[:31]
    sheet.append(table["columns"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table["rows"]:
        sheet.append([_printable(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:  # text that looks like a formula stays text
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


def _printable(value):
    """XLSX cannot hold control characters; one pasted into a free-text field must not make the
    whole register undownloadable, so it is dropped from the cell."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _safe(value):
    """A text cell a spreadsheet would run as a formula, with a leading apostrophe: shown as text."""
    if isinstance(value, str) and (value.lstrip().startswith(FORMULA_START) or value.startswith(("\t", "\r"))):
        return "'" + value
    return value
