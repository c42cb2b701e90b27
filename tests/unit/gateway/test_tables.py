import csv
import io

import pytest
from openpyxl import load_workbook

from services.gateway.tables import to_csv, to_xlsx


def test_a_control_character_in_a_field_does_not_break_the_xlsx_export():
    # found by schemathesis: a title with \x1b made openpyxl refuse the whole register (500)
    table = {"title": "Behandlinger", "columns": ["Navn"], "rows": [["Lønn\x1b og\x00 personal"]]}
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet["A2"].value == "Lønn og personal"
    assert "Lønn\x1b og" in to_csv(table).decode("utf-8")  # CSV carries it as sent


@pytest.mark.parametrize("cell", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", " =1+1", "  +1+1", "\n-1+1", "\r\n@SUM(A1)",
                                  "\t=1+1", " \n =HYPERLINK(\"https://evil.example\")", "\u00a0=1+1"])
def test_a_formula_after_whitespace_or_a_line_break_is_text_in_the_csv(cell):
    # issue 23: only a formula at the very start was neutralised; a spreadsheet skips what comes before it
    text = to_csv({"title": "Risikoregister", "columns": ["Tittel"], "rows": [[cell]]}).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == ["'" + cell]


@pytest.mark.parametrize("cell", ["Lønn og personal", "Tap av data - 2 hendelser", "e-post@kommune.no", " ", ""])
def test_ordinary_text_is_left_as_it_is(cell):
    text = to_csv({"title": "Risikoregister", "columns": ["Tittel"], "rows": [[cell]]}).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";"))[1] == [cell]


def test_a_formula_is_a_text_cell_in_the_xlsx():
    rows = [["=1+1"], [" =1+1"], ["\n+1+1"]]
    sheet = load_workbook(io.BytesIO(to_xlsx({"title": "Risikoregister", "columns": ["Tittel"], "rows": rows}))).active
    assert [(cell.value, cell.data_type) for cell in sheet["A"][1:]] == [("=1+1", "s"), (" =1+1", "s"), ("\n+1+1", "s")]
