import io

from openpyxl import load_workbook

from services.gateway.tables import to_csv, to_xlsx


def test_a_control_character_in_a_field_does_not_break_the_xlsx_export():
    # found by schemathesis: a title with \x1b made openpyxl refuse the whole register (500)
    table = {"title": "Behandlinger", "columns": ["Navn"], "rows": [["Lønn\x1b og\x00 personal"]]}
    sheet = load_workbook(io.BytesIO(to_xlsx(table))).active
    assert sheet["A2"].value == "Lønn og personal"
    assert "Lønn\x1b og" in to_csv(table).decode("utf-8")  # CSV carries it as sent
