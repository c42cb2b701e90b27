"""Reading completions from an e-learning platform's CSV export: each row checked on its own and
reported by its line in the file. Which course and person a row names is the use case's to look up.

Accepted: `;`, `,` or tab as separator, a UTF-8 byte order mark, English or Norwegian column
names, dates as 2026-03-31 or 31.03.2026, scores as 87.5, 87,5 or 87 %.
"""
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from marshmallow import Schema, ValidationError, fields, validate

from services.training.schemas import LABEL, not_in_future

MAX_ROWS = 20_000

# the columns Vern reads, and what e-learning platforms and Norwegian spreadsheets call them
COLUMNS = {
    "participant_id": ("participant_id", "participant", "user_id", "userid", "user", "employee_id",
                       "brukerid", "bruker_id", "bruker", "ansattnummer", "ansatt_id", "ansattnr"),
    "course": ("course", "course_code", "coursecode", "course_id", "kurs", "kurskode", "kurs_id"),
    "completed_on": ("completed_on", "completion_date", "completed", "date", "fullført", "fullfort",
                     "fullført_dato", "gjennomført", "dato"),
    "score": ("score", "result", "score_percent", "poeng", "resultat"),
    "passed": ("passed", "status", "bestått", "bestatt"),
    "unit": ("unit", "department", "enhet", "avdeling"),
    "role": ("role", "rolle"),
}
REQUIRED_COLUMNS = ("participant_id", "course", "completed_on")
PASSED_WORDS = {"passed", "pass", "completed", "complete", "yes", "true", "1", "bestått", "bestatt", "fullført",
                "fullfort", "ja", "godkjent"}
FAILED_WORDS = {"failed", "fail", "no", "false", "0", "ikke bestått", "ikke_bestått", "ikke bestatt", "nei",
                "ikke godkjent", "not passed"}


class CsvDate(fields.Date):
    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(f"Not a date: '{text[:40]}' (2026-03-31 or 31.03.2026) / Ikke en dato")


class CsvScore(fields.Float):
    def _deserialize(self, value, attr, data, **kwargs):
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        if not text:
            return None
        return super()._deserialize(text, attr, data, **kwargs)


class CsvPassed(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs):
        text = re.sub(r"\s+", " ", str(value).strip().lower())
        if not text:
            return None
        if text in PASSED_WORDS:
            return True
        if text in FAILED_WORDS:
            return False
        raise ValidationError(f"Not a result: '{text[:40]}' (passed/failed, bestått/ikke bestått) / Ukjent resultat")


class CompletionRowSchema(Schema):
    participant_id = fields.String(required=True, validate=LABEL)
    course = fields.String(required=True, validate=validate.Length(min=1, max=40))
    completed_on = CsvDate(required=True, validate=not_in_future)
    score = CsvScore(load_default=None, allow_none=True, validate=validate.Range(min=0, max=100))
    passed = CsvPassed(load_default=None, allow_none=True)
    unit = fields.String(load_default=None, validate=LABEL)
    role = fields.String(load_default=None, validate=LABEL)


@dataclass(frozen=True)
class Row:
    line: int
    participant_id: str
    course: str
    completed_on: date
    score: float | None
    passed: bool | None
    unit: str | None
    role: str | None


@dataclass
class Parsed:
    rows: list[Row]
    errors: list[dict]  # {line, field, message}
    total: int  # data rows in the file, valid or not


def error(line: int, field: str, message: str) -> dict:
    return {"line": line, "field": field, "message": message}


def parse(text: str) -> Parsed:
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return Parsed([], [error(1, "header", "The file has no header row / Filen mangler overskriftsrad")], 0)
    reader = csv.reader(io.StringIO(text), delimiter=_separator(lines[0]))
    header = [_column_key(cell) for cell in next(reader)]
    columns = _columns(header)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        return Parsed([], [error(1, name, f"Missing column / Mangler kolonne: {name} (accepted: "
                                          f"{', '.join(COLUMNS[name][:6])})") for name in missing], 0)
    rows, errors, total, line = [], [], 0, reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        total += 1
        if total > MAX_ROWS:
            errors.append(error(start, "file", f"More than {MAX_ROWS} rows; split the file / Del opp filen"))
            break
        raw = {name: cells[index].strip() for name, index in columns.items()
               if index < len(cells) and cells[index].strip()}
        try:
            loaded = CompletionRowSchema().load(raw)
        except ValidationError as invalid:
            errors.extend(error(start, field, " ".join(map(str, messages)))
                          for field, messages in sorted(invalid.normalized_messages().items()))
            continue
        rows.append(Row(line=start, **loaded))
    return Parsed(rows, errors, total)


def _separator(header_line: str) -> str:
    return max((";", ",", "\t"), key=header_line.count)


def _column_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


def _columns(header: list[str]) -> dict[str, int]:
    """Vern's column name -> its index in the file; the first matching column wins."""
    found = {}
    for name, aliases in COLUMNS.items():
        for index, key in enumerate(header):
            if key in aliases:
                found[name] = index
                break
    return found
